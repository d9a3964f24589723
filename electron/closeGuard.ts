// Closing the window while the document has unsaved changes: the renderer asks Save / Don't save /
// Cancel, so the main process must wait for it. But a renderer that crashed or hangs will never
// answer, and a window that cannot be closed is worse than losing the last few seconds of edits
// (the autosaved draft is on disk and is offered on the next start). So the renderer must
// acknowledge the request within CLOSE_ANSWER_TIMEOUT_MS, and a renderer that is gone or reported
// unresponsive lets the close go ahead. Plain TypeScript (no Electron) so it is unit-tested.

/** How long the renderer has to say it is asking the user before the window closes anyway. */
export const CLOSE_ANSWER_TIMEOUT_MS = 5_000;

export interface CloseGuardHooks {
  /** Whether closing now would lose unsaved changes (the renderer's last reported state). */
  isDirty(): boolean;
  /**
   * Asks the renderer to settle unsaved changes. It answers at once with acknowledged() ("asking
   * the user"), then either confirmed() (Save / Don't save: it closes the window) or cancelled().
   */
  askRenderer(): void;
  /** Closes the window without asking again (the renderer cannot answer). */
  forceClose(reason: string): void;
  setTimer(run: () => void, delayMs: number): unknown;
  clearTimer(timer: unknown): void;
}

export type CloseDecision = 'close' | 'wait';

export class CloseGuard {
  /** The renderer said the user chose (Save or Don't save); the next close goes through. */
  private confirmedClose = false;
  private rendererAlive = false;
  private pending: { acknowledged: boolean; timer: unknown } | null = null;

  constructor(private readonly hooks: CloseGuardHooks) {}

  /** The page finished loading: it can answer close requests. */
  rendererLoaded(): void {
    this.rendererAlive = true;
  }

  /** The window's `close` event: may the window close now, or must it wait for the renderer? */
  requestClose(): CloseDecision {
    if (this.confirmedClose || !this.hooks.isDirty() || !this.rendererAlive) return 'close';
    // Already asking: a second click on the close button while the renderer never acknowledged
    // means it is stuck; while the user is looking at the question, keep waiting for the answer.
    if (this.pending) {
      if (!this.pending.acknowledged) {
        // This close event itself goes ahead (no forced close on top of it).
        this.settle();
        this.confirmedClose = true;
        return 'close';
      }
      return 'wait';
    }
    const timer = this.hooks.setTimer(
      () => this.giveUp(`the page did not answer within ${CLOSE_ANSWER_TIMEOUT_MS / 1000} s`),
      CLOSE_ANSWER_TIMEOUT_MS,
    );
    this.pending = { acknowledged: false, timer };
    this.hooks.askRenderer();
    return 'wait';
  }

  /** The renderer is showing the Save / Don't save / Cancel question. */
  acknowledged(): void {
    if (!this.pending) return;
    this.hooks.clearTimer(this.pending.timer);
    this.pending.acknowledged = true;
  }

  /** The user chose Save or Don't save: the renderer closes the window next. */
  confirmed(): void {
    this.settle();
    this.confirmedClose = true;
  }

  /** The user chose Cancel (or the close was otherwise abandoned): keep the window. */
  cancelled(): void {
    this.settle();
  }

  /** The renderer process crashed or was killed: nobody can answer a close request. */
  rendererGone(): void {
    this.rendererAlive = false;
    if (this.pending) this.giveUp('the page crashed');
  }

  /** Electron reports the page unresponsive (hung): a pending close goes ahead. */
  rendererUnresponsive(): void {
    if (this.pending) this.giveUp('the page stopped responding');
  }

  /** The window is gone; a new window starts afresh. */
  reset(): void {
    this.settle();
    this.confirmedClose = false;
    this.rendererAlive = false;
  }

  get waitingForRenderer(): boolean {
    return this.pending !== null;
  }

  private settle() {
    if (this.pending) this.hooks.clearTimer(this.pending.timer);
    this.pending = null;
  }

  private giveUp(reason: string) {
    this.settle();
    this.confirmedClose = true;
    this.hooks.forceClose(reason);
  }
}
