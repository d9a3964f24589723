import { describe, expect, it } from 'vitest';
import { CATALOG, COMPONENT_KINDS, EDGE_PARAMS } from '../../shared/document/catalog';
import {
  MIXED,
  groupParams,
  nodeParamProblem,
  relevantGroups,
  scenarioFieldProblem,
  sharedParamSpecs,
  sharedValue,
  sloFieldProblem,
} from './inspectorModel';
import { parseNumberInput } from './paramInput';

describe('inspector: parameters of a multi-selection', () => {
  it('a single kind shows all of its catalog parameters', () => {
    expect(Object.keys(sharedParamSpecs(['database']))).toEqual(Object.keys(CATALOG.database.params));
  });

  it('several kinds share only the parameters every one of them has', () => {
    const names = Object.keys(sharedParamSpecs(['service', 'cache']));
    expect(names).toContain('instances');
    expect(names).toContain('workers'); // a cache's lookups hold workers too
    expect(names).not.toContain('serviceTimeMs');
    expect(names).not.toContain('capacity');
  });

  it('a shared number takes the narrowest range so the edit is valid for every kind', () => {
    const workers = sharedParamSpecs(['service', 'objectStore']).workers;
    expect(workers).toMatchObject({ type: 'number', min: 1, max: 10_000 });
  });

  it('values that differ read as mixed; a left-out value reads as its default', () => {
    const spec = CATALOG.service.params.workers;
    expect(sharedValue([{ workers: 8 }, {}], 'workers', spec)).toBe(8);
    expect(sharedValue([{ workers: 8 }, { workers: 16 }], 'workers', spec)).toBe(MIXED);
    const queue = CATALOG.service.params.queueCapacity;
    expect(sharedValue([{}, {}], 'queueCapacity', queue)).toBeUndefined();
  });

  it('groups parameters under the catalog headings, in catalog order; a cache mode is about caching', () => {
    const groups = groupParams(CATALOG.cache.params);
    expect(groups[0].title).toBe('Capacity');
    expect(groups.find((group) => group.title === 'Caching')!.names).toContain('mode');
    const client = groupParams(CATALOG.client.params);
    expect(client.find((group) => group.title === 'Traffic')!.names).toContain('mode');
  });

  it('every catalog parameter of every kind, and of connections, names its inspector group', () => {
    const ungrouped = [
      ...COMPONENT_KINDS.flatMap((kind) =>
        Object.entries(CATALOG[kind].params).map(([name, spec]) => [`${kind}.${name}`, spec] as const),
      ),
      ...Object.entries(EDGE_PARAMS).map(([name, spec]) => [`edge.${name}`, spec] as const),
    ]
      .filter(([, spec]) => !spec.group)
      .map(([name]) => name);
    expect(ungrouped).toEqual([]);
  });

  it('a parameter without a group (one just added to the catalog) is listed last, under Other', () => {
    const { capacity, ...rest } = CATALOG.queue.params;
    const groups = groupParams({ added: { ...capacity, group: undefined }, ...rest });
    expect(groups.map((group) => group.title)).toEqual(['Delivery', 'Other']);
  });
});

describe('inspector: refusing bad input with a reason', () => {
  const workers = CATALOG.service.params.workers as Parameters<typeof parseNumberInput>[0];
  const queueCapacity = CATALOG.service.params.queueCapacity as Parameters<typeof parseNumberInput>[0];

  it('accepts numbers with separators', () => {
    expect(parseNumberInput(workers, ' 1,000 ')).toEqual({ ok: true, value: 1000 });
    expect(parseNumberInput(workers, '1_000')).toEqual({ ok: true, value: 1000 });
  });

  it('names what is wrong: not a number, not a whole number, out of range', () => {
    expect(parseNumberInput(workers, 'lots')).toEqual({ ok: false, reason: 'Not a number: "lots".' });
    expect(parseNumberInput(workers, '2.5')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('integer'),
    });
    expect(parseNumberInput(workers, '0')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('≥ 1'),
    });
    expect(parseNumberInput(workers, '')).toEqual({ ok: false, reason: 'Enter a number.' });
  });

  it('an optional parameter takes an empty box or "unbounded" as left out', () => {
    expect(parseNumberInput(queueCapacity, '')).toEqual({ ok: true, value: undefined });
    expect(parseNumberInput(queueCapacity, 'Unbounded')).toEqual({ ok: true, value: undefined });
  });

  it('checks every selected kind with the file schema and says which kind refused', () => {
    expect(nodeParamProblem(['service'], 'workers', 20_000)).toMatch(/^Must be an integer ≤ 10,000/);
    expect(nodeParamProblem(['objectStore', 'service'], 'workers', 20_000)).toMatch(/^Service: /);
    expect(nodeParamProblem(['service', 'objectStore'], 'workers', 200)).toBeNull();
  });

  it('document fields follow the file schema; warm-up must end before the run', () => {
    expect(sloFieldProblem('maxErrorRate', 2)).not.toBeNull();
    expect(sloFieldProblem('p99Ms', 150)).toBeNull();
    expect(scenarioFieldProblem('warmupS', 60, { durationS: 60, warmupS: 5 })).toMatch(
      /shorter than the run/,
    );
    expect(scenarioFieldProblem('durationS', 4, { durationS: 60, warmupS: 5 })).toMatch(
      /longer than its warm-up/,
    );
    expect(scenarioFieldProblem('seed', 1.5, { durationS: 60, warmupS: 5 })).not.toBeNull();
  });
});

describe('inspector: only parameters that matter for the node are shown', () => {
  const names = (kind: 'database' | 'client', params: Record<string, string>) =>
    relevantGroups(groupParams(CATALOG[kind].params), [{ kind, params }]).flatMap((group) => group.names);

  it('quorum sizes only for leaderless replication', () => {
    expect(names('database', {})).not.toContain('quorumW');
    expect(names('database', { replication: 'leaderless' })).toEqual(
      expect.arrayContaining(['quorumN', 'quorumW', 'quorumR']),
    );
  });

  it('open-mode traffic fields in open mode, think time in closed mode; pattern details per pattern', () => {
    const open = names('client', {});
    expect(open).toContain('rps');
    expect(open).not.toContain('thinkTimeMs');
    expect(open).not.toContain('spikeAtS');
    const closed = names('client', { mode: 'closed' });
    expect(closed).toContain('thinkTimeMs');
    expect(closed).not.toContain('rps');
    expect(names('client', { pattern: 'spike' })).toEqual(
      expect.arrayContaining(['spikeAtS', 'patternFactor']),
    );
  });

  it('a multi-selection shows a parameter that matters to any of the nodes', () => {
    const groups = relevantGroups(groupParams(CATALOG.database.params), [
      { kind: 'database', params: {} },
      { kind: 'database', params: { replication: 'leaderless' } },
    ]);
    expect(groups.flatMap((group) => group.names)).toContain('quorumR');
  });
});
