// The live run on the canvas: ONE requestAnimationFrame loop draws gauges, instance dots, edge
// load and traffic particles into the canvas's `live` layer through three Konva shapes (edges +
// particles, node overlays, instance dots), all `listening(false)`. Nothing goes through React
// state per frame. Instance dots are hit-tested geometrically (the canvas's own rule: the stage does
// not listen) from capture-phase pointer listeners on the stage container, so a click on a dot
// selects the node and that instance and a right-click opens the chaos menu for it.
import Konva from 'konva';
import { isReplicated, nodeParams } from '../../../shared/document/catalog';
import { formatCount } from '../../../shared/format';
import { nodePillText } from '../../run/nodeFigures';
import { kindCan } from '../../../shared/kinds/index';
import type { Design } from '../../../shared/document/types';
import { currentCanvasTheme, type CanvasTheme } from '../../ui/themeColors';
import { automationEnabled, extendAutomation } from '../../automation';
import { useDesignStore } from '../../store/designStore';
import { canvasRefs } from '../canvasRefs';
import { useCanvasUi } from '../../store/canvasUiStore';
import { openInstanceMenu, type InstanceMenu } from '../ContextMenu';
import { DETAIL_MIN_SCALE, isOffScreen, strokeRoute } from '../drawing';
import {
  NODE_HEIGHT,
  NODE_WIDTH,
  bezierPoint,
  edgeBends,
  routeEdge,
  screenToWorld,
  type EdgeRoute,
  type Point,
} from '../../../shared/document/geometry';
import { liveFrame, useRunStore } from '../../run/runStore';
import type { EdgeGauges, InstanceGauges, NodeGauges } from '../../run/types';
import { GaugeReader } from '../../worker/samples';
import {
  DOT_RADIUS,
  HEALTH_LOOK,
  maxDotsAt,
  dotScaleAt,
  PARTICLE_POOL,
  TRAFFIC_COLORS,
  dotAt,
  dotCenter,
  edgeWidth,
  healthOf,
  linkLabel,
  linkLoad,
  particleCounts,
  pillLeft,
  type Health,
  type Span,
} from './liveModel';

/** What is shown: the live frame, or the sample at the scrub cursor. */
interface LiveView {
  nodes: Map<string, NodeGauges>;
  instances: Map<string, InstanceGauges[]>;
  edges: Map<string, EdgeGauges>;
}

/** Counters the e2e tests and the benchmark read (through automation). */
export const liveLayerStats = {
  /** Whether the per-node records below are kept: only with automation on (tests, benchmark),
   *  so a normal run allocates nothing for them on every frame. */
  recording: false,
  framesDrawn: 0,
  particlesDrawn: 0,
  dotsDrawn: 0,
  health: {} as Record<string, Health>,
  cutEdges: [] as string[],
  /** Edges drawn saturated (a link at ≥ 80% in either direction), and every edge's busier
   *  direction's utilisation as painted. */
  saturatedEdges: [] as string[],
  linkUtilization: {} as Record<string, number>,
  /** Per node, what the last paint wrote: the pill text (rps · p99 · the kind's gauge), the cache's
   *  hit-rate ring (0..1), the queue gauge's depth, and its instance dots ("alive", "dead+leader" …). */
  pills: {} as Record<string, string>,
  /** Per node, where its pill (with a cache's hit-rate ring) was drawn, in world units. */
  pillBoxes: {} as Record<string, { x: number; y: number; w: number; h: number }>,
  rings: {} as Record<string, number>,
  queues: {} as Record<string, number>,
  dots: {} as Record<string, string[]>,
  /** Wall ms of each of the last rAF callbacks' work (drawing included), for the benchmark. */
  lastDrawMs: 0,
};

const PARTICLE_SECONDS_PER_CROSSING = 1.6;

class LiveLayer {
  private group: Konva.Group | null = null;
  private layer: Konva.Layer | null = null;
  private edgeShape: Konva.Shape | null = null;
  private nodeShape: Konva.Shape | null = null;
  private dotShape: Konva.Shape | null = null;
  private view: LiveView | null = null;
  private viewKey = '';
  private drawnKey = '';
  private design: Design | null = null;
  private bends = new Map<string, number>();
  /** Share of writes in "all" traffic, from the clients' read ratios (particles show the mix). */
  private writeShare = 0.3;
  private routes = new Map<string, EdgeRoute>();
  private particleCount: number[] = [];
  private animationS = 0;
  private lastWallMs = 0;
  private raf = 0;
  private visible = false;
  private container: HTMLElement | null = null;
  private readonly detach: (() => void)[] = [];

