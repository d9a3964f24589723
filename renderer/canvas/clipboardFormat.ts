// The clipboard's JSON: what cut/copy put on the system clipboard and paste reads back, so a copy
// from one design pastes into another (or another window). Pure: ids are remapped on paste.
import { COMPONENT_KINDS } from '../../shared/document/catalog';
import type { DesignEdge, DesignNode, DesignNote, Design } from '../../shared/document/types';

export const CLIPBOARD_FORMAT = 'backpressure.clipboard';

export interface ClipboardPayload {
  format: typeof CLIPBOARD_FORMAT;
  nodes: DesignNode[];
  /** Only edges whose both ends were copied. */
  edges: DesignEdge[];
  notes: DesignNote[];
}

export function copyPayload(
  design: Design,
  selection: { nodes: string[]; notes: string[] },
): ClipboardPayload {
  const nodeIds = new Set(selection.nodes);
  const noteIds = new Set(selection.notes);
  const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));
  return {
    format: CLIPBOARD_FORMAT,
    nodes: clone(design.nodes.filter((node) => nodeIds.has(node.id))),
    edges: clone(design.edges.filter((edge) => nodeIds.has(edge.from) && nodeIds.has(edge.to))),
    notes: clone(design.notes.filter((note) => noteIds.has(note.id))),
  };
}

const isFiniteNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

/** Reads clipboard text back; null when it is not ours (plain text, another app's JSON, damaged). */
export function parsePayload(text: string): ClipboardPayload | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const payload = value as Partial<ClipboardPayload>;
  if (payload.format !== CLIPBOARD_FORMAT) return null;
  if (!Array.isArray(payload.nodes) || !Array.isArray(payload.edges) || !Array.isArray(payload.notes))
    return null;
  const kinds = new Set<string>(COMPONENT_KINDS);
  const nodes = payload.nodes.filter(
    (node) =>
      node &&
      typeof node.id === 'string' &&
      kinds.has(node.kind) &&
      typeof node.label === 'string' &&
      isFiniteNumber(node.x) &&
      isFiniteNumber(node.y) &&
      node.params !== null &&
      typeof node.params === 'object',
  );
  const nodeIds = new Set(nodes.map((node) => node.id));
  const edges = payload.edges.filter(
    (edge) =>
      edge &&
      typeof edge.id === 'string' &&
      nodeIds.has(edge.from) &&
      nodeIds.has(edge.to) &&
      edge.params !== null &&
      typeof edge.params === 'object',
  );
  const notes = payload.notes.filter(
    (note) =>
      note &&
      typeof note.id === 'string' &&
      typeof note.text === 'string' &&
      [note.x, note.y, note.w, note.h].every(isFiniteNumber),
  );
  if (nodes.length + notes.length === 0) return null;
  return { format: CLIPBOARD_FORMAT, nodes, edges, notes };
}
