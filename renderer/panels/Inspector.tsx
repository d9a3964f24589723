// The right panel: parameters of what is selected (nodes, edges, a note) or, with nothing selected,
// the document itself (title, notes, SLO targets, scenario). Every edit is one undo step through
// `useDesignStore.change`; refused input stays in the field with its reason (see ./ParamField.tsx).
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CATALOG, EDGE_PARAMS, type ComponentKind } from '../../shared/document/catalog';
import { PROTOCOLS, protocolSummary, type Protocol } from '../../shared/document/protocols';
import type {
  Design,
  DesignEdge,
  DesignNode,
  DesignNote,
  ParamValue,
  Params,
} from '../../shared/document/types';
import { useDesignStore } from '../store/designStore';
import { KindTile } from '../ui/icons';
import { ParamField, TextField } from './ParamField';
import {
  SCENARIO_FIELDS,
  SLO_FIELDS,
  edgeParamProblem,
  groupParams,
  relevantEdgeGroups,
  relevantGroups,
  nodeParamProblem,
  scenarioFieldProblem,
  sharedParamSpecs,
  sharedValue,
  sloFieldProblem,
} from './inspectorModel';
import { formatNumber } from './paramInput';
import { SlideSection } from '../presentation/SlideSection';

const change = (label: string, recipe: (design: Design) => void) =>
  useDesignStore.getState().change(label, recipe);

function setParam(params: Record<string, ParamValue>, name: string, value: ParamValue | undefined) {
  if (value === undefined) delete params[name];
  else params[name] = value;
}

type InspectedNode = Pick<DesignNode, 'id' | 'kind' | 'label' | 'params'>;
type InspectedNote = Pick<DesignNote, 'id' | 'text' | 'style' | 'w' | 'h'>;

/*
 * The inspector subscribes to flat lists of exactly what it shows (compared item by item), not to
 * the design: moving a node creates a new node object every drag frame but keeps its `params`, so a
 * drag on the canvas never re-renders the inspector.
 */
function useInspectedNodes(ids: string[]): InspectedNode[] {
  const flat = useDesignStore(
    useShallow((state) =>
      state.design.nodes
        .filter((node) => ids.includes(node.id))
        .flatMap((node) => [node.id, node.kind, node.label, node.params]),
    ),
  );
  return useMemo(() => {
    const nodes: InspectedNode[] = [];
    for (let i = 0; i < flat.length; i += 4)
      nodes.push({
        id: flat[i] as string,
        kind: flat[i + 1] as ComponentKind,
        label: flat[i + 2] as string,
        params: flat[i + 3] as Params,
      });
    return nodes;
  }, [flat]);
}

function useInspectedNotes(ids: string[]): InspectedNote[] {
  const flat = useDesignStore(
    useShallow((state) =>
      state.design.notes
        .filter((note) => ids.includes(note.id))
        .flatMap((note) => [note.id, note.text, note.style, Math.round(note.w), Math.round(note.h)]),
    ),
  );
  return useMemo(() => {
    const notes: InspectedNote[] = [];
    for (let i = 0; i < flat.length; i += 5)
      notes.push({
        id: flat[i] as string,
        text: flat[i + 1] as string,
        style: flat[i + 2] as DesignNote['style'],
        w: flat[i + 3] as number,
        h: flat[i + 4] as number,
      });
    return notes;
  }, [flat]);
}

export function Inspector({ onCollapse }: { onCollapse: () => void }) {
  const selection = useDesignStore((state) => state.selection);
  const nodes = useInspectedNodes(selection.nodes);
  const edges = useDesignStore(
    useShallow((state) => state.design.edges.filter((edge) => selection.edges.includes(edge.id))),
  );
  const notes = useInspectedNotes(selection.notes);
  const empty = nodes.length + edges.length + notes.length === 0;
  // A new selection gets fresh fields: a refused draft belongs to what was selected when it was typed.
  const selectionKey = [...selection.nodes, '|', ...selection.edges, '|', ...selection.notes].join(',');

  return (
    <aside className="panel inspector" aria-label="Inspector" data-testid="inspector">
      <header className="panel-header">
        <h2>{empty ? 'Design' : 'Inspector'}</h2>
        <button
          type="button"
          className="icon-button"
          title="Hide inspector"
          aria-label="Hide inspector"
          onClick={onCollapse}
        >
          »
        </button>
      </header>
      <div className="panel-body" key={selectionKey}>
        {empty && <DocumentSection />}
        {nodes.length > 0 && <NodeSection nodes={nodes} />}
        {edges.length > 0 && <EdgeSection edges={edges} />}
        {notes.length === 1 && <NoteSection note={notes[0]} />}
        {notes.length > 1 && (
          <p className="panel-hint">{notes.length} notes selected: select one to edit its text.</p>
        )}
      </div>
    </aside>
  );
}

