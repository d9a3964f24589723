// Engine benchmark (never a timed unit test). Bundles shared/engine with esbuild into a temp
// file and measures, on this machine:
//   1. M/M/1 at ρ = 0.8, 1,000,000 customers, full engine with metrics — customers per second,
//      against the same model in npm `simjs` run in the same process, interleaved (ratio printed);
//   2. the six-tier reference design at 10,000 req/s for 60 simulated seconds — wall time;
//   3. peak memory (maxRSS) of 60 s vs 300 s simulated runs, each in its own child process.
// Wall time and CPU time are both reported: on a shared machine wall time swings with other
// people's load, CPU time much less. Usage: npm run bench [-- --quick] [-- --against <git ref>]
//   --against REF  also bundles the engine as it was at REF (git archive) and runs M/M/1 and the
//                  six-tier design interleaved with this build in the same process: the ratio is
//                  the honest "within noise of before" check on a shared machine.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { leanMm1 } from './leanMm1.mjs';

const quick = process.argv.includes('--quick');
const repeats = quick ? 1 : 5;
const dir = mkdtempSync(join(tmpdir(), 'backpressure-bench-'));
const bundle = join(dir, 'engine.mjs');
await build({
  entryPoints: ['shared/engine/index.ts'],
  outfile: bundle,
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
const engine = await import(pathToFileURL(bundle).href);
const againstIndex = process.argv.indexOf('--against');
const againstRef = againstIndex > 0 ? process.argv[againstIndex + 1] : null;
const template = (name) => JSON.parse(readFileSync(`assets/templates/${name}.bpd`, 'utf8'));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n, digits = 2) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** Runs fn, returning its result with wall and user-CPU milliseconds. */
function timed(fn) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = fn();
  return { ...result, cpuMs: process.cpuUsage(cpu).user / 1000, wallMs: performance.now() - started };
}

console.log(
  `Backpressure engine benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0].toFixed(1)}`,
);

// ——— 1. M/M/1, ρ = 0.8, 1e6 customers ———
const LAMBDA_RPS = 80;
const SERVICE_MS = 10;
const durationS = 1_000_000 / LAMBDA_RPS;
const mm1 = template('mm1'); // client (Poisson 80/s) → one exponential server of 10 ms, latency 0

function backpressureMm1() {
  return timed(() => {
    const sim = engine.createSimulation(mm1, { durationS, warmupS: 0, seed: 1 });
    sim.run();
    const result = sim.results();
    return {
      customers: result.nodes.server.completed,
      events: result.events,
      meanWaitMs: result.nodes.server.meanWaitMs,
    };
  });
}

// simjs ships a browser bundle that only publishes `window.Sim`.
const require = createRequire(import.meta.url);
globalThis.window = globalThis;
require('simjs');
const { Sim, Entity, Facility, Random } = globalThis.window.Sim;
delete globalThis.window;

function simjsMm1() {
  return timed(() => {
    const sim = new Sim();
    const server = new Facility('server');
    const random = new Random(1);
    let customers = 0;
    class Source extends Entity {
      start() {
        this.arrive();
      }
      arrive() {
        this.useFacility(server, random.exponential(1 / SERVICE_MS)).done(() => customers++);
        this.setTimer(random.exponential(LAMBDA_RPS / 1000)).done(this.arrive, this);
      }
    }
    sim.addEntity(Source);
    sim.simulate(durationS * 1000);
    return { customers };
  });
}

// The yardstick (leanMm1.mjs): the same M/M/1 as a bare two-event loop, no metrics.
const leanRun = () => timed(() => leanMm1(1_000_000, LAMBDA_RPS / 1000, SERVICE_MS));

const ours = [];
const theirs = [];
const lean = [];
for (let i = 0; i < repeats; i++) {
  ours.push(backpressureMm1());
  theirs.push(simjsMm1());
  lean.push(leanRun());
}
const rate = (key) => (r) => r.customers / (r[key] / 1000);
const stats = (runs, key) => ({
  best: Math.max(...runs.map(rate(key))),
  median: median(runs.map(rate(key))),
});
const oursWall = stats(ours, 'wallMs');
const oursCpu = stats(ours, 'cpuMs');
const theirsWall = stats(theirs, 'wallMs');
const theirsCpu = stats(theirs, 'cpuMs');
const leanWall = stats(lean, 'wallMs');
const leanCpu = stats(lean, 'cpuMs');
const m = (x) => fmt(x / 1e6).padStart(10);
const x = (a, b) => `${fmt(a / b)}×`.padStart(10);
console.log(
  `\nM/M/1 ρ=0.8: ${fmt(ours[0].customers, 0)} customers, ${fmt(ours[0].events, 0)} events, mean wait ${fmt(ours[0].meanWaitMs)} ms (Erlang C: 40)`,
);
console.log('  M customers/s   wall best wall median   cpu best cpu median');
console.log(
  `  backpressure  ${m(oursWall.best)} ${m(oursWall.median)} ${m(oursCpu.best)} ${m(oursCpu.median)}`,
);
console.log(
  `  simjs 2.0.3   ${m(theirsWall.best)} ${m(theirsWall.median)} ${m(theirsCpu.best)} ${m(theirsCpu.median)}`,
);
console.log(
  `  lean loop     ${m(leanWall.best)} ${m(leanWall.median)} ${m(leanCpu.best)} ${m(leanCpu.median)}   (mean wait ${fmt(lean[0].meanWaitMs)} ms)`,
);
console.log(
  `  vs simjs      ${x(oursWall.best, theirsWall.best)} ${x(oursWall.median, theirsWall.median)} ${x(oursCpu.best, theirsCpu.best)} ${x(oursCpu.median, theirsCpu.median)}   target ≥ 3× simjs`,
);
// Events per second against the yardstick's (it takes 2 events per customer, the engine 4: a
// client arrival, the call's transit, its service, its response).
const eventsPerCpuS = (r) => r.events / (r.cpuMs / 1000);
const oursEps = median(ours.map(eventsPerCpuS));
const leanEps = median(lean.map(eventsPerCpuS));
const leanOverOurs = leanEps / oursEps;
console.log(
  `  events/s (cpu, median): ours ${fmt(oursEps / 1e6)} M, lean loop ${fmt(leanEps / 1e6)} M → lean ÷ ours ${fmt(leanOverOurs)}×   target ≤ 2.5×`,
);

