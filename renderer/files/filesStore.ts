// What the file flows show besides the document: the start screen, a bad file's problems, the
// draft offered after a crash, recent files and templates. Never enters undo history.
import { create } from 'zustand';
import type { DraftInfo, RecentFile, TemplateInfo } from '../../shared/platform/desktopApi';

export interface ProblemsReport {
  /** What was being opened ("checkout.bpd", "template Checkout"). */
  source: string;
  problems: string[];
}

export interface FilesState {
  /** Autosave key of the open document; a new one for every New/Open so old drafts survive. */
  draftId: string;
  startScreen: boolean;
  problems: ProblemsReport | null;
  /** Drafts left by an earlier session that did not close cleanly. */
  drafts: DraftInfo[];
  recent: RecentFile[];
  templates: TemplateInfo[];
}

export const newDraftId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export const useFilesStore = create<FilesState>()(() => ({
  draftId: newDraftId(),
  startScreen: false,
  problems: null,
  drafts: [],
  recent: [],
  templates: [],
}));
