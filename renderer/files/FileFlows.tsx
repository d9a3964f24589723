// Mounts the file flows once in the app: the file commands, autosave, the window title, requests
// from the desktop shell (menu, files opened from the OS, close) in `FileFlows`; the start screen,
// the draft offer and the problems dialog in `FileDialogs` (inside the dialogs' error boundary).
// See ./README.md.
import { useEffect, type ReactNode } from 'react';
import { parseDesign } from '../../shared/document/validate';
import { Dialog } from '../ui/Dialog';
import { extendAutomation, automationEnabled } from '../automation';
import { registerCommands, runCommand } from '../commands/registry';
import { getDesktopApi } from '../platform/getDesktopApi';
import { isDirty, useDesignStore } from '../store/designStore';
import type { DraftInfo } from '../../shared/platform/desktopApi';
import {
  autosaveDraft,
  closeRequested,
  fileChangedOnDisk,
  discardDraft,
  documentName,
  handleOpenResult,
  newDesign,
  openDesign,
  openRecent,
  openTemplate,
  refreshLists,
  removeRecent,
  restoreDraft,
  saveDesign,
  saveDesignAs,
  settleUnsavedChanges,
} from './fileFlows';
import { useFilesStore } from './filesStore';
import './files.css';

export const AUTOSAVE_INTERVAL_MS = 5_000;

/** "14:03" today, "12 Mar 14:03" on another day. */
export function draftTime(savedAt: number, now = new Date()): string {
  const date = new Date(savedAt);
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return date.toDateString() === now.toDateString()
    ? time
    : `${date.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}`;
}

function useFileCommands() {
  useEffect(
    () =>
      registerCommands({
        'file.new': { run: newDesign },
        'file.open': { run: openDesign },
        'file.save': { run: () => void saveDesign() },
        'file.saveAs': { run: () => void saveDesignAs() },
      }),
    [],
  );
}

function useAutosave() {
  useEffect(() => {
    const timer = window.setInterval(() => void autosaveDraft(), AUTOSAVE_INTERVAL_MS);
    const onBlur = () => void autosaveDraft();
    window.addEventListener('blur', onBlur);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('blur', onBlur);
    };
  }, []);
}

