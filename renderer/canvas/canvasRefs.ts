// The hook point for features that draw on the canvas without React (the live run's gauges and
// particles): the stage, its layers, and each node's Konva shape and current world position.
// Write to `layers.live` (listening off) from one animation loop; never re-render React per frame.
import type Konva from 'konva';
import type { Point } from '../../shared/document/geometry';

export interface CanvasLayers {
  /** Background and grid; redrawn on pan and zoom only. */
  grid: Konva.Layer;
  /** Frames, edges, nodes, notes: redrawn when the document changes. */
  static: Konva.Layer;
  /** What is being dragged, the marquee, the connection being drawn. */
  interaction: Konva.Layer;
  /** Empty and `listening(false)`: reserved for live-run overlays, above everything else. */
  live: Konva.Layer;
}

type Listener = () => void;

class CanvasRefRegistry {
  stage: Konva.Stage | null = null;
  layers: CanvasLayers | null = null;
  /** nodeId → the node's Konva shape (its position is the node centre in world units). */
  readonly nodeShapes = new Map<string, Konva.Shape>();
  readonly edgeShapes = new Map<string, Konva.Shape>();
  readonly noteGroups = new Map<string, Konva.Group>();
  /** World positions of nodes while they are being dragged (the document updates at the end). */
  readonly livePositions = new Map<string, Point>();
  private readonly listeners = new Set<Listener>();

  /** The node's centre as drawn right now (live during a drag), or null if it is not on the canvas. */
  nodePosition(nodeId: string): Point | null {
    const live = this.livePositions.get(nodeId);
    if (live) return live;
    const shape = this.nodeShapes.get(nodeId);
    return shape ? { x: shape.x(), y: shape.y() } : null;
  }

  /** Called when the stage or layers mount, or nodes are added or removed. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Hands the keyboard back to the canvas (an inspector field after Enter or Escape), so Space, K,
   * E and the other canvas keys work again without a click.
   */
  focusCanvas(): void {
    this.stage?.container().closest<HTMLElement>('.design-canvas')?.focus({ preventScroll: true });
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}

export const canvasRefs = new CanvasRefRegistry();