// ——— 2. six-tier reference at 10,000 req/s for 60 s ———
const sixTier = template('six-tier-reference');
const sixRuns = [];
for (let i = 0; i < repeats; i++)
  sixRuns.push(
    timed(() => {
      const sim = engine.createSimulation(sixTier, { durationS: 60 });
      sim.run();
      const result = sim.results();
      return { events: result.events, requests: result.global.requests, p99: result.global.latencyMs.p99 };
    }),
  );
const sixBest = Math.min(...sixRuns.map((r) => r.wallMs));
console.log(
  `\nSix-tier reference, 10,000 req/s × 60 s: ${fmt(sixRuns[0].requests, 0)} requests after warm-up, ${fmt(sixRuns[0].events, 0)} events, p99 ${fmt(sixRuns[0].p99)} ms`,
);
console.log(
  `  wall ${fmt(sixBest, 0)} ms best, ${fmt(median(sixRuns.map((r) => r.wallMs)), 0)} ms median; cpu ${fmt(Math.min(...sixRuns.map((r) => r.cpuMs)), 0)} ms best`,
);
const sixEps = median(sixRuns.map(eventsPerCpuS));
const sixVsLean = leanEps / sixEps;
console.log(
  `  ${fmt(sixEps / 1e6)} M events/s (cpu, median) vs the lean loop's ${fmt(leanEps / 1e6)} M → lean ÷ six-tier ${fmt(sixVsLean)}×   target ≤ 3×`,
);

// ——— 3. peak memory: 60 s vs 300 s, each in a child process ———
const child = join(dir, 'memory.mjs');
writeFileSync(
  child,
  `import { createSimulation } from ${JSON.stringify(pathToFileURL(bundle).href)};
import { readFileSync } from 'node:fs';
const design = JSON.parse(readFileSync('assets/templates/six-tier-reference.bpd', 'utf8'));
const sim = createSimulation(design, { durationS: Number(process.argv[2]) });
sim.run();
console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, events: sim.eventsProcessed }));
`,
);
const peak = (seconds) =>
  JSON.parse(execFileSync(process.execPath, [child, String(seconds)], { encoding: 'utf8' }));
const longS = quick ? 120 : 300;
const short = peak(60);
const long = peak(longS);
const growth = long.maxRssKb / short.maxRssKb - 1;
console.log(
  `\nPeak RSS, six-tier: ${fmt(short.maxRssKb / 1024, 1)} MB at 60 s vs ${fmt(long.maxRssKb / 1024, 1)} MB at ${longS} s (${fmt(long.events, 0)} events) → ${fmt(growth * 100, 1)}%   target < 20%`,
);

// Targets are ratios against yardsticks run in this process (machines differ by 1.5× and are
// shared): medians on CPU time.
const targets = [
  ['M/M/1 ≥ 3× simjs', oursCpu.median / theirsCpu.median >= 3],
  ['M/M/1 events/s within 2.5× of the lean loop', leanOverOurs <= 2.5],
  ['six-tier events/s within 3× of the lean loop', sixVsLean <= 3],
  ['memory flat (< 20% growth)', Math.abs(growth) < 0.2],
];
console.log(
  `\nTargets (median of ${repeats}, cpu): ${targets.map(([name, met]) => `${name}: ${met ? 'met' : 'MISSED'}`).join('; ')}.`,
);

