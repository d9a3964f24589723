// Canvas state that React renders but that is not the document: hover, the inline editor, the
// context menu, the export dialog, snapping. Never enters undo history.
import { create } from 'zustand';
import type { Hit } from '../../shared/document/geometry';

import type { ContextTarget } from '../commands/contextMenus';

export type { ContextTarget };

export interface CanvasUiState {
  hoveredNodeId: string | null;
  /** The node label or note text being edited inline. */
  editing: { type: 'node' | 'note'; id: string } | null;
  contextMenu: { target: ContextTarget; clientX: number; clientY: number; hit: Hit } | null;
  exportDialogOpen: boolean;
  /** What the export dialog offers first: `file.exportPng` opens it on PNG, `file.exportSvg` on SVG. */
  exportFormat: 'png' | 'svg';
  snapToGrid: boolean;
  set: (partial: Partial<Omit<CanvasUiState, 'set'>>) => void;
}

export const useCanvasUi = create<CanvasUiState>()((set) => ({
  hoveredNodeId: null,
  editing: null,
  contextMenu: null,
  exportDialogOpen: false,
  exportFormat: 'png',
  snapToGrid: true,
  set: (partial) => set(partial),
}));
