// The canvas's part of `window.__backpressure`: world → page coordinates for tests that drive the
// real mouse, and the gesture state for diagnostics.
import { extendAutomation } from '../automation';
import { canvasRefs } from './canvasRefs';
import type { CanvasController } from './controller';
import type { Point } from '../../shared/document/geometry';

export function installCanvasAutomation(controller: CanvasController): () => void {
  extendAutomation({
    worldToScreen: (point: Point) => controller.worldToClient(point),
    canvasGesture: () => controller.gesture.state,
    /** Sets the view (benchmarks, scripted lessons); the same as panning and zooming by hand. */
    setViewport: (viewport: { x: number; y: number; scale: number }) => controller.setViewport(viewport),
    /** Node centres as drawn right now (live during a drag). */
    nodeScreenPosition: (nodeId: string) => {
      const world = canvasRefs.nodePosition(nodeId);
      return world ? controller.worldToClient(world) : null;
    },
  });
  return () => {};
}
