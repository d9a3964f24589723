import { beforeEach, describe, expect, it } from 'vitest';
import { designFrom, node } from '../../shared/testing/designs';
import { HISTORY_LIMIT, useDesignStore } from './designStore';

const state = () => useDesignStore.getState();

beforeEach(() =>
  state().replaceDesign(designFrom({ nodes: [node('service-1', 'service', {}, { label: 'API' })] })),
);

const moveTo = (x: number, gestureId?: string) =>
  state().change(
    'Move',
    (draft) => {
      draft.nodes[0].x = x;
    },
    { gestureId },
  );

describe('design history', () => {
  it('keeps at least 200 steps: 250 changes, then 240 undos and 240 redos land exactly', () => {
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(200);
    for (let step = 1; step <= 250; step++) moveTo(step * 10);
    expect(state().past).toHaveLength(250);
    for (let undo = 0; undo < 240; undo++) state().undo();
    expect(state().design.nodes[0].x).toBe(100);
    expect(state().future).toHaveLength(240);
    for (let redo = 0; redo < 240; redo++) state().redo();
    expect(state().design.nodes[0].x).toBe(2500);
    // Back to the very start: every one of the 250 steps is undoable.
    while (state().past.length > 0) state().undo();
    expect(state().design.nodes[0].x).toBe(0);
  });

  it('forgets only the oldest steps beyond its limit', () => {
    for (let step = 1; step <= HISTORY_LIMIT + 20; step++) moveTo(step);
    expect(state().past).toHaveLength(HISTORY_LIMIT);
    while (state().past.length > 0) state().undo();
    expect(state().design.nodes[0].x).toBe(20);
  });

  it('a gesture committed in many pieces (a drag) is one undo step', () => {
    for (let x = 1; x <= 30; x++) moveTo(x, 'drag-1');
    moveTo(99);
    expect(state().past.map((entry) => entry.label)).toEqual(['Move', 'Move']);
    state().undo();
    expect(state().design.nodes[0].x).toBe(30);
    state().undo();
    expect(state().design.nodes[0].x).toBe(0);
  });

  it('selection and viewport stay out of history and do not make the document dirty', () => {
    const revision = state().revision;
    state().setSelection({ nodes: ['service-1'] });
    state().setViewport({ x: 40, y: -20, scale: 2 });
    expect(state().past).toHaveLength(0);
    expect(state().revision).toBe(revision);
    moveTo(50);
    state().setSelection({});
    state().undo();
    // Undo restores the document only; the viewport is where the user left it.
    expect(state().viewport).toEqual({ x: 40, y: -20, scale: 2 });
  });
});
