// The native menu, built from the one command list (shared/commands). A click sends the command id
// to the renderer, which runs it through its registry. The renderer's keyboard.ts stays the only
// place keys are bound, so menu accelerators only *show* the keys:
// - Windows/Linux: accelerators are displayed but not registered (`registerAccelerator: false`).
// - macOS ignores `registerAccelerator` (AppKit always registers a menu item's key equivalent), and
//   a key the page did not handle goes to the menu. The page handles every document shortcut
//   itself (and then the menu never sees the key), so a menu item reached *by its accelerator*
//   means the page declined the key on purpose: focus is in a text field, or the command is off.
//   Then Undo/Redo/Cut/Copy/Paste/Select all do the text field's own editing (what the native
//   Edit roles do), and every other command does nothing, so no document command is bound twice.
//   Keys without ⌘ (E, Delete, Space, ⌥A …) get no accelerator on macOS at all: AppKit would take
//   them from text fields before they are typed. They are listed in the app's shortcut sheet (?).
// Pure (Electron only as types) so the template is unit-tested on any machine.
import type { KeyboardEvent as MenuKeyboardEvent, MenuItemConstructorOptions } from 'electron';
import { COMMANDS, toAccelerator, type CommandInfo, type MenuName } from '../shared/commands/commands';
import type { RecentFile } from '../shared/platform/desktopApi';

/** What a focused text field does for the Edit commands (webContents.undo(), .copy() …). */
export type NativeTextEdit = 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll';

/** The Edit commands whose keys a text field keeps for its own editing. */
export const TEXT_EDITING: Record<string, NativeTextEdit> = {
  'edit.undo': 'undo',
  'edit.redo': 'redo',
  'edit.cut': 'cut',
  'edit.copy': 'copy',
  'edit.paste': 'paste',
  'edit.selectAll': 'selectAll',
};

export interface MenuActions {
  runCommand(id: string): void;
  /** Performs a text-editing action in the focused page (webContents.undo() …). */
  nativeTextEdit(action: NativeTextEdit): void;
  openRecent(path: string): void;
  recentFiles: RecentFile[];
}

export interface MenuPlatform {
  isMac: boolean;
  isPackaged: boolean;
  appName: string;
}

const MENU_TITLES: Record<MenuName, string> = {
  file: 'File',
  edit: 'Edit',
  view: 'View',
  run: 'Run',
  help: 'Help',
};

/** The accelerator a command shows in the menu, or undefined (see the top of this file for macOS). */
export function menuAccelerator(command: CommandInfo, isMac: boolean): string | undefined {
  if (!command.shortcut) return undefined;
  if (isMac && !command.shortcut.split('+').includes('Mod')) return undefined;
  return toAccelerator(command.shortcut);
}

/** What a menu click does: a mouse click runs the command; an accelerator only edits text. */
export function onMenuClick(
  commandId: string,
  event: Pick<MenuKeyboardEvent, 'triggeredByAccelerator'> | undefined,
  actions: Pick<MenuActions, 'runCommand' | 'nativeTextEdit'>,
): void {
  if (!event?.triggeredByAccelerator) {
    actions.runCommand(commandId);
    return;
  }
  const textEdit = TEXT_EDITING[commandId];
  if (textEdit) actions.nativeTextEdit(textEdit);
}

export function menuItemsFor(
  menu: MenuName,
  actions: Pick<MenuActions, 'runCommand' | 'nativeTextEdit'>,
  isMac = false,
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  let group: string | undefined;
  for (const command of COMMANDS.filter((candidate) => candidate.menu === menu)) {
    if (items.length > 0 && command.group !== group) items.push({ type: 'separator' });
    group = command.group;
    items.push({
      id: command.id,
      label: command.label,
      accelerator: menuAccelerator(command, isMac),
      registerAccelerator: false,
      click: (_item, _window, event) => onMenuClick(command.id, event, actions),
    });
  }
  return items;
}

export function menuTemplate(actions: MenuActions, platform: MenuPlatform): MenuItemConstructorOptions[] {
  const { isMac } = platform;
  const file = menuItemsFor('file', actions, isMac);
  const recent: MenuItemConstructorOptions = {
    id: 'file.openRecent',
    label: 'Open recent',
    submenu:
      actions.recentFiles.length === 0
        ? [{ label: 'No recent files', enabled: false }]
        : actions.recentFiles.map((entry) => ({
            label: entry.missing ? `${entry.name} (missing)` : entry.name,
            sublabel: entry.path,
            enabled: !entry.missing,
            click: () => actions.openRecent(entry.path),
          })),
  };
  const openIndex = file.findIndex((item) => item.id === 'file.open');
  file.splice(openIndex + 1, 0, recent);
  if (!isMac) file.push({ type: 'separator' }, { role: 'quit' });

  return [
    ...(isMac
      ? [
          {
            label: platform.appName,
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } as MenuItemConstructorOptions,
        ]
      : []),
    { label: MENU_TITLES.file, submenu: file },
    { label: MENU_TITLES.edit, submenu: menuItemsFor('edit', actions, isMac) },
    {
      label: MENU_TITLES.view,
      submenu: [
        ...menuItemsFor('view', actions, isMac),
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(platform.isPackaged ? [] : [{ role: 'toggleDevTools' } as MenuItemConstructorOptions]),
      ],
    },
    { label: MENU_TITLES.run, submenu: menuItemsFor('run', actions, isMac) },
    // macOS users expect a Window menu; ⌘W closes through the unsaved-changes question.
    ...(isMac
      ? [
          {
            role: 'windowMenu',
            submenu: [
              { role: 'minimize' },
              { role: 'zoom' },
              { type: 'separator' },
              { role: 'close' },
              { role: 'front' },
            ],
          } as MenuItemConstructorOptions,
        ]
      : []),
    { role: 'help', label: MENU_TITLES.help, submenu: menuItemsFor('help', actions, isMac) },
  ];
}
