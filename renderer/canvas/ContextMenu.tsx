// The right-click menu, built from the command registry: one list of command ids per target type.
// Which commands each target lists is renderer/commands/contextMenus.ts (features add theirs there).
import { useEffect } from 'react';
import { commandInfo, formatShortcut } from '../../shared/commands/commands';
import { isCommandEnabled, listCommands, runCommand } from '../commands/registry';
import { isMac } from '../commands/keyboard';
import { useCanvasUi } from '../store/canvasUiStore';
import { CONTEXT_MENU_COMMANDS, contextMenuLabel } from '../commands/contextMenus';

/** A menu on one instance of a node (a live run's instance dot): a title and its own commands. */
export interface InstanceMenu {
  /** "Orders DB:0 (leader)" */
  title: string;
  /** Command ids (chaos only), in order. */
  commands: string[];
}

// Which open menus are instance menus: keyed by the menu object itself, so any other menu opened
// afterwards (a new object) is never mistaken for one.
const instanceMenus = new WeakMap<object, InstanceMenu>();

/** Opens the chaos-only menu of one instance at a client point. */
export function openInstanceMenu(
  instance: InstanceMenu,
  nodeId: string,
  clientX: number,
  clientY: number,
): void {
  const menu = { target: 'node' as const, hit: { type: 'node' as const, nodeId }, clientX, clientY };
  instanceMenus.set(menu, instance);
  useCanvasUi.getState().set({ contextMenu: menu });
}

export function CanvasContextMenu() {
  const menu = useCanvasUi((state) => state.contextMenu);
  useEffect(() => {
    if (!menu) return;
    const close = (event: PointerEvent) => {
      if (!(event.target instanceof Element) || !event.target.closest('.canvas-context-menu')) {
        useCanvasUi.getState().set({ contextMenu: null });
      }
    };
    window.addEventListener('pointerdown', close, true);
    return () => window.removeEventListener('pointerdown', close, true);
  }, [menu]);
  if (!menu) return null;
  const registered = new Set(listCommands().map((command) => command.id));
  const instance = instanceMenus.get(menu) ?? null;
  const ids = (instance ? instance.commands : CONTEXT_MENU_COMMANDS[menu.target]).filter(
    (id) => id === '-' || registered.has(id),
  );
  // No leading, trailing or doubled separators when commands are missing.
  const items = ids.filter(
    (id, index) => id !== '-' || (index > 0 && index < ids.length - 1 && ids[index - 1] !== '-'),
  );
  return (
    <div
      className="canvas-context-menu"
      role="menu"
      data-testid="canvas-context-menu"
      style={{ position: 'fixed', left: menu.clientX, top: menu.clientY }}
      // Kept inside the window when opened near its bottom or right edge (long menus, e.g. with
      // chaos actions): shifted up / left by what would stick out.
      ref={(element) => {
        if (!element) return;
        const box = element.getBoundingClientRect();
        if (box.bottom > window.innerHeight)
          element.style.top = `${Math.max(4, menu.clientY - (box.bottom - window.innerHeight) - 4)}px`;
        if (box.right > window.innerWidth)
          element.style.left = `${Math.max(4, menu.clientX - (box.right - window.innerWidth) - 4)}px`;
      }}
      onPointerDown={(event) => event.stopPropagation()}
      onContextMenu={(event) => event.preventDefault()}
    >
      {instance && (
        <div className="canvas-context-menu-title" data-testid="context-menu-title" role="presentation">
          {instance.title}
        </div>
      )}
      {items.map((id, index) => {
        if (id === '-') return <div key={`separator-${index}`} className="separator" role="separator" />;
        const info = commandInfo(id)!;
        const enabled = isCommandEnabled(id);
        return (
          <button
            key={id}
            type="button"
            role="menuitem"
            data-testid={`menu-${id}`}
            disabled={!enabled}
            onClick={() => {
              useCanvasUi.getState().set({ contextMenu: null });
              void runCommand(id);
            }}
          >
            <span>{contextMenuLabel(id) ?? info.label}</span>
            {info.shortcut ? <kbd>{formatShortcut(info.shortcut, isMac ? 'mac' : 'other')}</kbd> : null}
          </button>
        );
      })}
    </div>
  );
}