  install(): () => void {
    const attach = () => this.attach();
    this.detach.push(canvasRefs.subscribe(attach));
    attach();
    const loop = (now: number) => {
      this.raf = requestAnimationFrame(loop);
      this.frame(now);
    };
    this.raf = requestAnimationFrame(loop);
    return () => {
      cancelAnimationFrame(this.raf);
      this.detach.forEach((undo) => undo());
      this.detachContainer();
      this.group?.destroy();
      this.group = null;
    };
  }

  private attach(): void {
    const layer = canvasRefs.layers?.live ?? null;
    if (layer === this.layer) return;
    this.group?.destroy();
    this.layer = layer;
    this.detachContainer();
    if (!layer) return;
    const group = new Konva.Group({ listening: false });
    const shape = (paint: (ctx: CanvasRenderingContext2D) => void) =>
      new Konva.Shape({
        listening: false,
        perfectDrawEnabled: false,
        sceneFunc: (context) =>
          paint((context as unknown as { _context: CanvasRenderingContext2D })._context),
      });
    this.edgeShape = shape((ctx) => this.paintEdges(ctx));
    this.nodeShape = shape((ctx) => this.paintNodes(ctx));
    this.dotShape = shape((ctx) => this.paintDots(ctx));
    group.add(this.edgeShape, this.nodeShape, this.dotShape);
    layer.add(group);
    this.group = group;
    this.attachContainer(canvasRefs.stage?.container() ?? null);
  }

  // ---- instance dots: click and right-click ----

  private attachContainer(container: HTMLElement | null): void {
    this.container = container;
    if (!container) return;
    container.addEventListener('pointerdown', this.onPointerDown, true);
    container.addEventListener('contextmenu', this.onContextMenu, true);
  }

  private detachContainer(): void {
    this.container?.removeEventListener('pointerdown', this.onPointerDown, true);
    this.container?.removeEventListener('contextmenu', this.onContextMenu, true);
    this.container = null;
  }

  /** The instance address under a client point, or null. */
  instanceAt(clientX: number, clientY: number): string | null {
    if (!this.visible || !this.view || !this.container) return null;
    const rect = this.container.getBoundingClientRect();
    const viewport = useDesignStore.getState().viewport;
    const world = screenToWorld(viewport, { x: clientX - rect.left, y: clientY - rect.top });
    for (const [nodeId, instances] of this.view.instances) {
      const centre = canvasRefs.nodePosition(nodeId);
      if (!centre || instances.length === 0) continue;
      const k = dotScaleAt(viewport.scale);
      if (Math.abs(world.y - (centre.y + NODE_HEIGHT / 2 + 14 * k)) > 14 * k) continue;
      const index = dotAt(centre, instances.length, world, viewport.scale);
      if (index >= 0) return `${nodeId}:${index}`;
    }
    return null;
  }

  private selectInstance(address: string): void {
    const nodeId = address.slice(0, address.lastIndexOf(':'));
    useDesignStore.getState().setSelection({ nodes: [nodeId], edges: [], notes: [] });
    useRunStore.getState().selectInstance(address);
    // Keys (K, R …) go to the canvas.
    (this.container?.closest('[data-testid="canvas"]') as HTMLElement | null)?.focus();
  }

