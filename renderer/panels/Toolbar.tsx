// The top bar: buttons for common commands (from the one command list), the document title, and a
// slot on the right for run controls. A button is disabled whenever its command cannot run now.
// When the window is too narrow for every group (1280 px with run controls and a long title), the
// least used groups fold into a "More" menu built from the same commands (see ./toolbarFolding.ts).
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { commandInfo } from '../../shared/commands/commands';
import { isCommandEnabled, runCommand } from '../commands/registry';
import { displayShortcut } from '../commands/shortcutText';
import { isDirty, useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { useCanvasUi } from '../store/canvasUiStore';
import { Tooltip } from '../ui/Tooltip';
import { commandIcon } from './toolbarIcons';
import { useCommandStateVersion } from '../commands/useCommandState';
import { foldedGroups, type ToolbarGroup } from './toolbarFolding';

/**
 * Toolbar groups, left to right. Ids not in the command list (a feature not built yet) are skipped.
 * `foldRank`: which groups move into the More menu first when space runs out.
 */
export const TOOLBAR_GROUPS: ToolbarGroup[] = [
  { id: 'file', commands: ['file.new', 'file.open', 'file.save', 'file.exportPng'] },
  { id: 'history', commands: ['edit.undo', 'edit.redo'], foldRank: 6 },
  { id: 'edit', commands: ['edit.delete', 'edit.connect'], foldRank: 5 },
  { id: 'insert', commands: ['insert.note', 'insert.frame', 'insert.text'], foldRank: 3 },
  {
    id: 'view',
    commands: ['view.zoomOut', 'view.zoomIn', 'view.zoomToFit', 'view.toggleSnap'],
    foldRank: 4,
  },
  {
    id: 'panels',
    commands: ['view.togglePalette', 'view.toggleInspector', 'view.toggleDock', 'view.toggleTheme'],
    foldRank: 1,
  },
  { id: 'help', commands: ['view.commandPalette', 'help.shortcuts'], foldRank: 2 },
];

/** Gap between groups in px: keep in step with `.toolbar-groups { gap }` in app/theme.css. */
const GROUP_GAP_PX = 4;
/** Width of the More button before it was ever drawn. */
const MORE_BUTTON_PX = 36;

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

function useToolbarState() {
  const panels = useUiStore((state) => state.panels);
  const snapToGrid = useCanvasUi((state) => state.snapToGrid);
  const pressed: Record<string, boolean> = {
    'view.togglePalette': panels.palette,
    'view.toggleInspector': panels.inspector,
    'view.toggleDock': panels.dock,
    'view.toggleSnap': snapToGrid,
  };
  return pressed;
}

/** The groups that fit stay in the bar; the rest are listed in the More menu. */
function useFolding(groups: ToolbarGroup[]) {
  const containerRef = useRef<HTMLDivElement>(null);
  const moreRef = useRef<HTMLDivElement>(null);
  // Widths survive folding: a folded group is not drawn, so its last drawn width is kept.
  const widths = useRef(new Map<string, number>());
  const [folded, setFolded] = useState<Set<string>>(() => new Set());
  const key = groups.map((group) => `${group.id}:${group.commands.length}`).join(' ');

  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const update = () => {
      for (const element of container.querySelectorAll<HTMLElement>('[data-toolbar-group]'))
        widths.current.set(element.dataset.toolbarGroup!, element.offsetWidth);
      const morePx = moreRef.current?.offsetWidth || MORE_BUTTON_PX;
      const next = foldedGroups(groups, widths.current, container.clientWidth, morePx, GROUP_GAP_PX);
      setFolded((previous) =>
        previous.size === next.size && [...next].every((id) => previous.has(id)) ? previous : next,
      );
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(container);
    return () => observer.disconnect();
    // `key` stands for the groups: they change only when a feature adds commands.
  }, [key]);
  return { containerRef, moreRef, folded };
}

