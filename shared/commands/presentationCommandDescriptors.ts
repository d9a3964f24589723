// Presentation mode's commands (renderer/presentation binds them). Listed in COMMANDS before the
// canvas's own, so while presenting the arrows move between slides and Escape leaves presentation;
// when their handlers are disabled (not presenting) the same keys nudge and deselect as always.
import type { CommandInfo } from './commands';

export const PRESENTATION_COMMANDS: CommandInfo[] = [
  { id: 'view.presentation', label: 'Presentation mode', shortcut: 'F5', menu: 'view', group: 'present' },
  {
    id: 'present.next',
    label: 'Next slide',
    shortcut: 'ArrowRight',
    altShortcuts: ['ArrowDown', 'PageDown'],
    menu: 'view',
    group: 'present',
    canvasOnly: true,
    mode: 'presentation',
  },
  {
    id: 'present.previous',
    label: 'Previous slide',
    shortcut: 'ArrowLeft',
    altShortcuts: ['ArrowUp', 'PageUp'],
    menu: 'view',
    group: 'present',
    canvasOnly: true,
    mode: 'presentation',
  },
  {
    id: 'present.overview',
    label: 'Overview of all slides',
    shortcut: 'Shift+2',
    menu: 'view',
    group: 'present',
    canvasOnly: true,
  },
  {
    id: 'present.laser',
    label: 'Laser pointer',
    shortcut: 'Shift+L',
    menu: 'view',
    group: 'present',
    canvasOnly: true,
  },
  {
    id: 'present.spotlight',
    label: 'Spotlight hovered and selected',
    shortcut: 'Shift+O',
    menu: 'view',
    group: 'present',
    canvasOnly: true,
  },
  {
    id: 'present.exit',
    label: 'Leave presentation',
    shortcut: 'Escape',
    group: 'present',
    mode: 'presentation',
  },
  { id: 'view.highContrast', label: 'High-contrast theme', menu: 'view', group: 'theme' },
];
