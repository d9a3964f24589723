// Document edits in the product's words, each one undo step. Canvas, palette, inspector and
// commands call these rather than writing to the design directly.
import { CATALOG, type ComponentKind } from '../../shared/document/catalog';
import type { Design } from '../../shared/document/types';
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

/** Places a new node of a kind centred at a world position and selects it; returns its id. */
export function addNode(kind: ComponentKind, world: { x: number; y: number }): string {
  const store = useDesignStore.getState();
  const id = nextId(store.design, kind);
  store.change(`Add ${CATALOG[kind].label}`, (design) => {
    design.nodes.push({ id, kind, label: nextLabel(design, kind), x: world.x, y: world.y, params: {} });
  });
  useDesignStore.getState().setSelection({ nodes: [id] });
  return id;
}
