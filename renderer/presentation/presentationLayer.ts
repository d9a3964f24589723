// The presentation's own Konva layer, above the live run: the spotlight (a dimming sheet with holes
// cut around the hovered and selected cards) and the laser trail (a few line segments, fading by
// age). `listening(false)` like every layer here. The laser's animation loop runs only while a trail
// is visible; the spotlight redraws only when hover, selection, the document or the camera change
// (a camera change redraws the whole stage anyway).
import Konva from 'konva';
import { NODE_HEIGHT, NODE_WIDTH, screenToWorld } from '../../shared/document/geometry';
import { canvasRefs } from '../canvas/canvasRefs';
import { useCanvasUi } from '../store/canvasUiStore';
import { useDesignStore } from '../store/designStore';
import { extendAutomation } from '../automation';
import { LaserTrail, laserOpacity } from './laserTrail';
import { usePresentation } from '../store/presentationStore';

const LASER_COLOR = '255, 45, 85';
const LASER_WIDTH_PX = 5;
const SPOTLIGHT_PADDING = 10;
const SPOTLIGHT_DIM = 'rgba(8, 10, 16, 0.62)';

type Native = CanvasRenderingContext2D;
const native = (context: Konva.Context) => (context as unknown as { _context: Native })._context;

const trail = new LaserTrail();

/** The cards the spotlight leaves lit: the hovered one and the selection. */
function litNodeIds(): string[] {
  const lit = new Set(useDesignStore.getState().selection.nodes);
  const hovered = useCanvasUi.getState().hoveredNodeId;
  if (hovered) lit.add(hovered);
  return [...lit];
}

function paintSpotlight(ctx: Native, stage: Konva.Stage): void {
  if (!usePresentation.getState().spotlight) return;
  const scale = stage.scaleX();
  const topLeft = screenToWorld({ x: stage.x(), y: stage.y(), scale }, { x: 0, y: 0 });
  const w = stage.width() / scale;
  const h = stage.height() / scale;
  ctx.save();
  ctx.fillStyle = SPOTLIGHT_DIM;
  ctx.fillRect(topLeft.x, topLeft.y, w, h);
  ctx.globalCompositeOperation = 'destination-out';
  ctx.fillStyle = '#000';
  for (const id of litNodeIds()) {
    const centre = canvasRefs.nodePosition(id);
    if (!centre) continue;
    ctx.beginPath();
    ctx.roundRect(
      centre.x - NODE_WIDTH / 2 - SPOTLIGHT_PADDING,
      centre.y - NODE_HEIGHT / 2 - SPOTLIGHT_PADDING,
      NODE_WIDTH + 2 * SPOTLIGHT_PADDING,
      NODE_HEIGHT + 2 * SPOTLIGHT_PADDING,
      14,
    );
    ctx.fill();
  }
  ctx.restore();
}

function paintLaser(ctx: Native, stage: Konva.Stage, nowMs: number): void {
  const points = trail.points;
  if (points.length === 0) return;
  const width = LASER_WIDTH_PX / stage.scaleX();
  ctx.save();
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const opacity = laserOpacity(nowMs - b.atMs);
    ctx.strokeStyle = `rgba(${LASER_COLOR}, ${opacity})`;
    // The tail thins as it fades, as a real laser's afterglow does.
    ctx.lineWidth = width * (0.35 + 0.65 * opacity);
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }
  const head = points[points.length - 1]!;
  const headOpacity = laserOpacity(nowMs - head.atMs);
  ctx.fillStyle = `rgba(${LASER_COLOR}, ${headOpacity})`;
  ctx.shadowColor = `rgba(${LASER_COLOR}, ${0.8 * headOpacity})`;
  ctx.shadowBlur = 12;
  ctx.beginPath();
  ctx.arc(head.x, head.y, width * 1.2, 0, Math.PI * 2);
  ctx.fill();
  ctx.restore();
}

