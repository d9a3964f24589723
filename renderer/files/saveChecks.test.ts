// Saving checks before it writes: a design that would not reopen is never written or called saved,
// and a file another program changed since it was opened is never overwritten without asking.
// The desktop side (identity, watch) is electron/fileIdentity.ts; this is the renderer's half.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopApi, SaveOptions, SaveResult } from '../../shared/platform/desktopApi';
import { design as buildDesign, edge, node } from '../../shared/testing/designs';

const file = { path: '/designs/checkout.bpd', name: 'checkout.bpd' };
const calls: string[] = [];
let saveAnswers: SaveResult['status'][] = [];
let choices: string[] = [];
const reloadedText = JSON.stringify(
  buildDesign([node('from-disk', 'service')], [], { durationS: 10 }, 'From disk'),
);

const fakeApi = {
  save: async (_design: unknown, target: typeof file, options?: SaveOptions): Promise<SaveResult> => {
    calls.push(`save${options?.overwriteChanges ? ':overwrite' : ''}`);
    const status = saveAnswers.shift() ?? 'saved';
    return status === 'changedOnDisk' || status === 'saved'
      ? { status, file: target }
      : status === 'failed'
        ? { status, message: 'disk full' }
        : { status };
  },
  saveAs: async (): Promise<SaveResult> => {
    calls.push('saveAs');
    return { status: 'saved', file: { path: '/designs/copy.bpd', name: 'copy.bpd' } };
  },
  openRecent: async (path: string) => {
    calls.push(`openRecent:${path}`);
    return { status: 'opened', file, text: reloadedText };
  },
  clearDraft: async () => {},
  recentFiles: async () => [],
  listDrafts: async () => [],
  listTemplates: async () => [],
} as unknown as DesktopApi;

vi.mock('../platform/getDesktopApi', () => ({ getDesktopApi: () => fakeApi }));
vi.mock('../ui/Dialog', () => ({
  askDialog: async ({ title }: { title: string }) => {
    calls.push(`ask:${title}`);
    return choices.shift() ?? null;
  },
}));

const { saveDesign, fileChangedOnDisk } = await import('./fileFlows');
const { useDesignStore, isDirty } = await import('../store/designStore');
const { useFilesStore } = await import('./filesStore');
const { useUiStore } = await import('../store/uiStore');

function openEdited(title = 'Mine') {
  const state = useDesignStore.getState();
  state.replaceDesign(buildDesign([node('api', 'service')], [], { durationS: 10 }, 'Opened'), file);
  useDesignStore.getState().change('Rename', (design) => {
    design.meta.title = title;
  });
}

beforeEach(() => {
  calls.length = 0;
  saveAnswers = [];
  choices = [];
  useFilesStore.setState({ problems: null });
  useUiStore.getState().showNotice(null);
});

describe('a file changed by another program since it was opened', () => {
  it('asks, and Overwrite writes with the user’s consent', async () => {
    openEdited();
    saveAnswers = ['changedOnDisk', 'saved'];
    choices = ['overwrite'];
    expect(await saveDesign()).toBe(true);
    expect(calls).toEqual(['save', 'ask:File changed on disk', 'save:overwrite']);
    expect(isDirty(useDesignStore.getState())).toBe(false);
  });

  it('Cancel writes nothing and keeps the edits unsaved', async () => {
    openEdited();
    saveAnswers = ['changedOnDisk'];
    choices = ['cancel'];
    expect(await saveDesign()).toBe(false);
    expect(calls).toEqual(['save', 'ask:File changed on disk']);
    expect(isDirty(useDesignStore.getState())).toBe(true);
    expect(useDesignStore.getState().design.meta.title).toBe('Mine');
  });

  it('Save as… writes a new file, leaving the changed one alone', async () => {
    openEdited();
    saveAnswers = ['changedOnDisk'];
    choices = ['saveAs'];
    expect(await saveDesign()).toBe(true);
    expect(calls).toEqual(['save', 'ask:File changed on disk', 'saveAs']);
    expect(useDesignStore.getState().file.name).toBe('copy.bpd');
  });

  it('Reload shows the version on disk', async () => {
    openEdited();
    saveAnswers = ['changedOnDisk'];
    choices = ['reload'];
    expect(await saveDesign()).toBe(false);
    expect(calls).toContain(`openRecent:${file.path}`);
    expect(useDesignStore.getState().design.meta.title).toBe('From disk');
  });

  it('while clean: offers to reload and reloads on yes', async () => {
    useDesignStore
      .getState()
      .replaceDesign(buildDesign([node('api', 'service')], [], { durationS: 10 }, 'Opened'), file);
    choices = ['reload'];
    await fileChangedOnDisk(file);
    expect(calls).toEqual(['ask:File changed on disk', `openRecent:${file.path}`]);
    expect(useDesignStore.getState().design.meta.title).toBe('From disk');
  });

  it('while clean: Keep this version leaves the document as it is', async () => {
    useDesignStore
      .getState()
      .replaceDesign(buildDesign([node('api', 'service')], [], { durationS: 10 }, 'Opened'), file);
    choices = ['keep'];
    await fileChangedOnDisk(file);
    expect(calls).toEqual(['ask:File changed on disk']);
    expect(useDesignStore.getState().design.meta.title).toBe('Opened');
  });

  it('with unsaved edits: warns without a question or a reload; the next save asks', async () => {
    openEdited();
    await fileChangedOnDisk(file);
    expect(calls).toEqual([]);
    expect(useUiStore.getState().notice?.text).toMatch(/checkout\.bpd was changed by another program/);
    expect(useDesignStore.getState().design.meta.title).toBe('Mine');
  });

  it('ignores a change to a file that is not the open one', async () => {
    openEdited();
    await fileChangedOnDisk({ path: '/elsewhere.bpd', name: 'elsewhere.bpd' });
    expect(calls).toEqual([]);
    expect(useUiStore.getState().notice).toBeNull();
  });
});

describe('a design that would not reopen', () => {
  it('is never written nor called saved: it stays open and unsaved, with the reason', async () => {
    openEdited();
    // The store refuses what breaks the limits, so break what only parsing checks: an edge to
    // a node that does not exist (a bug elsewhere could leave one).
    useDesignStore.getState().change('Wire to nowhere', (design) => {
      design.edges.push(edge('api', 'ghost'));
    });
    expect(await saveDesign()).toBe(false);
    expect(calls).toEqual([]);
    expect(isDirty(useDesignStore.getState())).toBe(true);
    const problems = useFilesStore.getState().problems;
    expect(problems?.source).toBe('saving');
    expect(problems?.problems[0]).toMatch(/Could not save: the design would not reopen: .*ghost/);
    expect(useUiStore.getState().notice).toBeNull();
  });

  it('a failed write is not called saved either', async () => {
    openEdited();
    saveAnswers = ['failed'];
    expect(await saveDesign()).toBe(false);
    expect(useFilesStore.getState().problems?.problems[0]).toBe('Could not save: disk full');
    expect(isDirty(useDesignStore.getState())).toBe(true);
  });
});
