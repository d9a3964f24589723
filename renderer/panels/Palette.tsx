// The left panel: every component kind with its icon, name and one-line description. Rows are compact
// so all eleven kinds fit beside the canvas at 1280×720 (the description is cut to one line there
// and read whole in the tooltip, with the kind's key). Drag one onto
// the canvas (HTML5 drag; the canvas reads the kind from the drop), or click it and then click on
// the canvas. Clicking the armed item again, or Escape (`edit.deselect`), disarms it.
import { useState, type DragEvent } from 'react';
import { CATALOG, COMPONENT_KINDS, type ComponentKind } from '../../shared/document/catalog';
import { KIND_DRAG_TYPE, useUiStore } from '../store/uiStore';
import { KindTile } from '../ui/icons';
import { Tooltip } from '../ui/Tooltip';
import { fuzzyMatch } from './fuzzy';

/** Kinds whose name fuzzy-matches the filter or whose description contains it, in catalog order. */
export function filterKinds(filter: string): ComponentKind[] {
  const query = filter.trim().toLowerCase();
  if (!query) return [...COMPONENT_KINDS];
  return COMPONENT_KINDS.filter((kind) => {
    const spec = CATALOG[kind];
    return (
      fuzzyMatch(query, spec.label) !== null ||
      spec.description.toLowerCase().includes(query) ||
      kind.toLowerCase().includes(query)
    );
  });
}

export function Palette({ onCollapse }: { onCollapse: () => void }) {
  const [filter, setFilter] = useState('');
  const placingKind = useUiStore((state) => state.placingKind);
  const setPlacingKind = useUiStore((state) => state.setPlacingKind);
  const kinds = filterKinds(filter);

  const onDragStart = (event: DragEvent<HTMLButtonElement>, kind: ComponentKind) => {
    event.dataTransfer.setData(KIND_DRAG_TYPE, kind);
    event.dataTransfer.setData('text/plain', CATALOG[kind].label);
    event.dataTransfer.effectAllowed = 'copy';
    setPlacingKind(null);
  };

  return (
    <aside className="panel palette" aria-label="Components" data-testid="palette">
      <header className="panel-header">
        <h2>Components</h2>
        <button
          type="button"
          className="icon-button"
          title="Hide palette"
          aria-label="Hide palette"
          onClick={onCollapse}
        >
          «
        </button>
      </header>
      <div className="palette-filter">
        <input
          type="search"
          data-testid="palette-filter"
          placeholder="Filter components…"
          aria-label="Filter components"
          autoComplete="off"
          spellCheck={false}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && filter) {
              // Escape in the box clears it first; a second Escape leaves the box to the app.
              event.preventDefault();
              event.stopPropagation();
              setFilter('');
            } else if (event.key === 'Enter' && kinds.length > 0) {
              event.preventDefault();
              setPlacingKind(kinds[0]);
            }
          }}
        />
      </div>
      <ul className="palette-list panel-body" role="list">
        {kinds.map((kind) => {
          const spec = CATALOG[kind];
          const armed = placingKind === kind;
          return (
            <li key={kind}>
              <Tooltip
                text={`${spec.label} (key ${spec.placeKey.toUpperCase()}): ${spec.description}`}
                placement="right"
                wide
              >
                <button
                  type="button"
                  className={`palette-item${armed ? ' armed' : ''}`}
                  data-testid={`palette-${kind}`}
                  aria-pressed={armed}
                  draggable
                  onDragStart={(event) => onDragStart(event, kind)}
                  onClick={() => setPlacingKind(armed ? null : kind)}
                >
                  <KindTile kind={kind} size={30} />
                  <span className="palette-text">
                    <span className="palette-name">
                      {spec.label}
                      <kbd className="palette-key">{spec.placeKey.toUpperCase()}</kbd>
                    </span>
                    <span className="palette-description">{spec.description}</span>
                  </span>
                </button>
              </Tooltip>
            </li>
          );
        })}
        {kinds.length === 0 && (
          <li className="panel-hint" data-testid="palette-empty">
            No component matches “{filter.trim()}”.
          </li>
        )}
      </ul>
      {placingKind && (
        <div className="palette-armed" role="status">
          Click on the canvas to place {CATALOG[placingKind].label}. Esc cancels.
        </div>
      )}
    </aside>
  );
}
