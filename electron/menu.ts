// The native menu, built from the one command list (shared/commands). A click sends the command id
// to the renderer, which runs it through its registry. Accelerators are shown but not registered:
// the renderer's keyboard.ts is the only place keys are bound (so Delete in a text box stays text).
import { Menu, app, type MenuItemConstructorOptions } from 'electron';
import { COMMANDS, toAccelerator, type MenuName } from '../shared/commands/commands';
import type { RecentFile } from '../shared/platform/desktopApi';

export interface MenuActions {
  runCommand(id: string): void;
  openRecent(path: string): void;
  recentFiles: RecentFile[];
}

const MENU_TITLES: Record<MenuName, string> = {
  file: 'File',
  edit: 'Edit',
  view: 'View',
  run: 'Run',
  help: 'Help',
};

export function menuItemsFor(
  menu: MenuName,
  actions: Pick<MenuActions, 'runCommand'>,
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  let group: string | undefined;
  for (const command of COMMANDS.filter((candidate) => candidate.menu === menu)) {
    if (items.length > 0 && command.group !== group) items.push({ type: 'separator' });
    group = command.group;
    items.push({
      id: command.id,
      label: command.label,
      accelerator: command.shortcut ? toAccelerator(command.shortcut) : undefined,
      registerAccelerator: false,
      click: () => actions.runCommand(command.id),
    });
  }
  return items;
}

export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const file = menuItemsFor('file', actions);
  const recent: MenuItemConstructorOptions = {
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

  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: app.name,
            submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'quit' }],
          } as MenuItemConstructorOptions,
        ]
      : []),
    { label: MENU_TITLES.file, submenu: file },
    { label: MENU_TITLES.edit, submenu: menuItemsFor('edit', actions) },
    {
      label: MENU_TITLES.view,
      submenu: [
        ...menuItemsFor('view', actions),
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as MenuItemConstructorOptions]),
      ],
    },
    { label: MENU_TITLES.run, submenu: menuItemsFor('run', actions) },
    { role: 'help', label: MENU_TITLES.help, submenu: menuItemsFor('help', actions) },
  ];
  return Menu.buildFromTemplate(template);
}
