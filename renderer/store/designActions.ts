// Document edits in the product's words, each one undo step. Canvas, palette, inspector and
// commands call these rather than writing to the design directly.
import { kindCan } from '../../shared/kinds/index';
import { CATALOG, type ComponentKind } from '../../shared/document/catalog';
import { connectionProblem } from '../../shared/document/connections';
import { limitRefusal, wouldExceedLimits } from '../../shared/document/limits';
import type { Design, DesignEdge, DesignNode, DesignNote, NoteStyle } from '../../shared/document/types';
import { nodeRect, noteRect, unionRects, type Rect } from '../../shared/document/geometry';
import type { ClipboardPayload } from '../canvas/clipboardFormat';
import { useDesignStore } from './designStore';

/** A short id unique within the design, e.g. `cache-3`. */
export function nextId(design: Design, prefix: string): string {
  const taken = new Set<string>([
    ...design.nodes.map((node) => node.id),
    ...design.edges.map((edge) => edge.id),
    ...design.notes.map((note) => note.id),
  ]);
  let n = 1;
  while (taken.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/** A readable label unique among nodes of the kind, e.g. "Cache 2". */
export function nextLabel(design: Design, kind: ComponentKind): string {
  const base = CATALOG[kind].label;
  const labels = new Set(design.nodes.map((node) => node.label));
  if (!labels.has(base)) return base;
  let n = 2;
  while (labels.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/**
 * Places a new node of a kind centred at a world position and selects it; returns its id, or null
 * when the design already holds as many nodes as a file may (the store says so).
 */
export function addNode(kind: ComponentKind, world: { x: number; y: number }): string | null {
  const store = useDesignStore.getState();
  const id = nextId(store.design, kind);
  const added = store.change(
    `Add ${CATALOG[kind].label}`,
    (design) => {
      design.nodes.push({ id, kind, label: nextLabel(design, kind), x: world.x, y: world.y, params: {} });
    },
    { action: `Adding ${CATALOG[kind].label}` },
  );
  if (!added) return null;
  useDesignStore.getState().setSelection({ nodes: [id] });
  return id;
}

// ---- canvas editing (renderer/canvas); each function is one undo step unless it takes a gestureId ----

export interface Position {
  x: number;
  y: number;
}

/** Moves nodes (centres) and notes (top-left corners) to new positions: one step per gesture. */
export function moveItems(
  positions: { nodes?: Map<string, Position>; notes?: Map<string, Position> },
  options: { label?: string; gestureId?: string } = {},
): void {
  const nodes = positions.nodes ?? new Map();
  const notes = positions.notes ?? new Map();
  if (nodes.size + notes.size === 0) return;
  useDesignStore.getState().change(
    options.label ?? 'Move',
    (design) => {
      for (const node of design.nodes) {
        const to = nodes.get(node.id);
        if (to) {
          node.x = to.x;
          node.y = to.y;
        }
      }
      for (const note of design.notes) {
        const to = notes.get(note.id);
        if (to) {
          note.x = to.x;
          note.y = to.y;
        }
      }
    },
    { gestureId: options.gestureId },
  );
}

/** Moves the selected nodes and notes by a world offset (arrow-key nudge). */
export function nudgeSelection(dx: number, dy: number, gestureId?: string): void {
  const { design, selection } = useDesignStore.getState();
  const nodeIds = new Set(selection.nodes);
  const noteIds = new Set(selection.notes);
  moveItems(
    {
      nodes: new Map(
        design.nodes.filter((n) => nodeIds.has(n.id)).map((n) => [n.id, { x: n.x + dx, y: n.y + dy }]),
      ),
      notes: new Map(
        design.notes.filter((n) => noteIds.has(n.id)).map((n) => [n.id, { x: n.x + dx, y: n.y + dy }]),
      ),
    },
    { label: 'Nudge', gestureId },
  );
}

/** Deletes the selected nodes (with every edge touching them), edges and notes. */
export function deleteSelection(): void {
  const { selection } = useDesignStore.getState();
  const nodeIds = new Set(selection.nodes);
  const edgeIds = new Set(selection.edges);
  const noteIds = new Set(selection.notes);
  if (nodeIds.size + edgeIds.size + noteIds.size === 0) return;
  useDesignStore.getState().change('Delete', (design) => {
    design.nodes = design.nodes.filter((node) => !nodeIds.has(node.id));
    design.edges = design.edges.filter(
      (edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.from) && !nodeIds.has(edge.to),
    );
    design.notes = design.notes.filter((note) => !noteIds.has(note.id));
    // Scenario events aimed at what was deleted would fail validation; they go too.
    const gone = (target: string) => {
      const id = target.split(':')[0];
      return nodeIds.has(id) || edgeIds.has(target);
    };
    design.scenario.events = design.scenario.events.filter((event) => !gone(event.target));
  });
  useDesignStore.getState().setSelection({});
}

/** Wires `from` → `to` and returns the edge id, or the reason it was refused. */
export function connectNodes(fromId: string, toId: string): { edgeId: string } | { refused: string } {
  const { design } = useDesignStore.getState();
  const refused = connectionProblem(design, fromId, toId);
  if (refused) return { refused };
  const overLimit = wouldExceedLimits(design, { edges: 1 });
  if (overLimit) return { refused: `${limitRefusal('Connecting', overLimit)}.` };
  const edgeId = nextId(design, 'edge');
  const from = design.nodes.find((node) => node.id === fromId)!;
  const to = design.nodes.find((node) => node.id === toId)!;
  const toQueue = kindCan(to.kind, 'buffersMessages');
  const connected = useDesignStore.getState().change(
    `Connect ${from.label} → ${to.label}`,
    (draft) => {
      // Producers reach a queue fire-and-forget (the spec's model), so that edge starts async.
      draft.edges.push({ id: edgeId, from: fromId, to: toId, params: toQueue ? { async: true } : {} });
    },
    { action: 'Connecting' },
  );
  // The store refused it (and said why): over a limit `wouldExceedLimits` does not count.
  if (!connected) return { refused: '' };
  return { edgeId };
}

/** "3 services", "2 API gateways", "2 CDNs": a count of one kind in the notice. */
function kindCount(kind: string, count: number): string {
  const label = kind in CATALOG ? CATALOG[kind as ComponentKind].label : kind;
  const words = label.split(' ').map((word) => (word === word.toUpperCase() ? word : word.toLowerCase()));
  return `${count} ${words.join(' ')}s`;
}

/** How E wires a selection: one pair, a fan-out, a fan-in or a chain (selection order). */
export type ConnectShape = 'pair' | 'fanOut' | 'fanIn' | 'chain';

/**
 * The connections E means for a selection (ids in selection order). Two nodes: first → second.
 * More: when the first-selected is the odd one out (the others share a kind) it fans out to them
 * (a load balancer → 3 services); when the last-selected is the odd one out the others fan in to it
 * (3 services → a cache); otherwise the nodes are chained in selection order.
 */
export function plannedConnections(
  design: Design,
  ids: readonly string[],
): { shape: ConnectShape; pairs: [string, string][] } {
  const kindOf = (id: string) => design.nodes.find((node) => node.id === id)?.kind;
  const oddOneOut = (odd: string, others: readonly string[]) =>
    others.every((id) => kindOf(id) === kindOf(others[0])) && kindOf(odd) !== kindOf(others[0]);
  if (ids.length === 2) return { shape: 'pair', pairs: [[ids[0], ids[1]]] };
  const first = ids[0];
  const last = ids[ids.length - 1];
  if (oddOneOut(first, ids.slice(1)))
    return { shape: 'fanOut', pairs: ids.slice(1).map((to): [string, string] => [first, to]) };
  if (oddOneOut(last, ids.slice(0, -1)))
    return { shape: 'fanIn', pairs: ids.slice(0, -1).map((from): [string, string] => [from, last]) };
  return {
    shape: 'chain',
    pairs: ids.slice(0, -1).map((from, index): [string, string] => [from, ids[index + 1]]),
  };
}

/**
 * E: wires the selected nodes the way `plannedConnections` reads them, as ONE undo step. Refused
 * pairs are skipped and their reasons returned; `summary` says what was done in the product's words
 * ("Connected 3 services → Cache"), or is null when nothing was connected.
 */
export function connectSelection(): {
  edgeIds: string[];
  refused: string[];
  shape: ConnectShape | null;
  summary: string | null;
} {
  const { design, selection } = useDesignStore.getState();
  const result = {
    edgeIds: [] as string[],
    refused: [] as string[],
    shape: null as ConnectShape | null,
    summary: null as string | null,
  };
  const ids = selection.nodes.filter((id) => design.nodes.some((node) => node.id === id));
  if (ids.length < 2) return result;
  const plan = plannedConnections(design, ids);
  result.shape = plan.shape;
  const additions: { id: string; from: string; to: string; async: boolean }[] = [];
  let working = design;
  for (const [from, to] of plan.pairs) {
    const problem = connectionProblem(working, from, to);
    if (problem) {
      result.refused.push(problem);
      continue;
    }
    const id = nextId(working, 'edge');
    // Producers reach a queue fire-and-forget (the spec's model), so that edge starts async.
    const async = kindCan(working.nodes.find((node) => node.id === to)?.kind ?? '', 'buffersMessages');
    additions.push({ id, from, to, async });
    working = { ...working, edges: [...working.edges, { id, from, to, params: {} }] };
    result.edgeIds.push(id);
  }
  if (additions.length === 0) return result;

  const node = (id: string) => design.nodes.find((candidate) => candidate.id === id)!;
  const connectedFrom = [...new Set(additions.map((edge) => edge.from))];
  const connectedTo = [...new Set(additions.map((edge) => edge.to))];
  const side = (nodeIds: string[]) =>
    nodeIds.length === 1 ? node(nodeIds[0]).label : kindCount(node(nodeIds[0]).kind, nodeIds.length);
  if (plan.shape === 'chain') {
    const steps = additions.map((edge) => node(edge.from).label);
    // A refused link breaks the chain into pieces; list each connection then.
    const contiguous = additions.every((edge, index) => index === 0 || additions[index - 1].to === edge.from);
    result.summary = contiguous
      ? `Connected ${[...steps, node(additions[additions.length - 1].to).label].join(' → ')}`
      : `Connected ${additions.map((edge) => `${node(edge.from).label} → ${node(edge.to).label}`).join(', ')}`;
  } else {
    result.summary = `Connected ${side(connectedFrom)} → ${side(connectedTo)}`;
  }
  const connected = useDesignStore.getState().change(
    result.summary,
    (draft) => {
      for (const edge of additions) {
        draft.edges.push({
          id: edge.id,
          from: edge.from,
          to: edge.to,
          params: edge.async ? { async: true } : {},
        });
      }
    },
    { action: 'Connecting' },
  );
  if (!connected) return { edgeIds: [], refused: [], shape: plan.shape, summary: null };
  useDesignStore.getState().setSelection({ nodes: selection.nodes, edges: result.edgeIds });
  return result;
}

/** What a text edit did: `refused` when the text is longer than a design may hold (the store says so). */
export type TextEditResult = 'changed' | 'unchanged' | 'refused';

export function renameNode(id: string, label: string): TextEditResult {
  const trimmed = label.trim();
  const node = useDesignStore.getState().design.nodes.find((candidate) => candidate.id === id);
  if (!node || !trimmed || trimmed === node.label) return 'unchanged';
  const renamed = useDesignStore.getState().change(
    `Rename ${node.label} → ${trimmed}`,
    (design) => {
      design.nodes.find((candidate) => candidate.id === id)!.label = trimmed;
    },
    { action: 'Renaming' },
  );
  return renamed ? 'changed' : 'refused';
}

export function setNoteText(id: string, text: string): TextEditResult {
  const note = useDesignStore.getState().design.notes.find((candidate) => candidate.id === id);
  if (!note || text === note.text) return 'unchanged';
  const edited = useDesignStore.getState().change('Edit note', (design) => {
    design.notes.find((candidate) => candidate.id === id)!.text = text;
  });
  return edited ? 'changed' : 'refused';
}

export const NOTE_DEFAULTS: Record<NoteStyle, { text: string; w: number; h: number }> = {
  sticky: { text: 'Note', w: 200, h: 120 },
  frame: { text: 'Region', w: 520, h: 340 },
  text: { text: 'Text', w: 200, h: 36 },
};

/**
 * Adds a sticky note, frame or text label centred at a world point; selects it; returns its id, or
 * null when the design holds as many notes as a file may (the store says so).
 */
export function addNote(style: NoteStyle, centre: Position, text?: string): string | null {
  const store = useDesignStore.getState();
  const id = nextId(store.design, style === 'sticky' ? 'note' : style);
  const defaults = NOTE_DEFAULTS[style];
  const label = { sticky: 'Add note', frame: 'Add frame', text: 'Add text' }[style];
  const action = { sticky: 'Adding a note', frame: 'Adding a frame', text: 'Adding a text label' }[style];
  const added = store.change(
    label,
    (design) => {
      const note: DesignNote = {
        id,
        text: text ?? defaults.text,
        x: Math.round(centre.x - defaults.w / 2),
        y: Math.round(centre.y - defaults.h / 2),
        w: defaults.w,
        h: defaults.h,
        style,
      };
      // Frames go underneath everything else so their contents stay clickable.
      if (style === 'frame') design.notes.unshift(note);
      else design.notes.push(note);
    },
    { action },
  );
  if (!added) return null;
  useDesignStore.getState().setSelection({ notes: [id] });
  return id;
}

/** Resizes a note; consecutive calls with one gestureId are one undo step (a whole resize drag). */
export function resizeNote(id: string, size: { w: number; h: number }, gestureId?: string): void {
  useDesignStore.getState().change(
    'Resize note',
    (design) => {
      const note = design.notes.find((candidate) => candidate.id === id);
      if (!note) return;
      note.w = Math.round(size.w);
      note.h = Math.round(size.h);
    },
    { gestureId },
  );
}

/** Draws fresh ids and labels for many new items at once (linear, however many are pasted). */
function idAllocator(design: Design) {
  const taken = new Set<string>([
    ...design.nodes.map((node) => node.id),
    ...design.edges.map((edge) => edge.id),
    ...design.notes.map((note) => note.id),
  ]);
  const labels = new Set(design.nodes.map((node) => node.label));
  const nextNumber = new Map<string, number>();
  const fresh = (used: Set<string>, key: string, name: (n: number) => string, first: number) => {
    let n = nextNumber.get(key) ?? first;
    while (used.has(name(n))) n++;
    nextNumber.set(key, n + 1);
    used.add(name(n));
    return name(n);
  };
  return {
    id: (prefix: string) => fresh(taken, `id:${prefix}`, (n) => `${prefix}-${n}`, 1),
    /** The label itself when free, else the kind's next free "Cache 2" (as `nextLabel`). */
    label: (label: string, kind: ComponentKind) => {
      if (!labels.has(label)) {
        labels.add(label);
        return label;
      }
      const base = CATALOG[kind].label;
      if (!labels.has(base)) {
        labels.add(base);
        return base;
      }
      return fresh(labels, `label:${kind}`, (n) => `${base} ${n}`, 2);
    },
  };
}

/**
 * Pastes clipboard content with fresh ids (so it also works into another design), moved by
 * `offset`, and selects it. Labels already used in the design get the next free number. `action`
 * names it in a refusal ("Duplicate would make 5,120 nodes; …"): a paste the design cannot hold is
 * refused whole and nothing is selected.
 */
export function pastePayload(
  payload: ClipboardPayload,
  offset: Position,
  action: 'Paste' | 'Duplicate' = 'Paste',
): { nodes: string[]; notes: string[] } {
  const store = useDesignStore.getState();
  const none = { nodes: [], notes: [] };
  if (payload.nodes.length + payload.notes.length === 0) return none;
  // Counted before anything is built: a refused paste of thousands costs nothing.
  const overLimit = wouldExceedLimits(store.design, {
    nodes: payload.nodes.length,
    notes: payload.notes.length,
    edges: payload.edges.length,
  });
  if (overLimit) return store.refuseOverLimit(action, overLimit) || none;
  const allocate = idAllocator(store.design);
  const idMap = new Map<string, string>();
  const nodes: DesignNode[] = [];
  const notes: DesignNote[] = [];
  const edges: DesignEdge[] = [];
  for (const node of payload.nodes) {
    const id = allocate.id(node.kind);
    idMap.set(node.id, id);
    nodes.push({
      ...node,
      id,
      label: allocate.label(node.label, node.kind),
      x: node.x + offset.x,
      y: node.y + offset.y,
      params: { ...node.params },
    });
  }
  for (const note of payload.notes) {
    const id = allocate.id(note.style === 'frame' ? 'frame' : note.style === 'text' ? 'text' : 'note');
    idMap.set(note.id, id);
    notes.push({ ...note, id, x: note.x + offset.x, y: note.y + offset.y });
  }
  for (const edge of payload.edges) {
    const from = idMap.get(edge.from);
    const to = idMap.get(edge.to);
    if (!from || !to) continue;
    edges.push({ ...edge, id: allocate.id('edge'), from, to, params: { ...edge.params } });
  }
  const pasted = store.change(action, (design) => {
    design.nodes.push(...nodes);
    design.edges.push(...edges);
    const frames = notes.filter((note) => note.style === 'frame');
    // Frames go underneath everything else (as when they are added), in their pasted order.
    design.notes.unshift(...frames);
    design.notes.push(...notes.filter((note) => note.style !== 'frame'));
  });
  if (!pasted) return none;
  const selection = {
    nodes: nodes.map((node) => node.id),
    notes: notes.map((note) => note.id),
    edges: edges.map((edge) => edge.id),
  };
  useDesignStore.getState().setSelection(selection);
  return selection;
}

export type AlignMode = 'left' | 'center' | 'right' | 'top' | 'middle' | 'bottom';

interface ArrangeItem {
  kind: 'node' | 'note';
  id: string;
  rect: Rect;
}

function selectedItems(): ArrangeItem[] {
  const { design, selection } = useDesignStore.getState();
  const nodeIds = new Set(selection.nodes);
  const noteIds = new Set(selection.notes);
  return [
    ...design.nodes
      .filter((node) => nodeIds.has(node.id))
      .map((node): ArrangeItem => ({ kind: 'node', id: node.id, rect: nodeRect(node) })),
    ...design.notes
      .filter((note) => noteIds.has(note.id))
      .map((note): ArrangeItem => ({ kind: 'note', id: note.id, rect: noteRect(note) })),
  ];
}

/** New top-left corners that line the items up on one edge or centre line of their common bounds. */
export function alignedRects(rects: Rect[], mode: AlignMode): Position[] {
  const bounds = unionRects(rects);
  if (!bounds) return [];
  return rects.map((rect) => {
    switch (mode) {
      case 'left':
        return { x: bounds.x, y: rect.y };
      case 'right':
        return { x: bounds.x + bounds.w - rect.w, y: rect.y };
      case 'center':
        return { x: bounds.x + bounds.w / 2 - rect.w / 2, y: rect.y };
      case 'top':
        return { x: rect.x, y: bounds.y };
      case 'bottom':
        return { x: rect.x, y: bounds.y + bounds.h - rect.h };
      case 'middle':
        return { x: rect.x, y: bounds.y + bounds.h / 2 - rect.h / 2 };
    }
  });
}

/** New top-left corners that leave equal gaps between the items along an axis (ends stay put). */
export function distributedRects(rects: Rect[], axis: 'horizontal' | 'vertical'): Position[] {
  const result: Position[] = rects.map((rect) => ({ x: rect.x, y: rect.y }));
  if (rects.length < 3) return result;
  const horizontal = axis === 'horizontal';
  const start = (r: Rect) => (horizontal ? r.x : r.y);
  const size = (r: Rect) => (horizontal ? r.w : r.h);
  const order = rects
    .map((_, index) => index)
    .sort((a, b) => start(rects[a]) + size(rects[a]) / 2 - (start(rects[b]) + size(rects[b]) / 2));
  const first = rects[order[0]];
  const last = rects[order[order.length - 1]];
  const span = start(last) + size(last) - start(first);
  const occupied = order.reduce((sum, index) => sum + size(rects[index]), 0);
  const gap = (span - occupied) / (order.length - 1);
  let cursor = start(first);
  for (const index of order) {
    if (horizontal) result[index] = { x: cursor, y: rects[index].y };
    else result[index] = { x: rects[index].x, y: cursor };
    cursor += size(rects[index]) + gap;
  }
  return result;
}

function applyArrangement(items: ArrangeItem[], corners: Position[], label: string): void {
  const nodes = new Map<string, Position>();
  const notes = new Map<string, Position>();
  items.forEach((item, index) => {
    const corner = corners[index];
    if (item.kind === 'node')
      nodes.set(item.id, { x: corner.x + item.rect.w / 2, y: corner.y + item.rect.h / 2 });
    else notes.set(item.id, corner);
  });
  moveItems({ nodes, notes }, { label });
}

export function alignSelection(mode: AlignMode): void {
  const items = selectedItems();
  if (items.length < 2) return;
  applyArrangement(
    items,
    alignedRects(
      items.map((item) => item.rect),
      mode,
    ),
    `Align ${mode}`,
  );
}

export function distributeSelection(axis: 'horizontal' | 'vertical'): void {
  const items = selectedItems();
  if (items.length < 3) return;
  applyArrangement(
    items,
    distributedRects(
      items.map((item) => item.rect),
      axis,
    ),
    `Distribute ${axis}`,
  );
}

export const selectedItemCount = () => {
  const { selection } = useDesignStore.getState();
  return selection.nodes.length + selection.notes.length;
};
