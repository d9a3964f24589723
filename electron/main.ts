// The Electron main process: one hardened window, the native menu, files, drafts, recent files and
// the IPC behind the DesktopApi. Every handler checks the sender frame and validates its payload
// with the shared schemas (documents with the same parseDesign used to open files).
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  screen,
  shell,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
} from 'electron';
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { z } from 'zod';
import type {
  DocumentState,
  FileRef,
  OpenResult,
  SaveResult,
  ShellRequest,
} from '../shared/platform/desktopApi';
import { fileNameForTitle } from '../shared/platform/desktopApi';
import {
  closeRequestAnswerPayload,
  designPayload,
  documentStatePayload,
  draftIdPayload,
  draftPayload,
  exportFilePayload,
  externalUrlPayload,
  fileRefPayload,
  filePathPayload,
  isAllowedExternalUrl,
  pngPayload,
  reportHtmlPayload,
  saveOptionsPayload,
  suggestedNamePayload,
  templateNamePayload,
} from '../shared/platform/payloads';
import { parseDesign } from '../shared/document/validate';
import { EXPORT_FORMATS, withExtension, type ExportFormat } from '../shared/platform/exportFormats';
import { AppData, type WindowBounds } from './appData';
import { CloseGuard } from './closeGuard';
import { atomicWrite, readDesignFile, removeStaleTempFiles } from './files';
import { changedOnDisk, identityOf, OpenFileWatch, type FileIdentity } from './fileIdentity';
import { IPC } from './ipcChannels';
import { parseIpcArguments } from './ipcGuard';
import { menuTemplate } from './menu';
import { printReportToPdf } from './printToPdf';
import { hardenSessions, isTrustedSender, registerAppScheme, rendererUrl, serveRenderer } from './security';

const appRoot = app.getAppPath();
const data = new AppData(process.env.BACKPRESSURE_USER_DATA ?? app.getPath('userData'));
let window: BrowserWindow | null = null;
let rendererReady = false;
let documentState: DocumentState = { title: 'Backpressure', dirty: false };
/** Closing with unsaved changes waits for the renderer's question, unless the renderer is gone or hung. */
const closeGuard = new CloseGuard({
  isDirty: () => documentState.dirty,
  askRenderer: () => sendToRenderer({ type: 'closeRequested' }),
  forceClose(reason) {
    console.warn(`closing the window without asking: ${reason} (the autosaved draft is kept)`);
    if (window) rememberBounds(window);
    window?.destroy();
  },
  setTimer: (run, delayMs) => setTimeout(run, delayMs),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
});
/** Renderer crashes in the last minute: the page is reloaded after a crash, but not in a loop. */
const recentCrashes: number[] = [];
/** Files the user chose (dialogs, OS, recent list): the only paths the renderer may save to. */
const grantedPaths = new Set<string>();
/** The version of each file this window opened or saved: a save first checks it is still that. */
const knownVersions = new Map<string, FileIdentity>();
/** Tells the renderer when the open document's file is changed by another program. */
const openFileWatch = new OpenFileWatch((path) =>
  sendToRenderer({ type: 'fileChangedOnDisk', file: { path, name: basename(path) } }),
);

async function rememberVersion(path: string): Promise<void> {
  const identity = await identityOf(path);
  if (!identity) return;
  knownVersions.set(path, identity);
  openFileWatch.follow(path, identity);
}

/** Shell requests waiting for the renderer to finish loading (a file opened from the OS at launch). */
const pending: ShellRequest[] = [];

function sendToRenderer(request: ShellRequest) {
  if (window && rendererReady) window.webContents.send(IPC.shellRequest, request);
  else pending.push(request);
}

