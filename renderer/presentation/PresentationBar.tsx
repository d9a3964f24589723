// The one strip of chrome left while presenting: which slide shows, previous/next/overview, the
// laser and spotlight toggles, high contrast, the run controls (so a run can be started with the
// mouse too), and how to leave. A slim strip in the toolbar's place, so it never covers the design.
import type { ReactNode } from 'react';
import { commandInfo } from '../../shared/commands/commands';
import { isCommandEnabled, runCommand } from '../commands/registry';
import { displayShortcut } from '../commands/shortcutText';
import { useCommandStateVersion } from '../commands/useCommandState';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { slidesInReadingOrder } from './slides';
import { usePresentation } from '../store/presentationStore';
import './presentation.css';

function BarButton(props: { id: string; children: ReactNode; pressed?: boolean }) {
  useCommandStateVersion();
  const info = commandInfo(props.id);
  const shortcut = info?.shortcut ? displayShortcut(info.shortcut) : '';
  return (
    <button
      type="button"
      className="presentation-button"
      data-command={props.id}
      aria-pressed={props.pressed}
      disabled={!isCommandEnabled(props.id)}
      title={shortcut ? `${info?.label} (${shortcut})` : info?.label}
      onClick={() => void runCommand(props.id)}
    >
      {props.children}
    </button>
  );
}

export function PresentationBar(props: { children?: ReactNode }) {
  const slideIndex = usePresentation((state) => state.slideIndex);
  const overview = usePresentation((state) => state.overview);
  const tool = usePresentation((state) => state.tool);
  const spotlight = usePresentation((state) => state.spotlight);
  const highContrast = useUiStore((state) => state.highContrast);
  const notes = useDesignStore((state) => state.design.notes);
  const slides = slidesInReadingOrder(notes);
  const current = slideIndex === null ? null : slides[slideIndex];
  const where =
    slides.length === 0
      ? 'No frames: draw frames to make slides'
      : current
        ? `Slide ${slideIndex! + 1} of ${slides.length}: ${current.text || 'Region'}`
        : overview
          ? `Overview: ${slides.length} slides`
          : `${slides.length} slides: → to start`;
  return (
    <div className="presentation-bar" role="toolbar" aria-label="Presentation" data-testid="presentation-bar">
      <span className="presentation-where" data-testid="presentation-where">
        {where}
      </span>
      <BarButton id="present.previous">‹</BarButton>
      <BarButton id="present.next">›</BarButton>
      <BarButton id="present.overview" pressed={overview}>
        All
      </BarButton>
      <span className="presentation-separator" />
      <BarButton id="present.laser" pressed={tool === 'laser'}>
        Laser
      </BarButton>
      <BarButton id="present.spotlight" pressed={spotlight}>
        Spotlight
      </BarButton>
      <BarButton id="view.highContrast" pressed={highContrast}>
        Contrast
      </BarButton>
      <span className="presentation-separator" />
      {props.children}
      <BarButton id="present.exit">Exit (Esc)</BarButton>
    </div>
  );
}