  private readonly onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0 && event.button !== 2) return;
    const address = this.instanceAt(event.clientX, event.clientY);
    if (!address) return;
    event.stopPropagation();
    if (event.button === 0) {
      event.preventDefault();
      useCanvasUi.getState().set({ contextMenu: null });
      this.selectInstance(address);
    }
  };

  private readonly onContextMenu = (event: MouseEvent) => {
    const address = this.instanceAt(event.clientX, event.clientY);
    if (!address) return;
    event.preventDefault();
    event.stopPropagation();
    this.selectInstance(address);
    const nodeId = address.slice(0, address.lastIndexOf(':'));
    const index = Number(address.slice(address.lastIndexOf(':') + 1));
    const instance = this.view?.instances.get(nodeId)?.[index];
    const node = this.design?.nodes.find((candidate) => candidate.id === nodeId);
    openInstanceMenu(
      instanceMenuOf(node?.label ?? nodeId, index, instance, node ? isReplicated(node) : false),
      nodeId,
      event.clientX,
      event.clientY,
    );
  };

  // ---- the animation loop ----

  private frame(now: number): void {
    const started = performance.now();
    const run = useRunStore.getState();
    const show =
      liveFrame.layout !== null &&
      (run.status !== 'idle' || run.history.count > 0 || run.simTimeMs > 0 || run.log.length > 0);
    const dt = this.lastWallMs ? Math.min(0.1, (now - this.lastWallMs) / 1000) : 0;
    this.lastWallMs = now;
    if (!this.group || !this.layer) return;
    if (!show) {
      if (this.visible) {
        this.visible = false;
        this.view = null;
        this.group.visible(false);
        this.layer.batchDraw();
      }
      return;
    }
    const design = useDesignStore.getState().design;
    const key = `${liveFrame.version}|${run.cursorS}|${run.historyVersion}`;
    const designChanged = design !== this.design;
    if (designChanged) this.prepareDesign(design);
    if (key !== this.viewKey || designChanged) {
      this.viewKey = key;
      this.view = this.buildView(design);
    }
    const moving = run.status === 'running' && run.cursorS === null;
    const drawKey = `${key}|${run.selectedInstance}|${currentCanvasTheme().nodeFill}`;
    const needsDraw =
      !this.visible ||
      moving ||
      designChanged ||
      drawKey !== this.drawnKey ||
      canvasRefs.livePositions.size > 0;
    if (!this.visible) {
      this.visible = true;
      this.group.visible(true);
    }
    if (!needsDraw) return;
    this.drawnKey = drawKey;
    // Particles move only while the run does (and not while scrubbing the past).
    if (moving) this.animationS += dt;
    this.layer.batchDraw();
    liveLayerStats.framesDrawn++;
    liveLayerStats.lastDrawMs = performance.now() - started;
  }

  private prepareDesign(design: Design): void {
    this.design = design;
    this.bends = edgeBends(design.edges);
    const clients = design.nodes.filter((node) => kindCan(node.kind, 'originatesRequests'));
    const readRatios = clients.map((node) => Number(nodeParams(node).readRatio));
    this.writeShare =
      readRatios.length > 0 ? 1 - readRatios.reduce((a, b) => a + b, 0) / readRatios.length : 0.1;
  }

  private buildView(design: Design): LiveView {
    const cursorS = useRunStore.getState().cursorS;
    const view: LiveView = { nodes: new Map(), instances: new Map(), edges: new Map() };
    if (cursorS !== null) {
      const sample = useRunStore.getState().sampleAt(cursorS);
      if (sample) {
        for (const [id, gauges] of Object.entries(sample.nodes)) view.nodes.set(id, gauges);
        for (const [id, instances] of Object.entries(sample.instances)) view.instances.set(id, instances);
        for (const [id, gauges] of Object.entries(sample.edges ?? {})) view.edges.set(id, gauges);
        return view;
      }
    }
    const layout = liveFrame.layout;
    if (!layout) return view;
    const reader = new GaugeReader(layout, new Map(design.nodes.map((node) => [node.id, node.kind])));
    layout.nodeIds.forEach((id, n) => {
      view.nodes.set(id, reader.nodeGauges(liveFrame, n));
      view.instances.set(id, reader.instanceGauges(liveFrame, n));
    });
    layout.edgeIds.forEach((id, e) => view.edges.set(id, reader.edgeGauges(liveFrame, e)));
    return view;
  }

  private theme(): CanvasTheme {
    return currentCanvasTheme();
  }

  private detailed(): boolean {
    return useDesignStore.getState().viewport.scale >= DETAIL_MIN_SCALE;
  }

  // ---- painting ----

  private paintEdges(ctx: CanvasRenderingContext2D): void {
    const design = this.design;
    const view = this.view;
    if (!design || !view) return;
    this.routes.clear();
    const throughputs: number[] = [];
    const cut: string[] = [];
    const saturated: string[] = [];
    const record = liveLayerStats.recording;
    const linkUtilization: Record<string, number> = {};
    for (const edge of design.edges) {
      const from = canvasRefs.nodePosition(edge.from);
      const to = canvasRefs.nodePosition(edge.to);
      const gauges = view.edges.get(edge.id);
      throughputs.push(from && to && gauges && !gauges.cut ? gauges.throughputRps : 0);
      if (!from || !to) continue;
      const route = routeEdge(from, to, this.bends.get(edge.id) ?? 0);
      this.routes.set(edge.id, route);
      if (
        isOffScreen(
          Math.min(from.x, to.x),
          Math.min(from.y, to.y),
          Math.max(from.x, to.x),
          Math.max(from.y, to.y),
        )
      )
        continue;
      if (gauges?.cut) {
        cut.push(edge.id);
        ctx.save();
        ctx.setLineDash([9, 7]);
        ctx.lineWidth = 3.5;
        ctx.strokeStyle = TRAFFIC_COLORS.cut;
        strokeRoute(ctx, route);
        ctx.restore();
        const mid = bezierPoint(route, 0.5);
        pill(ctx, mid.x, mid.y, '✂ cut', TRAFFIC_COLORS.cut, '#ffffff', this.theme());
        continue;
      }
      const load = linkLoad(gauges);
      if (record) linkUtilization[edge.id] = load.utilization;
      const width = edgeWidth(gauges);
      if (load.level !== 'ok') {
        // A saturated link: a wide band under the traffic, doubled in a second colour when full,
        // and a label with the number and the direction (colour is never the only cue).
        saturated.push(edge.id);
        ctx.save();
        ctx.lineCap = 'round';
        ctx.lineWidth = Math.max(width, 4) + 10;
        ctx.strokeStyle = 'rgba(230, 159, 0, 0.55)';
        strokeRoute(ctx, route);
        if (load.level === 'full') {
          ctx.setLineDash([10, 6]);
          ctx.lineWidth = 3;
          ctx.strokeStyle = TRAFFIC_COLORS.error;
          strokeRoute(ctx, route);
        }
        ctx.restore();
      }
      if (width > 0) {
        ctx.lineWidth = width;
        ctx.lineCap = 'round';
        const failing = (gauges?.errorRate ?? 0) >= 0.05;
        ctx.strokeStyle = failing ? 'rgba(213, 94, 0, 0.45)' : 'rgba(0, 114, 178, 0.22)';
        strokeRoute(ctx, route);
      }
      if (load.level !== 'ok' && this.detailed()) {
        // Above the line, so the traffic on it stays visible.
        const mid = bezierPoint(route, 0.5);
        const at = { x: mid.x, y: mid.y - 22 };
        const full = load.level === 'full';
        pill(
          ctx,
          at.x,
          at.y,
          linkLabel(load),
          full ? TRAFFIC_COLORS.error : '#E69F00',
          full ? '#ffffff' : '#000000',
          this.theme(),
        );
      }
    }
    liveLayerStats.cutEdges = cut;
    liveLayerStats.saturatedEdges = saturated;
    if (record) liveLayerStats.linkUtilization = linkUtilization;
    this.particleCount = particleCounts(throughputs);
    this.paintParticles(ctx, design);
  }

  /** One path per particle kind (reads, writes, errors): a few fills for the whole pool. */
  private paintParticles(ctx: CanvasRenderingContext2D, design: Design): void {
    const view = this.view!;
    const reads = new Path2D();
    const writes = new Path2D();
    const errors = new Path2D();
    let drawn = 0;
    let slot = 0;
    design.edges.forEach((edge, e) => {
      const count = this.particleCount[e] ?? 0;
      const route = this.routes.get(edge.id);
      const gauges = view.edges.get(edge.id);
      if (!count || !route || !gauges) {
        slot += count;
        return;
      }
      const filter = edge.params.filter;
      // Auth lookups are reads (a session or token looked up).
      const writeShare =
        filter === 'writes' ? 1 : filter === 'reads' || filter === 'auth' ? 0 : this.writeShare;
      const errorCount = gauges.errorRate > 0 ? Math.max(1, Math.round(count * gauges.errorRate)) : 0;
      for (let i = 0; i < count && slot < PARTICLE_POOL; i++, slot++) {
        // Golden-ratio phases spread particles evenly; all move at one speed along the curve.
        const phase = (slot * 0.6180339887) % 1;
        const position = (phase + this.animationS / PARTICLE_SECONDS_PER_CROSSING) % 1;
        if (i < errorCount) {
          // Failures travel back towards the caller.
          const p = bezierPoint(route, 1 - position);
          errors.moveTo(p.x - 4, p.y - 4);
          errors.lineTo(p.x + 4, p.y + 4);
          errors.moveTo(p.x + 4, p.y - 4);
          errors.lineTo(p.x - 4, p.y + 4);
        } else {
          const p = bezierPoint(route, position);
          if ((i * 0.7548776662) % 1 < writeShare) writes.rect(p.x - 3.5, p.y - 3.5, 7, 7);
          else {
            reads.moveTo(p.x + 3.8, p.y);
            reads.arc(p.x, p.y, 3.8, 0, Math.PI * 2);
          }
        }
        drawn++;
      }
    });
    ctx.fillStyle = TRAFFIC_COLORS.read;
    ctx.fill(reads);
    ctx.fillStyle = TRAFFIC_COLORS.write;
    ctx.fill(writes);
    ctx.lineWidth = 2.2;
    ctx.strokeStyle = TRAFFIC_COLORS.error;
    ctx.stroke(errors);
    liveLayerStats.particlesDrawn = drawn;
  }

  private paintNodes(ctx: CanvasRenderingContext2D): void {
    const design = this.design;
    const view = this.view;
    if (!design || !view) return;
    const theme = this.theme();
    const detailed = this.detailed();
    // Zoomed out, gauge text grows to keep a screen-constant size (11 px down to 50% zoom) so the
    // live numbers stay legible on a shared screen.
    const viewport = useDesignStore.getState().viewport;
    textScale = Math.min(2, Math.max(1, 1 / viewport.scale));
    // The visible world span, 4 px in from the canvas's sides: pills are kept inside it.
    const stageWidth = canvasRefs.stage?.width() ?? 0;
    const inset = 4 / viewport.scale;
    const visible: Span | null =
      stageWidth > 0
        ? {
            left: -viewport.x / viewport.scale + inset,
            right: (stageWidth - viewport.x) / viewport.scale - inset,
          }
        : null;
    const record = liveLayerStats.recording;
    const health: Record<string, Health> = {};
    const pills: Record<string, string> = {};
    const pillBoxes: Record<string, { x: number; y: number; w: number; h: number }> = {};
    const rings: Record<string, number> = {};
    const queues: Record<string, number> = {};
    for (const node of design.nodes) {
      const centre = canvasRefs.nodePosition(node.id);
      const gauges = view.nodes.get(node.id);
      if (!centre || !gauges) continue;
      const state = healthOf(gauges, view.instances.get(node.id));
      if (record) health[node.id] = state;
      const left = centre.x - NODE_WIDTH / 2;
      const top = centre.y - NODE_HEIGHT / 2;
      if (isOffScreen(left - 20, top - 50, left + NODE_WIDTH + 20, top + NODE_HEIGHT + 40)) continue;
      const look = HEALTH_LOOK[state];
      // Health outline, hatched when failing or down (a pattern, not only a colour).
      roundRect(ctx, left - 3, top - 3, NODE_WIDTH + 6, NODE_HEIGHT + 6, 12);
      ctx.lineWidth = state === 'ok' || state === 'idle' ? 2.5 : 4;
      ctx.strokeStyle = look.color;
      ctx.stroke();
      if (state === 'failing' || state === 'down') hatch(ctx, left, top, NODE_WIDTH, NODE_HEIGHT, look.color);
      healthBadge(ctx, left - 2, top - 2, state);
      if (!detailed) continue;
      // Throughput and p99 (plus the kind's own gauge) in a pill above the node.
      const text = nodePillText(node, gauges);
      if (record) pills[node.id] = text;
      const ringSpace = gauges.hitRate !== undefined ? 24 * textScale : 0;
      const width = pillWidth(ctx, text, theme);
      // Centred over the card (with a cache's ring), moved in when it would run off the canvas.
      const groupWidth = width + ringSpace;
      const centredLeft = centre.x - groupWidth / 2;
      const groupLeft = visible
        ? pillLeft(centredLeft, groupWidth, visible, { left, right: left + NODE_WIDTH })
        : centredLeft;
      const pillCentre = { x: groupLeft + width / 2, y: top - 6 - 10 * textScale };
      if (record) {
        pillBoxes[node.id] = {
          x: groupLeft,
          y: pillCentre.y - 10 * textScale,
          w: groupWidth,
          h: 20 * textScale,
        };
      }
      pill(ctx, pillCentre.x, pillCentre.y, text, theme.nodeFill, theme.nodeText, theme, look.color);
      // The cache's hit-rate ring sits right of the pill (the health badge holds the left corner).
      if (gauges.hitRate !== undefined) {
        hitRing(ctx, pillCentre.x + width / 2 + 13 * textScale, pillCentre.y, gauges.hitRate, theme);
        if (record) rings[node.id] = gauges.hitRate;
      }
      if (record) queues[node.id] = gauges.queueDepth;
      // Queue depth gauge at the node's bottom right.
      queueGauge(
        ctx,
        left + NODE_WIDTH - 78,
        top + NODE_HEIGHT + 8,
        gauges.queueDepth,
        queueCapacity(node.params),
        theme,
      );
    }
    liveLayerStats.health = health;
    liveLayerStats.pills = pills;
    liveLayerStats.pillBoxes = pillBoxes;
    liveLayerStats.rings = rings;
    liveLayerStats.queues = queues;
  }

  private paintDots(ctx: CanvasRenderingContext2D): void {
    const design = this.design;
    const view = this.view;
    if (!design || !view) return;
    const theme = this.theme();
    const selected = useRunStore.getState().selectedInstance;
    let drawn = 0;
    const record = liveLayerStats.recording;
    const dots: Record<string, string[]> = {};
    // Screen-constant dots when zoomed out (bigger in world units, further apart, fewer shown).
    const k = dotScaleAt(useDesignStore.getState().viewport.scale);
    const most = maxDotsAt(k);
    for (const node of design.nodes) {
      const instances = view.instances.get(node.id);
      const centre = canvasRefs.nodePosition(node.id);
      if (!instances || !centre || instances.length === 0 || kindCan(node.kind, 'originatesRequests'))
        continue;
      if (record)
        dots[node.id] = instances
          .slice(0, most)
          .map((instance) => (instance.leader ? `${instance.state}+leader` : instance.state));
      const first = dotCenter(centre, 0, k);
      if (isOffScreen(first.x - 10 * k, first.y - 20 * k, first.x + most * 16 * k, first.y + 10 * k))
        continue;
      const shown = Math.min(instances.length, most);
      for (let i = 0; i < shown; i++) {
        const c = dotCenter(centre, i, k);
        ctx.save();
        ctx.translate(c.x, c.y);
        ctx.scale(k, k);
        if (i === most - 1 && instances.length > most) {
          ctx.fillStyle = theme.nodeSubtext;
          ctx.font = `600 10px ${theme.fontFamily}`;
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          ctx.fillText(`+${instances.length - most + 1}`, -5, 0);
        } else {
          instanceDot(ctx, { x: 0, y: 0 }, instances[i], selected === `${node.id}:${i}`, theme);
          drawn++;
        }
        ctx.restore();
      }
    }
    liveLayerStats.dotsDrawn = drawn;
    liveLayerStats.dots = dots;
  }
}