// ——— 4. this build against an older one (same process, interleaved) ———
if (againstRef) {
  const oldDir = join(dir, 'old');
  execFileSync('mkdir', ['-p', oldDir]);
  execFileSync('sh', [
    '-c',
    `git archive ${JSON.stringify(againstRef)} shared tsconfig.json | tar -x -C ${JSON.stringify(oldDir)}`,
  ]);
  const oldBundle = join(dir, 'engine-old.mjs');
  await build({
    entryPoints: [join(oldDir, 'shared/engine/index.ts')],
    outfile: oldBundle,
    bundle: true,
    platform: 'neutral',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const old = await import(pathToFileURL(oldBundle).href);
  const run = (build, design, seconds) =>
    timed(() => {
      const sim = build.createSimulation(design, { durationS: seconds, warmupS: 0, seed: 1 });
      sim.run();
      return { events: sim.eventsProcessed };
    });
  const cases = [
    ['M/M/1 ρ=0.8, 1e6 customers', mm1, durationS],
    ['six-tier 10,000 req/s × 60 s', sixTier, 60],
  ];
  console.log(`\nThis build vs ${againstRef} (interleaved, ${repeats} each; M events/s, cpu time)`);
  for (const [name, design, seconds] of cases) {
    const now = [];
    const before = [];
    for (let i = 0; i < repeats; i++) {
      before.push(run(old, design, seconds));
      now.push(run(engine, design, seconds));
    }
    const eps = (runs) => median(runs.map((r) => r.events / (r.cpuMs / 1000)));
    const bestEps = (runs) => Math.max(...runs.map((r) => r.events / (r.cpuMs / 1000)));
    console.log(
      `  ${name.padEnd(30)} now ${fmt(eps(now) / 1e6).padStart(6)} median ${fmt(bestEps(now) / 1e6).padStart(6)} best | before ${fmt(eps(before) / 1e6).padStart(6)} median ${fmt(bestEps(before) / 1e6).padStart(6)} best | ratio ${fmt(eps(now) / eps(before), 3)} median, ${fmt(bestEps(now) / bestEps(before), 3)} best`,
    );
  }
}

// ——— 5. a parallel sweep: 2 worker threads vs 1 (the built CLI, each in its own process) ———
// `backpressure sweep` of the six-tier reference, client.rps over 20 points × 60 s (--quick: 6 ×
// 20 s), once with --jobs 1 (in the CLI's thread) and once with --jobs 2 (worker threads); the
// JSON must be identical. Peak RSS is the whole process's (worker threads share it): per job is
// that divided by the jobs. Target: ≥ 1.7× on 2 free cores (the load average says how free).
{
  execFileSync(process.execPath, ['scripts/build-cli.mjs']);
  const rssProbe = join(dir, 'rss-probe.cjs');
  writeFileSync(
    rssProbe,
    `process.on('exit', () => require('node:fs').writeSync(2, '\\nbench-max-rss-kb ' + process.resourceUsage().maxRSS + '\\n'));\n`,
  );
  const points = quick ? 6 : 20;
  const seconds = quick ? 20 : 60;
  const sweepArgs = [
    'sweep',
    'assets/templates/six-tier-reference.bpd',
    ...['--param', 'client.rps', '--from', '1000', '--to', '30000', '--steps', String(points)],
    ...['--duration', String(seconds), '--warmup', '5', '--json'],
  ];
  // spawnSync (imported here, so this section stays one appended block) to read the probe's line.
  const { spawnSync } = await import('node:child_process');
  const sweepRunWithRss = (jobs) => {
    const load = loadavg()[0];
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      ['--require', rssProbe, 'dist/cli/backpressure.cjs', ...sweepArgs, '--jobs', String(jobs)],
      { encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    const wallMs = performance.now() - started;
    if (child.status !== 0) throw new Error(`sweep --jobs ${jobs} failed: ${child.stderr}`);
    const rss = Number(/bench-max-rss-kb (\d+)/.exec(child.stderr)?.[1] ?? NaN);
    return { jobs, wallMs, load, json: child.stdout, maxRssKb: rss };
  };
  const one = sweepRunWithRss(1);
  const two = sweepRunWithRss(2);
  const result = JSON.parse(one.json);
  const knee = result.knee ? `${fmt(result.knee.load, 0)} req/s (${result.knee.reason})` : 'none in range';
  console.log(
    `\nSweep, six-tier client.rps 1,000 → 30,000 req/s: ${points} points × ${seconds} s, 1 seed (built CLI, ${cpus().length} cpus)`,
  );
  console.log(
    `  --jobs 1: ${fmt(one.wallMs / 1000, 1)} s wall, peak RSS ${fmt(one.maxRssKb / 1024, 0)} MB (load average ${one.load.toFixed(1)} at start)`,
  );
  console.log(
    `  --jobs 2: ${fmt(two.wallMs / 1000, 1)} s wall, peak RSS ${fmt(two.maxRssKb / 1024, 0)} MB = ${fmt(two.maxRssKb / 2 / 1024, 0)} MB per job (load average ${two.load.toFixed(1)} at start)`,
  );
  console.log(
    `  speed-up ${fmt(one.wallMs / two.wallMs)}×   target ≥ 1.7× on 2 free cores; same JSON: ${one.json === two.json ? 'yes' : 'NO'}; knee ${knee}; ${result.withinSlo.summary}`,
  );
  console.log(
    `  load average now ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}
