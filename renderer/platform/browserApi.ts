/// <reference types="vite/client" />
// The browser implementation of the DesktopApi. Files: the File System Access API where the
// browser has it (Chromium), otherwise (and in automated browsers, whose native pickers cannot be
// answered) download to save and an <input type=file> to open. Drafts and recent files: IndexedDB.
import type {
  AppInfo,
  DesktopApi,
  Draft,
  DraftInfo,
  DocumentState,
  FileRef,
  OpenResult,
  RecentFile,
  SaveResult,
  TemplateInfo,
} from '../../shared/platform/desktopApi';
import { fileNameForTitle } from '../../shared/platform/desktopApi';
import { isAllowedExternalUrl } from '../../shared/platform/payloads';
import { EXPORT_FORMATS, PDF_NEEDS_DESKTOP, withExtension } from '../../shared/platform/exportFormats';
import type { Design } from '../../shared/document/types';
import { parseDesign } from '../../shared/document/validate';
import { version } from '../../package.json';
import { idbAll, idbDelete, idbGet, idbPut } from './idb';
import { BUNDLED_TEMPLATES } from './bundledTemplates';

interface PickerOptions {
  suggestedName?: string;
  types?: { description: string; accept: Record<string, string[]> }[];
  multiple?: boolean;
}
interface FilePickers {
  showOpenFilePicker(options?: PickerOptions): Promise<FileSystemFileHandle[]>;
  showSaveFilePicker(options?: PickerOptions): Promise<FileSystemFileHandle>;
}

