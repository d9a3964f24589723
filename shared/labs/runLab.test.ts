import { describe, expect, it } from 'vitest';
import { mmcDesign } from '../testing/designs';
import { template } from '../testing/templates';
import { runLab } from './runLab';
import type { Lab, LabStep } from './types';

const design = mmcDesign({ lambdaRps: 50, servers: 1, serviceTimeMs: 10, durationS: 300 });

const lab = (steps: LabStep[], extra: Partial<Lab> = {}): Lab => ({
  format: 'backpressure.lab',
  version: 1,
  id: 'test',
  title: 'Test',
  concept: 'c',
  kind: 'fundamentals',
  level: 'beginner',
  minutes: 1,
  learn: ['x'],
  design,
  variants: { fast: [{ set: 'server', params: { serviceTimeMs: 1 } }] },
  seed: 9,
  steps,
  ...extra,
});

describe('runLab', () => {
  it('is deterministic per seed', () => {
    const steps: LabStep[] = [
      { id: 'a', caption: 'x', check: { metric: 'global.p99Ms', op: '>=', value: 40 } },
      { id: 'b', caption: 'x', check: { metric: 'server.queueDepth', op: '>=', value: 2 } },
    ];
    expect(runLab(lab(steps), design)).toEqual(runLab(lab(steps), design));
  });

  it('applies chaos afterS simulated seconds after the step was reached', () => {
    const result = runLab(
      lab([
        { id: 'warm', caption: 'x', check: { metric: 'server.utilization', op: '>', value: 0, overS: 3 } },
        {
          id: 'kill',
          caption: 'x',
          actions: [{ do: 'chaos', event: { action: 'kill', target: 'server' }, afterS: 4 }],
          check: { log: 'kill', node: 'server' },
        },
      ]),
      design,
    );
    expect(result.steps[1]).toEqual({
      id: 'kill',
      state: 'pass',
      detail: 'kill on server at 7 s',
      simTimeS: 7,
    });
  });

  it('restarts the run from a variant, and performs showMe as the learner would', () => {
    const result = runLab(
      lab([
        { id: 'base', caption: 'x', check: { metric: 'server.utilization', op: '>=', value: 0.3, overS: 5 } },
        {
          id: 'variant',
          caption: 'x',
          showMe: [{ do: 'loadVariant', variant: 'fast' }],
          check: { metric: 'server.utilization', op: '<=', value: 0.15, overS: 2 },
        },
      ]),
      design,
    );
    expect(result.passed).toBe(true);
    expect(result.steps[1].simTimeS).toBe(2); // the variant's run started at 0
  });

  it('fails a check still pending when its budget ends, saying how long it waited', () => {
    const result = runLab(
      lab([
        { id: 'never', caption: 'x', maxS: 4, check: { metric: 'server.utilization', op: '>=', value: 2 } },
      ]),
      design,
    );
    expect(result.passed).toBe(false);
    expect(result.steps[0].state).toBe('fail');
    expect(result.steps[0].detail).toMatch(/\(not within 4 s\)$/);
  });

  it('fails a step whose parameter edit the engine refuses live', () => {
    const replicated = template('cap-partition');
    const result = runLab(
      lab(
        [
          {
            id: 'edit',
            caption: 'x',
            actions: [{ do: 'setParams', target: 'db', params: { replication: 'sync' } }],
          },
        ],
        {
          design: replicated,
        },
      ),
      replicated,
    );
    expect(result.steps[0].state).toBe('fail');
    expect(result.steps[0].detail).toMatch(
      /^could not set db's parameters live: Changing the replication mode/,
    );
  });

  it('survives a gateway switched from cached session lookups to JWT while lookups are in flight', () => {
    const edge = template('auth-at-the-edge');
    const result = runLab(
      lab(
        [
          {
            id: 'store-slow',
            caption: 'x',
            actions: [{ do: 'chaos', event: { action: 'kill', target: 'sessions' } }],
            check: { metric: 'sessions.arrivalsRps', op: '>', value: 0, overS: 3 },
          },
          {
            id: 'jwt',
            caption: 'x',
            actions: [{ do: 'setParams', target: 'gateway', params: { auth: 'jwt' } }],
            check: { metric: 'global.errorRate', op: '<=', value: 0.01, overS: 5 },
          },
        ],
        { design: edge },
      ),
      edge,
    );
    expect(result.steps.map((step) => step.state)).toEqual(['pass', 'pass']);
  });
});
