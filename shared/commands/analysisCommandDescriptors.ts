// Evidence over many runs (renderer/sweep, renderer/compare bind them): sweep a parameter to find
// the knee; compare a design with a variant under the same seeds. In the Run menu, the command
// palette and the shortcut sheet.
import type { CommandInfo } from './commands';

export const ANALYSIS_COMMANDS: CommandInfo[] = [
  {
    id: 'analysis.sweep',
    label: 'Sweep a parameter…',
    shortcut: 'Mod+Alt+S',
    menu: 'run',
    group: 'analysis',
  },
];
