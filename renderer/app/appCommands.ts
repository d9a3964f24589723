// Handlers for the window's own commands: panels, theme, the command palette, the shortcut sheet
// and About. Keys come from shared/commands like every other command; Escape, which also disarms
// the palette's kind, is the canvas's one `edit.deselect`.
import { registerCommands } from '../commands/registry';
import { extendAutomation } from '../automation';
import { useDesignStore, type Selection } from '../store/designStore';
import { useUiStore, type ThemeChoice, type UiState } from '../store/uiStore';
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

const PREFERENCES_KEY = 'backpressure.ui';

interface UiPreferences {
  theme: ThemeChoice;
  panels: UiState['panels'];
  highContrast: boolean;
}

/** Restores the theme (and high contrast) and panel layout from the last session (they are not part of any design). */
export function restoreUiPreferences(): void {
  try {
    const saved = JSON.parse(
      localStorage.getItem(PREFERENCES_KEY) ?? 'null',
    ) as Partial<UiPreferences> | null;
    if (!saved) return;
    if (saved.theme === 'system' || saved.theme === 'light' || saved.theme === 'dark')
      ui().setTheme(saved.theme);
    if (typeof saved.highContrast === 'boolean') ui().setHighContrast(saved.highContrast);
    if (saved.panels && typeof saved.panels === 'object') {
      const current = ui().panels;
      for (const panel of Object.keys(current) as (keyof UiPreferences['panels'])[]) {
        if (typeof saved.panels[panel] === 'boolean' && saved.panels[panel] !== current[panel])
          ui().togglePanel(panel);
      }
    }
  } catch {
    // Unreadable preferences are not worth a message: the defaults are fine.
  }
}

export function saveUiPreferencesOnChange(): () => void {
  return useUiStore.subscribe((state, previous) => {
    if (
      state.theme === previous.theme &&
      state.panels === previous.panels &&
      state.highContrast === previous.highContrast
    )
      return;
    try {
      const preferences: UiPreferences = {
        theme: state.theme,
        panels: state.panels,
        highContrast: state.highContrast,
      };
      localStorage.setItem(PREFERENCES_KEY, JSON.stringify(preferences));
    } catch {
      // Storage full or disabled: the layout simply is not remembered.
    }
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