// ---- drawing helpers ----

/** Text size multiplier for the current zoom (set once per paint). */
let textScale = 1;

function roundRect(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

function hatch(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  color: string,
): void {
  ctx.save();
  roundRect(ctx, x, y, w, h, 10);
  ctx.clip();
  ctx.beginPath();
  for (let d = -h; d < w; d += 12) {
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
  }
  ctx.globalAlpha = 0.28;
  ctx.lineWidth = 3;
  ctx.strokeStyle = color;
  ctx.stroke();
  ctx.restore();
}

function healthBadge(ctx: CanvasRenderingContext2D, x: number, y: number, health: Health): void {
  const look = HEALTH_LOOK[health];
  const r = 10;
  ctx.beginPath();
  switch (look.shape) {
    case 'circle':
      ctx.arc(x, y, r, 0, Math.PI * 2);
      break;
    case 'triangle':
      ctx.moveTo(x, y - r - 1);
      ctx.lineTo(x + r + 1, y + r - 2);
      ctx.lineTo(x - r - 1, y + r - 2);
      ctx.closePath();
      break;
    case 'diamond':
      ctx.moveTo(x, y - r - 1);
      ctx.lineTo(x + r + 1, y);
      ctx.lineTo(x, y + r + 1);
      ctx.lineTo(x - r - 1, y);
      ctx.closePath();
      break;
    case 'square':
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
      break;
  }
  ctx.fillStyle = look.color;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
  ctx.fillStyle = '#ffffff';
  ctx.font = `800 11px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(look.glyph, x, look.shape === 'triangle' ? y + 2 : y + 0.5);
}

/** The width of a pill with this text (sets the pill's font). */
function pillWidth(ctx: CanvasRenderingContext2D, text: string, theme: CanvasTheme): number {
  ctx.font = `600 ${12 * textScale}px ${theme.fontFamily}`;
  return ctx.measureText(text).width + 14 * textScale;
}

/** A rounded label; returns its width. */
function pill(
  ctx: CanvasRenderingContext2D,
  cx: number,
  cy: number,
  text: string,
  fill: string,
  color: string,
  theme: CanvasTheme,
  border?: string,
): number {
  const width = pillWidth(ctx, text, theme);
  roundRect(ctx, cx - width / 2, cy - 10 * textScale, width, 20 * textScale, 10 * textScale);
  ctx.fillStyle = fill;
  ctx.fill();
  if (border) {
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = border;
    ctx.stroke();
  }
  ctx.fillStyle = color;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, cx, cy + 0.5);
  return width;
}

function hitRing(
  ctx: CanvasRenderingContext2D,
  cx: number,
  cy: number,
  hitRate: number,
  theme: CanvasTheme,
): void {
  const r = 10 * textScale;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.fillStyle = theme.nodeFill;
  ctx.fill();
  ctx.lineWidth = 4;
  ctx.strokeStyle = 'rgba(128, 128, 128, 0.3)';
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(cx, cy, r, -Math.PI / 2, -Math.PI / 2 + Math.PI * 2 * Math.max(0, Math.min(1, hitRate)));
  ctx.strokeStyle = '#009E73';
  ctx.stroke();
  ctx.fillStyle = theme.nodeText;
  ctx.font = `700 ${8 * textScale}px ${theme.fontFamily}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(`${Math.round(hitRate * 100)}%`, cx, cy + 0.5);
}

function queueCapacity(params: Record<string, unknown>): number {
  const value = Number(params.queueCapacity ?? params.capacity);
  return Number.isFinite(value) && value > 0 ? value : Infinity;
}

function queueGauge(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  depth: number,
  capacity: number,
  theme: CanvasTheme,
): void {
  const w = 46;
  const h = 8;
  // Unbounded queues fill on a log scale (1 → 10,000 across the bar).
  const fill = Number.isFinite(capacity) ? depth / capacity : Math.log10(1 + depth) / 4;
  ctx.fillStyle = 'rgba(128, 128, 128, 0.25)';
  ctx.fillRect(x, y, w, h);
  ctx.fillStyle = fill >= 0.8 ? '#D55E00' : fill >= 0.4 ? '#E69F00' : '#0072B2';
  ctx.fillRect(x, y, w * Math.max(0, Math.min(1, fill)), h);
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.nodeStroke;
  ctx.strokeRect(x, y, w, h);
  ctx.fillStyle = theme.nodeSubtext;
  ctx.font = `600 ${10 * textScale}px ${theme.fontFamily}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(`q ${formatCount(depth, 'compact')}`, x + w + 4, y + h / 2);
}

/** alive: filled; slow: half-filled; hung: hollow square with a pause bar; dead: ✕; leader: outer ring + ★. */
function instanceDot(
  ctx: CanvasRenderingContext2D,
  c: Point,
  instance: InstanceGauges,
  selected: boolean,
  theme: CanvasTheme,
): void {
  const r = DOT_RADIUS;
  if (selected) {
    ctx.beginPath();
    ctx.arc(c.x, c.y, r + 4, 0, Math.PI * 2);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = theme.selection;
    ctx.stroke();
  }
  ctx.lineWidth = 2;
  switch (instance.state) {
    case 'alive':
      ctx.beginPath();
      ctx.arc(c.x, c.y, r, 0, Math.PI * 2);
      ctx.fillStyle = '#009E73';
      ctx.fill();
      break;
    case 'slow':
      ctx.beginPath();
      ctx.arc(c.x, c.y, r, 0, Math.PI * 2);
      ctx.strokeStyle = '#E69F00';
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(c.x, c.y, r, Math.PI / 2, (3 * Math.PI) / 2);
      ctx.fillStyle = '#E69F00';
      ctx.fill();
      break;
    case 'hung':
      ctx.strokeStyle = '#CC79A7';
      ctx.strokeRect(c.x - r, c.y - r, 2 * r, 2 * r);
      ctx.fillStyle = '#CC79A7';
      ctx.fillRect(c.x - 3, c.y - 3.5, 2, 7);
      ctx.fillRect(c.x + 1, c.y - 3.5, 2, 7);
      break;
    case 'dead':
      ctx.strokeStyle = '#D55E00';
      ctx.lineWidth = 2.6;
      ctx.beginPath();
      ctx.moveTo(c.x - r, c.y - r);
      ctx.lineTo(c.x + r, c.y + r);
      ctx.moveTo(c.x + r, c.y - r);
      ctx.lineTo(c.x - r, c.y + r);
      ctx.stroke();
      break;
  }
  if (instance.leader) {
    ctx.beginPath();
    ctx.arc(c.x, c.y, r + 2.5, 0, Math.PI * 2);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = theme.nodeText;
    ctx.stroke();
    ctx.fillStyle = theme.nodeText;
    ctx.font = `700 9px ${theme.fontFamily}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('★', c.x, c.y - r - 7);
  }
}

