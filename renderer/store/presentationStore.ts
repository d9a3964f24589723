// Presentation mode's window state (never part of the document, never in undo history): whether the
// window presents, the pointer tool (laser or the normal editing pointer), the spotlight, and which
// slide the camera shows. What the window looked like before presenting is kept to restore on exit.
import { create } from 'zustand';
import type { Viewport } from '../../shared/document/geometry';

/** The on-screen scale of cards, pills, captions and dock text while presenting (camera and CSS). */
export const PRESENTATION_SCALE = 1.5;

export type PointerTool = 'edit' | 'laser';

export interface PresentationState {
  presenting: boolean;
  tool: PointerTool;
  spotlight: boolean;
  /** Index into the slides in reading order; null while the camera is free or shows the overview. */
  slideIndex: number | null;
  overview: boolean;
  /** The camera before presenting, restored when presenting ends. */
  viewportBefore: Viewport | null;
  set: (patch: Partial<Omit<PresentationState, 'set'>>) => void;
}

export const usePresentation = create<PresentationState>()((set) => ({
  presenting: false,
  tool: 'edit',
  spotlight: false,
  slideIndex: null,
  overview: false,
  viewportBefore: null,
  set: (patch) => set(patch),
}));
