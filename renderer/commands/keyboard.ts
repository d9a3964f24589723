// The one place keys are bound: a keydown is matched against every command's shortcut.
import { COMMANDS, type CommandInfo } from '../../shared/commands/commands';
import { isCommandEnabled, runCommand } from './registry';

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Does this keydown match a chord such as 'Mod+Shift+Z', 'Delete', '?', 'Space'? */
export function matchesShortcut(event: KeyboardEvent, shortcut: string): boolean {
  const parts = shortcut.split('+');
  // 'Mod++' means Mod and the plus key.
  let key = parts.pop()!;
  if (key === '' && parts[parts.length - 1] === '') {
    parts.pop();
    key = '+';
  }
  const wants = new Set(parts);
  const mod = isMac ? event.metaKey : event.ctrlKey;
  if (wants.has('Mod') !== mod) return false;
  if (!wants.has('Mod') && (event.ctrlKey || event.metaKey)) return false;
  if (wants.has('Alt') !== event.altKey) return false;
  const keyName = event.key === ' ' ? 'Space' : event.key;
  // Shift is implied by characters such as '?' and '+': compare it only for letters, digits and named keys.
  const shiftSensitive = /^[a-z0-9]$/i.test(key) || key.length > 1;
  if (shiftSensitive && wants.has('Shift') !== event.shiftKey) return false;
  // On macOS Option turns a letter into another character (Option+A types 'å'), so with Alt held
  // a letter is matched by its physical key.
  if (key.length === 1 && /[a-z]/i.test(key) && event.altKey) return event.code === `Key${key.toUpperCase()}`;
  if (key.length === 1 && /[a-z]/i.test(key)) return keyName.toLowerCase() === key.toLowerCase();
  if (/^[0-9]$/.test(key)) return event.code === `Digit${key}` || keyName === key;
  return keyName === key;
}

export function isTextInput(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Chords a text field handles itself (its own undo, clipboard, select all). */
const TEXT_EDITING_CHORDS = new Set(['Mod+Z', 'Mod+Shift+Z', 'Mod+Y', 'Mod+A', 'Mod+X', 'Mod+C', 'Mod+V']);
const UNDO_CHORDS = new Set(['Mod+Z', 'Mod+Shift+Z', 'Mod+Y']);

/**
 * A field marked `data-clean` (an inspector field with nothing typed since its last commit) has no
 * typing of its own to undo, so undo and redo go to the document: edit a value, press Enter, then
 * Ctrl/Cmd+Z takes the edit back.
 */
function fieldKeeps(target: EventTarget | null, chord: string): boolean {
  if (!TEXT_EDITING_CHORDS.has(chord)) return false;
  return !(UNDO_CHORDS.has(chord) && target instanceof HTMLElement && target.dataset.clean === 'true');
}

export function commandForKey(
  event: KeyboardEvent,
  commands: CommandInfo[] = COMMANDS,
): CommandInfo | undefined {
  const inText = isTextInput(event.target);
  return commands.find((command) => {
    const chords = [command.shortcut, ...(command.altShortcuts ?? [])].filter(Boolean) as string[];
    const matched = chords.find((chord) => matchesShortcut(event, chord));
    if (!matched) return false;
    const plainKey = !chords.some((chord) => chord.includes('Mod'));
    // Plain keys and canvas-only commands never fire while typing in a field, and a field keeps
    // its own undo and clipboard chords.
    if (inText && (plainKey || command.canvasOnly || fieldKeeps(event.target, matched))) return false;
    return isCommandEnabled(command.id);
  });
}

/**
 * Space both runs a command (Run / Pause) and, held while dragging, pans the canvas. So a plain
 * Space command fires on key-up, and only if no pan used the key in between.
 */
let pendingKeyUp: { key: string; commandId: string } | null = null;

/** The canvas calls this when a held key turned into a gesture (space-drag pan). */
export function cancelPendingKeyCommand(): void {
  pendingKeyUp = null;
}

/** Holding a key repeats only moves and zooms; a held letter or Space must not fire again and again. */
function repeats(event: KeyboardEvent): boolean {
  return event.key.startsWith('Arrow') || event.ctrlKey || event.metaKey;
}

/** Installs the global key handler; returns a function that removes it. */
export function installKeyboard(target: Window = window): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    const command = commandForKey(event);
    if (!command) return;
    event.preventDefault();
    if (event.repeat && !repeats(event)) return;
    if (event.key === ' ') {
      pendingKeyUp = { key: event.key, commandId: command.id };
      return;
    }
    void runCommand(command.id);
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (!pendingKeyUp || pendingKeyUp.key !== event.key) return;
    const { commandId } = pendingKeyUp;
    pendingKeyUp = null;
    void runCommand(commandId);
  };
  const onBlur = () => cancelPendingKeyCommand();
  target.addEventListener('keydown', onKeyDown);
  target.addEventListener('keyup', onKeyUp);
  target.addEventListener('blur', onBlur);
  return () => {
    target.removeEventListener('keydown', onKeyDown);
    target.removeEventListener('keyup', onKeyUp);
    target.removeEventListener('blur', onBlur);
  };
}
