// The file flows behind the commands: New, Open, Save, Save as, open a recent file or a template,
// restore a draft, close. Every path that would replace the document first settles unsaved
// changes (Save / Don't save / Cancel), and a bad file never touches the open document.
import { parseDesign } from '../../shared/document/validate';
import { emptyDesign, type Design } from '../../shared/document/types';
import {
  fileNameForTitle,
  type FileRef,
  type OpenResult,
  type SaveOptions,
  type SaveResult,
} from '../../shared/platform/desktopApi';
import { askDialog } from '../ui/Dialog';
import { getDesktopApi } from '../platform/getDesktopApi';
import { isDirty, useDesignStore, type FileIdentity } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { newDraftId, useFilesStore } from './filesStore';

const api = () => getDesktopApi();

/** The name the window title and dialogs use: the file name, else the design title. */
export function documentName(): string {
  const { file, design } = useDesignStore.getState();
  return file.name ?? design.meta.title;
}

const fileRef = (file: FileIdentity): FileRef | null =>
  file.path && file.name ? { path: file.path, name: file.name } : null;

function notify(text: string, tone: 'info' | 'warning' | 'error' = 'info') {
  useUiStore.getState().showNotice({ text, tone });
}

export async function refreshLists(): Promise<void> {
  const desktop = api();
  const [recent, drafts, templates] = await Promise.all([
    desktop.recentFiles().catch(() => []),
    desktop.listDrafts().catch(() => []),
    desktop.listTemplates().catch(() => []),
  ]);
  const { draftId } = useFilesStore.getState();
  useFilesStore.setState({ recent, templates, drafts: drafts.filter((draft) => draft.id !== draftId) });
}

type Settled = 'clean' | 'saved' | 'discarded' | null;

/** Asks what to do with unsaved changes before `what` ("opening another file"); null = cancelled. */
export async function settleUnsavedChanges(what: string): Promise<Settled> {
  if (!isDirty(useDesignStore.getState())) return 'clean';
  const choice = await askDialog({
    title: 'Save changes?',
    message: `“${documentName()}” has unsaved changes. Save them before ${what}?`,
    buttons: [
      { id: 'cancel', label: 'Cancel' },
      { id: 'discard', label: 'Don’t save', tone: 'danger' },
      { id: 'save', label: 'Save', tone: 'primary' },
    ],
  });
  if (choice === 'save') return (await saveDesign()) ? 'saved' : null;
  if (choice === 'discard') return 'discarded';
  return null;
}

/** Puts a validated design in the window; the previous document's draft goes (it was settled). */
function showDesign(design: Design, file: FileIdentity, options: { dirty?: boolean; draftId?: string } = {}) {
  const previousDraft = useFilesStore.getState().draftId;
  useDesignStore.getState().replaceDesign(design, file, { dirty: options.dirty });
  const draftId = options.draftId ?? newDraftId();
  useFilesStore.setState({ draftId, startScreen: false, problems: null });
  lastDraftRevision = -1;
  if (previousDraft !== draftId)
    void api()
      .clearDraft(previousDraft)
      .catch(() => {});
  void refreshLists();
}

/** Validates opened text; shows its problems (document untouched) or the design. */
function openText(text: string, source: string, file: FileIdentity): boolean {
  const parsed = parseDesign(text);
  if (!parsed.ok) {
    useFilesStore.setState({ problems: { source, problems: parsed.problems } });
    return false;
  }
  showDesign(parsed.design, file);
  if (parsed.warnings.length > 0)
    notify(
      `Opened ${source}: ${parsed.warnings.length === 1 ? parsed.warnings[0] : `${parsed.warnings.length} notes — ${parsed.warnings[0]} …`}`,
      'warning',
    );
  return true;
}

export async function handleOpenResult(result: OpenResult): Promise<boolean> {
  switch (result.status) {
    case 'opened':
      return openText(result.text, result.file.name, result.file);
    case 'missing':
      notify(`${result.file.name} is no longer there (moved or deleted).`, 'warning');
      await refreshLists();
      return false;
    case 'failed':
      useFilesStore.setState({ problems: { source: 'the file', problems: [result.message] } });
      return false;
    case 'cancelled':
      return false;
  }
}

