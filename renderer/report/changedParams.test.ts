import { describe, expect, it } from 'vitest';
import { changedParams, formatParamValue } from './changedParams';
import { CATALOG, EDGE_PARAMS } from '../../shared/document/catalog';
import { design, edge, node } from '../../shared/testing/designs';

describe('changedParams: what differs from the catalog defaults', () => {
  it('lists only parameters set to something other than their default', () => {
    const service = CATALOG.service.params;
    const doc = design(
      [
        node(
          'users',
          'client',
          { rps: 250, readRatio: CATALOG.client.params.readRatio.default! },
          { label: 'Users' },
        ),
        node(
          'api',
          'service',
          { workers: service.workers.default!, serviceTimeMs: 12.5, queueCapacity: 50 },
          { label: 'API' },
        ),
      ],
      [edge('users', 'api', { latencyMs: 20, async: EDGE_PARAMS.async.default! })],
      { durationS: 1 },
    );
    const rows = changedParams(doc).map((row) => [row.target, row.name, row.value, row.defaultValue]);
    expect(rows).toEqual([
      ['Users', 'rps', '250 req/s', `${CATALOG.client.params.rps.default} req/s`],
      ['API', 'serviceTimeMs', '12.5 ms', `${service.serviceTimeMs.default} ms`],
      // Left out, a queue capacity is unbounded.
      ['API', 'queueCapacity', '50 requests', 'unbounded'],
      ['Users → API', 'latencyMs', '20 ms', `${EDGE_PARAMS.latencyMs.default} ms`],
    ]);
  });

  it('marks a changed parameter the other settings make moot', () => {
    const doc = design([node('users', 'client', { keyDistribution: 'uniform', zipfAlpha: 1.2 })], [], {
      durationS: 1,
    });
    const byName = new Map(changedParams(doc).map((row) => [row.name, row]));
    expect(byName.get('keyDistribution')?.inUse).toBe(true);
    expect(byName.get('zipfAlpha')?.inUse).toBe(false);
  });

  it('writes parameters exactly, with their unit (inputs are not rounded like measurements)', () => {
    expect(formatParamValue(CATALOG.client.params.rps, 12_345)).toBe('12,345 req/s');
    expect(formatParamValue(CATALOG.client.params.readRatio, 0.875)).toBe('0.875');
    expect(formatParamValue(EDGE_PARAMS.async, true)).toBe('on');
    expect(formatParamValue(EDGE_PARAMS.filter, 'reads')).toBe('reads');
  });
});
