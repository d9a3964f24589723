// The one list of commands: id, label, shortcut and where it sits in the menu. The renderer binds
// each id to what it does (renderer/commands); the Electron menu, toolbar, context menus, command
// palette and shortcut sheet are all built from this list. No key is bound anywhere else.
import { CANVAS_COMMANDS } from './canvasCommandDescriptors';
import { RUN_COMMANDS } from './runCommandDescriptors';
import { ANALYSIS_COMMANDS } from './analysisCommandDescriptors';
import { REPORT_COMMANDS } from './reportCommandDescriptors';
import { PRESENTATION_COMMANDS } from './presentationCommandDescriptors';
import { INTERVIEW_COMMANDS } from './interviewCommandDescriptors';
import { LAB_COMMANDS } from './labCommandDescriptors';

export type MenuName = 'file' | 'edit' | 'view' | 'run' | 'help';

export interface CommandInfo {
  id: string;
  label: string;
  /** Key chord, `Mod` = Ctrl on Windows/Linux, Cmd on macOS; e.g. 'Mod+Shift+Z', 'Delete', '?'. */
  shortcut?: string;
  /** Extra chords that run the same command. */
  altShortcuts?: string[];
  menu?: MenuName;
  /** Commands in the same menu are separated where the group changes. */
  group?: string;
  /** Shortcut works only while the canvas (not a text field) has focus. Default true for plain keys. */
  canvasOnly?: boolean;
  /**
   * A mode's command: its keys are the mode's while the mode is on (its handler is enabled only
   * then) and fall through to the editor's otherwise, so it may share a chord with an editor
   * command (presentation: the arrows move between slides, Escape leaves). Chords stay unique
   * within each mode.
   */
  mode?: 'presentation';
}

export const COMMANDS: CommandInfo[] = [
  { id: 'file.new', label: 'New design', shortcut: 'Mod+N', menu: 'file', group: 'open' },
  { id: 'file.open', label: 'Open…', shortcut: 'Mod+O', menu: 'file', group: 'open' },
  { id: 'file.save', label: 'Save', shortcut: 'Mod+S', menu: 'file', group: 'save' },
  { id: 'file.saveAs', label: 'Save as…', shortcut: 'Mod+Shift+S', menu: 'file', group: 'save' },
  { id: 'file.exportPng', label: 'Export PNG…', shortcut: 'Mod+Shift+E', menu: 'file', group: 'export' },
  { id: 'file.exportSvg', label: 'Export SVG…', menu: 'file', group: 'export' },
  { id: 'edit.undo', label: 'Undo', shortcut: 'Mod+Z', menu: 'edit', group: 'history' },
  {
    id: 'edit.redo',
    label: 'Redo',
    shortcut: 'Mod+Shift+Z',
    altShortcuts: ['Mod+Y'],
    menu: 'edit',
    group: 'history',
  },
  { id: 'edit.cut', label: 'Cut', shortcut: 'Mod+X', menu: 'edit', group: 'clipboard', canvasOnly: true },
  { id: 'edit.copy', label: 'Copy', shortcut: 'Mod+C', menu: 'edit', group: 'clipboard', canvasOnly: true },
  { id: 'edit.paste', label: 'Paste', shortcut: 'Mod+V', menu: 'edit', group: 'clipboard', canvasOnly: true },
  {
    id: 'edit.duplicate',
    label: 'Duplicate',
    shortcut: 'Mod+D',
    menu: 'edit',
    group: 'clipboard',
    canvasOnly: true,
  },
  {
    id: 'edit.delete',
    label: 'Delete',
    shortcut: 'Delete',
    altShortcuts: ['Backspace'],
    menu: 'edit',
    group: 'clipboard',
    canvasOnly: true,
  },
  {
    id: 'edit.selectAll',
    label: 'Select all',
    shortcut: 'Mod+A',
    menu: 'edit',
    group: 'select',
    canvasOnly: true,
  },
  {
    id: 'edit.connect',
    label: 'Connect selected',
    shortcut: 'E',
    menu: 'edit',
    group: 'select',
    canvasOnly: true,
  },
  { id: 'edit.rename', label: 'Rename', shortcut: 'F2', menu: 'edit', group: 'select', canvasOnly: true },
  {
    id: 'view.zoomIn',
    label: 'Zoom in',
    shortcut: 'Mod+=',
    altShortcuts: ['Mod++'],
    menu: 'view',
    group: 'zoom',
  },
  { id: 'view.zoomOut', label: 'Zoom out', shortcut: 'Mod+-', menu: 'view', group: 'zoom' },
  {
    id: 'view.zoomToFit',
    label: 'Zoom to fit',
    shortcut: 'Shift+1',
    menu: 'view',
    group: 'zoom',
    canvasOnly: true,
  },
  { id: 'view.commandPalette', label: 'Command palette', shortcut: 'Mod+K', menu: 'view', group: 'panels' },
  { id: 'view.togglePalette', label: 'Show/hide palette', shortcut: 'Mod+B', menu: 'view', group: 'panels' },
  {
    id: 'view.toggleInspector',
    label: 'Show/hide inspector',
    shortcut: 'Mod+Shift+B',
    menu: 'view',
    group: 'panels',
  },
  { id: 'view.toggleDock', label: 'Show/hide run dock', shortcut: 'Mod+J', menu: 'view', group: 'panels' },
  { id: 'view.toggleTheme', label: 'Theme: system / light / dark', menu: 'view', group: 'theme' },
  { id: 'run.toggle', label: 'Run / Pause', shortcut: 'Space', menu: 'run', group: 'run', canvasOnly: true },
  { id: 'run.step', label: 'Step', shortcut: '.', menu: 'run', group: 'run', canvasOnly: true },
  { id: 'run.reset', label: 'Reset run', shortcut: 'Mod+Shift+R', menu: 'run', group: 'run' },
  {
    id: 'help.shortcuts',
    label: 'Keyboard shortcuts',
    shortcut: '?',
    menu: 'help',
    group: 'help',
    canvasOnly: true,
  },
  { id: 'help.about', label: 'About Backpressure', menu: 'help', group: 'about' },
  // Before the canvas's: while presenting, the arrows and Escape are the presentation's.
  ...PRESENTATION_COMMANDS,
  ...CANVAS_COMMANDS,
  ...RUN_COMMANDS,
  ...ANALYSIS_COMMANDS,
  ...REPORT_COMMANDS,
  ...INTERVIEW_COMMANDS,
  ...LAB_COMMANDS,
];

const byId = new Map(COMMANDS.map((command) => [command.id, command]));

export function commandInfo(id: string): CommandInfo | undefined {
  return byId.get(id);
}

/** Adds commands from a feature (editor, live run …); ids must be new. */
export function addCommands(commands: CommandInfo[]): void {
  for (const command of commands) {
    if (byId.has(command.id)) throw new Error(`command ${command.id} is already defined`);
    COMMANDS.push(command);
    byId.set(command.id, command);
  }
}

/** 'Mod+Shift+Z' → 'Ctrl+Shift+Z' or '⌘⇧Z' for display. */
export function formatShortcut(shortcut: string, platform: 'mac' | 'other'): string {
  if (platform === 'other') return shortcut.replace('Mod', 'Ctrl');
  return shortcut.replace('Mod+', '⌘').replace('Shift+', '⇧').replace('Alt+', '⌥').replace('Ctrl+', '⌃');
}

/** Electron accelerator for a shortcut ('Mod' → 'CmdOrCtrl'). */
export function toAccelerator(shortcut: string): string {
  return shortcut.replace('Mod', 'CmdOrCtrl');
}
