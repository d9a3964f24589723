// Every way the editor adds content stops at the document limits (DESIGN_LIMITS): the whole command
// is refused with a notice naming it, and the document and its history stay as they were.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { DESIGN_LIMITS } from '../../shared/document/schema';
import { parseDesign } from '../../shared/document/validate';
import { emptyDesign, type Design, type DesignNode } from '../../shared/document/types';
import { designFrom } from '../../shared/testing/designs';
import { copyPayload } from '../canvas/clipboardFormat';
import { runClient } from '../run/runClient';
import {
  addNode,
  addNote,
  connectNodes,
  connectSelection,
  pastePayload,
  renameNode,
  setNoteText,
} from './designActions';
import { useDesignStore } from './designStore';
import { useUiStore } from './uiStore';

const state = () => useDesignStore.getState();
const notice = () => useUiStore.getState().notice?.text ?? null;

const services = (count: number, from = 0): DesignNode[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `service-${from + i + 1}`,
    kind: 'service',
    label: `API ${from + i + 1}`,
    x: (from + i) * 10,
    y: 0,
    params: {},
  }));

function start(design: Partial<Design>) {
  expect(state().replaceDesign(designFrom(design))).toBe(true);
  useUiStore.getState().showNotice(null);
}

/** The document and history exactly as before the refused command. */
function expectUnchanged(before: ReturnType<typeof state>) {
  const after = state();
  expect(after.design).toBe(before.design);
  expect(after.past).toBe(before.past);
  expect(after.revision).toBe(before.revision);
}

