import { describe, expect, it } from 'vitest';
import { displayShortcut } from './shortcutText';

describe('shortcuts as shown to people', () => {
  it('names the platform modifier', () => {
    expect(displayShortcut('Mod+Shift+Z', 'other')).toBe('Ctrl+Shift+Z');
    expect(displayShortcut('Mod+Shift+Z', 'mac')).toBe('⌘⇧Z');
  });
  it('shows arrows as arrows, Escape as Esc and letters in capitals', () => {
    expect(displayShortcut('Shift+ArrowLeft', 'other')).toBe('Shift+←');
    expect(displayShortcut('Escape', 'other')).toBe('Esc');
    expect(displayShortcut('c', 'other')).toBe('C');
    expect(displayShortcut('Mod++', 'other')).toBe('Ctrl++');
    expect(displayShortcut('?', 'other')).toBe('?');
  });
});
