// The headless CLI: the JSON shape of SPEC "Headless CLI", exit code 2 with a message naming the
// problem (and its JSON path) for bad input, never a stack trace.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from './main';
import { DEFAULT_MAX_CALLS_IN_FLIGHT } from '../engine/index';
import { mmcDesign } from '../testing/designs';
import { formatCount, formatMs, formatRps } from '../format';

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
      'unauthorized',
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

  it('writes numbers as the app does (shared/format.ts): the same p99 reads the same in the CLI and the dock', () => {
    const json = JSON.parse(run(['run', template('mm1'), '--duration', '30', '--json']).stdout);
    const { stdout } = run(['run', template('mm1'), '--duration', '30']);
    const l = json.global.latencyMs;
    expect(stdout).toContain(`p99 ${formatMs(l.p99)}   max ${formatMs(l.max)}`);
    expect(stdout).toContain(`Throughput ${formatRps(json.global.throughputRps)}`);
    expect(stdout).toContain(`${formatCount(json.global.requests)} sent`);
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

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+/);

describe('every run is bounded', () => {
  // A value the schema accepts must not hang the CLI: a design estimated above the event budget
  // is refused before it starts (exit 2, naming the parameter); a run that reaches a limit prints
  // its totals so far with a truncation notice (exit 3).
  const huge = (params: { rps: number; durationS: number }) => {
    const d = mmcDesign({ lambdaRps: params.rps, serviceTimeMs: 5, servers: 1, durationS: params.durationS });
    return JSON.stringify(d);
  };
  // Retries are not in the estimate (only failures retry): a killed server behind 10 retries
  // fits the budget and then runs ~4× the events it was estimated at.
  const retryStorm = mmcDesign({ lambdaRps: 1000, serviceTimeMs: 5, servers: 1, durationS: 60 });
  retryStorm.nodes[0].params = { ...retryStorm.nodes[0].params, retries: 10, retryBackoffMs: 0 };
  retryStorm.scenario.events = [{ atS: 0, action: 'kill', target: 'server' }];
  const files = {
    'rps.bpd': huge({ rps: 1e7, durationS: 60 }),
    'long.bpd': huge({ rps: 500, durationS: 1e7 }),
    'storm.bpd': JSON.stringify(retryStorm),
  };

  it('refuses client rps 1e7 × 60 s before running: exit 2, names rps and durationS, no stack', () => {
    const { code, stdout, stderr } = run(['run', 'rps.bpd'], files);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('rps.bpd is too big to run: clients "client" rps 1e7 × 60 s ≈ 6e8 requests');
    expect(stderr).toContain(
      'a run holds at most 100,000,000 events — lower rps or durationS, or pass --max-events N',
    );
    expect(stderr).not.toContain('Usage');
    noStack(stderr);
  });

  it('refuses scenario.durationS 1e7 at 500 rps', () => {
    const { code, stderr } = run(['run', 'long.bpd', '--json'], files);
    expect(code).toBe(2);
    expect(stderr).toContain('rps 500 × 1e7 s ≈ 5e9 requests');
    noStack(stderr);
  });

  it('--max-events stops the run there: the table says TRUNCATED, the JSON carries truncated, exit 3', () => {
    const table = run(['run', 'storm.bpd', '--max-events', '500000'], files);
    expect(table.code).toBe(3);
    expect(table.stdout).toMatch(/\nTRUNCATED {2}stopped after 500,000 events \(the run's event limit\) at /);
    expect(table.stderr).toContain('warning: the run was truncated: stopped after 500,000 events');
    expect(table.stderr).toContain('raise --max-events to go further');
    const json = run(['run', 'storm.bpd', '--max-events', '500000', '--json'], files);
    expect(json.code).toBe(3);
    const result = JSON.parse(json.stdout);
    expect(result.events).toBe(500_000);
    expect(result.truncated).toMatchObject({ reason: 'eventLimit', limit: 500_000 });
    expect(result.truncated.atSimMs).toBe(result.simTimeMs);
  });

  it('--max-wall stops the run after that much wall time (by the injected clock)', () => {
    let clockMs = 0;
    let stdout = '';
    let stderr = '';
    const code = main(['run', 'long.bpd', '--max-events', '1e12', '--max-wall', '0.05'], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      readFile: (path) => files[path as keyof typeof files],
      now: () => (clockMs += 1),
    });
    expect(code).toBe(3);
    expect(stdout).toContain('TRUNCATED  stopped after');
    expect(stdout).toContain('of wall time');
    expect(stderr).toContain('warning: the run was truncated');
    expect(stderr).toContain('raise --max-wall to go further');
  });

  it('the memory guard stops a run whose requests pile up (600 s service time, 1-hour timeout, 10^5 req/s): exit 3 within seconds', () => {
    // It fits the event budget (6 × 10^6 requests) but holds every request: unbounded, it grew
    // by ~200,000 calls per simulated second.
    const pileUp = mmcDesign({
      lambdaRps: 100_000,
      serviceTimeMs: 600_000,
      servers: 1,
      serviceDist: 'const',
      durationS: 60,
    });
    const { code, stdout, stderr } = run(['run', 'pile.bpd', '--json'], {
      'pile.bpd': JSON.stringify(pileUp),
    });
    expect(code).toBe(3);
    const result = JSON.parse(stdout);
    expect(result.truncated).toMatchObject({ reason: 'memoryLimit', limit: DEFAULT_MAX_CALLS_IN_FLIGHT });
    expect(result.simTimeMs).toBeLessThan(60_000);
    expect(stderr).toContain('stopped by the memory guard');
    expect(stderr).toContain('the memory guard is fixed: lower the load or the timeouts');
  });

  it('bad limit values are bad arguments', () => {
    expect(run(['run', 'rps.bpd', '--max-events', '0'], files).stderr).toContain('--max-events must be');
    expect(run(['run', 'rps.bpd', '--max-events', '1.5'], files).code).toBe(2);
    expect(run(['run', 'rps.bpd', '--max-wall', '-1'], files).stderr).toContain('--max-wall must be');
    expect(run(['run', 'rps.bpd', '--max-wall'], files).code).toBe(2);
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

  it('refuses a client at 1e7 req/s for 60 s at once (exit 2, no stack), instead of running for minutes', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bp-cli-')), 'rps.bpd');
    writeFileSync(
      file,
      JSON.stringify(mmcDesign({ lambdaRps: 1e7, serviceTimeMs: 5, servers: 1, durationS: 60 })),
    );
    const refused = spawnSync(process.execPath, ['dist/cli/backpressure.cjs', 'run', file], {
      cwd: root,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('rps 1e7 × 60 s ≈ 6e8 requests');
    expect(refused.stderr).not.toMatch(/\n\s+at .+:\d+/);
  });
});
