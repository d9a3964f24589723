// Errors nothing else caught: window errors, unhandled promise rejections and render errors (from
// the region boundaries). Each reaches the console and a list automation can read; window errors
// and rejections also reach a toast, so a failure is never silent.
import { extendAutomation } from '../automation';
import { useUiStore } from '../store/uiStore';

export interface AppError {
  atMs: number;
  message: string;
}

const LIST_LIMIT = 50;
export const appErrors: AppError[] = [];

export function reportAppError(
  message: string,
  error?: unknown,
  detail?: string | null,
  options: { toast?: boolean } = {},
): void {
  appErrors.push({ atMs: Date.now(), message });
  if (appErrors.length > LIST_LIMIT) appErrors.shift();
  console.error(`[Backpressure] ${message}`, error ?? '', detail ?? '');
  if (options.toast !== false) useUiStore.getState().showNotice({ text: message, tone: 'error' });
}

export const describeError = (reason: unknown): string => {
  if (reason instanceof Error) return reason.message || reason.name;
  if (typeof reason === 'string') return reason;
  if (reason === undefined) return 'no reason given';
  try {
    return JSON.stringify(reason) ?? String(reason);
  } catch {
    return String(reason);
  }
};

/** Benign browser noise that is not a failure of ours. */
const IGNORED = [/ResizeObserver loop/];

/** "Something went wrong: x is not a function. Your design is kept." */
export const unexpectedErrorText = (message: string) =>
  `Something went wrong: ${plainErrorMessage(message)}. Your design is kept.`;

/** "Uncaught Error: boom." → "boom" (a TypeError and the like keep their name: it says something). */
export const plainErrorMessage = (message: string) =>
  message
    .replace(/^Uncaught\s+/, '')
    .replace(/^Error:\s+/, '')
    .replace(/\.$/, '');

type ErrorTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** Installs the window-wide handlers (on `target`, the window unless a test passes one); returns the uninstall. */
export function installAppErrorHandlers(target: ErrorTarget = window): () => void {
  const onError = (event: Event) => {
    const { message, error } = event as ErrorEvent;
    const text = message || describeError(error);
    if (IGNORED.some((pattern) => pattern.test(text))) return;
    reportAppError(unexpectedErrorText(text), error);
  };
  const onRejection = (event: Event) => {
    const { reason } = event as PromiseRejectionEvent;
    reportAppError(unexpectedErrorText(describeError(reason)), reason);
  };
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}

/** `__backpressure.appErrors()`: what was reported so far (automation only). */
export function installAppErrorAutomation(): () => void {
  extendAutomation({ appErrors: () => appErrors.map((entry) => ({ ...entry })) });
  return () => {};
}
