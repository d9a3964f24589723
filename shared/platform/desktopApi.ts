// The one typed bridge between the renderer and the platform it runs on. Electron's preload
// exposes exactly this object (`satisfies DesktopApi`); the browser build implements the same
// interface with the File System Access API / downloads and IndexedDB. The renderer never knows
// which one it talks to. Payloads crossing IPC are checked with the schemas in ./payloads.ts.
import type { Design } from '../document/types';
import type { ExportFileFormat } from './exportFormats';

/** Where a document lives. `path` is a platform handle: a file path in Electron, an opaque id in the browser. */
export interface FileRef {
  path: string;
  name: string;
}

/** The text of a file the user picked; the renderer validates it with parseDesign. */
export type OpenResult =
  | { status: 'opened'; file: FileRef; text: string }
  | { status: 'cancelled' }
  /** A recent file that is no longer where it was. */
  | { status: 'missing'; file: FileRef }
  | { status: 'failed'; message: string };

export type SaveResult =
  | { status: 'saved'; file: FileRef }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string }
  /** Another program changed the file since it was opened or last saved: nothing was written. */
  | { status: 'changedOnDisk'; file: FileRef };

export interface SaveOptions {
  /** Write even though the file changed on disk (the user chose Overwrite). */
  overwriteChanges?: boolean;
}

export interface RecentFile extends FileRef {
  /** Epoch ms of the last open or save. */
  openedAt: number;
  /** The file is gone (deleted, moved, unplugged); shown as missing and removable. */
  missing: boolean;
}

/** An autosaved copy of a modified document, offered after a crash. */
export interface Draft {
  /** One id per open document (a window session), so a new document never overwrites an old draft. */
  id: string;
  /** Epoch ms when it was written. */
  savedAt: number;
  /** The file the document belongs to, null for a never-saved document. */
  file: FileRef | null;
  design: Design;
}
export type DraftInfo = Omit<Draft, 'design'> & { title: string };

export interface TemplateInfo {
  /** File name under assets/templates, e.g. "checkout.bpd". */
  name: string;
  title: string;
}

export interface AppInfo {
  name: string;
  version: string;
  platform: 'electron' | 'browser';
  /** e.g. "linux", "darwin", "win32", or the browser's user agent platform. */
  os: string;
}

/** The document state the shell needs: the window title, and whether closing must ask first. */
export interface DocumentState {
  title: string;
  dirty: boolean;
}

export type CloseRequestAnswer = 'asking' | 'cancelled';

/** Requests from the shell (native menu, OS, window) that the renderer carries out. */
export type ShellRequest =
  | { type: 'command'; id: string }
  | { type: 'openFile'; result: OpenResult }
  | { type: 'closeRequested' }
  /** The open document's file was changed by another program. */
  | { type: 'fileChangedOnDisk'; file: FileRef };

export interface DesktopApi {
  readonly platform: 'electron' | 'browser';
  /** The window now holds a new, never-saved document. */
  newDesign(): Promise<void>;
  /** Shows the platform's open picker. */
  open(): Promise<OpenResult>;
  openRecent(path: string): Promise<OpenResult>;
  /** Writes to `file` (atomically on desktop); with no file it behaves like saveAs. */
  save(design: Design, file: FileRef | null, options?: SaveOptions): Promise<SaveResult>;
  saveAs(design: Design, suggestedName: string): Promise<SaveResult>;
  recentFiles(): Promise<RecentFile[]>;
  removeRecentFile(path: string): Promise<void>;
  writeDraft(draft: Draft): Promise<void>;
  readDraft(id: string): Promise<Draft | null>;
  listDrafts(): Promise<DraftInfo[]>;
  clearDraft(id: string): Promise<void>;
  listTemplates(): Promise<TemplateInfo[]>;
  /** The text of a bundled template (assets/templates/NAME). */
  readTemplate(name: string): Promise<string>;
  exportPng(png: Uint8Array, suggestedName: string): Promise<SaveResult>;
  /**
   * Saves an exported file: the design as SVG (text), a run report as HTML (text), a recording as
   * WebM (bytes) — a save dialog on desktop, a download in the browser (./exportFormats.ts).
   */
  exportFile(format: ExportFileFormat, data: string | Uint8Array, suggestedName: string): Promise<SaveResult>;
  /**
   * Prints an HTML report to PDF and saves it. Desktop only (Chromium's printToPDF in the main
   * process); the browser answers `failed` with PDF_NEEDS_DESKTOP.
   */
  exportPdf(html: string, suggestedName: string): Promise<SaveResult>;
  appInfo(): Promise<AppInfo>;
  /** Keeps the shell's window title and close confirmation in step with the document. */
  setDocumentState(state: DocumentState): void;
  /** Closes the window after the renderer settled unsaved changes (Save / Don't save). */
  closeWindow(): Promise<void>;
  /**
   * Answers a `closeRequested` shell request: 'asking' at once (the user sees Save / Don't save /
   * Cancel), 'cancelled' if the user keeps the window. A renderer that does not say 'asking' within
   * a few seconds is taken to be hung and the window closes anyway (the draft is on disk).
   */
  answerCloseRequest(answer: CloseRequestAnswer): void;
  /** Opens an https link in the system browser (allowlisted hosts only). */
  openExternal(url: string): Promise<boolean>;
  /** Subscribes to shell requests; returns the unsubscribe function. */
  onShellRequest(listener: (request: ShellRequest) => void): () => void;
}

/** The suggested file name for a design title: "Checkout: v2" → "Checkout v2.bpd". */
export function fileNameForTitle(title: string): string {
  const base = Array.from(title, (char) => (char.charCodeAt(0) < 0x20 ? ' ' : char))
    .join('')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return `${base || 'Untitled design'}.bpd`;
}
