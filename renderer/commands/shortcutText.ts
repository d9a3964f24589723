// How a shortcut reads on screen: the platform's modifier names (shared `formatShortcut`), arrows as
// arrows and single letters in capitals, as printed on a keyboard.
import { formatShortcut } from '../../shared/commands/commands';
import { isMac } from './keyboard';

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
};

export function displayShortcut(chord: string, platform: 'mac' | 'other' = isMac ? 'mac' : 'other'): string {
  const parts = chord.split('+');
  const last = parts[parts.length - 1];
  if (last && (KEY_NAMES[last] || /^[a-z]$/.test(last))) {
    parts[parts.length - 1] = KEY_NAMES[last] ?? last.toUpperCase();
  }
  return formatShortcut(parts.join('+'), platform);
}
