// The window: toolbar (top), palette (left), canvas (centre), inspector (right), run dock (bottom).
import { useEffect } from 'react';
import { registerCommands } from '../commands/registry';
import { useDesignStore } from '../store/designStore';

export function App() {
  useEffect(
    () =>
      registerCommands({
        'edit.undo': {
          run: () => useDesignStore.getState().undo(),
          enabled: () => useDesignStore.getState().past.length > 0,
        },
        'edit.redo': {
          run: () => useDesignStore.getState().redo(),
          enabled: () => useDesignStore.getState().future.length > 0,
        },
      }),
    [],
  );
  const title = useDesignStore((state) => state.design.meta.title);
  return (
    <div className="app">
      <header className="toolbar">{title}</header>
      <main className="workspace" data-testid="canvas" />
    </div>
  );
}
