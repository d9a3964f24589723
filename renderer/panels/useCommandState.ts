// Re-renders a command surface (toolbar, command palette, shortcut sheet) whenever a command may have
// become enabled or disabled: a handler registered, the document or selection changed, a panel moved.
import { useSyncExternalStore } from 'react';
import { subscribeCommands } from '../commands/registry';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';

let version = 0;
const listeners = new Set<() => void>();
let unsubscribeSources: (() => void) | null = null;

function bump() {
  version++;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!unsubscribeSources) {
    const sources = [subscribeCommands(bump), useDesignStore.subscribe(bump), useUiStore.subscribe(bump)];
    unsubscribeSources = () => sources.forEach((unsubscribe) => unsubscribe());
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && unsubscribeSources) {
      unsubscribeSources();
      unsubscribeSources = null;
    }
  };
}

/** A number that changes whenever command availability may have changed; read commands after it. */
export function useCommandStateVersion(): number {
  return useSyncExternalStore(
    subscribe,
    () => version,
    () => version,
  );
}
