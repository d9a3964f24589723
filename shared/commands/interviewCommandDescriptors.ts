// Mock interview mode (renderer/interview binds them): start and end an interview, pause the
// clock, move to the next phase, open the requirements card. Kept in the one list (COMMANDS spreads
// this in) so menus, the command palette and the shortcut sheet show them.
import type { CommandInfo } from './commands';

export const INTERVIEW_COMMANDS: CommandInfo[] = [
  {
    id: 'interview.start',
    label: 'Start a mock interview…',
    shortcut: 'Mod+Alt+I',
    menu: 'view',
    group: 'interview',
  },
  {
    id: 'interview.pauseToggle',
    label: 'Pause / resume the interview clock',
    shortcut: 'Mod+Alt+P',
    menu: 'view',
    group: 'interview',
  },
  {
    id: 'interview.nextPhase',
    label: 'Next interview phase',
    shortcut: 'Mod+Alt+N',
    menu: 'view',
    group: 'interview',
  },
  {
    id: 'interview.requirements',
    label: 'Requirements card',
    shortcut: 'Mod+Alt+Q',
    menu: 'view',
    group: 'interview',
  },
  {
    id: 'interview.estimator',
    label: 'Capacity estimate',
    shortcut: 'Mod+Alt+E',
    menu: 'view',
    group: 'interview',
  },
  {
    id: 'interview.growthCheck',
    label: 'Growth check (today and × growth)',
    shortcut: 'Mod+Alt+G',
    menu: 'view',
    group: 'interview',
  },
  {
    id: 'interview.openInterviewer',
    label: 'Open the interviewer window (notes, rubric, fault remote)',
    menu: 'view',
    group: 'interview',
  },
  { id: 'interview.end', label: 'End the interview and save the debrief…', menu: 'view', group: 'interview' },
  { id: 'interview.debrief', label: 'Save the interview debrief (HTML)…', menu: 'view', group: 'interview' },
  {
    id: 'interview.debriefPdf',
    label: 'Save the interview debrief (PDF)…',
    menu: 'view',
    group: 'interview',
  },
];
