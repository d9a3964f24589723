// The presentation commands' handlers: enter and leave (F5 / Escape), the laser and spotlight
// toggles, slides and the overview. The camera moves through the canvas controller's one
// `setViewport` (the store stays the one truth), animated here by one requestAnimationFrame loop.
import { registerCommands } from '../commands/registry';
import { canvasController } from '../canvas/controller';
import { canvasRefs } from '../canvas/canvasRefs';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { useCanvasUi } from '../store/canvasUiStore';
import { extendAutomation } from '../automation';
import {
  clampScale,
  designBounds,
  noteRect,
  screenToWorld,
  type Viewport,
} from '../../shared/document/geometry';
import { slidesInReadingOrder, viewportBetween, viewportShowing } from './slides';
import { playSlide, stopSlidePlay } from './slidePlay';
import { PRESENTATION_SCALE, usePresentation } from '../store/presentationStore';

const CAMERA_MOVE_MS = 450;

const presentation = () => usePresentation.getState();
const slides = () => slidesInReadingOrder(useDesignStore.getState().design.notes);

function canvasSize(): { w: number; h: number } {
  const element = canvasRefs.stage?.container().closest<HTMLElement>('.design-canvas');
  return element && element.clientWidth > 0
    ? { w: element.clientWidth, h: element.clientHeight }
    : { w: window.innerWidth, h: window.innerHeight };
}

let cameraFrame = 0;

/** Moves the camera to `target` over CAMERA_MOVE_MS (at once when the user prefers reduced motion). */
export function moveCamera(target: Viewport): void {
  cancelAnimationFrame(cameraFrame);
  const from = useDesignStore.getState().viewport;
  const screen = canvasSize();
  const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  if (reduced) {
    canvasController.setViewport(target);
    return;
  }
  const startMs = performance.now();
  const step = (nowMs: number) => {
    const t = Math.min(1, (nowMs - startMs) / CAMERA_MOVE_MS);
    canvasController.setViewport(t >= 1 ? target : viewportBetween(from, target, t, screen));
    if (t < 1) cameraFrame = requestAnimationFrame(step);
  };
  cameraFrame = requestAnimationFrame(step);
}

/** Shows slide `index` (clamped to the slides there are). */
function showSlide(index: number): void {
  const list = slides();
  if (list.length === 0) return;
  const clamped = Math.max(0, Math.min(list.length - 1, index));
  presentation().set({ slideIndex: clamped, overview: false });
  moveCamera(viewportShowing(noteRect(list[clamped]!), canvasSize()));
  playSlide(list[clamped]!);
}

function showOverview(): void {
  const bounds = designBounds(useDesignStore.getState().design);
  if (!bounds) return;
  stopSlidePlay();
  presentation().set({ slideIndex: null, overview: true });
  moveCamera(viewportShowing(bounds, canvasSize()));
}

/** Hides the chrome and enlarges the view PRESENTATION_SCALE× about what was in the middle. */
export function startPresenting(): void {
  if (presentation().presenting) return;
  const before = useDesignStore.getState().viewport;
  const sizeBefore = canvasSize();
  const centre = screenToWorld(before, { x: sizeBefore.w / 2, y: sizeBefore.h / 2 });
  presentation().set({ presenting: true, viewportBefore: before, slideIndex: null, overview: false });
  // The palette and inspector leave on the next render; zoom once the canvas has its new size.
  requestAnimationFrame(() => {
    const size = canvasSize();
    const scale = clampScale(before.scale * PRESENTATION_SCALE);
    canvasController.setViewport({
      scale,
      x: size.w / 2 - centre.x * scale,
      y: size.h / 2 - centre.y * scale,
    });
  });
}

export function stopPresenting(): void {
  if (!presentation().presenting) return;
  cancelAnimationFrame(cameraFrame);
  stopSlidePlay();
  const before = presentation().viewportBefore;
  presentation().set({
    presenting: false,
    tool: 'edit',
    spotlight: false,
    slideIndex: null,
    overview: false,
  });
  if (before) requestAnimationFrame(() => canvasController.setViewport(before));
}

/** The canvas changed size under a slide (the dock opened when the slide started the run): show the slide again. */
function keepSlideShown(): void {
  const { presenting, slideIndex } = presentation();
  const frame = presenting && slideIndex !== null ? slides()[slideIndex] : undefined;
  if (frame) moveCamera(viewportShowing(noteRect(frame), canvasSize()));
}

export function registerPresentationCommands(): () => void {
  canvasController.resizeListeners.add(keepSlideShown);
  const presenting = () => presentation().presenting;
  const hasSlides = () => presenting() && slides().length > 0;
  extendAutomation({
    presentation: () => {
      const { presenting, tool, spotlight, slideIndex, overview } = presentation();
      return { presenting, tool, spotlight, slideIndex, overview, slideCount: slides().length };
    },
  });
  const unregister = registerCommands({
    'view.presentation': { run: () => (presenting() ? stopPresenting() : startPresenting()) },
    // Escape leaves presentation; outside it, Escape puts a laser pointer away. An open context
    // menu is closed first (by the canvas's own Escape).
    'present.exit': {
      run: () => (presenting() ? stopPresenting() : presentation().set({ tool: 'edit' })),
      enabled: () => !useCanvasUi.getState().contextMenu && (presenting() || presentation().tool === 'laser'),
    },
    'present.next': {
      run: () => showSlide((presentation().slideIndex ?? -1) + 1),
      enabled: hasSlides,
    },
    'present.previous': {
      run: () => {
        const index = presentation().slideIndex;
        showSlide(index === null ? 0 : index - 1);
      },
      enabled: hasSlides,
    },
    'present.overview': { run: showOverview, enabled: presenting },
    'present.laser': {
      run: () => presentation().set({ tool: presentation().tool === 'laser' ? 'edit' : 'laser' }),
    },
    'present.spotlight': { run: () => presentation().set({ spotlight: !presentation().spotlight }) },
    'view.highContrast': {
      run: () => {
        const ui = useUiStore.getState();
        ui.setHighContrast(!ui.highContrast);
        ui.showNotice({ text: `High-contrast theme ${ui.highContrast ? 'off' : 'on'}`, tone: 'info' });
      },
    },
  });
  return () => {
    unregister();
    canvasController.resizeListeners.delete(keepSlideShown);
  };
}