function NodeSection({ nodes }: { nodes: InspectedNode[] }) {
  const kinds = nodes.map((node) => node.kind);
  const specs = sharedParamSpecs(kinds);
  const groups = relevantGroups(groupParams(specs), nodes);
  const ids = nodes.map((node) => node.id);
  const single = nodes.length === 1 ? nodes[0] : null;
  const distinctKinds = [...new Set(kinds)];

  const commit = (name: string, value: ParamValue | undefined) => {
    const what = single ? single.label : `${nodes.length} nodes`;
    change(`Set ${specs[name].label.toLowerCase()} of ${what}`, (design) => {
      for (const node of design.nodes) if (ids.includes(node.id)) setParam(node.params, name, value);
    });
  };

  return (
    <section className="inspector-section">
      <div className="inspector-subject">
        {distinctKinds.length === 1 && <KindTile kind={distinctKinds[0]} size={32} />}
        <div>
          <div className="inspector-subject-title">{single ? single.label : `${nodes.length} nodes`}</div>
          <div className="inspector-subject-kind">
            {distinctKinds.map((kind: ComponentKind) => CATALOG[kind].label).join(', ')}
          </div>
        </div>
      </div>
      {single && (
        <TextField
          name="label"
          label="Label"
          value={single.label}
          onCommit={(label) =>
            change(`Rename ${single.label}`, (design) => {
              const node = design.nodes.find((candidate) => candidate.id === single.id);
              if (node) node.label = label;
            })
          }
        />
      )}
      {nodes.length > 1 && (
        <p className="panel-hint">
          Editing {nodes.length} nodes: a change applies to all of them. “mixed” marks values that differ.
        </p>
      )}
      {groups.length === 0 && <p className="panel-hint">These kinds share no parameters.</p>}
      {groups.map((group) => (
        <details key={group.title} className="param-group" open>
          <summary>{group.title}</summary>
          {group.names.map((name) => (
            <ParamField
              key={name}
              name={name}
              spec={specs[name]}
              value={sharedValue(
                nodes.map((node) => node.params),
                name,
                specs[name],
              )}
              check={(value) => nodeParamProblem(kinds, name, value)}
              onCommit={(value) => commit(name, value)}
            />
          ))}
        </details>
      ))}
    </section>
  );
}

function EdgeSection({ edges }: { edges: DesignEdge[] }) {
  const ids = edges.map((edge) => edge.id);
  const ends = useDesignStore(
    useShallow((state) => {
      if (edges.length !== 1) return [];
      const labelOf = (id: string) => state.design.nodes.find((node) => node.id === id)?.label ?? id;
      return [labelOf(edges[0].from), labelOf(edges[0].to)];
    }),
  );
  const title = edges.length === 1 ? `${ends[0]} → ${ends[1]}` : `${edges.length} connections`;
  const groups = relevantEdgeGroups(groupParams(EDGE_PARAMS), edges);
  // What the chosen protocol costs, in words (one protocol across the selection).
  const shared = sharedValue(
    edges.map((edge) => edge.params),
    'protocol',
    EDGE_PARAMS.protocol,
  );
  const protocol = (PROTOCOLS as readonly unknown[]).includes(shared) ? (shared as Protocol) : null;
  return (
    <section className="inspector-section inspector-edge">
      <div className="inspector-subject">
        <div>
          <div className="inspector-subject-title">{title}</div>
          <div className="inspector-subject-kind">Connection</div>
        </div>
      </div>
      {groups.map((group) => (
        <details key={group.title} className="param-group" open>
          <summary>{group.title}</summary>
          {group.names.map((name) => (
            <ParamField
              key={name}
              name={name}
              spec={EDGE_PARAMS[name]}
              value={sharedValue(
                edges.map((edge) => edge.params),
                name,
                EDGE_PARAMS[name],
              )}
              check={(value) => edgeParamProblem(name, value)}
              onCommit={(value) =>
                change(`Set ${EDGE_PARAMS[name].label.toLowerCase()} of ${title}`, (draft) => {
                  for (const edge of draft.edges)
                    if (ids.includes(edge.id)) setParam(edge.params, name, value);
                })
              }
            />
          ))}
          {group.names.includes('protocol') && protocol !== null && (
            <p className="panel-hint" data-testid="inspector-protocol-costs">
              {protocolSummary(protocol)}
            </p>
          )}
        </details>
      ))}
    </section>
  );
}

