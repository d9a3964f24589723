// Errors nothing else caught reach a toast and the log: unhandled rejections and window errors,
// in plain words, without the browser's "Uncaught Error:" prefix; benign browser noise is ignored.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useUiStore } from '../store/uiStore';
import { appErrors, describeError, installAppErrorHandlers, plainErrorMessage } from './appErrors';

/** An event as the window dispatches it, with the fields its kind carries. */
const windowEvent = (type: string, fields: Record<string, unknown>) => Object.assign(new Event(type), fields);

let target: EventTarget;
let uninstall: () => void;

beforeEach(() => {
  appErrors.length = 0;
  useUiStore.setState({ notice: null });
  vi.spyOn(console, 'error').mockImplementation(() => {});
  target = new EventTarget();
  uninstall = installAppErrorHandlers(target);
});

afterEach(() => {
  uninstall();
  vi.restoreAllMocks();
});

describe('app-wide error handlers', () => {
  it('an unhandled promise rejection reaches an error toast and the log', () => {
    target.dispatchEvent(
      windowEvent('unhandledrejection', { reason: new Error('the export could not finish') }),
    );
    const text = 'Something went wrong: the export could not finish. Your design is kept.';
    expect(useUiStore.getState().notice).toEqual({ text, tone: 'error' });
    expect(appErrors.map((entry) => entry.message)).toEqual([text]);
    expect(console.error).toHaveBeenCalled();
  });

  it('an uncaught error reaches a toast without the browser prefix; its kind stays when it says something', () => {
    target.dispatchEvent(
      windowEvent('error', { message: 'Uncaught Error: boom.', error: new Error('boom') }),
    );
    expect(useUiStore.getState().notice?.text).toBe('Something went wrong: boom. Your design is kept.');
    target.dispatchEvent(windowEvent('error', { message: 'Uncaught TypeError: x is not a function' }));
    expect(useUiStore.getState().notice?.text).toBe(
      'Something went wrong: TypeError: x is not a function. Your design is kept.',
    );
  });

  it('ignores the ResizeObserver loop notice browsers raise as an error', () => {
    target.dispatchEvent(
      windowEvent('error', { message: 'ResizeObserver loop completed with undelivered notifications.' }),
    );
    expect(useUiStore.getState().notice).toBeNull();
    expect(appErrors).toHaveLength(0);
  });

  it('says something readable for rejections that are not errors', () => {
    expect(describeError('offline')).toBe('offline');
    expect(describeError({ code: 42 })).toBe('{"code":42}');
    expect(describeError(undefined)).toBe('no reason given');
    expect(plainErrorMessage('Uncaught Error: disk full.')).toBe('disk full');
  });

  it('keeps the last 50 in the log', () => {
    for (let n = 0; n < 60; n++) target.dispatchEvent(windowEvent('unhandledrejection', { reason: `r${n}` }));
    expect(appErrors).toHaveLength(50);
    expect(appErrors[0].message).toContain('r10');
  });

  it('stops listening once uninstalled', () => {
    uninstall();
    target.dispatchEvent(windowEvent('unhandledrejection', { reason: 'late' }));
    expect(appErrors).toHaveLength(0);
  });
});
