// Re-renders a command surface (toolbar, command palette, shortcut sheet) whenever a command may have
// become enabled or disabled: a handler registered, the document or selection changed, a panel moved.
import { useSyncExternalStore } from 'react';
import { listCommands, subscribeCommands } from './registry';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { useCanvasUi } from '../store/canvasUiStore';

let version = 0;
let signature = '';
const listeners = new Set<() => void>();
let unsubscribeSources: (() => void) | null = null;

/**
 * Called on every store change (each frame of a drag). Surfaces re-render only when the set of
 * commands or whether one can run actually changed, so a drag never re-renders the toolbar.
 */
function bump() {
  const next = listCommands()
    .map((command) => (command.enabled ? command.id : `!${command.id}`))
    .join(' ');
  if (next === signature) return;
  signature = next;
  version++;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!unsubscribeSources) {
    const sources = [
      subscribeCommands(bump),
      useDesignStore.subscribe(bump),
      useUiStore.subscribe(bump),
      useCanvasUi.subscribe(bump),
    ];
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

/**
 * For a feature whose command availability depends on state outside these stores (the live run):
 * call after that state changes so toolbar buttons and the palette update.
 */
export function refreshCommandState(): void {
  bump();
}

/** A number that changes whenever command availability may have changed; read commands after it. */
export function useCommandStateVersion(): number {
  return useSyncExternalStore(
    subscribe,
    () => version,
    () => version,
  );
}
