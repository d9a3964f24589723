// A short notice at the cursor (e.g. why a connection was refused), hidden after 2.5 s. Notices
// without a position are left to the window's own notice area.
import { useEffect } from 'react';
import { useUiStore } from '../store/uiStore';

export const NOTICE_DURATION_MS = 2500;

export function CanvasNotice() {
  const notice = useUiStore((state) => state.notice);
  useEffect(() => {
    if (!notice?.at) return;
    const timer = setTimeout(() => {
      if (useUiStore.getState().notice === notice) useUiStore.getState().showNotice(null);
    }, NOTICE_DURATION_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  if (!notice?.at) return null;
  return (
    <div
      className={`canvas-notice canvas-notice-${notice.tone ?? 'info'}`}
      data-testid="canvas-notice"
      role="status"
      style={{ position: 'fixed', left: notice.at.x + 14, top: notice.at.y + 14 }}
    >
      {notice.text}
    </div>
  );
}
