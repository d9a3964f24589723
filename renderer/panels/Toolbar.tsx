// The top bar: buttons for common commands (from the one command list), the document title, and a
// slot on the right for run controls. A button is disabled whenever its command cannot run now.
import type { ReactNode } from 'react';
import { commandInfo } from '../../shared/commands/commands';
import { isCommandEnabled, runCommand } from '../commands/registry';
import { displayShortcut } from './shortcutText';
import { isDirty, useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { useCanvasUi } from '../canvas/canvasUiStore';
import { Tooltip } from '../app/Tooltip';
import { commandIcon } from './toolbarIcons';
import { useCommandStateVersion } from './useCommandState';

/**
 * Toolbar groups by command id. Ids not in the command list (a feature not built yet) are skipped,
 * so the insert group fills in as soon as the canvas defines its commands.
 */
export const TOOLBAR_GROUPS: string[][] = [
  ['file.new', 'file.open', 'file.save', 'file.exportPng'],
  ['edit.undo', 'edit.redo'],
  ['edit.delete', 'edit.connect'],
  ['insert.note', 'insert.frame', 'insert.text'],
  ['view.zoomOut', 'view.zoomIn', 'view.zoomToFit', 'view.toggleSnap'],
  ['view.togglePalette', 'view.toggleInspector', 'view.toggleDock', 'view.toggleTheme'],
  ['view.commandPalette', 'help.shortcuts'],
];

export function shortcutText(id: string): string | null {
  const shortcut = commandInfo(id)?.shortcut;
  return shortcut ? displayShortcut(shortcut) : null;
}

export function CommandButton({ id, pressed }: { id: string; pressed?: boolean }) {
  useCommandStateVersion();
  const info = commandInfo(id);
  if (!info) return null;
  const enabled = isCommandEnabled(id);
  const shortcut = shortcutText(id);
  const icon = commandIcon(id);
  return (
    <Tooltip text={shortcut ? `${info.label} (${shortcut})` : info.label}>
      <button
        type="button"
        className={`toolbar-button${icon ? '' : ' toolbar-button-text'}`}
        data-testid={`cmd-${id}`}
        aria-label={info.label}
        aria-pressed={pressed}
        disabled={!enabled}
        onClick={() => void runCommand(id)}
      >
        {icon ?? info.label}
      </button>
    </Tooltip>
  );
}

export function Toolbar({ children }: { children?: ReactNode }) {
  useCommandStateVersion();
  const title = useDesignStore((state) => state.design.meta.title);
  const fileName = useDesignStore((state) => state.file.name);
  const dirty = useDesignStore(isDirty);
  const panels = useUiStore((state) => state.panels);
  const snapToGrid = useCanvasUi((state) => state.snapToGrid);
  const pressed: Record<string, boolean> = {
    'view.togglePalette': panels.palette,
    'view.toggleInspector': panels.inspector,
    'view.toggleDock': panels.dock,
    'view.toggleSnap': snapToGrid,
  };
  const groups = TOOLBAR_GROUPS.map((group) => group.filter((id) => commandInfo(id))).filter(
    (group) => group.length > 0,
  );
  return (
    <header className="toolbar" role="toolbar" aria-label="Commands">
      <div className="toolbar-brand" title={fileName ?? undefined}>
        <span className="toolbar-app">Backpressure</span>
        <span className="toolbar-title" data-testid="toolbar-title">
          {title}
          {dirty && (
            <span className="dirty-dot" title="Unsaved changes" aria-label="unsaved changes">
              •
            </span>
          )}
        </span>
      </div>
      <div className="toolbar-groups">
        {groups.map((group) => (
          <div className="toolbar-group" key={group[0]}>
            {group.map((id) => (
              <CommandButton key={id} id={id} pressed={pressed[id]} />
            ))}
          </div>
        ))}
      </div>
      <div className="toolbar-run" data-testid="toolbar-run-slot">
        {children}
      </div>
    </header>
  );
}
