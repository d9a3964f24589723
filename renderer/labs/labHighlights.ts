// The step's nodes on the canvas: one Konva shape in the live layer (listening off, drawn in world
// units) rings each highlighted node and points a callout arrow at the first. Redrawn only when
// the step, the design or the theme changes; a node being dragged is read live from canvasRefs.
import Konva from 'konva';
import { NODE_HEIGHT, NODE_WIDTH } from '../../shared/document/geometry';
import { canvasRefs } from '../canvas/canvasRefs';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { stepNodes } from './labSession';
import { currentStep, useLabStore } from './labStore';

const RING_GAP = 8;
const ARROW_LENGTH = 70;

/** The nodes the open lab highlights now (empty when no lab or the caption is hidden). */
export function highlightedNodes(): string[] {
  const state = useLabStore.getState();
  const step = currentStep(state);
  if (!step || state.captionHidden) return [];
  return stepNodes(step, useDesignStore.getState().design);
}

function paint(context: Konva.Context, shape: Konva.Shape): void {
  const ids = highlightedNodes();
  if (ids.length === 0) return;
  const dark = document.documentElement.dataset.theme === 'dark';
  const colour = dark ? '#ffb347' : '#d9480f';
  const scale = canvasRefs.stage?.scaleX() ?? 1;
  const ctx = context._context;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 3 / Math.max(0.3, scale);
  ctx.setLineDash([]);
  ids.forEach((id, index) => {
    const centre = canvasRefs.nodePosition(id);
    if (!centre) return;
    const x = centre.x - NODE_WIDTH / 2 - RING_GAP;
    const y = centre.y - NODE_HEIGHT / 2 - RING_GAP;
    const w = NODE_WIDTH + 2 * RING_GAP;
    const h = NODE_HEIGHT + 2 * RING_GAP;
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, 14);
    ctx.stroke();
    if (index > 0) return;
    // The callout arrow: from above-left of the first node down to its ring's corner.
    const tip = { x: x + 4, y: y + 4 };
    const tail = { x: tip.x - ARROW_LENGTH, y: tip.y - ARROW_LENGTH };
    ctx.beginPath();
    ctx.moveTo(tail.x, tail.y);
    ctx.lineTo(tip.x - 8, tip.y - 8);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(tip.x, tip.y);
    ctx.lineTo(tip.x - 20, tip.y - 6);
    ctx.lineTo(tip.x - 6, tip.y - 20);
    ctx.closePath();
    ctx.fill();
  });
  ctx.restore();
  void shape;
}

/** Mounts the highlight shape on the canvas while the app runs; returns its removal. */
export function installLabHighlights(): () => void {
  let shape: Konva.Shape | null = null;
  const redraw = () => shape?.getLayer()?.batchDraw();
  const mount = () => {
    const layer = canvasRefs.layers?.live;
    if (shape && shape.getLayer() === layer) return;
    shape?.destroy();
    shape = layer ? new Konva.Shape({ listening: false, perfectDrawEnabled: false, sceneFunc: paint }) : null;
    if (layer && shape) {
      layer.add(shape);
      shape.moveToTop();
      layer.batchDraw();
    }
  };
  mount();
  const unsubscribers = [
    canvasRefs.subscribe(mount),
    useLabStore.subscribe(redraw),
    useDesignStore.subscribe((state, before) => {
      if (state.design !== before.design || state.viewport !== before.viewport) redraw();
    }),
    useUiStore.subscribe((state, before) => {
      if (state.theme !== before.theme) redraw();
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    shape?.destroy();
    shape = null;
  };
}

/** For automation and tests: which nodes are ringed now. */
export const labHighlightState = () => ({ nodes: highlightedNodes() });
