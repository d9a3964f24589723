// The headless CLI: the JSON shape of SPEC "Headless CLI", exit code 2 with a message naming the
// problem (and its JSON path) for bad input, never a stack trace.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from './main';
import { mmcDesign } from '../testing/designs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const template = (name: string) => `${root}assets/templates/${name}.bpd`;

function run(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: (path) => {
      if (path in files) return files[path];
      return readFileSync(path, 'utf8');
    },
  });
  return { code, stdout, stderr };
}

describe('backpressure run --json', () => {
  it('prints exactly one JSON object in the spec shape', () => {
    const { code, stdout, stderr } = run([
      'run',
      template('three-tier'),
      '--duration',
      '20',
      '--warmup',
      '2',
      '--seed',
      '3',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(['simTimeMs', 'seed', 'events', 'wallMs', 'global', 'nodes', 'log']);
    expect(result.simTimeMs).toBe(20_000);
    expect(result.seed).toBe(3);
    expect(result.events).toBeGreaterThan(0);
    for (const key of [
      'requests',
      'completed',
      'failed',
      'inFlight',
      'throughputRps',
      'latencyMs',
      'errors',
      'lostWrites',
      'staleReads',
    ])
      expect(result.global).toHaveProperty(key);
    expect(Object.keys(result.global.latencyMs)).toEqual(['mean', 'p50', 'p95', 'p99', 'max']);
    expect(Object.keys(result.global.errors)).toEqual([
      'timeout',
      'rejected',
      'throttled',
      'unavailable',
      'loop',
      'error',
    ]);
    const node = result.nodes.app;
    for (const key of [
      'kind',
      'arrivals',
      'completed',
      'failed',
      'throughputRps',
      'utilization',
      'meanQueueDepth',
      'maxQueueDepth',
      'meanWaitMs',
      'meanResponseMs',
      'latencyMs',
    ])
      expect(node).toHaveProperty(key);
    expect(Object.keys(result.nodes.cache.cache)).toEqual(['hits', 'misses', 'hitRate', 'staleReads']);
    expect(Object.keys(result.nodes.db.db)).toEqual([
      'lostWrites',
      'staleReads',
      'replicationLagMsMean',
      'failovers',
    ]);
  });

  it('reports queue totals and log entries { t, type, target, ...fields }', () => {
    const { stdout } = run(['run', template('failover-lab'), '--duration', '30', '--json']);
    const result = JSON.parse(stdout);
    const promoted = result.log.find((e: { type: string }) => e.type === 'promoted');
    expect(promoted).toMatchObject({ type: 'promoted', target: expect.stringMatching(/^db:\d$/), shard: 0 });
    expect(typeof promoted.t).toBe('number');
    const six = JSON.parse(
      run(['run', template('six-tier-reference'), '--duration', '3', '--warmup', '1', '--json']).stdout,
    );
    expect(Object.keys(six.nodes.events.queue)).toEqual([
      'depthMean',
      'depthMax',
      'oldestAgeMsMax',
      'duplicates',
      'lost',
      'deadLettered',
    ]);
  });
});

describe('human output', () => {
  it('prints a table with a row per node', () => {
    const { code, stdout } = run(['run', template('mm1'), '--duration', '30']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/node\s+kind\s+arrivals\s+completed/);
    expect(stdout).toMatch(/^server\s+service/m);
    expect(stdout).toMatch(/SLO\s+(PASS|FAIL)/);
  });
});

describe('bad input: exit code 2, a message naming the problem, no stack trace', () => {
  const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+/);

  it('a missing file', () => {
    const { code, stderr } = run(['run', '/nonexistent/design.bpd']);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot read /nonexistent/design.bpd: no such file');
    noStack(stderr);
  });

  it('a file that is not JSON', () => {
    const { code, stderr } = run(['run', 'broken.bpd'], {
      'broken.bpd': '{"format": "backpressure.design", ',
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken\.bpd is not a valid design/);
    expect(stderr).toMatch(/JSON/);
    noStack(stderr);
  });

  it('a schema problem names its JSON path', () => {
    const design = JSON.parse(readFileSync(template('mm1'), 'utf8'));
    design.nodes[1].params.workers = 0;
    const { code, stderr } = run(['validate', 'bad.bpd'], { 'bad.bpd': JSON.stringify(design) });
    expect(code).toBe(2);
    expect(stderr).toContain('nodes[1].params.workers');
    noStack(stderr);
  });

  it('bad arguments', () => {
    expect(run(['run']).code).toBe(2);
    expect(run(['simulate', 'x.bpd']).code).toBe(2);
    const seed = run(['run', template('mm1'), '--seed', '-1']);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('--seed must be');
    const warmup = run(['run', template('mm1'), '--duration', '5', '--warmup', '10']);
    expect(warmup.code).toBe(2);
    expect(warmup.stderr).toContain('warm-up');
    // A file warm-up longer than a shorter --duration is shortened, with a warning.
    const shortened = run(['run', template('mm1'), '--duration', '10', '--json']);
    expect(shortened.code).toBe(0);
    expect(shortened.stderr).toContain("warning: the file's warm-up");
  });

  it('validate accepts a good file', () => {
    const { code, stdout } = run(['validate', template('six-tier-reference')]);
    expect(code).toBe(0);
    expect(stdout).toContain('valid design');
  });
});

describe('a run in which no request completes', () => {
  // No completed request, no latency: an empty sample has no percentiles, so the table prints
  // "—" (never 0 ms) and an SLO's p99 line fails as "no completed requests".
  const stuck = mmcDesign({
    lambdaRps: 10,
    serviceTimeMs: 600_000,
    servers: 1,
    serviceDist: 'const',
    durationS: 60,
  });
  stuck.slo = { p99Ms: 200, minThroughputRps: 0, maxErrorRate: 1 };
  const files = { 'stuck.bpd': JSON.stringify(stuck) };

  it('prints "—" for every latency figure and SLO FAIL: no completed requests', () => {
    const { code, stdout } = run(['run', 'stuck.bpd'], files);
    expect(code).toBe(0);
    expect(stdout).toContain('Latency    mean —   p50 —   p95 —   p99 —   max —   (no completed requests)');
    expect(stdout).toMatch(/SLO {8}FAIL: p99: no completed requests/);
    expect(stdout).not.toContain('SLO        PASS');
    // The per-node p99 column reads "—" too.
    expect(stdout.split('\n').find((line) => line.startsWith('server'))).toMatch(/—$/);
  });

  it('writes null percentiles in the JSON, and the verdict fails', () => {
    const { code, stdout } = run(['run', 'stuck.bpd', '--json'], files);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.global.latencyMs).toEqual({ mean: null, p50: null, p95: null, p99: null, max: null });
    expect(result.nodes.server.latencyMs.p99).toBeNull();
    expect(result.global.slo).toMatchObject({ pass: false, failing: ['p99: no completed requests'] });
  });
});

describe('the built CLI (dist/cli/backpressure.cjs)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root });
  }, 60_000);

  it('prints only JSON on stdout with --json, and exits 2 with a clean message on a bad file', () => {
    const ok = spawnSync(
      process.execPath,
      ['dist/cli/backpressure.cjs', 'run', template('mm1'), '--duration', '10', '--warmup', '1', '--json'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).simTimeMs).toBe(10_000);
    const bad = spawnSync('node', ['dist/cli/backpressure.cjs', 'run', 'missing.bpd'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim()).toBe('backpressure: cannot read missing.bpd: no such file');
  });
});
