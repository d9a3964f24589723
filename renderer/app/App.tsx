// The window: toolbar (top), palette (left), canvas (centre), inspector (right), run dock (bottom),
// status line. Panels collapse through commands and their own buttons; the canvas takes the rest.
// Other features mount their UI here with one line each.
import { useEffect, useLayoutEffect } from 'react';
import { registerCommands } from '../commands/registry';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { Toolbar } from '../panels/Toolbar';
import { RunControls } from '../run/RunControls';
import { Palette } from '../panels/Palette';
import { Inspector } from '../panels/Inspector';
import { CommandPalette } from '../panels/CommandPalette';
import { ShortcutSheet } from '../panels/ShortcutSheet';
import { Dock } from './Dock';
import { RunMetrics } from '../dock/RunMetrics';
import { StatusBar } from './StatusBar';
import { Toast } from './Toast';
import { DialogHost } from '../ui/Dialog';
import { FileFlows } from '../files/FileFlows';
import { DesignCanvas } from '../canvas/DesignCanvas';
import { useResolvedTheme } from '../ui/themeColors';
import {
  installPanelsAutomation,
  registerAppCommands,
  restoreUiPreferences,
  saveUiPreferencesOnChange,
} from './appCommands';

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
  useEffect(() => registerAppCommands(), []);
  useEffect(() => installPanelsAutomation(), []);
  // Before first paint, so a dark-theme user never sees a light flash.
  useLayoutEffect(() => {
    restoreUiPreferences();
    return saveUiPreferencesOnChange();
  }, []);

  const theme = useResolvedTheme();
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const panels = useUiStore((state) => state.panels);
  const overlay = useUiStore((state) => state.overlay);
  const togglePanel = useUiStore((state) => state.togglePanel);

  return (
    <div className="app">
      <Toolbar>
        <RunControls />
      </Toolbar>
      <div className="workspace">
        {panels.palette && <Palette onCollapse={() => togglePanel('palette')} />}
        <main className="canvas-area">
          <DesignCanvas />
        </main>
        {panels.inspector && <Inspector onCollapse={() => togglePanel('inspector')} />}
      </div>
      {panels.dock && (
        <Dock onCollapse={() => togglePanel('dock')}>
          <RunMetrics />
        </Dock>
      )}
      <StatusBar />
      {overlay === 'commandPalette' && <CommandPalette />}
      {overlay === 'shortcuts' && <ShortcutSheet />}
      <FileFlows />
      <DialogHost />
      <Toast />
    </div>
  );
}
