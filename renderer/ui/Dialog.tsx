// A small modal dialog anyone can reuse: a titled box over a dimmed window, Escape or the backdrop
// closes it, focus moves in on open and back on close. Keys pressed inside stay inside, so a
// dialog never also runs a canvas command. `askDialog` is the promise form for "Discard changes?".
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { create } from 'zustand';

export function Dialog({
  title,
  onClose,
  children,
  footer,
  testId,
  width = 520,
  labelledBy,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  width?: number;
  /** Id of a visible heading to name the dialog by, when the title is not shown. */
  labelledBy?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    // An explicit choice first, then a text box (search), else the dialog itself.
    const first =
      box.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      box.current?.querySelector<HTMLElement>('input, textarea');
    (first ?? box.current)?.focus();
    // A focused button that goes away (Run becomes Cancel) drops focus to the page; keep it in
    // the dialog, or Escape and Tab would stop reaching it.
    const element = box.current;
    const keepFocus = (event: FocusEvent) => {
      if (event.relatedTarget) return;
      requestAnimationFrame(() => {
        if (document.activeElement === document.body && element?.isConnected) element.focus();
      });
    };
    element?.addEventListener('focusout', keepFocus);
    return () => {
      element?.removeEventListener('focusout', keepFocus);
      previous?.focus?.();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Tab') {
      // Keep Tab inside the dialog.
      const focusable = [
        ...(box.current?.querySelectorAll<HTMLElement>('input, button, select, textarea, [tabindex="0"]') ??
          []),
      ].filter((element) => !element.hasAttribute('disabled'));
      if (focusable.length > 0) {
        const index = focusable.indexOf(document.activeElement as HTMLElement);
        const next = event.shiftKey
          ? (index <= 0 ? focusable.length : index) - 1
          : (index + 1) % focusable.length;
        event.preventDefault();
        focusable[next].focus();
      }
    }
    // Nothing typed in a dialog reaches the app's command keys.
    event.stopPropagation();
  };

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div
        ref={box}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={labelledBy ? undefined : title}
        aria-labelledby={labelledBy}
        data-testid={testId}
        tabIndex={-1}
        style={{ width }}
        onKeyDown={onKeyDown}
      >
        {!labelledBy && (
          <header className="dialog-header">
            <h2>{title}</h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
        )}
        <div className="dialog-body">{children}</div>
        {footer && <footer className="dialog-footer">{footer}</footer>}
      </div>
    </div>
  );
}

export interface DialogButton {
  id: string;
  label: string;
  tone?: 'primary' | 'danger' | 'default';
}

interface AskRequest {
  title: string;
  message: ReactNode;
  buttons: DialogButton[];
  resolve: (choice: string | null) => void;
}

const useAskStore = create<{ request: AskRequest | null }>(() => ({ request: null }));

/**
 * Asks a question in a modal and resolves with the id of the button pressed, or null when the
 * dialog was dismissed (Escape, backdrop). Needs `<DialogHost />` mounted once (App does).
 */
export function askDialog(options: Omit<AskRequest, 'resolve'>): Promise<string | null> {
  return new Promise((resolve) => {
    useAskStore.getState().request?.resolve(null);
    useAskStore.setState({ request: { ...options, resolve } });
  });
}

/** Dismisses the open question, if any (as Escape would: the promise resolves to null). */
export function closeAskDialog(): void {
  const request = useAskStore.getState().request;
  useAskStore.setState({ request: null });
  request?.resolve(null);
}

export function DialogHost() {
  const request = useAskStore((state) => state.request);
  if (!request) return null;
  const finish = (choice: string | null) => {
    useAskStore.setState({ request: null });
    request.resolve(choice);
  };
  return (
    <Dialog
      title={request.title}
      testId="ask-dialog"
      width={440}
      onClose={() => finish(null)}
      footer={request.buttons.map((button, index) => (
        <button
          key={button.id}
          type="button"
          className={`button button-${button.tone ?? 'default'}`}
          data-testid={`ask-dialog-${button.id}`}
          data-autofocus={index === request.buttons.length - 1 ? true : undefined}
          onClick={() => finish(button.id)}
        >
          {button.label}
        </button>
      ))}
    >
      <div className="dialog-message">{request.message}</div>
    </Dialog>
  );
}
