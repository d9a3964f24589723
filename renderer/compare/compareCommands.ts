// Binds the compare commands. "Duplicate as variant" keeps the open design as A and opens a copy
// of it as B (a new, unsaved design: saving never overwrites A's file); "Compare A with B…" opens
// the compare view with B = the open design.
import { registerCommands } from '../commands/registry';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { keepBaseline, openComparePanel, useCompareStore } from './compareStore';

export const VARIANT_SUFFIX = ' (variant B)';

export function registerCompareCommands(): () => void {
  return registerCommands({
    'analysis.duplicateAsVariant': {
      run: () => {
        const store = useDesignStore.getState();
        const a = store.design;
        keepBaseline(a);
        const b = structuredClone(a);
        b.meta = { ...b.meta, title: `${a.meta.title.replace(VARIANT_SUFFIX, '')}${VARIANT_SUFFIX}` };
        store.replaceDesign(b, { path: null, name: null }, { dirty: true });
        useUiStore.getState().showNotice({
          text: `A is kept for comparison. You are editing B, an unsaved copy — change it, then Compare A with B (Ctrl+Alt+C).`,
          tone: 'info',
        });
      },
      enabled: () => useDesignStore.getState().design.nodes.length > 0,
    },
    'analysis.compare': {
      run: openComparePanel,
      enabled: () => useCompareStore.getState().baseline !== null,
    },
  });
}
