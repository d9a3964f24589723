// Shows `useUiStore.notice` when it has no screen position (the canvas draws positioned notices
// next to the cursor itself). A notice fades after a few seconds; errors stay until dismissed.
import { useEffect } from 'react';
import { useUiStore } from '../store/uiStore';

const VISIBLE_MS = 5000;

export function Toast() {
  const notice = useUiStore((state) => state.notice);
  const showNotice = useUiStore((state) => state.showNotice);
  const floating = notice && !notice.at ? notice : null;

  useEffect(() => {
    if (!floating || floating.tone === 'error') return;
    const timer = window.setTimeout(() => {
      // Only clear the notice this timer was started for, not a newer one.
      if (useUiStore.getState().notice === floating) showNotice(null);
    }, VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [floating, showNotice]);

  if (!floating) return null;
  return (
    <div className="toast-area">
      <div
        className={`toast toast-${floating.tone ?? 'info'}`}
        role={floating.tone === 'error' ? 'alert' : 'status'}
        data-testid="toast"
      >
        <span>{floating.text}</span>
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => showNotice(null)}>
          ×
        </button>
      </div>
    </div>
  );
}
