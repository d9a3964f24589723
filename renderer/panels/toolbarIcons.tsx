// Line icons for toolbar commands, in the same style as the component icons (24×24, round 1.75 strokes).
import type { ReactNode } from 'react';

const paths: Record<string, ReactNode> = {
  'file.new': (
    <>
      <path d="M14 3H6.5A1.5 1.5 0 0 0 5 4.5v15A1.5 1.5 0 0 0 6.5 21h11a1.5 1.5 0 0 0 1.5-1.5V8z" />
      <path d="M14 3v5h5M12 11.5v6M9 14.5h6" />
    </>
  ),
  'file.open': (
    <path d="M3 7.5A1.5 1.5 0 0 1 4.5 6H9l2 2h8.5A1.5 1.5 0 0 1 21 9.5v8a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z" />
  ),
  'file.save': (
    <>
      <path d="M5 3.5h11l4.5 4.5v11a1.5 1.5 0 0 1-1.5 1.5H5a1.5 1.5 0 0 1-1.5-1.5V5A1.5 1.5 0 0 1 5 3.5z" />
      <path d="M7.5 3.5v4.5h7V3.5M7.5 20.5v-6.5h9v6.5" />
    </>
  ),
  'file.exportPng': (
    <>
      <rect x="3.5" y="4.5" width="17" height="15" rx="1.5" />
      <path d="M3.5 16l5-5 4 4 2.5-2.5 5.5 5.5" />
      <circle cx="15.5" cy="8.5" r="1.5" />
    </>
  ),
  'edit.undo': <path d="M9 14L4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />,
  'edit.redo': <path d="M15 14l5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />,
  'edit.delete': <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />,
  'edit.connect': (
    <>
      <circle cx="5" cy="12" r="2.25" />
      <circle cx="19" cy="12" r="2.25" />
      <path d="M7.25 12h9.5M13.5 9l3.25 3-3.25 3" />
    </>
  ),
  'insert.note': (
    <path d="M5.5 4h13A1.5 1.5 0 0 1 20 5.5V14l-6 6H5.5A1.5 1.5 0 0 1 4 18.5v-13A1.5 1.5 0 0 1 5.5 4zM20 14h-4.5a1.5 1.5 0 0 0-1.5 1.5V20" />
  ),
  'insert.frame': (
    <>
      <rect x="3" y="5" width="18" height="15" rx="1.5" strokeDasharray="3 2.6" />
      <path d="M6.5 9h6" strokeWidth="2.25" />
    </>
  ),
  'insert.text': <path d="M5 7V4.5h14V7M12 4.5v15M9 19.5h6" />,
  'view.toggleSnap': (
    <>
      <path d="M4 9.5h16M4 14.5h16M9.5 4v16M14.5 4v16" strokeOpacity="0.55" />
      <rect x="4" y="4" width="16" height="16" rx="1.5" />
      <circle cx="14.5" cy="9.5" r="2" fill="currentColor" />
    </>
  ),
  'view.zoomToFit': <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5M9 9h6v6H9z" />,
  'view.zoomIn': (
    <>
      <circle cx="11" cy="11" r="6.5" />
      <path d="M20 20l-4.4-4.4M8 11h6M11 8v6" />
    </>
  ),
  'view.zoomOut': (
    <>
      <circle cx="11" cy="11" r="6.5" />
      <path d="M20 20l-4.4-4.4M8 11h6" />
    </>
  ),
  'view.togglePalette': (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M9 4v16" />
    </>
  ),
  'view.toggleInspector': (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M15 4v16" />
    </>
  ),
  'view.toggleDock': (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M3 14.5h18" />
    </>
  ),
  'view.toggleTheme': (
    <>
      <circle cx="12" cy="12" r="8" />
      <path d="M12 4a8 8 0 0 1 0 16z" fill="currentColor" />
    </>
  ),
  'view.commandPalette': (
    <>
      <circle cx="11" cy="11" r="6.5" />
      <path d="M20 20l-4.4-4.4" />
    </>
  ),
  'help.shortcuts': (
    <>
      <rect x="2.5" y="6" width="19" height="12" rx="2" />
      <path d="M6.5 10h.01M10 10h.01M14 10h.01M17.5 10h.01M7.5 14h9" />
    </>
  ),
};

/** The icon of a command, or null when it has none (the toolbar then shows its label). */
export function commandIcon(id: string): ReactNode | null {
  const icon = paths[id];
  if (!icon) return null;
  return (
    <svg
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {icon}
    </svg>
  );
}