async function refreshMenu() {
  const template = menuTemplate(
    {
      runCommand: (id) => sendToRenderer({ type: 'command', id }),
      nativeTextEdit: (action) => window?.webContents[action](),
      openRecent: (path) =>
        void openPath(path).then((result) => sendToRenderer({ type: 'openFile', result })),
      recentFiles: await data.recentFiles().catch(() => []),
    },
    { isMac: process.platform === 'darwin', isPackaged: app.isPackaged, appName: app.name },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Reads a design the user (or the OS) chose. Only files that open become recent files. */
async function openPath(path: string): Promise<OpenResult> {
  const file: FileRef = { path, name: basename(path) };
  const read = await readDesignFile(path);
  if (!read.ok)
    return read.missing ? { status: 'missing', file } : { status: 'failed', message: read.message };
  grantedPaths.add(path);
  await rememberVersion(path);
  if (parseDesign(read.text).ok) {
    await data.rememberRecent(path);
    app.addRecentDocument(path);
    void refreshMenu();
  }
  return { status: 'opened', file, text: read.text };
}

async function writeDesign(path: string, design: unknown, overwriteChanges = true): Promise<SaveResult> {
  try {
    const known = knownVersions.get(path);
    if (known && !overwriteChanges && (await changedOnDisk(path, known)))
      return { status: 'changedOnDisk', file: { path, name: basename(path) } };
    await openFileWatch.whileWriting(async () => {
      await removeStaleTempFiles(path);
      await atomicWrite(path, `${JSON.stringify(design, null, 2)}\n`, { keepBackup: true });
      await rememberVersion(path);
    });
    grantedPaths.add(path);
    await data.rememberRecent(path);
    app.addRecentDocument(path);
    void refreshMenu();
    return { status: 'saved', file: { path, name: basename(path) } };
  } catch (error) {
    return { status: 'failed', message: (error as Error).message };
  }
}

const DESIGN_FILTERS = [{ name: 'Backpressure design', extensions: ['bpd'] }];

async function saveAs(design: unknown, suggestedName: string): Promise<SaveResult> {
  const choice = await dialog.showSaveDialog(window!, {
    defaultPath: join(app.getPath('documents'), suggestedName || 'Untitled design.bpd'),
    filters: DESIGN_FILTERS,
  });
  if (choice.canceled || !choice.filePath) return { status: 'cancelled' };
  const path = extname(choice.filePath) ? choice.filePath : `${choice.filePath}.bpd`;
  return writeDesign(path, design);
}

/**
 * Registers an invoke handler that refuses untrusted senders and validates every argument with
 * its schema before the handler runs. A refusal rejects the renderer's promise with the reason.
 */
function handle<Schemas extends z.ZodType[]>(
  channel: string,
  schemas: [...Schemas],
  run: (...args: { [K in keyof Schemas]: z.output<Schemas[K]> }) => unknown,
) {
  ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
    if (!isTrustedSender(event, window?.webContents ?? null))
      throw new Error(`${channel}: refused (untrusted sender)`);
    return run(...parseIpcArguments(channel, schemas, args));
  });
}

/** The same checks for one-way messages (`send`): an untrusted or malformed message is dropped. */
function listen<Schema extends z.ZodType>(
  channel: string,
  schema: Schema,
  run: (value: z.output<Schema>) => void,
) {
  ipcMain.on(channel, (event: IpcMainEvent, ...args: unknown[]) => {
    if (!isTrustedSender(event, window?.webContents ?? null)) return;
    try {
      run(...parseIpcArguments(channel, [schema], args));
    } catch (error) {
      console.warn(`refused IPC message: ${(error as Error).message}`);
    }
  });
}

/** Asks where to save an export (SVG, report, PDF, recording) and writes it there atomically. */
async function saveExport(
  format: ExportFormat,
  data: string | Uint8Array,
  name: string,
): Promise<SaveResult> {
  const info = EXPORT_FORMATS[format];
  // Next to the open design's file when it has one (a debrief or report belongs with it).
  const designFile = openFileWatch.followedPath;
  const folder = designFile ? dirname(designFile) : app.getPath(info.folder);
  const choice = await dialog.showSaveDialog(window!, {
    defaultPath: join(folder, withExtension(name, format)),
    filters: [{ name: info.description, extensions: [info.extension] }],
  });
  if (choice.canceled || !choice.filePath) return { status: 'cancelled' };
  const path = extname(choice.filePath) ? choice.filePath : `${choice.filePath}.${info.extension}`;
  try {
    await atomicWrite(path, data);
  } catch (error) {
    return { status: 'failed', message: (error as Error).message };
  }
  return { status: 'saved', file: { path, name: basename(path) } };
}