const liveLayer = new LiveLayer();

/** Starts the live layer (once, from the run's installer); returns its teardown. */
export function installLiveLayer(): () => void {
  const uninstall = liveLayer.install();
  liveLayerStats.recording = automationEnabled();
  extendAutomation({
    liveLayer: () => JSON.parse(JSON.stringify(liveLayerStats)),
    /** Page coordinates of the middle of a connection's curve (to right-click it). */
    edgeScreenPosition: (edgeId: string) => {
      const design = useDesignStore.getState().design;
      const edge = design.edges.find((candidate) => candidate.id === edgeId);
      const stage = canvasRefs.stage;
      if (!edge || !stage) return null;
      const from = canvasRefs.nodePosition(edge.from);
      const to = canvasRefs.nodePosition(edge.to);
      if (!from || !to) return null;
      const world = bezierPoint(routeEdge(from, to, edgeBends(design.edges).get(edge.id) ?? 0), 0.5);
      const rect = stage.container().getBoundingClientRect();
      const viewport = useDesignStore.getState().viewport;
      return {
        x: rect.left + world.x * viewport.scale + viewport.x,
        y: rect.top + world.y * viewport.scale + viewport.y,
      };
    },
    /** Page coordinates of an instance dot, for tests that click it with the real mouse. */
    instanceDotScreenPosition: (address: string) => {
      const colon = address.lastIndexOf(':');
      const centre = canvasRefs.nodePosition(address.slice(0, colon));
      const stage = canvasRefs.stage;
      if (!centre || !stage) return null;
      const viewport = useDesignStore.getState().viewport;
      const world = dotCenter(centre, Number(address.slice(colon + 1)), dotScaleAt(viewport.scale));
      const rect = stage.container().getBoundingClientRect();
      return {
        x: rect.left + world.x * viewport.scale + viewport.x,
        y: rect.top + world.y * viewport.scale + viewport.y,
      };
    },
  });
  return uninstall;
}

/**
 * The chaos-only menu of one instance dot: titled with the instance ("Orders DB:0 (leader)"), with
 * Kill/Hang/Slow for a live instance and Restart for a dead, hung or slow one; a replicated
 * database's copy can also be partitioned from its shard (or healed).
 */
export function instanceMenuOf(
  label: string,
  index: number,
  instance: InstanceGauges | undefined,
  partitionable = false,
): InstanceMenu {
  const state = instance?.state ?? 'alive';
  const roles = [
    instance?.leader ? 'leader' : null,
    state === 'alive' ? null : state,
    instance?.partitioned ? 'partitioned' : null,
  ].filter(Boolean);
  const title = `${label}:${index}${roles.length > 0 ? ` (${roles.join(', ')})` : ''}`;
  const commands = state === 'alive' ? ['chaos.kill', 'chaos.hang', 'chaos.slow'] : ['chaos.restart'];
  if (partitionable && state === 'alive') commands.push('chaos.partitionToggle');
  return { title, commands };
}
