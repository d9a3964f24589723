// The preload: exposes exactly the DesktopApi to the renderer (contextIsolation + sandbox), as
// `window.backpressureDesktop`. Nothing else from Node or Electron reaches the page. Every call is
// an `invoke` the main process checks (sender frame + payload schema) before acting.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopApi, ShellRequest } from '../shared/platform/desktopApi';
import { IPC } from './ipcChannels';

const desktopApi = {
  platform: 'electron',
  newDesign: () => ipcRenderer.invoke(IPC.newDesign),
  open: () => ipcRenderer.invoke(IPC.open),
  openRecent: (path) => ipcRenderer.invoke(IPC.openRecent, path),
  save: (design, file, options) => ipcRenderer.invoke(IPC.save, design, file, options),
  saveAs: (design, suggestedName) => ipcRenderer.invoke(IPC.saveAs, design, suggestedName),
  recentFiles: () => ipcRenderer.invoke(IPC.recentFiles),
  removeRecentFile: (path) => ipcRenderer.invoke(IPC.removeRecentFile, path),
  writeDraft: (draft) => ipcRenderer.invoke(IPC.writeDraft, draft),
  readDraft: (id) => ipcRenderer.invoke(IPC.readDraft, id),
  listDrafts: () => ipcRenderer.invoke(IPC.listDrafts),
  clearDraft: (id) => ipcRenderer.invoke(IPC.clearDraft, id),
  listTemplates: () => ipcRenderer.invoke(IPC.listTemplates),
  readTemplate: (name) => ipcRenderer.invoke(IPC.readTemplate, name),
  exportPng: (png, suggestedName) => ipcRenderer.invoke(IPC.exportPng, png, suggestedName),
  exportFile: (format, data, suggestedName) =>
    ipcRenderer.invoke(IPC.exportFile, { format, data }, suggestedName),
  exportPdf: (html, suggestedName) => ipcRenderer.invoke(IPC.exportPdf, html, suggestedName),
  appInfo: () => ipcRenderer.invoke(IPC.appInfo),
  setDocumentState: (state) => ipcRenderer.send(IPC.documentState, state),
  closeWindow: () => ipcRenderer.invoke(IPC.closeWindow),
  answerCloseRequest: (answer) => ipcRenderer.send(IPC.answerCloseRequest, answer),
  openExternal: (url) => ipcRenderer.invoke(IPC.openExternal, url),
  onShellRequest(listener) {
    const forward = (_event: IpcRendererEvent, request: ShellRequest) => listener(request);
    ipcRenderer.on(IPC.shellRequest, forward);
    return () => void ipcRenderer.removeListener(IPC.shellRequest, forward);
  },
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('backpressureDesktop', desktopApi);