function useWindowTitle() {
  const name = useDesignStore((state) => state.file.name ?? state.design.meta.title);
  const dirty = useDesignStore(isDirty);
  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${name} — Backpressure`;
    getDesktopApi().setDocumentState({ title: name, dirty });
  }, [name, dirty]);
}

function useShellRequests() {
  useEffect(
    () =>
      getDesktopApi().onShellRequest((request) => {
        if (request.type === 'command') void runCommand(request.id);
        else if (request.type === 'closeRequested') void closeRequested();
        else if (request.type === 'fileChangedOnDisk') void fileChangedOnDisk(request.file);
        else if (request.type === 'openFile')
          void settleUnsavedChanges('opening another design').then(
            (settled) => settled !== null && handleOpenResult(request.result),
          );
      }),
    [],
  );
}

function useStartUp() {
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    // Automated tests drive the canvas directly; they ask for the start screen with start=1.
    const showStart = automationEnabled() ? params.get('start') === '1' : true;
    const untouched = useDesignStore.getState().revision === 0;
    if (showStart && untouched) useFilesStore.setState({ startScreen: true });
    void refreshLists();
    extendAutomation({
      load(document: unknown) {
        const parsed = parseDesign(document);
        if (!parsed.ok) return { ok: false, problems: parsed.problems };
        useDesignStore.getState().replaceDesign(parsed.design);
        useFilesStore.setState({ startScreen: false });
        return { ok: true, warnings: parsed.warnings };
      },
    });
  }, []);
}

function DraftOffer({ draft }: { draft: DraftInfo }) {
  return (
    <div className="draft-offer" role="status" data-testid="draft-offer">
      <span>
        Unsaved work from an earlier session: <strong>{draft.file?.name ?? draft.title}</strong>
      </span>
      <button
        type="button"
        className="button button-primary"
        data-testid="draft-restore"
        onClick={() => void restoreDraft(draft.id)}
      >
        Restore draft from {draftTime(draft.savedAt)}
      </button>
      <button
        type="button"
        className="button"
        data-testid="draft-discard"
        onClick={() => void discardDraft(draft.id)}
      >
        Discard
      </button>
    </div>
  );
}

function StartScreen({ extra }: { extra?: ReactNode }) {
  const templates = useFilesStore((state) => state.templates);
  const drafts = useFilesStore((state) => state.drafts);
  const close = () => useFilesStore.setState({ startScreen: false });
  return (
    <Dialog title="Backpressure" onClose={close} testId="start-screen" width={640}>
      <p className="start-lead">Draw a system, press Run, watch it bend. Start with:</p>
      <div className="start-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="start-new"
          data-autofocus
          onClick={() => void newDesign()}
        >
          New design
        </button>
        <button type="button" className="button" data-testid="start-open" onClick={() => void openDesign()}>
          Open…
        </button>
      </div>
      {drafts.length > 0 && (
        <section className="start-section">
          <h3>Unsaved drafts</h3>
          {drafts.map((draft) => (
            <DraftOffer key={draft.id} draft={draft} />
          ))}
        </section>
      )}
      {/* The labs (a newcomer's way in) before the templates. */}
      {extra}
      {templates.length > 0 && (
        <section className="start-section">
          <h3>Templates</h3>
          <ul className="start-templates">
            {templates.map((template) => (
              <li key={template.name}>
                <button
                  type="button"
                  className="start-template"
                  data-testid={`start-template-${template.name}`}
                  onClick={() => void openTemplate(template.name, template.title)}
                >
                  {template.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="start-section">
        <h3>Recent files</h3>
        <RecentList />
      </section>
    </Dialog>
  );
}

export function RecentList() {
  const recent = useFilesStore((state) => state.recent);
  if (recent.length === 0) return <p className="start-empty">No recent files yet.</p>;
  return (
    <ul className="recent-files" data-testid="recent-files">
      {recent.map((file) => (
        <li key={file.path} className={file.missing ? 'recent-missing' : undefined} data-testid="recent-file">
          <button
            type="button"
            className="recent-open"
            disabled={file.missing}
            title={file.missing ? `${file.name} is no longer there` : `Open ${file.name}`}
            onClick={() => void openRecent(file.path)}
          >
            <span className="recent-name">{file.name}</span>
            <span className="recent-when">
              {file.missing
                ? 'missing'
                : new Date(file.openedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}
            </span>
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${file.name} from recent files`}
            data-testid="recent-remove"
            onClick={() => void removeRecent(file.path)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function ProblemsDialog() {
  const report = useFilesStore((state) => state.problems);
  if (!report) return null;
  const close = () => useFilesStore.setState({ problems: null });
  return (
    <Dialog
      title={report.source === 'saving' ? 'Could not save' : `Can’t open ${report.source}`}
      onClose={close}
      testId="problems-dialog"
      width={600}
      footer={
        <button type="button" className="button button-primary" data-autofocus onClick={close}>
          OK
        </button>
      }
    >
      <p>
        {report.source === 'saving'
          ? 'Your design is still open and unchanged; try another place or name.'
          : `${report.problems.length === 1 ? 'One problem' : `${report.problems.length} problems`} found. The design you had open is unchanged (“${documentName()}”).`}
      </p>
      <ul className="problems-list" data-testid="problems-list">
        {report.problems.map((problem, index) => (
          <li key={index}>{problem}</li>
        ))}
      </ul>
    </Dialog>
  );
}

/**
 * The file flows' wiring (commands, autosave, window title, shell requests, start-up). Renders
 * nothing and sits outside every region's error boundary, so autosave outlives a broken region.
 */
export function FileFlows() {
  useFileCommands();
  useAutosave();
  useWindowTitle();
  useShellRequests();
  useStartUp();
  return null;
}

/** What the file flows show: the draft offer, the start screen (with what other features add to
 *  it, e.g. the labs) and the problems dialog. */
export function FileDialogs({ startScreenExtra }: { startScreenExtra?: ReactNode } = {}) {
  const startScreen = useFilesStore((state) => state.startScreen);
  const newestDraft = useFilesStore((state) => state.drafts[0]);
  return (
    <>
      {!startScreen && newestDraft && (
        <div className="draft-banner">
          <DraftOffer draft={newestDraft} />
        </div>
      )}
      {startScreen && <StartScreen extra={startScreenExtra} />}
      <ProblemsDialog />
    </>
  );
}
