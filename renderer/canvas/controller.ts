// The canvas controller: pointer gestures as explicit states (idle → pointing → dragging items |
// marquee | panning | connecting | resizing a note; placing is the palette's armed kind), the
// viewport, and the imperative drag path. A class because it owns state that outlives a call: the
// current gesture and the stage it drives. React renders the document; during a gesture this moves
// Konva shapes directly and commits ONE document change at the end.
import type Konva from 'konva';
import type { Context } from 'konva/lib/Context';
import { COMPONENT_KINDS, type ComponentKind } from '../../shared/document/catalog';
import { currentCanvasTheme } from '../ui/themeColors';
import { EMPTY_SELECTION, useDesignStore, type Selection } from '../store/designStore';
import { connectionProblem } from '../../shared/document/connections';
import { addNode, connectNodes, moveItems, resizeNote } from '../store/designActions';
import { useUiStore } from '../store/uiStore';
import { cancelPendingKeyCommand } from '../commands/keyboard';
import { canvasRefs } from './canvasRefs';
import { useCanvasUi, type ContextTarget } from '../store/canvasUiStore';
import {
  drawConnectionPreview,
  drawGrid,
  drawMarquee,
  drawPlacingGhost,
  setDrawScale,
  setVisibleWorld,
} from './drawing';
import {
  DRAG_THRESHOLD_PX,
  MIN_NOTE_SIZE,
  NODE_HEIGHT,
  NODE_WIDTH,
  designBounds,
  fitViewport,
  frameContents,
  hitTest,
  marqueeSelection,
  nodeRect,
  rectFromPoints,
  routeEdge,
  routeToPoint,
  screenToWorld,
  snap,
  zoomAt,
  type Hit,
  type Point,
  type Viewport,
} from '../../shared/document/geometry';

interface MovedShape {
  shape: Konva.Node;
  parent: Konva.Container;
  zIndex: number;
}

type Gesture =
  | { state: 'idle' }
  | {
      state: 'pointing';
      startScreen: Point;
      startWorld: Point;
      hit: Hit;
      /** A click without a drag on an already-selected item narrows or toggles the selection. */
      onClick: (() => void) | null;
    }
  | {
      state: 'draggingItems';
      gestureId: string;
      startWorld: Point;
      lead: { kind: 'node' | 'note'; start: Point };
      nodes: Map<string, Point>;
      notes: Map<string, Point>;
      moved: MovedShape[];
      delta: Point;
    }
  | { state: 'marquee'; startWorld: Point; currentWorld: Point; base: Selection | null }
  | { state: 'panning'; startScreen: Point; startViewport: Viewport }
  | {
      state: 'connecting';
      fromId: string;
      currentWorld: Point;
      targetId: string | null;
      refusal: string | null;
    }
  | {
      state: 'resizingNote';
      noteId: string;
      gestureId: string;
      startWorld: Point;
      startSize: { w: number; h: number };
    };

