// The open design and everything about editing it: history, selection, viewport, file identity.
// Document changes go through `change()`, which records immer patches so every gesture is one undo
// step. Selection, viewport and run state never enter history. Every change and every replaced
// document is checked against the document limits (`designLimitExcess`): a change the file format
// could not hold is refused whole, with a notice, and leaves the document and history as they were.
import { create } from 'zustand';
import { applyPatches, enablePatches, produceWithPatches, type Patch } from 'immer';
import {
  designLimitExcess,
  limitProblem,
  limitRefusal,
  type DesignLimitExcess,
} from '../../shared/document/limits';
import { emptyDesign, type Design } from '../../shared/document/types';
import { useUiStore } from './uiStore';

enablePatches();

export const HISTORY_LIMIT = 500;

interface HistoryEntry {
  label: string;
  /** Consecutive changes with the same gesture id merge into one undo step (a whole drag). */
  gestureId?: string;
  patches: Patch[];
  inversePatches: Patch[];
}

export interface Selection {
  nodes: string[];
  edges: string[];
  notes: string[];
}
export const EMPTY_SELECTION: Selection = { nodes: [], edges: [], notes: [] };

export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export interface FileIdentity {
  /** Platform handle: a path in Electron, an opaque id in the browser; null until first saved. */
  path: string | null;
  name: string | null;
}

export interface DesignState {
  design: Design;
  file: FileIdentity;
  /** Increases on every document change, undo and redo; equal to savedRevision when clean. */
  revision: number;
  savedRevision: number;
  past: HistoryEntry[];
  future: HistoryEntry[];
  selection: Selection;
  viewport: Viewport;
  /** Why the last refused change was refused (a document limit), for fields that show it inline. */
  lastRefusal: string | null;

  /**
   * Applies `recipe` as one undo step (merged with the previous one when the gesture id matches).
   * Returns false when it was refused because the result would break a document limit (the notice
   * names `options.action`, else the label); nothing is applied then.
   */
  change: (label: string, recipe: (design: Design) => void, options?: ChangeOptions) => boolean;
  /** Shows why a command was refused by a document limit (for a command that checks before it
   *  builds its change, e.g. a paste counted with `wouldExceedLimits`); returns false. */
  refuseOverLimit: (action: string, excess: DesignLimitExcess) => false;
  undo: () => void;
  redo: () => void;
  /**
   * Replaces the whole document (new, open, restore a draft): history starts afresh. Returns false
   * (and keeps the open document) for a design beyond the document limits; files reach it through
   * `parseDesign`, which refuses those first.
   */
  replaceDesign: (design: Design, file?: FileIdentity, options?: { dirty?: boolean }) => boolean;
  markSaved: (file?: FileIdentity) => void;
  setSelection: (selection: Partial<Selection>) => void;
  setViewport: (viewport: Viewport) => void;
}

export interface ChangeOptions {
  gestureId?: string;
  /** The command as a refusal names it ("Duplicate", "Rename"), when the label says more. */
  action?: string;
}

/** Shows why a change was refused; the one place the limits reach the user. */
function refuse(message: string): false {
  useDesignStore.setState({ lastRefusal: message });
  useUiStore.getState().showNotice({ text: message, tone: 'warning' });
  return false;
}

export const useDesignStore = create<DesignState>()((set, get) => ({
  design: emptyDesign(),
  file: { path: null, name: null },
  revision: 0,
  savedRevision: 0,
  past: [],
  future: [],
  selection: EMPTY_SELECTION,
  viewport: { x: 0, y: 0, scale: 1 },
  lastRefusal: null,

  change(label, recipe, options) {
    const { design, past, revision } = get();
    const [next, patches, inversePatches] = produceWithPatches(design, recipe);
    if (patches.length === 0) return true;
    const excess = designLimitExcess(next, design);
    if (excess) return refuse(`${limitRefusal(options?.action ?? label, excess)}.`);
    const last = past[past.length - 1];
    let nextPast: HistoryEntry[];
    if (options?.gestureId && last?.gestureId === options.gestureId) {
      const merged: HistoryEntry = {
        ...last,
        patches: [...last.patches, ...patches],
        inversePatches: [...inversePatches, ...last.inversePatches],
      };
      nextPast = [...past.slice(0, -1), merged];
    } else {
      nextPast = [...past, { label, gestureId: options?.gestureId, patches, inversePatches }];
      if (nextPast.length > HISTORY_LIMIT) nextPast = nextPast.slice(nextPast.length - HISTORY_LIMIT);
    }
    set({ design: next, past: nextPast, future: [], revision: revision + 1 });
    return true;
  },

  refuseOverLimit(action, excess) {
    return refuse(`${limitRefusal(action, excess)}.`);
  },

  undo() {
    const { past, future, design, revision } = get();
    const entry = past[past.length - 1];
    if (!entry) return;
    const next = applyPatches(design, entry.inversePatches);
    set({
      design: next,
      past: past.slice(0, -1),
      future: [entry, ...future],
      revision: revision + 1,
      selection: pruneSelection(get().selection, next),
    });
  },

  redo() {
    const { past, future, design, revision } = get();
    const entry = future[0];
    if (!entry) return;
    const next = applyPatches(design, entry.patches);
    set({
      design: next,
      past: [...past, { ...entry, gestureId: undefined }],
      future: future.slice(1),
      revision: revision + 1,
      selection: pruneSelection(get().selection, next),
    });
  },

  replaceDesign(design, file = { path: null, name: null }, options) {
    const excess = designLimitExcess(design);
    if (excess)
      return refuse(`This design is too big to open: ${limitProblem(excess)}. The open design is unchanged.`);
    const revision = get().revision + 1;
    set({
      design,
      file,
      revision,
      savedRevision: options?.dirty ? -1 : revision,
      past: [],
      future: [],
      selection: EMPTY_SELECTION,
    });
    return true;
  },

  markSaved(file) {
    set((state) => ({ savedRevision: state.revision, file: file ?? state.file }));
  },

  setSelection(selection) {
    set({ selection: { ...EMPTY_SELECTION, ...selection } });
  },

  setViewport(viewport) {
    set({ viewport });
  },
}));

export const isDirty = (state: DesignState) => state.revision !== state.savedRevision;

/** Drops selected ids that no longer exist (after undo/redo removed them). */
function pruneSelection(selection: Selection, design: Design): Selection {
  const nodeIds = new Set(design.nodes.map((node) => node.id));
  const edgeIds = new Set(design.edges.map((edge) => edge.id));
  const noteIds = new Set(design.notes.map((note) => note.id));
  return {
    nodes: selection.nodes.filter((id) => nodeIds.has(id)),
    edges: selection.edges.filter((id) => edgeIds.has(id)),
    notes: selection.notes.filter((id) => noteIds.has(id)),
  };
}
