// `view.commandPalette` (Ctrl/Cmd+K): every registered command, fuzzy-searched by label and menu.
// Arrow keys move, Enter runs, Escape closes; commands that cannot run now are dimmed and do not run.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { listCommands, runCommand, type AvailableCommand } from '../commands/registry';
import { displayShortcut } from '../commands/shortcutText';
import { useUiStore } from '../store/uiStore';
import { Dialog } from '../ui/Dialog';
import { fuzzyFilter, fuzzyMatch } from './fuzzy';
import { useCommandStateVersion } from '../commands/useCommandState';

const MENU_NAMES: Record<string, string> = {
  file: 'File',
  edit: 'Edit',
  view: 'View',
  run: 'Run',
  help: 'Help',
};

/** Commands outside the menus are the canvas's own (nudge, place by key). */
export function menuName(menu: string | undefined): string {
  return menu ? (MENU_NAMES[menu] ?? menu) : 'Canvas';
}

/** The label with the characters the query matched in bold. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const positions = new Set(fuzzyMatch(query, text)?.positions ?? []);
  return (
    <>
      {[...text].map((char, index) =>
        positions.has(index) ? <mark key={index}>{char}</mark> : <span key={index}>{char}</span>,
      )}
    </>
  );
}

export function CommandPalette() {
  const version = useCommandStateVersion();
  const close = () => useUiStore.getState().setOverlay(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);

  const commands = useMemo(
    () =>
      fuzzyFilter(
        query,
        listCommands().filter((command) => command.id !== 'view.commandPalette'),
        (command) => command.label,
      ),
    // `version` changes whenever a command is registered or becomes enabled/disabled.
    [query, version],
  );
  // Labels first; then let "file" or "view" find a whole menu.
  const shown = useMemo(() => {
    if (!query.trim()) return commands;
    const listed = new Set(commands.map((command) => command.id));
    const byMenu = fuzzyFilter(
      query,
      listCommands().filter((command) => command.id !== 'view.commandPalette' && !listed.has(command.id)),
      (command) => `${menuName(command.menu)} ${command.label}`,
    );
    return [...commands, ...byMenu];
  }, [commands, query, version]);

  // The best match is active even when it cannot run now: Enter then does nothing rather than
  // surprising with a lower-ranked command.
  const activeIndex = shown.length === 0 ? -1 : Math.min(active, shown.length - 1);

  useEffect(() => {
    list.current
      ?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  const run = (command: AvailableCommand | undefined) => {
    if (!command?.enabled) return;
    close();
    void runCommand(command.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (shown.length > 0) setActive((activeIndex + step + shown.length) % shown.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(shown[activeIndex]);
    }
  };

  return (
    <Dialog
      title="Command palette"
      testId="command-palette"
      onClose={close}
      width={600}
      labelledBy="command-palette-label"
    >
      <label id="command-palette-label" className="visually-hidden" htmlFor="command-palette-input">
        Search commands
      </label>
      <input
        id="command-palette-input"
        className="command-palette-input"
        data-testid="command-palette-input"
        placeholder="Type a command…"
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-expanded="true"
        aria-controls="command-palette-list"
        aria-activedescendant={activeIndex >= 0 ? `command-${shown[activeIndex]?.id}` : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="command-palette-list" ref={list} className="command-list" role="listbox" aria-label="Commands">
        {shown.map((command, index) => (
          <li
            key={command.id}
            id={`command-${command.id}`}
            role="option"
            data-index={index}
            data-testid={`command-palette-item-${command.id}`}
            aria-selected={index === activeIndex}
            aria-disabled={!command.enabled}
            className={`command-item${index === activeIndex ? ' active' : ''}${command.enabled ? '' : ' disabled'}`}
            onMouseMove={() => index !== activeIndex && setActive(index)}
            onClick={() => run(command)}
          >
            <span className="command-menu">{menuName(command.menu)}</span>
            <span className="command-label">
              <Highlighted text={command.label} query={query} />
            </span>
            {command.shortcut && <kbd className="command-shortcut">{displayShortcut(command.shortcut)}</kbd>}
          </li>
        ))}
        {shown.length === 0 && (
          <li className="panel-hint" data-testid="command-palette-empty">
            No command matches “{query.trim()}”.
          </li>
        )}
      </ul>
    </Dialog>
  );
}
