// Handlers for the window's own commands: panels, theme, the command palette, the shortcut sheet
// and About. Keys come from shared/commands like every other command; Escape, which also disarms
// the palette's kind, is the canvas's one `edit.deselect`.
import { registerCommands } from '../commands/registry';
import { extendAutomation } from '../automation';
import { useDesignStore, type Selection } from '../store/designStore';
import { useUiStore, type UiState } from '../store/uiStore';
import type { Design } from '../../shared/document/types';
import { askDialog } from '../ui/Dialog';
import { nextThemeChoice } from '../ui/themeColors';

const ui = () => useUiStore.getState();

const toggleOverlay = (overlay: NonNullable<UiState['overlay']>) =>
  ui().setOverlay(ui().overlay === overlay ? null : overlay);

export function registerAppCommands(): () => void {
  return registerCommands({
    'view.togglePalette': { run: () => ui().togglePanel('palette') },
    'view.toggleInspector': { run: () => ui().togglePanel('inspector') },
    'view.toggleDock': { run: () => ui().togglePanel('dock') },
    'view.toggleTheme': {
      run: () => {
        const theme = nextThemeChoice(ui().theme);
        ui().setTheme(theme);
        ui().showNotice({ text: `Theme: ${theme === 'system' ? 'follow the system' : theme}`, tone: 'info' });
      },
    },
    'view.commandPalette': { run: () => toggleOverlay('commandPalette') },
    'help.shortcuts': { run: () => toggleOverlay('shortcuts') },
    'help.about': {
      run: () =>
        void askDialog({
          title: 'About Backpressure',
          message:
            'A sandbox for system design: draw a design, run a deterministic per-request simulation, and break it on purpose. Works offline; your designs stay on this machine.',
          buttons: [{ id: 'ok', label: 'Close', tone: 'primary' }],
        }),
    },
  });
}

/**
 * Test helpers for the panels' e2e specs (automation mode only): select items without the canvas,
 * and put a design in place without the file flow. `load` (the validated path) is preferred when the
 * foundation provides it.
 */
export function installPanelsAutomation(): void {
  extendAutomation({
    select: (selection: Partial<Selection>) => useDesignStore.getState().setSelection(selection),
    replaceDesign: (design: Design) => useDesignStore.getState().replaceDesign(design),
  });
}
