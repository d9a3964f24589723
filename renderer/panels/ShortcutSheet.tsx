// `help.shortcuts` (?): every registered command and its keys, grouped by menu. Built from the one
// command list, so a command a feature adds shows up here without touching this file.
import { listCommands } from '../commands/registry';
import { displayShortcut } from '../commands/shortcutText';
import { useUiStore } from '../store/uiStore';
import { Dialog } from '../ui/Dialog';
import { menuName } from './CommandPalette';
import { useCommandStateVersion } from '../commands/useCommandState';

const MENU_ORDER = ['file', 'edit', 'view', 'run', 'help'];

export function ShortcutSheet() {
  useCommandStateVersion();
  const close = () => useUiStore.getState().setOverlay(null);
  const byMenu = new Map<string, ReturnType<typeof listCommands>>();
  for (const command of listCommands()) {
    const menu = command.menu ?? 'other';
    if (!byMenu.has(menu)) byMenu.set(menu, []);
    byMenu.get(menu)!.push(command);
  }
  const menus = [...byMenu.keys()].sort(
    (a, b) => (MENU_ORDER.indexOf(a) + 1 || 99) - (MENU_ORDER.indexOf(b) + 1 || 99),
  );
  return (
    <Dialog title="Keyboard shortcuts" testId="shortcut-sheet" onClose={close} width={860}>
      <div className="shortcut-columns">
        {menus.map((menu) => (
          <section key={menu} className="shortcut-menu" data-testid={`shortcut-menu-${menu}`}>
            <h3>{menuName(menu === 'other' ? undefined : menu)}</h3>
            <dl>
              {byMenu.get(menu)!.map((command) => {
                const chords = [command.shortcut, ...(command.altShortcuts ?? [])].filter(
                  Boolean,
                ) as string[];
                return (
                  <div key={command.id} className="shortcut-row" data-testid={`shortcut-${command.id}`}>
                    <dt>{command.label}</dt>
                    <dd>
                      {chords.length === 0 ? (
                        <span className="shortcut-none">—</span>
                      ) : (
                        chords.map((chord) => <kbd key={chord}>{displayShortcut(chord)}</kbd>)
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        ))}
      </div>
      <p className="panel-hint">
        Single-key shortcuts work while the canvas has focus, not while typing in a field.
      </p>
    </Dialog>
  );
}