export async function newDesign(): Promise<void> {
  if ((await settleUnsavedChanges('starting a new design')) === null) return;
  await api().newDesign();
  showDesign(emptyDesign(), { path: null, name: null });
}

export async function openDesign(): Promise<void> {
  if ((await settleUnsavedChanges('opening another design')) === null) return;
  await handleOpenResult(await api().open());
}

export async function openRecent(path: string): Promise<void> {
  if ((await settleUnsavedChanges('opening another design')) === null) return;
  await handleOpenResult(await api().openRecent(path));
}

export async function openTemplate(name: string, title: string): Promise<void> {
  if ((await settleUnsavedChanges('opening a template')) === null) return;
  try {
    // A template opens as a new, untitled document so saving never overwrites it.
    openText(await api().readTemplate(name), `template “${title}”`, { path: null, name: null });
  } catch (error) {
    useFilesStore.setState({ problems: { source: `template “${title}”`, problems: [String(error)] } });
  }
}

/**
 * Opens a validated design (a lab's) as a new untitled document, after settling unsaved changes.
 * Returns false when the user cancelled (the open design stays).
 */
export async function openDesignAsNew(design: Design, what: string): Promise<boolean> {
  if ((await settleUnsavedChanges(what)) === null) return false;
  showDesign(design, { path: null, name: null });
  return true;
}

type Save = (options?: SaveOptions) => Promise<SaveResult>;

/** Why a design cannot be saved: it would not reopen (the file format's limits or rules), else null. */
function unsavableReason(design: Design): string | null {
  const reopened = parseDesign(JSON.parse(JSON.stringify(design)) as unknown);
  if (reopened.ok) return null;
  const shown = reopened.problems.slice(0, 3).join('; ');
  const more = reopened.problems.length > 3 ? ` (and ${reopened.problems.length - 3} more)` : '';
  return `the design would not reopen: ${shown}${more}`;
}

async function finishSave(save: Save): Promise<boolean> {
  const { revision, design } = useDesignStore.getState();
  // Never write (or call saved) what could not be opened again: it stays open and unsaved.
  const unsavable = unsavableReason(design);
  if (unsavable) {
    useFilesStore.setState({ problems: { source: 'saving', problems: [`Could not save: ${unsavable}`] } });
    return false;
  }
  let result = await save();
  if (result.status === 'changedOnDisk') {
    const answer = await askChangedOnDisk(result.file);
    if (answer === 'overwrite') result = await save({ overwriteChanges: true });
    else if (answer === 'saveAs') return saveDesignAs();
    else {
      if (answer === 'reload') await reloadFromDisk(result.file);
      return false;
    }
  }
  if (result.status === 'cancelled') return false;
  if (result.status === 'changedOnDisk') return false;
  if (result.status === 'failed') {
    useFilesStore.setState({
      problems: { source: 'saving', problems: [`Could not save: ${result.message}`] },
    });
    return false;
  }
  // The draft goes before the document shows as saved, so a reload or crash right after the
  // title loses its ● never finds a stale draft. Autosave skips this revision meanwhile.
  const { draftId } = useFilesStore.getState();
  if (useDesignStore.getState().revision === revision) {
    lastDraftRevision = revision;
    await api()
      .clearDraft(draftId)
      .catch(() => {});
    lastDraftRevision = -1;
  }
  // Edits made while the file was being written stay unsaved (and their draft stays).
  useDesignStore.setState({ savedRevision: revision, file: result.file });
  notify(`Saved ${result.file.name}`);
  void refreshLists();
  return true;
}

/** Another program changed the file since we opened or saved it: the user decides, nothing is lost. */
async function askChangedOnDisk(file: FileRef): Promise<'overwrite' | 'saveAs' | 'reload' | null> {
  const choice = await askDialog({
    title: 'File changed on disk',
    message: `“${file.name}” was changed by another program since you opened it. Overwrite those changes with yours, save yours as a new file, or reload it (your unsaved changes are lost)?`,
    buttons: [
      { id: 'cancel', label: 'Cancel' },
      { id: 'reload', label: 'Reload', tone: 'danger' },
      { id: 'saveAs', label: 'Save as…' },
      { id: 'overwrite', label: 'Overwrite', tone: 'primary' },
    ],
  });
  return choice === 'overwrite' || choice === 'saveAs' || choice === 'reload' ? choice : null;
}

