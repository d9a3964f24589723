// The labs (renderer/labs binds them): the gallery, and a step forward or back in the open lab.
// While focus is in the lab player, → / Enter and ← also step (the player routes them here; the
// canvas keeps its arrows for nudging everywhere else).
import type { CommandInfo } from './commands';

export const LAB_COMMANDS: CommandInfo[] = [
  { id: 'labs.open', label: 'Labs…', shortcut: 'Mod+Shift+L', menu: 'help', group: 'labs' },
  { id: 'labs.nextStep', label: 'Lab: next step', menu: 'help', group: 'labs' },
  { id: 'labs.previousStep', label: 'Lab: previous step', menu: 'help', group: 'labs' },
  { id: 'labs.close', label: 'Close the lab', menu: 'help', group: 'labs' },
];
