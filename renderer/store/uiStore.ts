// Window state that is not the document: theme, panels, overlays, what the palette is placing,
// and a short notice (e.g. why a connection was refused). Never enters undo history.
import { create } from 'zustand';
import type { ComponentKind } from '../../shared/document/catalog';

export type ThemeChoice = 'system' | 'light' | 'dark';

/** The palette hands a kind to the canvas by a click (`placingKind`) or a drag with this data type. */
export const KIND_DRAG_TYPE = 'application/x-backpressure-kind';

export interface Notice {
  text: string;
  /** Screen position to show it at (near the cursor); centred at the top otherwise. */
  at?: { x: number; y: number };
  tone?: 'info' | 'warning' | 'error';
}

export interface UiState {
  theme: ThemeChoice;
  /** Black-on-white (or white-on-black) colours with strong outlines, for projectors and shared screens. */
  highContrast: boolean;
  panels: { palette: boolean; inspector: boolean; dock: boolean };
  overlay: null | 'commandPalette' | 'shortcuts';
  /** Set by a palette click: the next canvas click places this kind. */
  placingKind: ComponentKind | null;
  notice: Notice | null;
  setTheme: (theme: ThemeChoice) => void;
  setHighContrast: (highContrast: boolean) => void;
  togglePanel: (panel: keyof UiState['panels']) => void;
  setOverlay: (overlay: UiState['overlay']) => void;
  setPlacingKind: (kind: ComponentKind | null) => void;
  showNotice: (notice: Notice | null) => void;
}

export const useUiStore = create<UiState>()((set) => ({
  theme: 'system',
  highContrast: false,
  panels: { palette: true, inspector: true, dock: true },
  overlay: null,
  placingKind: null,
  notice: null,
  setTheme: (theme) => set({ theme }),
  setHighContrast: (highContrast) => set({ highContrast }),
  togglePanel: (panel) => set((state) => ({ panels: { ...state.panels, [panel]: !state.panels[panel] } })),
  setOverlay: (overlay) => set({ overlay }),
  setPlacingKind: (placingKind) => set({ placingKind }),
  showNotice: (notice) => set({ notice }),
}));