function registerIpc() {
  handle(IPC.newDesign, [], () => openFileWatch.stop());
  handle(IPC.open, [], async (): Promise<OpenResult> => {
    const choice = await dialog.showOpenDialog(window!, {
      properties: ['openFile'],
      filters: DESIGN_FILTERS,
    });
    if (choice.canceled || choice.filePaths.length === 0) return { status: 'cancelled' };
    return openPath(choice.filePaths[0]);
  });
  handle(IPC.openRecent, [filePathPayload], async (path) => {
    const recent = await data.recentFiles();
    // A recent file, or the open one (reloaded after it changed on disk).
    if (!recent.some((entry) => entry.path === path) && !grantedPaths.has(path))
      return { status: 'failed', message: 'not a recent file' };
    return openPath(path);
  });
  handle(
    IPC.save,
    [designPayload, fileRefPayload.nullable(), saveOptionsPayload],
    async (design, file, options) => {
      // The renderer may only write where the user chose to; anything else becomes a Save as.
      if (!file || !grantedPaths.has(file.path))
        return saveAs(design, file?.name ?? fileNameForTitle(design.meta.title));
      return writeDesign(file.path, design, options?.overwriteChanges === true);
    },
  );
  handle(IPC.saveAs, [designPayload, suggestedNamePayload], (design, name) => saveAs(design, name));
  handle(IPC.recentFiles, [], () => data.recentFiles());
  handle(IPC.removeRecentFile, [filePathPayload], async (path) => {
    await data.removeRecent(path);
    void refreshMenu();
  });
  handle(IPC.writeDraft, [draftPayload], (draft) => data.writeDraft(draft));
  handle(IPC.readDraft, [draftIdPayload], (id) => data.readDraft(id));
  handle(IPC.listDrafts, [], () => data.listDrafts());
  handle(IPC.clearDraft, [draftIdPayload], (id) => data.clearDraft(id));
  const templates = join(appRoot, 'dist', 'templates');
  handle(IPC.listTemplates, [], async () => {
    const names = (await readdir(templates).catch(() => [] as string[])).filter((name) =>
      name.endsWith('.bpd'),
    );
    return Promise.all(
      names.map(async (name) => {
        let title = name.replace(/\.bpd$/, '');
        try {
          title = JSON.parse(await readFile(join(templates, name), 'utf8'))?.meta?.title ?? title;
        } catch {
          // Listed by name; opening it shows its problems.
        }
        return { name, title };
      }),
    );
  });
  handle(IPC.readTemplate, [templateNamePayload], (name) => readFile(join(templates, name), 'utf8'));
  handle(IPC.exportPng, [pngPayload, suggestedNamePayload], async (png, name): Promise<SaveResult> => {
    const choice = await dialog.showSaveDialog(window!, {
      defaultPath: join(app.getPath('pictures'), name || 'design.png'),
      filters: [{ name: 'PNG image', extensions: ['png'] }],
    });
    if (choice.canceled || !choice.filePath) return { status: 'cancelled' };
    await atomicWrite(choice.filePath, png);
    return { status: 'saved', file: { path: choice.filePath, name: basename(choice.filePath) } };
  });
  handle(IPC.exportFile, [exportFilePayload, suggestedNamePayload], ({ format, data }, name) =>
    saveExport(format, data, name),
  );
  handle(
    IPC.exportPdf,
    [reportHtmlPayload, suggestedNamePayload],
    async (html, name): Promise<SaveResult> => {
      let pdf: Buffer;
      try {
        pdf = await printReportToPdf(html);
      } catch (error) {
        return { status: 'failed', message: `could not print the report: ${(error as Error).message}` };
      }
      return saveExport('pdf', new Uint8Array(pdf), name);
    },
  );
  handle(IPC.appInfo, [], () => ({
    name: app.getName(),
    version: app.getVersion(),
    platform: 'electron' as const,
    os: process.platform,
  }));
  handle(IPC.closeWindow, [], () => {
    closeGuard.confirmed();
    window?.close();
  });
  listen(IPC.answerCloseRequest, closeRequestAnswerPayload, (answer) => {
    if (answer === 'asking') closeGuard.acknowledged();
    else closeGuard.cancelled();
  });
  handle(IPC.openExternal, [externalUrlPayload], async (url) => {
    if (!isAllowedExternalUrl(url)) return false;
    await shell.openExternal(url);
    return true;
  });
  listen(IPC.documentState, documentStatePayload, (state) => {
    documentState = state;
    window?.setTitle(`${documentState.dirty ? '● ' : ''}${documentState.title} — Backpressure`);
    window?.setDocumentEdited(documentState.dirty);
  });
}

