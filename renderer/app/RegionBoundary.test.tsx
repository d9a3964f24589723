// What a failed region shows in its place: what failed, that the design is kept, and Retry (plus
// Close for dialogs). The boundary catching a real render error is proven in e2e/fault-recovery.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { REGIONS, RegionBoundary, RegionFallback, regionErrorTitle } from './RegionBoundary';

const noop = () => {};

describe('region fallback', () => {
  it('names the region and the error, says the design is kept, and offers Retry', () => {
    const html = renderToStaticMarkup(
      <RegionFallback region="inspector" error={new Error('Cannot read the parameters')} onRetry={noop} />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('The inspector hit an error: Cannot read the parameters');
    expect(html).toContain(
      'Your design is kept, with its unsaved changes. The rest of the window still works.',
    );
    expect(html).toContain('>Retry</button>');
    expect(html).toContain('title="Reload the inspector"');
    expect(html).not.toContain('Close');
  });

  it('offers Close for a dialog that keeps failing', () => {
    const html = renderToStaticMarkup(
      <RegionFallback region="dialogs" error={new Error('x')} onRetry={noop} onClose={noop} />,
    );
    expect(html).toContain('This dialog hit an error: x');
    expect(html).toContain('>Close</button>');
  });

  it('has words for every region, and for an error without a message', () => {
    for (const region of REGIONS)
      expect(regionErrorTitle(region, new Error('e'))).toMatch(/^[A-Z].* hit an error: e$/);
    expect(regionErrorTitle('dock', new TypeError(''))).toBe('The run dock hit an error: TypeError');
  });

  it('turns anything thrown into an Error it can show', () => {
    expect(RegionBoundary.getDerivedStateFromError('plain string').error).toEqual(new Error('plain string'));
    const error = new RangeError('too deep');
    expect(RegionBoundary.getDerivedStateFromError(error).error).toBe(error);
  });

  it('renders its children while nothing failed', () => {
    vi.stubGlobal('window', { location: { search: '' } }); // not in automation mode: no fault hook
    const html = renderToStaticMarkup(
      <RegionBoundary region="canvas">
        <p>canvas here</p>
      </RegionBoundary>,
    );
    expect(html).toBe('<p>canvas here</p>');
    vi.unstubAllGlobals();
  });
});
