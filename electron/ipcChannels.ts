// IPC channel names shared by the preload and the main process (one place, no typos).
export const IPC = {
  newDesign: 'design:new',
  open: 'design:open',
  openRecent: 'design:openRecent',
  save: 'design:save',
  saveAs: 'design:saveAs',
  recentFiles: 'recent:list',
  removeRecentFile: 'recent:remove',
  writeDraft: 'draft:write',
  readDraft: 'draft:read',
  listDrafts: 'draft:list',
  clearDraft: 'draft:clear',
  listTemplates: 'template:list',
  readTemplate: 'template:read',
  exportPng: 'export:png',
  appInfo: 'app:info',
  documentState: 'window:documentState',
  closeWindow: 'window:close',
  answerCloseRequest: 'window:answerCloseRequest',
  openExternal: 'shell:openExternal',
  /** main → renderer */
  shellRequest: 'shell:request',
} as const;
