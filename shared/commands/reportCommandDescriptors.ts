// Commands that turn a run into evidence to share (renderer/report and renderer/recording bind
// them): the run report as HTML or PDF, and a video of the canvas and dock. Kept in the one list
// (COMMANDS spreads this in) so the Electron menus, the command palette and the shortcut sheet show them.
import type { CommandInfo } from './commands';

export const REPORT_COMMANDS: CommandInfo[] = [
  {
    id: 'file.exportReport',
    label: 'Export run report (HTML)…',
    shortcut: 'Mod+Shift+P',
    menu: 'file',
    group: 'report',
  },
  { id: 'file.exportReportPdf', label: 'Export run report (PDF)…', menu: 'file', group: 'report' },
  {
    id: 'run.record',
    label: 'Record video of the canvas and dock / stop',
    shortcut: 'Mod+Shift+X',
    menu: 'run',
    group: 'record',
  },
];
