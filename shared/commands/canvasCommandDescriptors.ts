// Commands of the canvas editor (renderer/canvas binds them): nudging, arranging, inserting
// whiteboard elements, placing a component kind by its single key, snapping. Kept in the one list
// (COMMANDS spreads this in) so the toolbar, menus, command palette and shortcut sheet show them.
import type { CommandInfo } from './commands';
import { CATALOG, COMPONENT_KINDS } from '../document/catalog';

const nudge = (direction: 'Left' | 'Right' | 'Up' | 'Down'): CommandInfo[] => [
  {
    id: `edit.nudge${direction}`,
    label: `Nudge ${direction.toLowerCase()}`,
    shortcut: `Arrow${direction}`,
    group: 'nudge',
    canvasOnly: true,
  },
  {
    id: `edit.nudge${direction}Far`,
    label: `Nudge ${direction.toLowerCase()} one grid step`,
    shortcut: `Shift+Arrow${direction}`,
    group: 'nudge',
    canvasOnly: true,
  },
];

const arrange = (name: string, label: string, shortcut: string): CommandInfo => ({
  id: `arrange.${name}`,
  label,
  shortcut,
  menu: 'edit',
  group: 'arrange',
  canvasOnly: true,
});

export const CANVAS_COMMANDS: CommandInfo[] = [
  // The one Escape: closes the context menu, abandons a gesture, disarms the palette's kind, or
  // clears the selection — whichever is active, in that order.
  {
    id: 'edit.deselect',
    label: 'Cancel / deselect',
    shortcut: 'Escape',
    menu: 'edit',
    group: 'select',
    canvasOnly: true,
  },
  ...nudge('Left'),
  ...nudge('Right'),
  ...nudge('Up'),
  ...nudge('Down'),
  // Alt+letter as in Figma (left A, right D, top W, bottom S, centres H/V, distribute Shift+H/V).
  // Matched by physical key, so they also work on macOS where Option changes the character.
  arrange('alignLeft', 'Align left', 'Alt+A'),
  arrange('alignCenter', 'Align centres (vertical axis)', 'Alt+H'),
  arrange('alignRight', 'Align right', 'Alt+D'),
  arrange('alignTop', 'Align top', 'Alt+W'),
  arrange('alignMiddle', 'Align middles (horizontal axis)', 'Alt+V'),
  arrange('alignBottom', 'Align bottom', 'Alt+S'),
  arrange('distributeHorizontal', 'Distribute horizontally', 'Alt+Shift+H'),
  arrange('distributeVertical', 'Distribute vertically', 'Alt+Shift+V'),
  { id: 'insert.note', label: 'Insert sticky note', shortcut: 'Shift+N', menu: 'edit', group: 'insert' },
  { id: 'insert.frame', label: 'Insert frame (region)', shortcut: 'Shift+F', menu: 'edit', group: 'insert' },
  { id: 'insert.text', label: 'Insert text label', shortcut: 'Shift+T', menu: 'edit', group: 'insert' },
  { id: 'view.toggleSnap', label: 'Snap to grid', shortcut: "Mod+'", menu: 'view', group: 'grid' },
  ...COMPONENT_KINDS.map((kind): CommandInfo => ({
    id: `place.${kind}`,
    label: `Place ${CATALOG[kind].label}`,
    shortcut: CATALOG[kind].placeKey,
    group: 'place',
    canvasOnly: true,
  })),
];
