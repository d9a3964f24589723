import { describe, expect, it } from 'vitest';
import { mmcDesign } from '../testing/designs';
import { parseLab } from './schema';
import { LAB_FORMAT } from './types';

const design = mmcDesign({ lambdaRps: 50, servers: 1, serviceTimeMs: 10, durationS: 120 });

function lab(overrides: Record<string, unknown> = {}) {
  return {
    format: LAB_FORMAT,
    version: 1,
    id: 'tiny-lab',
    title: 'Tiny',
    concept: 'queueing',
    kind: 'fundamentals',
    level: 'beginner',
    minutes: 5,
    learn: ['a queue forms'],
    design,
    variants: { busy: [{ set: 'client', params: { rps: 90 } }] },
    steps: [
      {
        id: 'look',
        caption: 'Watch {server}.',
        check: { metric: 'server.utilization', op: '>=', value: 0.3, overS: 5 },
      },
    ],
    ...overrides,
  };
}

const problemsOf = (value: unknown) => {
  const parsed = parseLab(value);
  return parsed.ok ? [] : parsed.problems;
};

describe('parseLab', () => {
  it('accepts a valid lab with an inline design and returns that design validated', () => {
    const parsed = parseLab(JSON.stringify(lab()));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.design?.nodes.map((n) => n.id)).toEqual(['client', 'server']);
  });

  it('names the JSON path of a bad check operator', () => {
    const value = lab({
      steps: [{ id: 'a', caption: 'x', check: { metric: 'server.utilization', op: '>>', value: 1 } }],
    });
    expect(problemsOf(value)).toEqual([
      { path: 'steps[0].check.op', message: expect.stringContaining('one of') },
    ]);
  });

  it('refuses a newer version clearly', () => {
    const [problem] = problemsOf(lab({ version: 7 }));
    expect(problem.path).toBe('version');
    expect(problem.message).toMatch(
      /newer version of Backpressure \(file version 7; this app reads up to version 1\)/,
    );
  });

  it('refuses a file that is not a lab', () => {
    expect(problemsOf({ format: 'backpressure.design' })[0].path).toBe('format');
    expect(problemsOf('{oops')[0].message).toMatch(/^not valid JSON/);
  });

  it('names node ids that are not in the design: caption, nodes, actions, checks', () => {
    const value = lab({
      steps: [
        {
          id: 'a',
          caption: 'Look at {cache}.',
          nodes: ['server', 'ghost'],
          actions: [
            { do: 'chaos', event: { action: 'kill', target: 'db:0' } },
            { do: 'setParams', target: 'server', params: { workers: 0 } },
            { do: 'loadVariant', variant: 'nope' },
          ],
          check: {
            all: [
              { metric: 'cache.hitRate', op: '>=', value: 0.8 },
              { metric: 'server.warpSpeed', op: '>=', value: 1 },
              { log: 'promoted', node: 'db' },
              { param: 'cores', target: 'server', op: '>=', value: 2 },
              { compare: { a: 'busy', b: 'calm' }, metric: 'global.errorRate', op: '<=' },
            ],
          },
        },
      ],
    });
    const paths = problemsOf(value).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'steps[0].caption',
        'steps[0].nodes[1]',
        'steps[0].actions[0].event.target',
        'steps[0].actions[1].params.workers',
        'steps[0].actions[2].variant',
        'steps[0].check.all[0].metric',
        'steps[0].check.all[1].metric',
        'steps[0].check.all[2].node',
        'steps[0].check.all[3].param',
        'steps[0].check.all[4].compare.b',
      ]),
    );
  });

  it('checks variants: their targets, parameters and the design they make', () => {
    const paths = problemsOf(
      lab({
        variants: {
          a: [{ set: 'ghost', params: { rps: 1 } }],
          b: [{ set: 'client', params: { rps: -5 } }],
          c: [{ events: [{ atS: 5, action: 'kill', target: 'nobody' }] }],
        },
      }),
    ).map((p) => p.path);
    expect(paths).toEqual(['variants.a[0].set', 'variants.b[0].params.rps', 'variants.c']);
  });

  it('names the design path of an inline design problem', () => {
    const broken = { ...design, nodes: [{ ...design.nodes[0], params: { rps: 'lots' } }, design.nodes[1]] };
    expect(problemsOf(lab({ design: broken }))[0].path).toBe('design.nodes[0].params.rps');
  });

  it('resolves a template by name, and says when there is none', () => {
    const text = JSON.stringify(design);
    const ok = parseLab(lab({ design: { template: 'mm1' } }), (name) => (name === 'mm1' ? text : undefined));
    expect(ok.ok).toBe(true);
    const missing = parseLab(lab({ design: { template: 'nope' } }), () => undefined);
    expect(missing.ok ? [] : missing.problems).toEqual([
      { path: 'design.template', message: 'no template named "nope"' },
    ]);
  });

  it('refuses duplicate step ids', () => {
    const step = { id: 'same', caption: 'x' };
    expect(problemsOf(lab({ steps: [step, step] }))).toEqual([
      { path: 'steps[1].id', message: 'duplicate step id "same" (also steps[0])' },
    ]);
  });
});
