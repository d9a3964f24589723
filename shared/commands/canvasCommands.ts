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

export const CANVAS_COMMANDS: CommandInfo[] = [
  {
    id: 'edit.deselect',
    label: 'Deselect / cancel',
    shortcut: 'Escape',
    menu: 'edit',
    group: 'select',
    canvasOnly: true,
  },
  ...nudge('Left'),
  ...nudge('Right'),
  ...nudge('Up'),
  ...nudge('Down'),
  { id: 'arrange.alignLeft', label: 'Align left', menu: 'edit', group: 'arrange' },
  { id: 'arrange.alignCenter', label: 'Align centres (vertical axis)', menu: 'edit', group: 'arrange' },
  { id: 'arrange.alignRight', label: 'Align right', menu: 'edit', group: 'arrange' },
  { id: 'arrange.alignTop', label: 'Align top', menu: 'edit', group: 'arrange' },
  { id: 'arrange.alignMiddle', label: 'Align middles (horizontal axis)', menu: 'edit', group: 'arrange' },
  { id: 'arrange.alignBottom', label: 'Align bottom', menu: 'edit', group: 'arrange' },
  {
    id: 'arrange.distributeHorizontal',
    label: 'Distribute horizontally',
    menu: 'edit',
    group: 'arrange',
  },
  {
    id: 'arrange.distributeVertical',
    label: 'Distribute vertically',
    menu: 'edit',
    group: 'arrange',
  },
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
