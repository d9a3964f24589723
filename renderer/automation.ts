// `window.__backpressure`: the automation surface for end-to-end tests and scripted lessons.
// Installed only when the page is opened with `?automation=1`; never exposed over IPC.
import { listCommands, runCommand } from './commands/registry';
import { useDesignStore } from './store/designStore';
import type { Design } from '../shared/document/types';

export interface AutomationApi {
  document(): Design;
  selection(): { nodes: string[]; edges: string[]; notes: string[] };
  viewport(): { x: number; y: number; scale: number };
  commands(): {
    id: string;
    label: string;
    shortcut?: string;
    altShortcuts?: string[];
    mode?: string;
    enabled: boolean;
  }[];
  runCommand(id: string): Promise<boolean>;
  [extension: string]: unknown;
}

declare global {
  interface Window {
    __backpressure?: AutomationApi;
  }
}

export const automationEnabled = () => new URLSearchParams(window.location.search).get('automation') === '1';

/** Features add their own entries (load, worldToScreen, run, metrics …) through this. */
export function extendAutomation(entries: Record<string, unknown>): void {
  if (!window.__backpressure) return;
  Object.assign(window.__backpressure, entries);
}

export function installAutomation(): void {
  if (!automationEnabled()) return;
  const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));
  window.__backpressure = {
    document: () => clone(useDesignStore.getState().design),
    selection: () => clone(useDesignStore.getState().selection),
    viewport: () => clone(useDesignStore.getState().viewport),
    commands: () =>
      listCommands().map(({ id, label, shortcut, altShortcuts, mode, enabled }) => ({
        id,
        label,
        shortcut,
        altShortcuts,
        mode,
        enabled,
      })),
    runCommand: (id: string) => runCommand(id),
  };
}