function rememberBounds(closing: BrowserWindow) {
  void data.saveWindowBounds({ ...closing.getNormalBounds(), maximized: closing.isMaximized() });
}

/** Keeps remembered bounds only if they are still on a connected display. */
function visibleBounds(bounds: WindowBounds | null): WindowBounds | null {
  if (!bounds) return null;
  const onScreen = screen.getAllDisplays().some(({ workArea }) => {
    return (
      bounds.x + 100 > workArea.x &&
      bounds.y + 50 > workArea.y &&
      bounds.x < workArea.x + workArea.width - 100 &&
      bounds.y < workArea.y + workArea.height - 50
    );
  });
  return onScreen ? bounds : null;
}

async function createWindow() {
  const remembered = visibleBounds(await data.windowBounds());
  window = new BrowserWindow({
    width: remembered?.width ?? 1440,
    height: remembered?.height ?? 900,
    ...(remembered ? { x: remembered.x, y: remembered.y } : {}),
    minWidth: 900,
    minHeight: 600,
    title: 'Backpressure',
    icon: join(appRoot, 'assets', 'icon.png'),
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (remembered?.maximized) window.maximize();
  window.once('ready-to-show', () => window?.show());
  // The renderer keeps the title in step (file name + unsaved marker) via setDocumentState.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.webContents.on('did-finish-load', () => {
    rendererReady = true;
    closeGuard.rendererLoaded();
    for (const request of pending.splice(0)) window?.webContents.send(IPC.shellRequest, request);
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    rendererReady = false;
    const closing = closeGuard.waitingForRenderer;
    closeGuard.rendererGone();
    if (closing || details.reason === 'clean-exit') return;
    // Reload, so the page starts again and offers the autosaved draft; not in a crash loop.
    const now = Date.now();
    recentCrashes.push(now);
    while (recentCrashes.length > 0 && now - recentCrashes[0] > 60_000) recentCrashes.shift();
    console.warn(
      `the page crashed (${details.reason}); ${recentCrashes.length <= 3 ? 'reloading' : 'not reloading again'}`,
    );
    if (recentCrashes.length <= 3) window?.webContents.reload();
  });
  window.on('unresponsive', () => closeGuard.rendererUnresponsive());
  window.on('close', (event) => {
    if (window) rememberBounds(window);
    // With unsaved changes the renderer asks Save / Don't save / Cancel and calls closeWindow
    // when settled; a crashed or hung renderer does not hold the window open (see closeGuard.ts).
    if (closeGuard.requestClose() === 'wait') event.preventDefault();
  });
  window.on('closed', () => {
    window = null;
    rendererReady = false;
    closeGuard.reset();
  });
  await window.loadURL(rendererUrl());
}

const designArgument = (argv: string[]) =>
  argv.slice(1).find((arg) => /\.bpd$/i.test(arg) && !arg.startsWith('-'));

function openFromOs(path: string) {
  void openPath(path).then((result) => sendToRenderer({ type: 'openFile', result }));
  if (window?.isMinimized()) window.restore();
  window?.focus();
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch (e.g. double-clicking a .bpd) hands its file to this instance.
  app.on('second-instance', (_event, argv) => {
    const path = designArgument(argv);
    if (path) openFromOs(path);
    else window?.focus();
  });
  // macOS sends open-file, possibly before ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) openFromOs(path);
    else app.once('ready', () => openFromOs(path));
  });
  app.whenReady().then(async () => {
    hardenSessions();
    serveRenderer(join(appRoot, 'dist', 'renderer'));
    registerIpc();
    await refreshMenu();
    const path = designArgument(process.argv);
    if (path) openFromOs(path);
    await createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