/** Mounts the layer whenever the stage mounts, and the laser's pointer listeners on the canvas. */
export function installPresentationLayer(): () => void {
  let layer: Konva.Layer | null = null;
  let container: HTMLElement | null = null;
  let frame = 0;

  const redraw = () => layer?.batchDraw();
  const animate = () => {
    frame = 0;
    const alive = trail.prune(performance.now());
    redraw();
    if (alive) frame = requestAnimationFrame(animate);
  };
  const startAnimation = () => {
    if (!frame) frame = requestAnimationFrame(animate);
  };

  const laserOn = () => usePresentation.getState().tool === 'laser';
  const worldAt = (event: PointerEvent) => {
    const stage = canvasRefs.stage!;
    const rect = stage.container().getBoundingClientRect();
    return screenToWorld(
      { x: stage.x(), y: stage.y(), scale: stage.scaleX() },
      { x: event.clientX - rect.left, y: event.clientY - rect.top },
    );
  };
  // Capture phase, before the canvas's own handlers: with the laser on, the pointer draws the trail
  // and never selects, drags or pans.
  const onPointerMove = (event: PointerEvent) => {
    if (!laserOn() || !canvasRefs.stage) return;
    trail.add({ ...worldAt(event), atMs: performance.now() });
    startAnimation();
  };
  const onPointerDown = (event: PointerEvent) => {
    if (!laserOn() || event.button !== 0) return;
    event.stopPropagation();
    onPointerMove(event);
  };

  const attach = () => {
    const stage = canvasRefs.stage;
    if (stage && layer?.getStage() === stage) return;
    detach();
    if (!stage) return;
    layer = new Konva.Layer({ listening: false, name: 'presentation' });
    layer.add(
      new Konva.Shape({
        name: 'spotlight',
        listening: false,
        perfectDrawEnabled: false,
        sceneFunc: (context) => paintSpotlight(native(context), stage),
      }),
      new Konva.Shape({
        name: 'laser',
        listening: false,
        perfectDrawEnabled: false,
        sceneFunc: (context) => paintLaser(native(context), stage, performance.now()),
      }),
    );
    stage.add(layer);
    // Named in the page, so what reads the live layer's pixels can tell the two apart.
    layer.getNativeCanvasElement().dataset.layer = 'presentation';
    container = stage.container().closest<HTMLElement>('.design-canvas');
    container?.addEventListener('pointermove', onPointerMove, true);
    container?.addEventListener('pointerdown', onPointerDown, true);
  };
  const detach = () => {
    container?.removeEventListener('pointermove', onPointerMove, true);
    container?.removeEventListener('pointerdown', onPointerDown, true);
    container = null;
    layer?.destroy();
    layer = null;
  };

  attach();
  const unsubscribers = [
    canvasRefs.subscribe(attach),
    useCanvasUi.subscribe((state, previous) => {
      if (state.hoveredNodeId !== previous.hoveredNodeId && usePresentation.getState().spotlight) redraw();
    }),
    useDesignStore.subscribe((state, previous) => {
      if (!usePresentation.getState().spotlight) return;
      if (state.selection !== previous.selection || state.design !== previous.design) redraw();
    }),
    usePresentation.subscribe((state, previous) => {
      if (state.tool !== previous.tool && state.tool !== 'laser') trail.clear();
      if (state.spotlight !== previous.spotlight || state.tool !== previous.tool) redraw();
    }),
  ];

  extendAutomation({
    /** The presentation layer as drawn: its shapes, the laser's live trail length, one pixel's alpha. */
    presentationLayer: () => ({
      shapes: layer?.getChildren().map((shape) => shape.name()) ?? [],
      laserPoints: trail.points.length,
    }),
    presentationAlphaAt: (clientX: number, clientY: number) => {
      if (!layer) return null;
      const canvas = layer.getCanvas();
      const rect = canvasRefs.stage!.container().getBoundingClientRect();
      const ratio = canvas.getPixelRatio();
      const pixel = canvas
        .getContext()
        ._context.getImageData(
          Math.round((clientX - rect.left) * ratio),
          Math.round((clientY - rect.top) * ratio),
          1,
          1,
        );
      return pixel.data[3];
    },
  });

  return () => {
    cancelAnimationFrame(frame);
    for (const unsubscribe of unsubscribers) unsubscribe();
    detach();
  };
}
