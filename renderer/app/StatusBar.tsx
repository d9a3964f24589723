// The status line: file and save state, what the design holds, what is selected, zoom and theme.
import { CATALOG } from '../../shared/document/catalog';
import { isDirty, useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { useResolvedTheme } from '../ui/themeColors';
import { RunStatusLine } from '../run/RunControls';

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export function StatusBar() {
  const fileName = useDesignStore((state) => state.file.name);
  const dirty = useDesignStore(isDirty);
  const counts = useDesignStore(
    (state) => `${state.design.nodes.length}/${state.design.edges.length}/${state.design.notes.length}`,
  );
  const selection = useDesignStore((state) => state.selection);
  const scale = useDesignStore((state) => state.viewport.scale);
  const placingKind = useUiStore((state) => state.placingKind);
  const theme = useUiStore((state) => state.theme);
  const resolved = useResolvedTheme();
  const [nodes, edges, notes] = counts.split('/').map(Number);
  const selected = selection.nodes.length + selection.edges.length + selection.notes.length;

  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className="status-file">
        {fileName ?? 'New design'}
        <span className={dirty ? 'status-dirty' : 'status-clean'} data-testid="status-saved">
          {dirty ? ' · unsaved changes' : fileName ? ' · saved' : ''}
        </span>
      </span>
      <span data-testid="status-counts">
        {plural(nodes, 'node')} · {plural(edges, 'connection')} · {plural(notes, 'note')}
      </span>
      {placingKind ? (
        <span className="status-placing">
          Placing {CATALOG[placingKind].label}: click on the canvas · Esc cancels
        </span>
      ) : (
        <span data-testid="status-selection">
          {selected > 0 ? `${selected} selected` : 'Nothing selected'}
        </span>
      )}
      <span className="status-spacer" />
      <RunStatusLine />
      <span>Zoom {Math.round(scale * 100)}%</span>
      <span data-testid="status-theme">Theme: {theme === 'system' ? `system (${resolved})` : theme}</span>
    </footer>
  );
}
