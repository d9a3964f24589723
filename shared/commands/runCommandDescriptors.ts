// Chaos commands of the live run (renderer/run binds them): break the selected node, instance or
// connection on purpose. Kept in the one list (COMMANDS spreads this in) so the Electron Run menu,
// the toolbar's More menu, the command palette, the canvas context menu and the shortcut sheet all
// show them with their keys.
import type { CommandInfo } from './commands';

/** The factor of "Slow ×10" (automation and scenario steps can pass any). */
export const SLOW_FACTOR = 10;

const chaos = (id: string, label: string, shortcut?: string): CommandInfo => ({
  id: `chaos.${id}`,
  label,
  ...(shortcut ? { shortcut } : {}),
  menu: 'run',
  group: 'chaos',
  canvasOnly: true,
});

export const RUN_COMMANDS: CommandInfo[] = [
  chaos('kill', 'Kill (crash)', 'K'),
  chaos('hang', 'Hang (black hole)', 'Shift+H'),
  chaos('restart', 'Restart', 'R'),
  chaos('slow', `Slow ×${SLOW_FACTOR}`, 'Shift+S'),
  chaos('flush', 'Flush cache', 'F'),
  // Asks for N and S in a small dialog.
  chaos('spike', 'Traffic spike ×N for S seconds…', 'P'),
  chaos('cutToggle', 'Cut / heal connection', 'X'),
  // A replicated database's copy (or each shard's leader) cut off from its shard, or healed.
  chaos('partitionToggle', 'Partition from its shard / heal', 'Shift+P'),
  { id: 'chaos.saveLast', label: 'Save last chaos action as scenario step', menu: 'run', group: 'chaosSave' },
];
