import { beforeEach, describe, expect, it } from 'vitest';
import type { Design } from '../../shared/document/types';
import { designFrom } from '../../shared/testing/designs';
import { copyPayload, parsePayload } from '../canvas/clipboardFormat';
import {
  addNode,
  addNote,
  alignedRects,
  alignSelection,
  connectNodes,
  connectSelection,
  deleteSelection,
  distributedRects,
  moveItems,
  pastePayload,
  renameNode,
  resizeNote,
} from './designActions';
import { useDesignStore } from './designStore';

function start(design: Partial<Design>) {
  useDesignStore.getState().replaceDesign(designFrom(design));
}
const state = () => useDesignStore.getState();

beforeEach(() =>
  start({
    nodes: [
      { id: 'client-1', kind: 'client', label: 'Users', x: 0, y: 0, params: {} },
      { id: 'service-1', kind: 'service', label: 'API', x: 300, y: 0, params: {} },
      { id: 'queue-1', kind: 'queue', label: 'Jobs', x: 600, y: 0, params: {} },
      { id: 'database-1', kind: 'database', label: 'DB', x: 600, y: 200, params: {} },
    ],
  }),
);

describe('connecting', () => {
  it('wires two nodes, and an edge into a queue starts asynchronous', () => {
    expect(connectNodes('client-1', 'service-1')).toEqual({ edgeId: 'edge-1' });
    expect(connectNodes('service-1', 'queue-1')).toEqual({ edgeId: 'edge-2' });
    expect(state().design.edges[1].params).toEqual({ async: true });
  });
  it('refuses self-loops, duplicates and what the catalog forbids, with the reason', () => {
    connectNodes('client-1', 'service-1');
    expect(connectNodes('service-1', 'service-1')).toEqual({ refused: 'API cannot connect to itself.' });
    expect(connectNodes('client-1', 'service-1')).toEqual({ refused: 'Users is already connected to API.' });
    expect(connectNodes('service-1', 'client-1')).toMatchObject({
      refused: expect.stringContaining('client'),
    });
    expect(connectNodes('database-1', 'service-1')).toMatchObject({
      refused: expect.stringContaining('final destination'),
    });
    expect(state().design.edges).toHaveLength(1);
  });
  it('edit.connect chains nodes of different kinds in selection order, skipping refused links, as one undo step', () => {
    state().setSelection({ nodes: ['client-1', 'service-1', 'queue-1'] });
    const result = connectSelection();
    expect(result).toMatchObject({ shape: 'chain', refused: [], summary: 'Connected Users → API → Jobs' });
    expect(state().design.edges.map((e) => [e.from, e.to])).toEqual([
      ['client-1', 'service-1'],
      ['service-1', 'queue-1'],
    ]);
    state().undo();
    expect(state().design.edges).toEqual([]);
    state().setSelection({ nodes: ['service-1', 'database-1', 'queue-1'] });
    expect(connectSelection().refused).toEqual([expect.stringContaining('final destination')]);
  });
  it('edit.connect fans in to the last-selected node when it is the odd one out', () => {
    start({
      nodes: ['service-1', 'service-2', 'service-3'].map((id, index) => ({
        id,
        kind: 'service' as const,
        label: `Service ${index + 1}`,
        x: 0,
        y: index * 100,
        params: {},
      })),
    });
    addNode('cache', { x: 300, y: 100 });
    const cache = state().design.nodes[3].id;
    state().setSelection({ nodes: ['service-1', 'service-2', 'service-3', cache] });
    const result = connectSelection();
    expect(result).toMatchObject({ shape: 'fanIn', refused: [], summary: 'Connected 3 services → Cache' });
    expect(state().design.edges.map((e) => [e.from, e.to])).toEqual([
      ['service-1', cache],
      ['service-2', cache],
      ['service-3', cache],
    ]);
    expect(state().past).toHaveLength(2); // the cache, then ONE step for three connections
    // Selected the other way round (cache first), the cache fans out to the services.
    state().undo();
    state().setSelection({ nodes: [cache, 'service-1', 'service-2', 'service-3'] });
    expect(connectSelection()).toMatchObject({ shape: 'fanOut', summary: 'Connected Cache → 3 services' });
  });
});

