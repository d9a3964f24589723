import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../shared/commands/commands';
import { menuTemplate, type MenuActions } from './menu';

function fakeActions(recentFiles: MenuActions['recentFiles'] = []) {
  return { runCommand: vi.fn(), nativeTextEdit: vi.fn(), openRecent: vi.fn(), recentFiles };
}

/** Every item with an id, from all submenus. */
function itemsById(template: MenuItemConstructorOptions[]): Map<string, MenuItemConstructorOptions> {
  const found = new Map<string, MenuItemConstructorOptions>();
  const visit = (items: MenuItemConstructorOptions[]) => {
    for (const item of items) {
      if (item.id) found.set(item.id, item);
      if (Array.isArray(item.submenu)) visit(item.submenu);
    }
  };
  visit(template);
  return found;
}

const click = (item: MenuItemConstructorOptions | undefined, triggeredByAccelerator: boolean) =>
  (item!.click as (...args: unknown[]) => void)(item, undefined, {
    triggeredByAccelerator,
  });

const linux = { isMac: false, isPackaged: true, appName: 'Backpressure' };
const mac = { isMac: true, isPackaged: true, appName: 'Backpressure' };

describe('the native menu', () => {
  it('has File, Edit, View, Run and Help with every menu command from the one command list', () => {
    const template = menuTemplate(fakeActions(), linux);
    expect(template.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Run', 'Help']);
    const items = itemsById(template);
    for (const command of COMMANDS.filter((candidate) => candidate.menu))
      expect(items.get(command.id)?.label, command.id).toBe(command.label);
    expect(items.get('file.save')?.accelerator).toBe('CmdOrCtrl+S');
    expect(items.get('edit.connect')?.accelerator).toBe('E');
  });

  it('only displays accelerators on Windows/Linux: keyboard.ts is the one key binding', () => {
    const items = [...itemsById(menuTemplate(fakeActions(), linux)).values()].filter(
      (item) => item.accelerator,
    );
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) expect(item.registerAccelerator, item.id).toBe(false);
  });

  it('runs the command when an item is clicked', () => {
    const actions = fakeActions();
    const items = itemsById(menuTemplate(actions, mac));
    click(items.get('edit.copy'), false);
    click(items.get('file.save'), false);
    expect(actions.runCommand.mock.calls).toEqual([['edit.copy'], ['file.save']]);
    expect(actions.nativeTextEdit).not.toHaveBeenCalled();
  });

  it('on macOS, ⌘Z/⇧⌘Z/⌘X/⌘C/⌘V/⌘A the page left alone edit the focused text field', () => {
    const actions = fakeActions();
    const items = itemsById(menuTemplate(actions, mac));
    for (const id of ['edit.undo', 'edit.redo', 'edit.cut', 'edit.copy', 'edit.paste', 'edit.selectAll'])
      click(items.get(id), true);
    expect(actions.nativeTextEdit.mock.calls.flat()).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
    expect(actions.runCommand).not.toHaveBeenCalled();
  });

  it('on macOS, an accelerator never runs a document command a second time', () => {
    const actions = fakeActions();
    const items = itemsById(menuTemplate(actions, mac));
    // keyboard.ts already ran (or deliberately declined) ⌘S, ⌘D …: the menu does nothing with them.
    for (const id of ['file.save', 'edit.duplicate', 'view.zoomIn', 'run.reset']) click(items.get(id), true);
    expect(actions.runCommand).not.toHaveBeenCalled();
    expect(actions.nativeTextEdit).not.toHaveBeenCalled();
  });

  it('on macOS, keys without ⌘ get no accelerator, so typing E, Space or ⌥A in a field stays typing', () => {
    const items = itemsById(menuTemplate(fakeActions(), mac));
    for (const id of ['edit.connect', 'edit.delete', 'run.toggle', 'help.shortcuts', 'arrange.alignLeft'])
      expect(items.get(id)?.accelerator, id).toBeUndefined();
    expect(items.get('edit.copy')?.accelerator).toBe('CmdOrCtrl+C');
    expect(items.get('file.saveAs')?.accelerator).toBe('CmdOrCtrl+Shift+S');
  });

  it('on macOS, adds the app menu and a Window menu whose Close goes through the usual close', () => {
    const template = menuTemplate(fakeActions(), mac);
    expect(template.map((menu) => menu.label ?? menu.role)).toEqual([
      'Backpressure',
      'File',
      'Edit',
      'View',
      'Run',
      'windowMenu',
      'Help',
    ]);
    const windowMenu = template.find((menu) => menu.role === 'windowMenu')!;
    expect((windowMenu.submenu as MenuItemConstructorOptions[]).map((item) => item.role)).toContain('close');
  });

  it('lists recent files under File, a missing one marked and disabled', () => {
    const actions = fakeActions([
      { path: '/d/a.bpd', name: 'a.bpd', openedAt: 2, missing: false },
      { path: '/d/gone.bpd', name: 'gone.bpd', openedAt: 1, missing: true },
    ]);
    const recent = itemsById(menuTemplate(actions, linux)).get('file.openRecent')!;
    const entries = recent.submenu as MenuItemConstructorOptions[];
    expect(entries.map((entry) => [entry.label, entry.enabled])).toEqual([
      ['a.bpd', true],
      ['gone.bpd (missing)', false],
    ]);
    (entries[0].click as () => void)();
    expect(actions.openRecent).toHaveBeenCalledWith('/d/a.bpd');
  });
});
