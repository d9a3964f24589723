// Binds command ids (shared/commands) to what they do in the renderer. Features register their
// handlers once at start-up; the toolbar, menus, palette, shortcut sheet and keyboard all call
// `runCommand`. Keys are matched only in ./keyboard.ts.
import { COMMANDS, commandInfo, type CommandInfo } from '../../shared/commands/commands';

export interface CommandHandler {
  run: () => void | Promise<void>;
  /** Whether the command can run now (disabled buttons and menu items otherwise). */
  enabled?: () => boolean;
}

const handlers = new Map<string, CommandHandler>();
const listeners = new Set<() => void>();

export function registerCommand(id: string, handler: CommandHandler): () => void {
  if (!commandInfo(id))
    throw new Error(`registerCommand: unknown command id ${id} (add it to shared/commands)`);
  handlers.set(id, handler);
  notify();
  return () => {
    if (handlers.get(id) === handler) handlers.delete(id);
    notify();
  };
}

export function registerCommands(entries: Record<string, CommandHandler>): () => void {
  const unregister = Object.entries(entries).map(([id, handler]) => registerCommand(id, handler));
  return () => unregister.forEach((undo) => undo());
}

export function isCommandEnabled(id: string): boolean {
  const handler = handlers.get(id);
  return Boolean(handler) && (handler!.enabled ? handler!.enabled() : true);
}

export async function runCommand(id: string): Promise<boolean> {
  const handler = handlers.get(id);
  if (!handler || (handler.enabled && !handler.enabled())) return false;
  await handler.run();
  notify();
  return true;
}

export interface AvailableCommand extends CommandInfo {
  enabled: boolean;
}

/** Every known command with whether it can run now (for the palette, menus and automation). */
export function listCommands(): AvailableCommand[] {
  return COMMANDS.filter((command) => handlers.has(command.id)).map((command) => ({
    ...command,
    enabled: isCommandEnabled(command.id),
  }));
}

/** Re-render hooks subscribe here; state-dependent `enabled` is re-read on every store change too. */
export function subscribeCommands(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify() {
  for (const listener of listeners) listener();
}