const threeTier = () => {
  const parsed = parseDesign(readFileSync('assets/templates/three-tier.bpd', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.design;
};

const duplicateAll = () => {
  const { design } = state();
  return pastePayload(
    copyPayload(design, { nodes: design.nodes.map((n) => n.id), notes: design.notes.map((n) => n.id) }),
    { x: 32, y: 32 },
    'Duplicate',
  );
};

beforeEach(() => start({}));

describe('document limits in the editor', () => {
  it('duplicating the three-tier template stops at 5,000 nodes: 2,560 duplicate once more is refused whole', () => {
    start(threeTier());
    let rounds = 0;
    while (duplicateAll().nodes.length > 0) rounds++;
    expect(rounds).toBe(9); // 5 × 2⁹ = 2,560 nodes; the 10th would make 5,120
    expect(state().design.nodes).toHaveLength(2_560);
    expect(notice()).toBe('Duplicate would make 5,120 nodes; a design holds at most 5,000.');
    expect(parseDesign(JSON.stringify(state().design)).ok).toBe(true);
  });

  it('a refused duplicate leaves document, history and selection as they were', () => {
    start({ nodes: services(3_000) });
    state().setSelection({ nodes: state().design.nodes.map((n) => n.id) });
    const before = state();
    expect(duplicateAll()).toEqual({ nodes: [], notes: [] });
    expectUnchanged(before);
    expect(state().selection).toBe(before.selection);
  });

  it('paste is refused over the edge limit too (counted before anything is built)', () => {
    start({ nodes: services(2) });
    const payload = {
      format: 'backpressure.clipboard' as const,
      nodes: services(2, 10),
      edges: Array.from({ length: DESIGN_LIMITS.edges + 1 }, (_, i) => ({
        id: `edge-${i}`,
        from: 'service-11',
        to: 'service-12',
        params: {},
      })),
      notes: [],
    };
    const before = state();
    expect(pastePayload(payload, { x: 0, y: 0 })).toEqual({ nodes: [], notes: [] });
    expectUnchanged(before);
    expect(notice()).toBe('Paste would make 20,001 connections; a design holds at most 20,000.');
  });

  it('adding from the palette stops at 5,000 nodes', () => {
    start({ nodes: services(DESIGN_LIMITS.nodes) });
    const before = state();
    expect(addNode('cache', { x: 0, y: 0 })).toBeNull();
    expectUnchanged(before);
    expect(notice()).toBe('Adding Cache would make 5,001 nodes; a design holds at most 5,000.');
  });

  it('inserting a note, frame or text stops at 5,000 notes', () => {
    const notes = Array.from({ length: DESIGN_LIMITS.notes }, (_, i) => ({
      id: `note-${i}`,
      text: 'n',
      x: 0,
      y: 0,
      w: 10,
      h: 10,
    }));
    start({ notes });
    const before = state();
    expect(addNote('frame', { x: 0, y: 0 })).toBeNull();
    expectUnchanged(before);
    expect(notice()).toBe('Adding a frame would make 5,001 notes; a design holds at most 5,000.');
  });

  it('connecting stops at 20,000 connections, by drag (reason at the cursor) and by E', () => {
    const nodes = services(202);
    const edges = [];
    for (let from = 0; from < 200 && edges.length < DESIGN_LIMITS.edges; from++)
      for (let to = 0; to < 101 && edges.length < DESIGN_LIMITS.edges; to++)
        edges.push({
          id: `e-${from}-${to}`,
          from: nodes[from].id,
          to: nodes[101 + (to % 101)].id,
          params: {},
        });
    start({ nodes, edges: edges.slice(0, DESIGN_LIMITS.edges) });
    const before = state();
    expect(connectNodes('service-201', 'service-202')).toEqual({
      refused: 'Connecting would make 20,001 connections; a design holds at most 20,000.',
    });
    state().setSelection({ nodes: ['service-201', 'service-202'] });
    expect(connectSelection().edgeIds).toEqual([]);
    expectUnchanged(before);
    expect(notice()).toBe('Connecting would make 20,001 connections; a design holds at most 20,000.');
  });

  it('a component name longer than 500 characters is refused and the old name kept', () => {
    start({ nodes: services(1) });
    const before = state();
    expect(renameNode('service-1', 'x'.repeat(501))).toBe('refused');
    expectUnchanged(before);
    expect(notice()).toBe('Renaming would make a component name 501 characters long; it holds at most 500.');
    expect(renameNode('service-1', 'x'.repeat(500))).toBe('changed');
  });

  it('a note longer than 100,000 characters, the title and the design notes are refused likewise', () => {
    start({ notes: [{ id: 'note-1', text: 'Peak', x: 0, y: 0, w: 10, h: 10 }] });
    const before = state();
    expect(setNoteText('note-1', 'y'.repeat(DESIGN_LIMITS.textChars + 1))).toBe('refused');
    expect(notice()).toBe('Edit note would make a note 100,001 characters long; it holds at most 100,000.');
    expect(
      state().change('Rename design', (draft) => {
        draft.meta.title = 't'.repeat(DESIGN_LIMITS.labelChars + 1);
      }),
    ).toBe(false);
    expect(state().lastRefusal).toBe(
      'Rename design would make the design title 501 characters long; it holds at most 500.',
    );
    expect(
      state().change('Edit design notes', (draft) => {
        draft.meta.notes = 'n'.repeat(DESIGN_LIMITS.textChars + 1);
      }),
    ).toBe(false);
    expectUnchanged(before);
  });

  it('texts within the limits that add up past 20 MB are refused as a file too big to open', () => {
    const big = 'z'.repeat(DESIGN_LIMITS.textChars);
    const notes = Array.from({ length: 209 }, (_, i) => ({
      id: `note-${i}`,
      text: big,
      x: 0,
      y: 0,
      w: 10,
      h: 10,
    }));
    start({ notes });
    const before = state();
    const id = addNote('sticky', { x: 0, y: 0 });
    expect(id).not.toBeNull();
    expect(setNoteText(id!, big)).toBe('refused');
    expect(notice()).toMatch(
      /^Edit note would make the design file 20\.\d\d MB; a design file holds at most 20 MB\.$/,
    );
    expect(state().past.length).toBe(before.past.length + 1); // only the note itself
  });

  it('saving a chaos action as a scenario step stops at 10,000 steps', () => {
    const events = Array.from({ length: DESIGN_LIMITS.scenarioEvents }, (_, i) => ({
      atS: i,
      action: 'kill' as const,
      target: 'service-1',
    }));
    start({ nodes: services(1), scenario: { ...emptyDesign().scenario, events } });
    const before = state();
    expect(runClient.saveAsScenarioStep({ t: 1000, type: 'kill', target: 'service-1' } as never)).toBe(false);
    expectUnchanged(before);
    expect(notice()).toBe(
      'Saving it as a scenario step would make 10,001 scenario steps; a design holds at most 10,000.',
    );
  });

  it('a whole document beyond the limits (template, import, automation) is not put in place', () => {
    start({ nodes: services(2) });
    const before = state();
    expect(state().replaceDesign(designFrom({ nodes: services(DESIGN_LIMITS.nodes + 1) }))).toBe(false);
    expect(state().design).toBe(before.design);
    expect(notice()).toBe(
      'This design is too big to open: 5,001 nodes; a design holds at most 5,000. The open design is unchanged.',
    );
  });

  it('moving and deleting in a design at the limit still work', () => {
    start({ nodes: services(DESIGN_LIMITS.nodes) });
    expect(state().change('Move', (draft) => void (draft.nodes[0].x = 5))).toBe(true);
    state().setSelection({ nodes: ['service-1'] });
    expect(state().change('Delete', (draft) => void draft.nodes.shift())).toBe(true);
    expect(state().design.nodes).toHaveLength(DESIGN_LIMITS.nodes - 1);
  });
});