function MoreMenu({ groups, pressed }: { groups: ToolbarGroup[]; pressed: Record<string, boolean> }) {
  useCommandStateVersion();
  const [open, setOpen] = useState(false);
  const wrapperRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || !wrapperRef.current?.contains(event.target)) setOpen(false);
    };
    window.addEventListener('pointerdown', close, true);
    return () => window.removeEventListener('pointerdown', close, true);
  }, [open]);
  useEffect(() => {
    // Opened: the first command takes focus, so the arrows and Enter work straight away.
    if (open)
      wrapperRef.current?.querySelector<HTMLButtonElement>('[role^="menuitem"]:not(:disabled)')?.focus();
  }, [open]);
  // The menu's own keys, like a native menu (they bind no command): Escape closes it and gives focus
  // back to the More button; the arrows move between its items.
  const onKeyDown = (event: KeyboardEvent) => {
    if (!open) return;
    const items = [
      ...(wrapperRef.current?.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]:not(:disabled)') ?? []),
    ];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      setOpen(false);
      wrapperRef.current?.querySelector<HTMLButtonElement>('[data-testid="toolbar-more"]')?.focus();
    } else if (event.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
    else if (event.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  return (
    <div className="toolbar-more" ref={wrapperRef} onKeyDown={onKeyDown}>
      <Tooltip text="More commands">
        <button
          type="button"
          className="toolbar-button"
          data-testid="toolbar-more"
          aria-label="More commands"
          aria-haspopup="menu"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          <svg viewBox="0 0 24 24" width="20" height="20" fill="currentColor" aria-hidden="true">
            <circle cx="5.5" cy="12" r="1.8" />
            <circle cx="12" cy="12" r="1.8" />
            <circle cx="18.5" cy="12" r="1.8" />
          </svg>
        </button>
      </Tooltip>
      {open && (
        <div className="toolbar-more-menu" role="menu" data-testid="toolbar-more-menu">
          {groups.map((group, index) => (
            <div key={group.id} role="group">
              {index > 0 && <div className="separator" role="separator" />}
              {group.commands.map((id) => {
                const info = commandInfo(id)!;
                const shortcut = shortcutText(id);
                const isToggle = id in pressed;
                return (
                  <button
                    key={id}
                    type="button"
                    role={isToggle ? 'menuitemcheckbox' : 'menuitem'}
                    aria-checked={isToggle ? pressed[id] : undefined}
                    data-testid={`cmd-${id}`}
                    disabled={!isCommandEnabled(id)}
                    onClick={() => {
                      setOpen(false);
                      void runCommand(id);
                    }}
                  >
                    <span className="toolbar-more-icon">{commandIcon(id)}</span>
                    <span className="toolbar-more-label">{info.label}</span>
                    {isToggle && pressed[id] && (
                      <span className="toolbar-more-check" aria-hidden="true">
                        ✓
                      </span>
                    )}
                    {shortcut && <kbd>{shortcut}</kbd>}
                  </button>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export function Toolbar({ children }: { children?: ReactNode }) {
  useCommandStateVersion();
  const title = useDesignStore((state) => state.design.meta.title);
  const fileName = useDesignStore((state) => state.file.name);
  const dirty = useDesignStore(isDirty);
  const pressed = useToolbarState();
  const groups = TOOLBAR_GROUPS.map((group) => ({
    ...group,
    commands: group.commands.filter((id) => commandInfo(id)),
  })).filter((group) => group.commands.length > 0);
  const { containerRef, moreRef, folded } = useFolding(groups);
  const foldedList = groups.filter((group) => folded.has(group.id));
  return (
    <header className="toolbar" role="toolbar" aria-label="Commands">
      <div className="toolbar-brand" title={fileName ?? undefined}>
        <span className="toolbar-app">Backpressure</span>
        <span className="toolbar-title" data-testid="toolbar-title" title={title}>
          {title}
          {dirty && (
            <span className="dirty-dot" title="Unsaved changes" aria-label="unsaved changes">
              •
            </span>
          )}
        </span>
      </div>
      <div className="toolbar-groups" ref={containerRef}>
        {groups
          .filter((group) => !folded.has(group.id))
          .map((group) => (
            <div className="toolbar-group" key={group.id} data-toolbar-group={group.id}>
              {group.commands.map((id) => (
                <CommandButton key={id} id={id} pressed={pressed[id]} />
              ))}
            </div>
          ))}
        {foldedList.length > 0 && (
          <div className="toolbar-group" ref={moreRef}>
            <MoreMenu groups={foldedList} pressed={pressed} />
          </div>
        )}
      </div>
      <div className="toolbar-run" data-testid="toolbar-run-slot">
        {children}
      </div>
    </header>
  );
}