let gestureCounter = 0;
const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export class CanvasController {
  container: HTMLDivElement | null = null;
  gesture: Gesture = { state: 'idle' };
  /** Last pointer position over the canvas (container-relative), for key placement and paste. */
  pointer: Point | null = null;
  private spaceHeld = false;
  private size = { w: 800, h: 600 };
  private overlay: Konva.Shape | null = null;

  get stage(): Konva.Stage | null {
    return canvasRefs.stage;
  }

  // ---- set-up ----

  attach(container: HTMLDivElement): () => void {
    this.container = container;
    const onWheel = (event: WheelEvent) => this.onWheel(event);
    // Space held turns a left drag into a pan. This only tracks the key, it binds nothing: Space
    // itself stays the `run.toggle` command in the one registry.
    const onKey = (event: KeyboardEvent) => {
      if (event.key === ' ') this.spaceHeld = event.type === 'keydown';
    };
    const onBlur = () => (this.spaceHeld = false);
    container.addEventListener('wheel', onWheel, { passive: false });
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKey, true);
    window.addEventListener('blur', onBlur);
    const unsubscribe = useDesignStore.subscribe((state, previous) => {
      if (state.viewport !== previous.viewport) this.showViewport(state.viewport);
      // A replaced document (new, open, load) is shown whole.
      if (state.design !== previous.design && state.past.length === 0 && state.future.length === 0) {
        queueMicrotask(() => this.zoomToFit());
      }
    });
    return () => {
      container.removeEventListener('wheel', onWheel);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKey, true);
      window.removeEventListener('blur', onBlur);
      unsubscribe();
      this.container = null;
    };
  }

  /** Nodes a lesson keeps the camera on (a lab step's focus): a refit after the canvas resizes
   *  (the dock opening on a run) zooms to them instead of the whole design. */
  keptFocus: readonly string[] | null = null;

  setOverlay(shape: Konva.Shape | null) {
    this.overlay = shape;
  }

  /** Called after the canvas changes size (the dock opening, a panel closing). */
  readonly resizeListeners = new Set<() => void>();

  setSize(size: { w: number; h: number }) {
    const changed = size.w !== this.size.w || size.h !== this.size.h;
    this.size = size;
    this.updateVisibleWorld(this.viewport());
    if (changed) for (const listener of this.resizeListeners) listener();
  }

  // ---- coordinates and viewport ----

  viewport(): Viewport {
    return useDesignStore.getState().viewport;
  }

  screenPoint(event: { clientX: number; clientY: number }): Point {
    const rect = this.container!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  toWorld(screen: Point): Point {
    return screenToWorld(this.viewport(), screen);
  }

  /** World point → client (page) coordinates, as `page.mouse` and DOM overlays use. */
  worldToClient(world: Point): Point {
    const rect = this.container?.getBoundingClientRect() ?? { left: 0, top: 0 };
    const v = this.viewport();
    return { x: rect.left + world.x * v.scale + v.x, y: rect.top + world.y * v.scale + v.y };
  }

  setViewport(viewport: Viewport) {
    useDesignStore.getState().setViewport(viewport);
  }

  /** Applies the store's viewport to the stage (store → stage; the store is the one truth). */
  private showViewport(viewport: Viewport) {
    const stage = this.stage;
    setDrawScale(viewport.scale);
    this.updateVisibleWorld(viewport);
    if (!stage) return;
    stage.scale({ x: viewport.scale, y: viewport.scale });
    stage.position({ x: viewport.x, y: viewport.y });
    stage.batchDraw();
  }

  private updateVisibleWorld(viewport: Viewport) {
    // A margin of one card so edges and shadows at the border never pop.
    const margin = NODE_WIDTH;
    const topLeft = screenToWorld(viewport, { x: 0, y: 0 });
    setVisibleWorld({
      x: topLeft.x - margin,
      y: topLeft.y - margin,
      w: this.size.w / viewport.scale + 2 * margin,
      h: this.size.h / viewport.scale + 2 * margin,
    });
  }

  syncStage() {
    this.showViewport(this.viewport());
  }

  visibleWorldRect() {
    const v = this.viewport();
    const topLeft = screenToWorld(v, { x: 0, y: 0 });
    return { x: topLeft.x, y: topLeft.y, w: this.size.w / v.scale, h: this.size.h / v.scale };
  }

  /** Where keyboard placement and paste land: the cursor if it is over the canvas, else the centre. */
  placementPoint(): Point {
    if (this.pointer) return this.toWorld(this.pointer);
    const size = this.liveSize();
    return this.toWorld({ x: size.w / 2, y: size.h / 2 });
  }

  /**
   * The canvas size now. The cached size follows a ResizeObserver, which reports a frame late: a
   * panel folded just before "zoom to fit" must already count.
   */
  private liveSize(): { w: number; h: number } {
    const element = this.container;
    if (!element || element.clientWidth === 0) return this.size;
    return { w: element.clientWidth, h: element.clientHeight };
  }

  zoomBy(factor: number, aroundScreen?: Point) {
    const size = this.liveSize();
    const around = aroundScreen ?? { x: size.w / 2, y: size.h / 2 };
    this.setViewport(zoomAt(this.viewport(), around, factor));
  }

  zoomToFit() {
    const design = useDesignStore.getState().design;
    this.setViewport(fitViewport(designBounds(design), this.liveSize()));
  }

  /** Zooms to the named nodes (a lab step's focus), with room around them; nothing when none exist. */
  zoomToNodes(nodeIds: readonly string[]) {
    const design = useDesignStore.getState().design;
    const bounds = designBounds(design, { nodes: new Set(nodeIds), notes: new Set() });
    if (bounds) this.setViewport(fitViewport(bounds, this.liveSize(), 120));
  }

  private snapOn() {
    return useCanvasUi.getState().snapToGrid;
  }

  snapPoint(p: Point): Point {
    return this.snapOn() ? { x: snap(p.x), y: snap(p.y) } : { x: Math.round(p.x), y: Math.round(p.y) };
  }

  /** A free spot near `at` (below any card already there), so repeated key presses stack neatly. */
  freeSpot(at: Point): Point {
    const design = useDesignStore.getState().design;
    let spot = this.snapPoint(at);
    for (let tries = 0; tries < 50; tries++) {
      const taken = design.nodes.some(
        (node) => Math.abs(node.x - spot.x) < NODE_WIDTH * 0.9 && Math.abs(node.y - spot.y) < NODE_HEIGHT + 8,
      );
      if (!taken) break;
      spot = this.snapPoint({ x: spot.x, y: spot.y + NODE_HEIGHT + 32 });
    }
    return spot;
  }

  placeKind(kind: ComponentKind, at?: Point): string | null {
    const id = addNode(kind, this.freeSpot(at ?? this.placementPoint()));
    this.focus();
    return id;
  }

  focus() {
    this.container?.focus({ preventScroll: true });
  }

  // ---- hit testing ----

  private hit(world: Point): Hit {
    const { design, selection, viewport } = useDesignStore.getState();
    return hitTest(design, world, {
      resizableNotes: new Set(selection.notes),
      scale: viewport.scale,
    });
  }

  contextTargetAt(event: { clientX: number; clientY: number }): { target: ContextTarget; hit: Hit } {
    const hit = this.hit(this.toWorld(this.screenPoint(event)));
    const store = useDesignStore.getState();
    const selection = store.selection;
    switch (hit.type) {
      case 'node':
      case 'port':
        if (!selection.nodes.includes(hit.nodeId)) store.setSelection({ nodes: [hit.nodeId] });
        return { target: 'node', hit };
      case 'note':
      case 'noteResize':
        if (!selection.notes.includes(hit.noteId)) store.setSelection({ notes: [hit.noteId] });
        return { target: 'note', hit };
      case 'edge':
        if (!selection.edges.includes(hit.edgeId)) store.setSelection({ edges: [hit.edgeId] });
        return { target: 'edge', hit };
      default:
        return { target: 'canvas', hit };
    }
  }

  // ---- pointer events ----

  onPointerDown(event: PointerEvent | React.PointerEvent) {
    if (!this.container) return;
    this.focus();
    const ui = useCanvasUi.getState();
    if (ui.contextMenu) ui.set({ contextMenu: null });
    if (this.gesture.state !== 'idle') return;
    const screen = this.screenPoint(event);
    const world = this.toWorld(screen);
    this.pointer = screen;
    if (event.button === 1 || (event.button === 0 && this.spaceHeld)) {
      event.preventDefault();
      // The held Space became a pan, so it must not also run its key command (Run / Pause).
      if (this.spaceHeld) cancelPendingKeyCommand();
      this.capture(event);
      this.gesture = { state: 'panning', startScreen: screen, startViewport: this.viewport() };
      this.setCursor('grabbing');
      return;
    }
    if (event.button !== 0) return;
    this.capture(event);

    const placing = useUiStore.getState().placingKind;
    if (placing) {
      addNode(placing, this.snapPoint(world));
      // Shift keeps the kind armed to place several in a row.
      if (!event.shiftKey) useUiStore.getState().setPlacingKind(null);
      this.drawOverlay();
      return;
    }

    const store = useDesignStore.getState();
    const selection = store.selection;
    const shift = event.shiftKey;
    const hit = this.hit(world);
    let onClick: (() => void) | null = null;
    switch (hit.type) {
      case 'port':
        this.gesture = {
          state: 'connecting',
          fromId: hit.nodeId,
          currentWorld: world,
          targetId: null,
          refusal: null,
        };
        this.drawOverlay();
        return;
      case 'noteResize': {
        const note = store.design.notes.find((candidate) => candidate.id === hit.noteId)!;
        this.gesture = {
          state: 'resizingNote',
          noteId: hit.noteId,
          gestureId: `resize-${++gestureCounter}`,
          startWorld: world,
          startSize: { w: note.w, h: note.h },
        };
        return;
      }
      case 'node':
      case 'note': {
        const key = hit.type === 'node' ? 'nodes' : 'notes';
        const id = hit.type === 'node' ? hit.nodeId : hit.noteId;
        const selected = selection[key].includes(id);
        if (shift) {
          if (!selected) store.setSelection({ ...selection, [key]: [...selection[key], id] });
          else
            onClick = () => {
              const current = useDesignStore.getState().selection;
              useDesignStore
                .getState()
                .setSelection({ ...current, [key]: current[key].filter((other) => other !== id) });
            };
        } else if (!selected) {
          store.setSelection({ [key]: [id] });
        } else {
          onClick = () => useDesignStore.getState().setSelection({ [key]: [id] });
        }
        break;
      }
      case 'edge': {
        const selected = selection.edges.includes(hit.edgeId);
        if (shift) {
          store.setSelection({
            ...selection,
            edges: selected
              ? selection.edges.filter((id) => id !== hit.edgeId)
              : [...selection.edges, hit.edgeId],
          });
        } else store.setSelection({ edges: [hit.edgeId] });
        break;
      }
      case 'canvas':
        onClick = shift ? null : () => useDesignStore.getState().setSelection({});
        break;
    }
    this.gesture = { state: 'pointing', startScreen: screen, startWorld: world, hit, onClick };
  }

  onPointerMove(event: PointerEvent | React.PointerEvent) {
    if (!this.container) return;
    const screen = this.screenPoint(event);
    const world = this.toWorld(screen);
    this.pointer = screen;
    const gesture = this.gesture;
    switch (gesture.state) {
      case 'idle':
        this.updateHover(world);
        if (useUiStore.getState().placingKind) this.drawOverlay();
        return;
      case 'pointing': {
        const travel = Math.hypot(screen.x - gesture.startScreen.x, screen.y - gesture.startScreen.y);
        if (travel < DRAG_THRESHOLD_PX) return;
        const hit = gesture.hit;
        if (hit.type === 'node' || hit.type === 'note') this.startDrag(gesture.startWorld, hit);
        else {
          const additive = event.shiftKey;
          this.gesture = {
            state: 'marquee',
            startWorld: gesture.startWorld,
            currentWorld: world,
            base: additive ? useDesignStore.getState().selection : null,
          };
        }
        this.onPointerMove(event);
        return;
      }
      case 'draggingItems':
        this.updateDrag(world);
        return;
      case 'marquee': {
        gesture.currentWorld = world;
        const { design, selection } = useDesignStore.getState();
        const picked = marqueeSelection(design, rectFromPoints(gesture.startWorld, world));
        const base = gesture.base ?? EMPTY_SELECTION;
        const merged: Selection = {
          nodes: [...base.nodes, ...picked.nodes.filter((id) => !base.nodes.includes(id))],
          notes: [...base.notes, ...picked.notes.filter((id) => !base.notes.includes(id))],
          edges: [...base.edges, ...picked.edges.filter((id) => !base.edges.includes(id))],
        };
        if (
          !sameIds(merged.nodes, selection.nodes) ||
          !sameIds(merged.notes, selection.notes) ||
          !sameIds(merged.edges, selection.edges)
        ) {
          useDesignStore.getState().setSelection(merged);
        }
        this.drawOverlay();
        return;
      }
      case 'panning':
        this.setViewport({
          scale: gesture.startViewport.scale,
          x: gesture.startViewport.x + screen.x - gesture.startScreen.x,
          y: gesture.startViewport.y + screen.y - gesture.startScreen.y,
        });
        return;
      case 'connecting': {
        gesture.currentWorld = world;
        const hit = this.hit(world);
        const targetId =
          hit.type === 'node'
            ? hit.nodeId
            : hit.type === 'port' && hit.nodeId !== gesture.fromId
              ? hit.nodeId
              : null;
        const previousRefusal = gesture.refusal;
        const changed = targetId !== gesture.targetId;
        gesture.targetId = targetId;
        gesture.refusal = targetId
          ? connectionProblem(useDesignStore.getState().design, gesture.fromId, targetId)
          : null;
        // Why a target is refused shows at the cursor while hovering it, before the button is let go.
        if (changed && gesture.refusal) {
          useUiStore.getState().showNotice({
            text: gesture.refusal,
            at: { x: event.clientX, y: event.clientY },
            tone: 'warning',
          });
        } else if (changed && previousRefusal && useUiStore.getState().notice?.text === previousRefusal) {
          useUiStore.getState().showNotice(null);
        }
        this.drawOverlay();
        return;
      }
      case 'resizingNote': {
        const size = {
          w: Math.max(MIN_NOTE_SIZE.w, gesture.startSize.w + world.x - gesture.startWorld.x),
          h: Math.max(MIN_NOTE_SIZE.h, gesture.startSize.h + world.y - gesture.startWorld.y),
        };
        // A resize is one undo step: every change carries the gesture id and merges.
        resizeNote(gesture.noteId, size, gesture.gestureId);
        return;
      }
    }
  }

  onPointerUp(event: PointerEvent | React.PointerEvent) {
    const gesture = this.gesture;
    this.gesture = { state: 'idle' };
    this.release(event);
    switch (gesture.state) {
      case 'pointing':
        gesture.onClick?.();
        break;
      case 'draggingItems':
        this.finishDrag(gesture, true);
        break;
      case 'marquee':
        this.drawOverlay();
        break;
      case 'panning':
        this.setCursor('');
        break;
      case 'connecting': {
        this.drawOverlay();
        if (!gesture.targetId) break;
        const result = connectNodes(gesture.fromId, gesture.targetId);
        if ('refused' in result) {
          // An empty reason: the store refused it and already said why.
          if (result.refused)
            useUiStore.getState().showNotice({
              text: result.refused,
              at: { x: event.clientX, y: event.clientY },
              tone: 'warning',
            });
        } else {
          useDesignStore.getState().setSelection({ edges: [result.edgeId] });
        }
        break;
      }
      default:
        break;
    }
    this.updateHover(this.toWorld(this.screenPoint(event)));
  }

  onPointerLeave() {
    if (this.gesture.state === 'idle') {
      this.pointer = null;
      if (useCanvasUi.getState().hoveredNodeId) useCanvasUi.getState().set({ hoveredNodeId: null });
      this.drawOverlay();
    }
  }

  onWheel(event: WheelEvent) {
    event.preventDefault();
    const screen = this.screenPoint(event);
    this.pointer = screen;
    // Lines (old mice) and pages are scaled to pixels so every device moves about the same.
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? this.size.h : 1;
    const dx = event.deltaX * unit;
    const dy = event.deltaY * unit;
    if (event.ctrlKey || event.metaKey) {
      // Pinch gestures arrive as ctrl+wheel with small deltas; a mouse wheel notch is ~100.
      this.zoomBy(Math.exp(-dy * 0.0025), screen);
    } else {
      const v = this.viewport();
      const [panX, panY] = event.shiftKey && dx === 0 ? [dy, 0] : [dx, dy];
      this.setViewport({ ...v, x: v.x - panX, y: v.y - panY });
    }
  }

  /** Double-click: rename a node or edit a note's text inline. */
  onDoubleClick(event: { clientX: number; clientY: number }) {
    const hit = this.hit(this.toWorld(this.screenPoint(event)));
    if (hit.type === 'node' || hit.type === 'port') {
      useDesignStore.getState().setSelection({ nodes: [hit.nodeId] });
      useCanvasUi.getState().set({ editing: { type: 'node', id: hit.nodeId } });
    } else if (hit.type === 'note') {
      useDesignStore.getState().setSelection({ notes: [hit.noteId] });
      useCanvasUi.getState().set({ editing: { type: 'note', id: hit.noteId } });
    }
  }

  onDrop(kind: string, event: { clientX: number; clientY: number }): boolean {
    if (!(COMPONENT_KINDS as readonly string[]).includes(kind)) return false;
    addNode(kind as ComponentKind, this.snapPoint(this.toWorld(this.screenPoint(event))));
    useUiStore.getState().setPlacingKind(null);
    this.focus();
    return true;
  }

  /** Escape: abandons the gesture in progress (a drag goes back where it started). */
  cancelGesture(): boolean {
    const gesture = this.gesture;
    if (gesture.state === 'idle') return false;
    this.gesture = { state: 'idle' };
    if (gesture.state === 'draggingItems') this.finishDrag(gesture, false);
    if (gesture.state === 'resizingNote') {
      const store = useDesignStore.getState();
      if (store.past[store.past.length - 1]?.gestureId === gesture.gestureId) store.undo();
    }
    this.drawOverlay();
    return true;
  }

  private capture(event: PointerEvent | React.PointerEvent) {
    try {
      this.container?.setPointerCapture(event.pointerId);
    } catch {
      // Synthetic events without an active pointer cannot be captured; moves still arrive.
    }
  }

  private release(event: PointerEvent | React.PointerEvent) {
    try {
      if (this.container?.hasPointerCapture(event.pointerId))
        this.container.releasePointerCapture(event.pointerId);
    } catch {
      // see capture()
    }
  }

  private setCursor(cursor: string) {
    if (this.container && this.container.style.cursor !== cursor) this.container.style.cursor = cursor;
  }

  private updateHover(world: Point) {
    const placing = useUiStore.getState().placingKind;
    const hit = this.hit(world);
    const hovered = hit.type === 'node' || hit.type === 'port' ? hit.nodeId : null;
    if (useCanvasUi.getState().hoveredNodeId !== hovered)
      useCanvasUi.getState().set({ hoveredNodeId: hovered });
    const cursor = placing
      ? 'copy'
      : this.spaceHeld
        ? 'grab'
        : hit.type === 'port'
          ? 'crosshair'
          : hit.type === 'noteResize'
            ? 'nwse-resize'
            : hit.type === 'node' || hit.type === 'note'
              ? 'move'
              : hit.type === 'edge'
                ? 'pointer'
                : '';
    this.setCursor(cursor);
  }

  // ---- dragging: shapes move to the interaction layer and are positioned imperatively ----

  private startDrag(startWorld: Point, hit: Hit) {
    const { design, selection } = useDesignStore.getState();
    const layers = canvasRefs.layers;
    const nodeIds = new Set(selection.nodes);
    const noteIds = new Set(selection.notes);
    // A frame carries what lies inside it.
    for (const note of design.notes) {
      if (note.style === 'frame' && noteIds.has(note.id)) {
        const contents = frameContents(design, note);
        contents.nodes.forEach((id) => nodeIds.add(id));
        contents.notes.forEach((id) => noteIds.add(id));
      }
    }
    const nodes = new Map(
      design.nodes.filter((n) => nodeIds.has(n.id)).map((n) => [n.id, { x: n.x, y: n.y }]),
    );
    const notes = new Map(
      design.notes.filter((n) => noteIds.has(n.id)).map((n) => [n.id, { x: n.x, y: n.y }]),
    );
    const leadStart =
      hit.type === 'node' ? nodes.get(hit.nodeId) : hit.type === 'note' ? notes.get(hit.noteId) : undefined;
    const moved: MovedShape[] = [];
    if (layers) {
      const lift = (shape: Konva.Node | undefined) => {
        if (!shape || !shape.parent) return;
        moved.push({ shape, parent: shape.parent, zIndex: shape.zIndex() });
        shape.moveTo(layers.interaction);
      };
      // Same stacking as the static layer: frames, edges, nodes, other notes.
      const frames = design.notes.filter((n) => noteIds.has(n.id) && n.style === 'frame');
      const others = design.notes.filter((n) => noteIds.has(n.id) && n.style !== 'frame');
      frames.forEach((note) => lift(canvasRefs.noteGroups.get(note.id)));
      design.edges
        .filter((edge) => nodeIds.has(edge.from) || nodeIds.has(edge.to))
        .forEach((edge) => lift(canvasRefs.edgeShapes.get(edge.id)));
      design.nodes
        .filter((n) => nodeIds.has(n.id))
        .forEach((node) => lift(canvasRefs.nodeShapes.get(node.id)));
      others.forEach((note) => lift(canvasRefs.noteGroups.get(note.id)));
      layers.static.batchDraw();
      this.overlay?.moveToTop();
    }
    this.gesture = {
      state: 'draggingItems',
      gestureId: `drag-${++gestureCounter}`,
      startWorld,
      lead: { kind: hit.type === 'note' ? 'note' : 'node', start: leadStart ?? startWorld },
      nodes,
      notes,
      moved,
      delta: { x: 0, y: 0 },
    };
    this.setCursor('grabbing');
  }

  private updateDrag(world: Point) {
    const gesture = this.gesture;
    if (gesture.state !== 'draggingItems') return;
    const raw = { x: world.x - gesture.startWorld.x, y: world.y - gesture.startWorld.y };
    const leadTarget = this.snapPoint({ x: gesture.lead.start.x + raw.x, y: gesture.lead.start.y + raw.y });
    const delta = this.snapOn()
      ? { x: leadTarget.x - gesture.lead.start.x, y: leadTarget.y - gesture.lead.start.y }
      : { x: Math.round(raw.x), y: Math.round(raw.y) };
    gesture.delta = delta;
    for (const [id, start] of gesture.nodes) {
      const position = { x: start.x + delta.x, y: start.y + delta.y };
      canvasRefs.livePositions.set(id, position);
      canvasRefs.nodeShapes.get(id)?.position(position);
    }
    for (const [id, start] of gesture.notes) {
      canvasRefs.noteGroups.get(id)?.position({ x: start.x + delta.x, y: start.y + delta.y });
    }
    canvasRefs.layers?.interaction.batchDraw();
  }

  private finishDrag(gesture: Extract<Gesture, { state: 'draggingItems' }>, commit: boolean) {
    // Back to the static layer at the same stacking, lowest first so indices stay valid.
    const ordered = [...gesture.moved].sort((a, b) => a.zIndex - b.zIndex);
    for (const { shape, parent, zIndex } of ordered) {
      shape.moveTo(parent);
      shape.zIndex(Math.min(zIndex, parent.children.length - 1));
    }
    const { delta } = gesture;
    const moves = delta.x !== 0 || delta.y !== 0;
    if (!commit || !moves) {
      for (const [id, start] of gesture.nodes) canvasRefs.nodeShapes.get(id)?.position(start);
      for (const [id, start] of gesture.notes) canvasRefs.noteGroups.get(id)?.position(start);
    }
    canvasRefs.livePositions.clear();
    if (commit && moves) {
      const shift = (start: Point) => ({ x: start.x + delta.x, y: start.y + delta.y });
      moveItems(
        {
          nodes: new Map([...gesture.nodes].map(([id, start]) => [id, shift(start)])),
          notes: new Map([...gesture.notes].map(([id, start]) => [id, shift(start)])),
        },
        { label: 'Move', gestureId: gesture.gestureId },
      );
    }
    canvasRefs.layers?.static.batchDraw();
    canvasRefs.layers?.interaction.batchDraw();
    this.setCursor('');
  }

  // ---- overlay (interaction layer): marquee, connection being drawn, placing ghost ----

  drawOverlay() {
    canvasRefs.layers?.interaction.batchDraw();
  }

  paintOverlay(context: Context) {
    const theme = currentCanvasTheme();
    const gesture = this.gesture;
    const scale = this.viewport().scale;
    if (gesture.state === 'marquee') {
      drawMarquee(context, rectFromPoints(gesture.startWorld, gesture.currentWorld), scale, theme);
    } else if (gesture.state === 'connecting') {
      const design = useDesignStore.getState().design;
      const from = design.nodes.find((node) => node.id === gesture.fromId);
      if (!from) return;
      const target = gesture.targetId ? design.nodes.find((node) => node.id === gesture.targetId) : undefined;
      const route = target ? routeEdge(from, target) : routeToPoint(from, gesture.currentWorld);
      drawConnectionPreview(
        context,
        route,
        target ? nodeRect(target) : null,
        Boolean(gesture.refusal),
        theme,
      );
    } else if (gesture.state === 'idle') {
      const placing = useUiStore.getState().placingKind;
      if (placing && this.pointer)
        drawPlacingGhost(context, placing, this.snapPoint(this.toWorld(this.pointer)), theme);
    }
  }

  paintGrid(context: Context, transparent = false) {
    drawGrid(context, this.visibleWorldRect(), this.viewport().scale, currentCanvasTheme(), transparent);
  }
}

export const canvasController = new CanvasController();
