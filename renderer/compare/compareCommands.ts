// Binds the compare commands. "Duplicate as variant" keeps the open design as A and opens a copy
// of it as B (a new, unsaved design: saving never overwrites A's file); "Compare A with B…" opens
// the compare view with B = the open design; "Compare with a design file…" takes A from a file.
import { registerCommands } from '../commands/registry';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { parseDesign } from '../../shared/document/validate';
import { getDesktopApi } from '../platform/getDesktopApi';
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
    'analysis.compareWithFile': {
      run: () => compareWithFile().then(() => undefined),
      enabled: () => useDesignStore.getState().design.nodes.length > 0,
    },
    'analysis.compare': {
      run: openComparePanel,
      enabled: () => useCompareStore.getState().baseline !== null,
    },
  });
}

/**
 * Picks a design file as A and opens the compare view with the open design as B. A file that is
 * not a valid design is named with its first problem and nothing changes (the open design, and any
 * A kept before, stay).
 */
export async function compareWithFile(): Promise<boolean> {
  const notice = useUiStore.getState().showNotice;
  const opened = await getDesktopApi().open();
  if (opened.status === 'cancelled') return false;
  if (opened.status !== 'opened') {
    notice({
      text: opened.status === 'missing' ? `${opened.file.name} is no longer there.` : opened.message,
      tone: 'error',
    });
    return false;
  }
  const parsed = parseDesign(opened.text);
  if (!parsed.ok) {
    const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
    notice({ text: `${opened.file.name} cannot be compared: ${parsed.problems[0]}${more}`, tone: 'error' });
    return false;
  }
  keepBaseline(parsed.design);
  openComparePanel();
  notice({
    text: `A is ${opened.file.name}; B is the open design. Press Run to compare them.`,
    tone: 'info',
  });
  return true;
}
