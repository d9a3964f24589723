// `backpressure compare` and `backpressure sweep`: the JSON shapes, identical designs differing by
// zero, the same JSON on 1 job and on 2 worker threads (the built CLI), and exit 2 with a clean
// message for bad input.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from './main';

const root = fileURLToPath(new URL('../../', import.meta.url));
const template = (name: string) => `${root}assets/templates/${name}.bpd`;

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: (path) => readFileSync(path, 'utf8'),
  });
  return { code, stdout, stderr };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+/);
const SWEEP = [
  'sweep',
  template('mm1'),
  '--param',
  'client.rps',
  '--from',
  '40',
  '--to',
  '90',
  '--steps',
  '3',
];

describe('backpressure sweep', () => {
  it('prints one JSON object: per point with CIs, the knee and the SLO limit', async () => {
    const { code, stdout, stderr } = await run([
      ...SWEEP,
      '--duration',
      '10',
      '--warmup',
      '1',
      '--seeds',
      '2',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual([
      'param',
      'unit',
      'seeds',
      'durationS',
      'warmupS',
      'slo',
      'points',
      'knee',
      'withinSlo',
    ]);
    expect(result.seeds).toEqual([1, 2]);
    expect(result.points.map((p: { value: number }) => p.value)).toEqual([40, 65, 90]);
    expect(Object.keys(result.points[0].latencyMs.p99)).toEqual(['mean', 'halfWidth', 'low', 'high', 'n']);
    expect(result.points[0].latencyMs.p99.n).toBe(2);
    expect(result.points[2].nodes.server.utilization.mean).toBeGreaterThan(0.8);
    expect(result.withinSlo.summary).toMatch(/^meets p99 ≤ 250 ms/);
  });

  it('prints a table, the knee and the SLO sentence', async () => {
    const { code, stdout } = await run([...SWEEP, '--duration', '10', '--warmup', '1']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /client\.rps req\/s\s+offered\s+rps\s+errors\s+p50 ms\s+p95 ms\s+p99 ms\s+95% CI\s+busiest/,
    );
    expect(stdout).toMatch(/^Knee {7}/m);
    expect(stdout).toMatch(/^SLO {8}(meets|fails) p99 ≤ 250 ms/m);
  });

  it.each([
    [['sweep'], 'sweep needs a FILE'],
    [
      ['sweep', 'missing.bpd', '--param', 'a.b', '--from', '1', '--to', '2'],
      'cannot read missing.bpd: no such file',
    ],
    [[...SWEEP.slice(0, 2), '--from', '1', '--to', '2'], 'sweep needs --param NODE.PARAM'],
    [[...SWEEP.slice(0, 4), '--to', '2'], 'sweep needs --from X'],
    [[...SWEEP.slice(0, 4), '--from', '9', '--to', '2'], '--from (9) must not be greater than --to (2)'],
    [[...SWEEP, '--steps', '1'], '--steps must be a whole number from 2 to 1000 (got "1")'],
    [[...SWEEP.slice(0, 4), '--from', 'ten', '--to', '2'], '--from must be a number (got "ten")'],
    [[...SWEEP, '--seeds', '0'], '--seeds must be a whole number from 1 to 1000'],
    [[...SWEEP, '--jobs', 'x'], '--jobs must be a whole number from 1 to 256'],
    [
      ['sweep', template('mm1'), '--param', 'rps', '--from', '1', '--to', '2'],
      '--param must be NODE.PARAM, e.g. users.rps (got "rps")',
    ],
    [
      ['sweep', template('mm1'), '--param', 'users.rps', '--from', '1', '--to', '2'],
      'no node or connection "users" in the design (nodes: client, server)',
    ],
    [
      ['sweep', template('mm1'), '--param', 'client.rpz', '--from', '1', '--to', '2'],
      'Client "client" has no parameter "rpz"',
    ],
    [
      ['sweep', template('mm1'), '--param', 'client.rps', '--from', '1', '--to', '2e7'],
      '--to 20000000 is out of range for client.rps: Rate is 0 to 10000000 req/s',
    ],
    [
      ['sweep', template('mm1'), '--param', 'server.workers', '--from', '1', '--to', '2', '--steps', '5'],
      'use at most 2 steps',
    ],
    [
      ['sweep', template('mm1'), '--param', 'client.rps', '--from', '1e6', '--to', '1e7', '--steps', '2'],
      'is too big to run',
    ],
  ])('bad input %j: exit 2, "%s", no stack trace', async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    noStack(stderr);
  });
});

describe('backpressure compare', () => {
  it('identical designs: one JSON object whose differences are all zero', async () => {
    const { code, stdout, stderr } = await run([
      'compare',
      template('three-tier'),
      template('three-tier'),
      '--duration',
      '5',
      '--warmup',
      '1',
      '--seeds',
      '2',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual([
      'seeds',
      'durationS',
      'warmupS',
      'global',
      'cost',
      'tiers',
      'onlyInA',
      'onlyInB',
      'scenarioEventsDiffer',
      'truncated',
    ]);
    for (const [metric, row] of Object.entries(result.global) as [
      string,
      { difference: { difference: number } },
    ][])
      expect(row.difference.difference, metric).toBe(0);
    for (const tier of Object.values(result.tiers) as {
      metrics: Record<string, { difference: { difference: number | null } }>;
    }[])
      for (const row of Object.values(tier.metrics)) expect([0, null]).toContain(row.difference.difference);
    expect(result.cost.difference).toBe(0);
  });

  it('prints a difference table and a table per node', async () => {
    const { code, stdout } = await run([
      'compare',
      template('three-tier'),
      template('three-tier'),
      '--duration',
      '5',
      '--warmup',
      '1',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\s+A\s+B\s+B − A\s+95% CI\s+change\s+noise/);
    expect(stdout).toMatch(/^p99 ms /m);
    expect(stdout).toMatch(/^cost \(instances × workers\)/m);
    expect(stdout).toMatch(/^app /m);
    expect(stdout).toContain('One seed: no confidence intervals');
  });

  it.each([
    [['compare', template('mm1')], 'compare needs two files'],
    [['compare', template('mm1'), 'missing.bpd'], 'cannot read missing.bpd: no such file'],
    [['compare', template('mm1'), template('mm1'), template('mm1')], 'unexpected argument'],
    [['compare', template('mm1'), template('mm1'), '--seeds', '1.5'], '--seeds must be a whole number'],
    [['compare', template('mm1'), template('mm1'), '--param', 'x.y'], 'unknown option "--param" for compare'],
  ])('bad input %j: exit 2, "%s"', async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    noStack(stderr);
  });
});

describe('the built CLI on worker threads (dist/cli/backpressure.cjs + runWorker.cjs)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root });
  }, 60_000);

  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['dist/cli/backpressure.cjs', ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('a sweep gives the same JSON with --jobs 1 and --jobs 2 (and as main() in this thread)', async () => {
    const args = [
      'sweep',
      template('three-tier'),
      '--param',
      'users.rps',
      '--from',
      '200',
      '--to',
      '1400',
      '--steps',
      '3',
      '--seeds',
      '2',
      '--duration',
      '5',
      '--warmup',
      '1',
      '--json',
    ];
    const one = cli([...args, '--jobs', '1']);
    const two = cli([...args, '--jobs', '2']);
    expect(one.stderr).toBe('');
    expect(two.stderr).toBe('');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect((await run(args)).stdout).toBe(one.stdout);
  });

  it('a comparison on 2 jobs is the one computed in this thread; bad input exits 2 without a stack', async () => {
    const args = [
      'compare',
      template('mm1'),
      template('three-tier'),
      '--duration',
      '5',
      '--warmup',
      '1',
      '--seeds',
      '2',
      '--json',
    ];
    const two = cli([...args, '--jobs', '2']);
    expect(two.status).toBe(0);
    const result = JSON.parse(two.stdout);
    expect(result.onlyInA).toEqual(['client', 'server']);
    expect(result.onlyInB).toEqual(['users', 'lb', 'app', 'cache', 'db']);
    expect(two.stdout).toBe((await run(args)).stdout);
    const bad = cli(['sweep', template('mm1'), '--param', 'client.rps', '--from', '5', '--to', '1']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('backpressure: --from (5) must not be greater than --to (1)');
    noStack(bad.stderr);
  });
});
