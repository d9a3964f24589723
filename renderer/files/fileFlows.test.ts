// The close question as the desktop shell sees it: the renderer says at once that it is asking
// (so the shell knows the page is not hung), then either closes the window or says the user
// cancelled. The shell side is electron/closeGuard.ts.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopApi } from '../../shared/platform/desktopApi';

const calls: string[] = [];
const fakeApi = {
  answerCloseRequest: (answer: string) => calls.push(`answer:${answer}`),
  clearDraft: async () => void calls.push('clearDraft'),
  closeWindow: async () => void calls.push('closeWindow'),
} as unknown as DesktopApi;
let userChoice: string | null = 'cancel';

vi.mock('../platform/getDesktopApi', () => ({ getDesktopApi: () => fakeApi }));
vi.mock('../ui/Dialog', () => ({
  askDialog: async () => {
    calls.push('ask');
    return userChoice;
  },
}));

const { closeRequested } = await import('./fileFlows');
const { useDesignStore } = await import('../store/designStore');

function makeUnsavedChange() {
  useDesignStore.getState().change('Rename', (design) => {
    design.meta.title = `Edited ${Math.random()}`;
  });
}

describe('closing with unsaved changes', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('answers "asking" before the question, then "cancelled" when the user keeps the window', async () => {
    makeUnsavedChange();
    userChoice = 'cancel';
    await closeRequested();
    expect(calls).toEqual(['answer:asking', 'ask', 'answer:cancelled']);
  });

  it("closes the window after Don't save, removing the draft (a clean close)", async () => {
    makeUnsavedChange();
    userChoice = 'discard';
    await closeRequested();
    expect(calls).toEqual(['answer:asking', 'ask', 'clearDraft', 'closeWindow']);
  });

  it('closes at once, without a question, when nothing is unsaved', async () => {
    const { revision } = useDesignStore.getState();
    useDesignStore.setState({ savedRevision: revision });
    await closeRequested();
    expect(calls).toEqual(['answer:asking', 'clearDraft', 'closeWindow']);
  });
});