function NoteSection({ note }: { note: InspectedNote }) {
  const style = note.style ?? 'sticky';
  const kindLabel = style === 'frame' ? 'Frame' : style === 'text' ? 'Text label' : 'Sticky note';
  return (
    <section className="inspector-section">
      <div className="inspector-subject">
        <div>
          <div className="inspector-subject-title">{kindLabel}</div>
          <div className="inspector-subject-kind">
            {Math.round(note.w)} × {Math.round(note.h)}
          </div>
        </div>
      </div>
      <TextField
        name="text"
        label={style === 'frame' ? 'Frame label' : 'Text'}
        value={note.text}
        multiline={style !== 'frame'}
        help={style === 'frame' ? undefined : 'Ctrl+Enter or leaving the box applies the text.'}
        onCommit={(text) =>
          change(`Edit ${kindLabel.toLowerCase()}`, (design) => {
            const target = design.notes.find((candidate) => candidate.id === note.id);
            if (target) target.text = text;
          })
        }
      />
      {style === 'frame' && <SlideSection noteId={note.id} />}
    </section>
  );
}

function DocumentSection() {
  const meta = useDesignStore((state) => state.design.meta);
  const scenario = useDesignStore((state) => state.design.scenario);
  const slo = useDesignStore((state) => state.design.slo);
  // What each scenario event targets, in words: a node's label, an instance of it, or a connection.
  const targets = useDesignStore(
    useShallow((state) =>
      state.design.scenario.events.map((event) => {
        const node = state.design.nodes.find(
          (candidate) => candidate.id === event.target || event.target.startsWith(`${candidate.id}:`),
        );
        if (node)
          return node.id === event.target
            ? node.label
            : `${node.label} instance ${event.target.slice(node.id.length + 1)}`;
        return state.design.edges.some((edge) => edge.id === event.target)
          ? `connection ${event.target}`
          : event.target;
      }),
    ),
  );
  return (
    <section className="inspector-section">
      <TextField
        name="title"
        label="Title"
        value={meta.title}
        onCommit={(title) =>
          change('Rename design', (draft) => {
            draft.meta.title = title;
          })
        }
      />
      <TextField
        name="notes"
        label="Notes"
        value={meta.notes}
        multiline
        help="Requirements, assumptions, numbers to hit. Ctrl+Enter or leaving the box applies them."
        onCommit={(notes) =>
          change('Edit design notes', (draft) => {
            draft.meta.notes = notes;
          })
        }
      />
      <details className="param-group" open>
        <summary>SLO targets</summary>
        {(Object.keys(SLO_FIELDS) as (keyof typeof SLO_FIELDS)[]).map((name) => (
          <ParamField
            key={name}
            name={name}
            spec={SLO_FIELDS[name]}
            value={slo[name]}
            check={(value) => sloFieldProblem(name, value as number)}
            onCommit={(value) =>
              change(`Set SLO ${SLO_FIELDS[name].label.toLowerCase()}`, (draft) => {
                draft.slo[name] = value as number;
              })
            }
          />
        ))}
      </details>
      <details className="param-group" open>
        <summary>Scenario</summary>
        {(Object.keys(SCENARIO_FIELDS) as (keyof typeof SCENARIO_FIELDS)[]).map((name) => (
          <ParamField
            key={name}
            name={name}
            spec={SCENARIO_FIELDS[name]}
            value={scenario[name]}
            check={(value) => scenarioFieldProblem(name, value as number, scenario)}
            onCommit={(value) =>
              change(`Set scenario ${SCENARIO_FIELDS[name].label.toLowerCase()}`, (draft) => {
                draft.scenario[name] = value as number;
              })
            }
          />
        ))}
        <div className="field">
          <div className="field-label">Events</div>
          {scenario.events.length === 0 ? (
            <p className="panel-hint" data-testid="inspector-events-empty">
              No scripted events. Chaos actions (kill, slow, cut …) at set times appear here.
            </p>
          ) : (
            <ol className="event-list" data-testid="inspector-events">
              {scenario.events.map((event, index) => (
                <li key={index} className="event-item">
                  <span className="event-time">{formatNumber(event.atS)} s</span>
                  <span className="event-text">
                    <strong>{event.action}</strong> {targets[index]}
                    {event.factor !== undefined && ` ×${formatNumber(event.factor)}`}
                    {event.durationS !== undefined && ` for ${formatNumber(event.durationS)} s`}
                  </span>
                  <button
                    type="button"
                    className="icon-button"
                    data-testid={`inspector-event-remove-${index}`}
                    title="Remove this event"
                    aria-label={`Remove event ${event.action} at ${event.atS} s`}
                    onClick={() =>
                      change(`Remove ${event.action} event at ${event.atS} s`, (draft) => {
                        draft.scenario.events.splice(index, 1);
                      })
                    }
                  >
                    ×
                  </button>
                </li>
              ))}
            </ol>
          )}
        </div>
      </details>
    </section>
  );
}