/** Permission calls Chromium has on handles (not yet in TypeScript's DOM types). */
interface PermissionedHandle {
  queryPermission?(options: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
  requestPermission?(options: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
}
const permissions = (handle: FileSystemFileHandle) => handle as unknown as PermissionedHandle;

/** What IndexedDB keeps per recent file: a handle (File System Access) or the last copy (upload/download). */
interface StoredRecent extends FileRef {
  openedAt: number;
  handle?: FileSystemFileHandle;
  text?: string;
}

const RECENT_LIMIT = 10;
/** Only files that open become recent files (a broken one is not worth offering again). */
const opens = (text: string) => parseDesign(text).ok;
const DESIGN_TYPES = [{ description: 'Backpressure design', accept: { 'application/json': ['.bpd'] } }];
/**
 * The native pickers, when there are some a person can answer. Automated tests, which cannot answer
 * native dialogs, may stand in for them with `window.__backpressureFilePickers` (real handles from
 * the origin-private file system), so the File System Access path is tested end to end.
 */
const pickers = (): FilePickers | null => {
  const standIn = (window as { __backpressureFilePickers?: FilePickers }).__backpressureFilePickers;
  if (standIn) return standIn;
  return 'showSaveFilePicker' in window && !navigator.webdriver ? (window as unknown as FilePickers) : null;
};

/** Handles of files picked in this page, by their opaque path id. */
const handles = new Map<string, FileSystemFileHandle>();
/** The last-modified time of each handle's file when this window last read or wrote it. */
const knownVersions = new Map<string, number>();
const newId = (prefix: string) =>
  `${prefix}:${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const serialize = (design: Design) => `${JSON.stringify(design, null, 2)}\n`;
const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';
const failure = (error: unknown) => ({
  status: 'failed' as const,
  message: error instanceof Error ? error.message : String(error),
});

async function remember(entry: StoredRecent): Promise<void> {
  await idbPut('recent', entry);
  const all = await idbAll<StoredRecent>('recent');
  const stale = all.sort((a, b) => b.openedAt - a.openedAt).slice(RECENT_LIMIT);
  await Promise.all(stale.map((old) => idbDelete('recent', old.path)));
}

function download(bytes: BlobPart, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens the browser's file chooser; resolves null when the user cancels. */
function chooseFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.bpd,application/json';
    input.style.display = 'none';
    input.dataset.testid = 'open-file-input';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    document.body.append(input);
    input.click();
  });
}

async function writeHandle(handle: FileSystemFileHandle, text: string): Promise<void> {
  // createWritable writes to a swap file and replaces the original on close: a crash mid-write
  // leaves the original intact.
  const writable = await handle.createWritable();
  await writable.write(text);
  await writable.close();
}

let unloadGuard: ((event: BeforeUnloadEvent) => void) | null = null;

export const browserApi: DesktopApi = {
  platform: 'browser',

  async newDesign() {},

  async open(): Promise<OpenResult> {
    const available = pickers();
    try {
      if (available) {
        const [handle] = await available.showOpenFilePicker({ types: DESIGN_TYPES });
        const path = newId('fsa');
        handles.set(path, handle);
        const opened = await handle.getFile();
        knownVersions.set(path, opened.lastModified);
        const text = await opened.text();
        if (opens(text)) await remember({ path, name: handle.name, openedAt: Date.now(), handle });
        return { status: 'opened', file: { path, name: handle.name }, text };
      }
      const file = await chooseFile();
      if (!file) return { status: 'cancelled' };
      const text = await file.text();
      const path = newId('upload');
      if (opens(text)) await remember({ path, name: file.name, openedAt: Date.now(), text });
      return { status: 'opened', file: { path, name: file.name }, text };
    } catch (error) {
      return isAbort(error) ? { status: 'cancelled' } : failure(error);
    }
  },

  async openRecent(path): Promise<OpenResult> {
    const entry = await idbGet<StoredRecent>('recent', path);
    if (!entry) return { status: 'missing', file: { path, name: path } };
    const file = { path, name: entry.name };
    try {
      let text = entry.text;
      if (entry.handle) {
        if ((await permissions(entry.handle).requestPermission?.({ mode: 'readwrite' })) === 'denied')
          return { status: 'failed', message: `permission to read ${entry.name} was refused` };
        handles.set(path, entry.handle);
        const opened = await entry.handle.getFile();
        knownVersions.set(path, opened.lastModified);
        text = await opened.text();
      }
      if (text === undefined) return { status: 'missing', file };
      await remember({ ...entry, openedAt: Date.now() });
      return { status: 'opened', file, text };
    } catch (error) {
      if (error instanceof DOMException && error.name === 'NotFoundError') return { status: 'missing', file };
      return failure(error);
    }
  },

  async save(design, file, options) {
    if (!file) return browserApi.saveAs(design, fileNameForTitle(design.meta.title));
    const text = serialize(design);
    const handle = handles.get(file.path);
    try {
      if (handle) {
        // Another program changed the file since we read or wrote it: nothing is written.
        const known = knownVersions.get(file.path);
        if (
          known !== undefined &&
          !options?.overwriteChanges &&
          (await handle.getFile()).lastModified !== known
        )
          return { status: 'changedOnDisk', file };
        await writeHandle(handle, text);
        knownVersions.set(file.path, (await handle.getFile()).lastModified);
        await remember({ path: file.path, name: file.name, openedAt: Date.now(), handle });
      } else {
        download(text, file.name, 'application/json');
        await remember({ path: file.path, name: file.name, openedAt: Date.now(), text });
      }
      return { status: 'saved', file };
    } catch (error) {
      return failure(error);
    }
  },

  async saveAs(design, suggestedName): Promise<SaveResult> {
    const text = serialize(design);
    const available = pickers();
    try {
      if (available) {
        const handle = await available.showSaveFilePicker({ suggestedName, types: DESIGN_TYPES });
        await writeHandle(handle, text);
        const path = newId('fsa');
        handles.set(path, handle);
        knownVersions.set(path, (await handle.getFile()).lastModified);
        await remember({ path, name: handle.name, openedAt: Date.now(), handle });
        return { status: 'saved', file: { path, name: handle.name } };
      }
      const file = { path: newId('download'), name: suggestedName };
      download(text, file.name, 'application/json');
      await remember({ ...file, openedAt: Date.now(), text });
      return { status: 'saved', file };
    } catch (error) {
      return isAbort(error) ? { status: 'cancelled' } : failure(error);
    }
  },

  async recentFiles(): Promise<RecentFile[]> {
    const entries = (await idbAll<StoredRecent>('recent')).sort((a, b) => b.openedAt - a.openedAt);
    return Promise.all(
      entries.map(async ({ path, name, openedAt, handle, text }) => {
        let missing = text === undefined && !handle;
        if (handle) {
          try {
            // Only when permission is already granted can we look without prompting.
            if ((await permissions(handle).queryPermission?.({ mode: 'read' })) === 'granted')
              await handle.getFile();
          } catch {
            missing = true;
          }
        }
        return { path, name, openedAt, missing };
      }),
    );
  },

  async removeRecentFile(path) {
    await idbDelete('recent', path);
  },

  async writeDraft(draft) {
    await idbPut('drafts', draft);
  },

  async readDraft(id) {
    return (await idbGet<Draft>('drafts', id)) ?? null;
  },

  async listDrafts(): Promise<DraftInfo[]> {
    const drafts = await idbAll<Draft>('drafts');
    return drafts
      .map(({ id, savedAt, file, design }) => ({ id, savedAt, file, title: design.meta.title }))
      .sort((a, b) => b.savedAt - a.savedAt);
  },

  async clearDraft(id) {
    await idbDelete('drafts', id);
  },

  async listTemplates(): Promise<TemplateInfo[]> {
    const entries = [...BUNDLED_TEMPLATES].map(([name, text]) => {
      let title = name.replace(/\.bpd$/, '');
      try {
        title = JSON.parse(text)?.meta?.title ?? title;
      } catch {
        // A broken template still shows by name; opening it lists its problems.
      }
      return { name, title };
    });
    return entries.sort((a, b) => a.title.localeCompare(b.title));
  },

  async readTemplate(name) {
    const text = BUNDLED_TEMPLATES.get(name);
    if (text === undefined) throw new Error(`no template named ${name}`);
    return text;
  },

  async exportPng(png, suggestedName) {
    download(png as BlobPart, suggestedName, 'image/png');
    return { status: 'saved', file: { path: newId('download'), name: suggestedName } };
  },

  async exportFile(format, data, suggestedName) {
    const name = withExtension(suggestedName, format);
    download(data as BlobPart, name, EXPORT_FORMATS[format].mimeType);
    return { status: 'saved', file: { path: newId('download'), name } };
  },

  // A browser cannot print a page to a PDF file by itself; the renderer says so before asking.
  async exportPdf() {
    return { status: 'failed', message: PDF_NEEDS_DESKTOP };
  },

  async appInfo(): Promise<AppInfo> {
    return { name: 'Backpressure', version, platform: 'browser', os: navigator.platform };
  },

  setDocumentState({ dirty }: DocumentState) {
    if (dirty && !unloadGuard) {
      // The browser can only warn on unload; the draft in IndexedDB keeps the work either way.
      unloadGuard = (event) => {
        event.preventDefault();
        event.returnValue = '';
      };
      window.addEventListener('beforeunload', unloadGuard);
    } else if (!dirty && unloadGuard) {
      window.removeEventListener('beforeunload', unloadGuard);
      unloadGuard = null;
    }
  },

  async closeWindow() {
    window.close();
  },

  // A browser tab never asks the page before closing (beforeunload warns instead).
  answerCloseRequest() {},

  async openExternal(url) {
    if (!isAllowedExternalUrl(url)) return false;
    window.open(url, '_blank', 'noopener,noreferrer');
    return true;
  },

  onShellRequest() {
    return () => {};
  },
};
