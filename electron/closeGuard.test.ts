import { describe, expect, it, vi } from 'vitest';
import { CLOSE_ANSWER_TIMEOUT_MS, CloseGuard } from './closeGuard';

function setUp({ dirty = true } = {}) {
  vi.useFakeTimers();
  const asked = vi.fn();
  const forced = vi.fn<(reason: string) => void>();
  const state = { dirty };
  const guard = new CloseGuard({
    isDirty: () => state.dirty,
    askRenderer: asked,
    forceClose: forced,
    setTimer: (run, delayMs) => setTimeout(run, delayMs),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  });
  guard.rendererLoaded();
  return { guard, asked, forced, state };
}

describe('closing a window with unsaved changes', () => {
  it('closes at once when there is nothing unsaved', () => {
    const { guard, asked } = setUp({ dirty: false });
    expect(guard.requestClose()).toBe('close');
    expect(asked).not.toHaveBeenCalled();
  });

  it('waits for the renderer to ask the user, however long the user takes, then closes', () => {
    const { guard, asked, forced } = setUp();
    expect(guard.requestClose()).toBe('wait');
    expect(asked).toHaveBeenCalledTimes(1);
    guard.acknowledged();
    vi.advanceTimersByTime(10 * 60_000); // the user thinks for ten minutes
    expect(forced).not.toHaveBeenCalled();
    // A second click on the close button while the question is shown does not ask twice.
    expect(guard.requestClose()).toBe('wait');
    expect(asked).toHaveBeenCalledTimes(1);
    guard.confirmed();
    expect(guard.requestClose()).toBe('close');
  });

  it('keeps the window when the user cancels, and asks again on the next close', () => {
    const { guard, asked, forced } = setUp();
    guard.requestClose();
    guard.acknowledged();
    guard.cancelled();
    expect(guard.waitingForRenderer).toBe(false);
    expect(guard.requestClose()).toBe('wait');
    expect(asked).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(CLOSE_ANSWER_TIMEOUT_MS * 2);
    expect(forced).toHaveBeenCalledTimes(1); // this time the renderer never acknowledged
  });

  it('closes anyway when a hung renderer does not answer within the timeout', () => {
    const { guard, forced } = setUp();
    expect(guard.requestClose()).toBe('wait');
    vi.advanceTimersByTime(CLOSE_ANSWER_TIMEOUT_MS - 1);
    expect(forced).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(forced).toHaveBeenCalledWith('the page did not answer within 5 s');
    expect(guard.requestClose()).toBe('close');
  });

  it('closes at once when the renderer crashes while the close waits for it', () => {
    const { guard, forced } = setUp();
    guard.requestClose();
    guard.rendererGone();
    expect(forced).toHaveBeenCalledWith('the page crashed');
    vi.advanceTimersByTime(CLOSE_ANSWER_TIMEOUT_MS);
    expect(forced).toHaveBeenCalledTimes(1); // the timer was cleared
  });

  it('does not wait for a renderer that is already gone', () => {
    const { guard, asked } = setUp();
    guard.rendererGone();
    expect(guard.requestClose()).toBe('close');
    expect(asked).not.toHaveBeenCalled();
  });

  it('closes when Electron reports the page unresponsive, even after it acknowledged', () => {
    const { guard, forced } = setUp();
    guard.requestClose();
    guard.acknowledged();
    guard.rendererUnresponsive();
    expect(forced).toHaveBeenCalledWith('the page stopped responding');
  });

  it('closes on a second close click when the first request was never acknowledged', () => {
    const { guard, forced } = setUp();
    guard.requestClose();
    expect(guard.requestClose()).toBe('close');
    vi.advanceTimersByTime(CLOSE_ANSWER_TIMEOUT_MS);
    expect(forced).not.toHaveBeenCalled(); // that close event goes ahead; nothing closes twice
  });

  it('ignores unresponsive reports when no close is pending (a slow moment is not a reason to close)', () => {
    const { guard, forced } = setUp();
    guard.rendererUnresponsive();
    expect(forced).not.toHaveBeenCalled();
  });
});
