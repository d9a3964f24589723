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
  if (key.length === 1 && /[a-z]/i.test(key)) return keyName.toLowerCase() === key.toLowerCase();
  if (/^[0-9]$/.test(key)) return event.code === `Digit${key}` || keyName === key;
  return keyName === key;
}

export function isTextInput(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function commandForKey(
  event: KeyboardEvent,
  commands: CommandInfo[] = COMMANDS,
): CommandInfo | undefined {
  const inText = isTextInput(event.target);
  return commands.find((command) => {
    const chords = [command.shortcut, ...(command.altShortcuts ?? [])].filter(Boolean) as string[];
    if (!chords.some((chord) => matchesShortcut(event, chord))) return false;
    const plainKey = !chords.some((chord) => chord.includes('Mod'));
    // Plain keys and canvas-only commands never fire while typing in a field.
    if (inText && (plainKey || command.canvasOnly)) return false;
    return isCommandEnabled(command.id);
  });
}

/** Installs the global key handler; returns a function that removes it. */
export function installKeyboard(target: Window = window): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    const command = commandForKey(event);
    if (!command) return;
    event.preventDefault();
    void runCommand(command.id);
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
