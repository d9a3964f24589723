// The UI preferences (theme, high contrast, panel layout) kept between sessions in localStorage:
// not part of any design. The editor and the interviewer window both restore them.
import { useUiStore, type ThemeChoice, type UiState } from './uiStore';

const ui = () => useUiStore.getState();

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
