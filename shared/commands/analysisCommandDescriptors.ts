// Evidence over many runs (renderer/sweep, renderer/compare bind them): sweep a parameter to find
// the knee; compare a design with a variant under the same seeds. In the Run menu, the command
// palette and the shortcut sheet.
import type { CommandInfo } from './commands';

export const ANALYSIS_COMMANDS: CommandInfo[] = [
  {
    id: 'analysis.replicate',
    label: 'Repeat the run over seeds…',
    shortcut: 'Mod+Alt+R',
    menu: 'run',
    group: 'analysis',
  },
  {
    id: 'analysis.duplicateAsVariant',
    label: 'Duplicate as variant (keep A, edit B)',
    menu: 'run',
    group: 'analysis',
  },
  {
    id: 'analysis.compareWithFile',
    label: 'Compare with a design file… (it is A, the open design B)',
    menu: 'run',
    group: 'analysis',
  },
  {
    id: 'analysis.compare',
    label: 'Compare A with B…',
    shortcut: 'Mod+Alt+C',
    menu: 'run',
    group: 'analysis',
  },
  {
    id: 'analysis.sweep',
    label: 'Sweep a parameter…',
    shortcut: 'Mod+Alt+S',
    menu: 'run',
    group: 'analysis',
  },
];