describe('history', () => {
  it('a drag committed in pieces with one gesture id is one undo step', () => {
    moveItems({ nodes: new Map([['service-1', { x: 310, y: 5 }]]) }, { gestureId: 'drag-1' });
    moveItems({ nodes: new Map([['service-1', { x: 340, y: 20 }]]) }, { gestureId: 'drag-1' });
    resizeNote('nothing', { w: 1, h: 1 }, 'drag-1'); // no change: no step
    expect(state().past).toHaveLength(1);
    state().undo();
    expect(state().design.nodes[1]).toMatchObject({ x: 300, y: 0 });
  });
  it('delete takes the edges and scenario events of deleted nodes with it, and undoes in one step', () => {
    connectNodes('client-1', 'service-1');
    state().change(
      'event',
      (d) => void d.scenario.events.push({ atS: 5, action: 'kill', target: 'service-1:0' }),
    );
    state().setSelection({ nodes: ['service-1'] });
    deleteSelection();
    expect(state().design.nodes.map((n) => n.id)).toEqual(['client-1', 'queue-1', 'database-1']);
    expect(state().design.edges).toEqual([]);
    expect(state().design.scenario.events).toEqual([]);
    state().undo();
    expect(state().design.edges).toHaveLength(1);
    expect(state().design.scenario.events).toHaveLength(1);
  });
  it('rename ignores blank and unchanged names', () => {
    expect(renameNode('service-1', '   ')).toBe('unchanged');
    expect(renameNode('service-1', 'API')).toBe('unchanged');
    expect(renameNode('service-1', ' Checkout API ')).toBe('changed');
    expect(state().design.nodes[1].label).toBe('Checkout API');
  });
});

describe('clipboard', () => {
  it('round-trips through JSON and pastes with fresh ids, inner edges and free labels', () => {
    connectNodes('client-1', 'service-1');
    const payload = copyPayload(state().design, { nodes: ['client-1', 'service-1'], notes: [] });
    const parsed = parsePayload(JSON.stringify(payload))!;
    expect(parsed.edges).toHaveLength(1);
    const pasted = pastePayload(parsed, { x: 40, y: 40 });
    const design = state().design;
    expect(pasted.nodes).toEqual(['client-2', 'service-2']);
    expect(design.nodes.slice(-2).map((n) => [n.label, n.x, n.y])).toEqual([
      ['Client', 40, 40],
      ['Service', 340, 40],
    ]);
    expect(design.edges[1]).toMatchObject({ from: 'client-2', to: 'service-2' });
  });
  it('rejects text that is not ours', () => {
    expect(parsePayload('hello')).toBeNull();
    expect(parsePayload('{"format":"something else"}')).toBeNull();
    expect(
      parsePayload(
        JSON.stringify({
          format: 'backpressure.clipboard',
          nodes: [{ id: 'x', kind: 'teapot' }],
          edges: [],
          notes: [],
        }),
      ),
    ).toBeNull();
  });
});

describe('notes, align and distribute', () => {
  it('adds a frame underneath other notes and selects it', () => {
    addNote('sticky', { x: 0, y: 0 });
    const id = addNote('frame', { x: 0, y: 0 }, 'us-east');
    expect(state().design.notes.map((n) => n.style)).toEqual(['frame', 'sticky']);
    expect(state().selection.notes).toEqual([id]);
  });
  it('aligns edges and centres of differently sized items', () => {
    const rects = [
      { x: 0, y: 0, w: 100, h: 50 },
      { x: 200, y: 30, w: 50, h: 50 },
    ];
    expect(alignedRects(rects, 'left')).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 30 },
    ]);
    expect(alignedRects(rects, 'right')).toEqual([
      { x: 150, y: 0 },
      { x: 200, y: 30 },
    ]);
    expect(alignedRects(rects, 'middle')).toEqual([
      { x: 0, y: 15 },
      { x: 200, y: 15 },
    ]);
  });
  it('distributes with equal gaps, keeping both ends in place', () => {
    const rects = [
      { x: 0, y: 0, w: 100, h: 10 },
      { x: 500, y: 0, w: 100, h: 10 },
      { x: 120, y: 0, w: 40, h: 10 },
    ];
    expect(distributedRects(rects, 'horizontal').map((p) => p.x)).toEqual([0, 500, 280]);
  });
  it('align is one undo step over the selection', () => {
    state().setSelection({ nodes: ['client-1', 'database-1'] });
    alignSelection('top');
    expect(state().design.nodes.find((n) => n.id === 'database-1')!.y).toBe(0);
    expect(state().past).toHaveLength(1);
  });
});
