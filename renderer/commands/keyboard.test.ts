import { describe, expect, it } from 'vitest';
import { matchesShortcut } from './keyboard';

/** A keydown as the browser reports it (only the fields the matcher reads). */
const keydown = (key: string, code: string, modifiers: Partial<KeyboardEvent> = {}) =>
  ({
    key,
    code,
    altKey: false,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    ...modifiers,
  }) as KeyboardEvent;

describe('keyboard: matching a keydown against a shortcut', () => {
  it('Alt+letter matches by physical key, because macOS Option changes the character (Option+A types å)', () => {
    expect(matchesShortcut(keydown('å', 'KeyA', { altKey: true }), 'Alt+A')).toBe(true);
    expect(matchesShortcut(keydown('a', 'KeyA', { altKey: true }), 'Alt+A')).toBe(true);
    expect(matchesShortcut(keydown('Ó', 'KeyH', { altKey: true, shiftKey: true }), 'Alt+Shift+H')).toBe(true);
  });

  it('Alt chords need exactly their modifiers: no Alt, an extra Shift or another key do not match', () => {
    expect(matchesShortcut(keydown('a', 'KeyA'), 'Alt+A')).toBe(false);
    expect(matchesShortcut(keydown('˙', 'KeyH', { altKey: true }), 'Alt+Shift+H')).toBe(false);
    expect(matchesShortcut(keydown('Ó', 'KeyH', { altKey: true, shiftKey: true }), 'Alt+H')).toBe(false);
    expect(matchesShortcut(keydown('∂', 'KeyD', { altKey: true }), 'Alt+A')).toBe(false);
    // A plain letter shortcut is not run by Alt+letter.
    expect(matchesShortcut(keydown('a', 'KeyA', { altKey: true }), 'A')).toBe(false);
  });

  it('plain letters still match by character (other layouts keep their letters)', () => {
    expect(matchesShortcut(keydown('s', 'KeyS'), 'S')).toBe(true);
    expect(matchesShortcut(keydown('S', 'KeyS', { shiftKey: true }), 'Shift+S')).toBe(true);
    expect(matchesShortcut(keydown('s', 'KeyS'), 'Shift+S')).toBe(false);
    // AZERTY: the key labelled A sits where QWERTY has Q; without Alt the character decides.
    expect(matchesShortcut(keydown('a', 'KeyQ'), 'A')).toBe(true);
  });

  it('characters that imply Shift (? and +) match whatever Shift reports', () => {
    expect(matchesShortcut(keydown('?', 'Slash', { shiftKey: true }), '?')).toBe(true);
    expect(matchesShortcut(keydown('+', 'Equal', { shiftKey: true, ctrlKey: true }), 'Mod++')).toBe(true);
  });
});
