// One error boundary per window region (toolbar, palette, canvas, inspector, run dock, status bar,
// dialogs, and the app as a last resort). A render error unmounts only that region: the design, its
// history and the draft live in stores outside React (and autosave outside every region), so they
// survive; the fallback says what failed and Retry remounts the region.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { create } from 'zustand';
import { automationEnabled, extendAutomation } from '../automation';
import { reportAppError } from '../ui/appErrors';

export type Region =
  | 'toolbar'
  | 'palette'
  | 'canvas'
  | 'inspector'
  | 'lab'
  | 'dock'
  | 'status'
  | 'dialogs'
  | 'interview'
  | 'app';

export const REGIONS: readonly Region[] = [
  'toolbar',
  'palette',
  'canvas',
  'inspector',
  'lab',
  'dock',
  'status',
  'dialogs',
  'interview',
  'app',
];

/** What the region is called in messages ("The inspector hit an error: …"). */
export const REGION_NAMES: Record<Region, string> = {
  toolbar: 'the toolbar',
  palette: 'the palette',
  canvas: 'the canvas',
  inspector: 'the inspector',
  lab: 'the lab player',
  dock: 'the run dock',
  status: 'the status bar',
  dialogs: 'this dialog',
  interview: 'the interview bar',
  app: 'the app',
};

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "The inspector hit an error: Cannot read properties of undefined (reading 'kind')" */
export const regionErrorTitle = (region: Region, error: Error) =>
  `${capitalised(REGION_NAMES[region])} hit an error: ${error.message || error.name || 'unknown error'}`;

/**
 * Test hook (`__backpressure.breakRegion(region, message?)`, only with `?automation=1`): the
 * region's next render throws, as a bug in it would. Disarmed once its boundary has caught it.
 */
export const useRegionFaults = create<{ armed: Partial<Record<Region, string>> }>()(() => ({ armed: {} }));

export function installRegionAutomation(): () => void {
  extendAutomation({
    breakRegion: (region: Region, message = `test fault in ${region}`) => {
      if (!REGIONS.includes(region))
        throw new Error(`breakRegion(): "${region}" is not one of ${REGIONS.join(', ')}.`);
      useRegionFaults.setState((state) => ({ armed: { ...state.armed, [region]: message } }));
    },
  });
  return () => {};
}

function RegionFault({ region }: { region: Region }) {
  const message = useRegionFaults((state) => state.armed[region]);
  if (message) throw new Error(message);
  return null;
}

/** What a failed region shows in its place. Pure, so it can be rendered on its own in tests. */
export function RegionFallback({
  region,
  error,
  className,
  onRetry,
  onClose,
}: {
  region: Region;
  error: Error;
  className?: string;
  onRetry: () => void;
  /** Dialogs only: closes whatever was open instead of retrying it. */
  onClose?: () => void;
}) {
  return (
    <div
      className={`region-fallback region-fallback-${region}${className ? ` ${className}` : ''}`}
      role="alert"
      data-testid={`region-error-${region}`}
    >
      <div className="region-fallback-text">
        <p className="region-fallback-title">{regionErrorTitle(region, error)}</p>
        <p className="region-fallback-hint">
          Your design is kept, with its unsaved changes.
          {region === 'app' ? '' : ' The rest of the window still works.'}
        </p>
      </div>
      <div className="region-fallback-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid={`region-retry-${region}`}
          title={`Reload ${REGION_NAMES[region]}`}
          onClick={onRetry}
        >
          Retry
        </button>
        {onClose ? (
          <button type="button" className="button" data-testid={`region-close-${region}`} onClick={onClose}>
            Close
          </button>
        ) : null}
      </div>
    </div>
  );
}

interface Props {
  region: Region;
  /** Class of the fallback, so it keeps the region's place in the layout ("panel inspector"). */
  className?: string;
  /** Offered next to Retry (dialogs: close them). */
  onClose?: () => void;
  children: ReactNode;
}

interface State {
  error: Error | null;
  /** Bumped by Retry: a new key mounts the region afresh. */
  mount: number;
}

export class RegionBoundary extends Component<Props, State> {
  override state: State = { error: null, mount: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    const region = this.props.region;
    if (useRegionFaults.getState().armed[region])
      useRegionFaults.setState((state) => ({ armed: { ...state.armed, [region]: undefined } }));
    // The fallback says it in place; a toast as well would say it twice.
    reportAppError(regionErrorTitle(region, error), error, info.componentStack, { toast: false });
  }

  private retry = () => this.setState((state) => ({ error: null, mount: state.mount + 1 }));

  private close = () => {
    this.props.onClose?.();
    this.retry();
  };

  override render() {
    const { region, className, onClose, children } = this.props;
    const { error, mount } = this.state;
    if (error)
      return (
        <RegionFallback
          region={region}
          error={error}
          className={className}
          onRetry={this.retry}
          onClose={onClose ? this.close : undefined}
        />
      );
    return (
      <RegionContent key={mount} region={region}>
        {children}
      </RegionContent>
    );
  }
}

function RegionContent({ region, children }: { region: Region; children: ReactNode }) {
  return (
    <>
      {automationEnabled() && <RegionFault region={region} />}
      {children}
    </>
  );
}