async function reloadFromDisk(file: FileRef): Promise<void> {
  const result = await api().openRecent(file.path);
  if (await handleOpenResult(result)) notify(`Reloaded ${file.name} from disk`);
}

/** The shell saw the open file change on disk: offer to reload a clean document; warn a dirty one. */
export async function fileChangedOnDisk(file: FileRef): Promise<void> {
  const state = useDesignStore.getState();
  if (state.file.path !== file.path) return;
  if (isDirty(state)) {
    notify(`${file.name} was changed by another program. Saving will ask before overwriting it.`, 'warning');
    return;
  }
  const choice = await askDialog({
    title: 'File changed on disk',
    message: `“${file.name}” was changed by another program. Reload it?`,
    buttons: [
      { id: 'keep', label: 'Keep this version' },
      { id: 'reload', label: 'Reload', tone: 'primary' },
    ],
  });
  // Edits made while the question was open are never thrown away.
  if (choice === 'reload' && !isDirty(useDesignStore.getState())) await reloadFromDisk(file);
}

export async function saveDesign(): Promise<boolean> {
  const { design, file } = useDesignStore.getState();
  const target = fileRef(file);
  if (!target) return saveDesignAs();
  return finishSave((options) => api().save(design, target, options));
}

export async function saveDesignAs(): Promise<boolean> {
  const { design, file } = useDesignStore.getState();
  return finishSave(() => api().saveAs(design, file.name ?? fileNameForTitle(design.meta.title)));
}

export async function restoreDraft(id: string): Promise<void> {
  if ((await settleUnsavedChanges('restoring a draft')) === null) return;
  const draft = await api().readDraft(id);
  if (!draft) {
    notify('That draft is gone.', 'warning');
    await refreshLists();
    return;
  }
  const parsed = parseDesign(draft.design);
  if (!parsed.ok) {
    useFilesStore.setState({ problems: { source: 'the draft', problems: parsed.problems } });
    return;
  }
  // The restored draft keeps its id, so autosave keeps updating it until it is saved.
  showDesign(parsed.design, draft.file ?? { path: null, name: null }, { dirty: true, draftId: draft.id });
}

export async function discardDraft(id: string): Promise<void> {
  await api().clearDraft(id);
  await refreshLists();
}

export async function removeRecent(path: string): Promise<void> {
  await api().removeRecentFile(path);
  await refreshLists();
}

/** The shell asked to close the window: settle unsaved changes first. */
export async function closeRequested(): Promise<void> {
  // Tell the shell at once that the user is being asked, so it knows this page is not hung.
  api().answerCloseRequest('asking');
  const settled = await settleUnsavedChanges('closing');
  if (settled === null) {
    api().answerCloseRequest('cancelled');
    return;
  }
  // A clean close leaves no draft behind.
  await api()
    .clearDraft(useFilesStore.getState().draftId)
    .catch(() => {});
  await api().closeWindow();
}

let lastDraftRevision = -1;

/** Writes a draft of a modified document (every 5 s and on blur); drops it once clean again. */
export async function autosaveDraft(now = Date.now()): Promise<void> {
  const state = useDesignStore.getState();
  const { draftId } = useFilesStore.getState();
  if (!isDirty(state)) {
    if (lastDraftRevision !== -1) {
      lastDraftRevision = -1;
      await api()
        .clearDraft(draftId)
        .catch(() => {});
    }
    return;
  }
  if (state.revision === lastDraftRevision) return;
  lastDraftRevision = state.revision;
  await api()
    .writeDraft({ id: draftId, savedAt: now, file: fileRef(state.file), design: state.design })
    .catch((error) => notify(`Autosave failed: ${error instanceof Error ? error.message : error}`, 'error'));
}
