// Engine benchmark (never a timed unit test). Bundles shared/engine with esbuild into a temp
// file and measures, on this machine:
//   1. M/M/1 at ρ = 0.8, 1,000,000 customers, full engine with metrics — customers per wall second,
//      against the same model in npm `simjs` run in the same process (ratio printed);
//   2. the six-tier reference design at 10,000 req/s for 60 simulated seconds — wall time;
//   3. peak memory (maxRSS) of 60 s vs 300 s simulated runs, each in its own child process.
// Usage: npm run bench  [-- --quick]   (numbers go to docs/PERFORMANCE.md by hand)
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const quick = process.argv.includes('--quick');
const repeats = quick ? 1 : 3;
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
const template = (name) => JSON.parse(readFileSync(`assets/templates/${name}.bpd`, 'utf8'));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

console.log(
  `Backpressure engine benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
);

// ——— 1. M/M/1, ρ = 0.8, 1e6 customers ———
const CUSTOMERS = 1_000_000;
const LAMBDA_RPS = 80;
const SERVICE_MS = 10;
const durationS = CUSTOMERS / LAMBDA_RPS;
const mm1 = template('mm1'); // client (Poisson 80/s) → one exponential server of 10 ms, latency 0
function runBackpressureMm1() {
  const sim = engine.createSimulation(mm1, { durationS, warmupS: 0, seed: 1 });
  const started = performance.now();
  sim.run();
  const wallMs = performance.now() - started;
  const result = sim.results();
  return {
    wallMs,
    customers: result.nodes.server.completed,
    events: result.events,
    meanWaitMs: result.nodes.server.meanWaitMs,
  };
}

// simjs ships a browser bundle that only publishes `window.Sim`.
const require = createRequire(import.meta.url);
globalThis.window = globalThis;
require('simjs');
const { Sim, Entity, Facility, Random } = globalThis.window.Sim;
delete globalThis.window;
function runSimjsMm1() {
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
  const started = performance.now();
  sim.simulate(durationS * 1000);
  return { wallMs: performance.now() - started, customers };
}

const ours = [];
const theirs = [];
for (let i = 0; i < repeats; i++) {
  ours.push(runBackpressureMm1());
  theirs.push(runSimjsMm1());
}
const ourRate = (r) => r.customers / (r.wallMs / 1000);
const oursBest = Math.max(...ours.map(ourRate));
const oursMedian = median(ours.map(ourRate));
const theirsBest = Math.max(...theirs.map(ourRate));
const theirsMedian = median(theirs.map(ourRate));
console.log(
  `\nM/M/1 ρ=0.8, ${fmt(ours[0].customers, 0)} customers (${fmt(ours[0].events, 0)} events), mean wait ${fmt(ours[0].meanWaitMs)} ms (theory 40)`,
);
console.log(
  `  backpressure  ${fmt(oursBest / 1e6)} M customers/s best, ${fmt(oursMedian / 1e6)} median  (target ≥ 2.5)`,
);
console.log(
  `  simjs 2.0.3   ${fmt(theirsBest / 1e6)} M customers/s best, ${fmt(theirsMedian / 1e6)} median  (${fmt(theirs[0].customers, 0)} customers)`,
);
console.log(
  `  ratio         ${fmt(oursBest / theirsBest)}× best, ${fmt(oursMedian / theirsMedian)}× median  (target ≥ 2)`,
);

// ——— 2. six-tier reference at 10,000 req/s for 60 s ———
const sixTier = template('six-tier-reference');
const sixRuns = [];
for (let i = 0; i < repeats; i++) {
  const sim = engine.createSimulation(sixTier, { durationS: 60 });
  const started = performance.now();
  sim.run();
  const wallMs = performance.now() - started;
  const result = sim.results();
  sixRuns.push({
    wallMs,
    events: result.events,
    requests: result.global.requests,
    p99: result.global.latencyMs.p99,
  });
}
const sixBest = Math.min(...sixRuns.map((r) => r.wallMs));
console.log(
  `\nSix-tier reference, 10,000 req/s × 60 s (${fmt(sixRuns[0].requests, 0)} requests after warm-up, ${fmt(sixRuns[0].events, 0)} events, p99 ${fmt(sixRuns[0].p99)} ms)`,
);
console.log(
  `  wall ${fmt(sixBest, 0)} ms best, ${fmt(median(sixRuns.map((r) => r.wallMs)), 0)} ms median  (target ≤ 2000)`,
);

// ——— 3. peak memory: 60 s vs 300 s in child processes ———
const child = join(dir, 'memory.mjs');
writeFileSync(
  child,
  `import { createSimulation } from ${JSON.stringify(pathToFileURL(bundle).href)};
import { readFileSync } from 'node:fs';
const design = JSON.parse(readFileSync('assets/templates/six-tier-reference.bpd', 'utf8'));
const sim = createSimulation(design, { durationS: Number(process.argv[2]) });
sim.run();
const r = sim.results();
console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, events: r.events, log: r.log.length }));
`,
);
const peak = (seconds) =>
  JSON.parse(execFileSync(process.execPath, [child, String(seconds)], { encoding: 'utf8' }));
const short = peak(60);
const long = peak(quick ? 120 : 300);
const growth = long.maxRssKb / short.maxRssKb - 1;
console.log(
  `\nPeak RSS, six-tier: ${fmt(short.maxRssKb / 1024, 1)} MB at 60 s vs ${fmt(long.maxRssKb / 1024, 1)} MB at ${quick ? 120 : 300} s → ${fmt(growth * 100, 1)}% (target < 20%)`,
);

const pass = oursBest >= 2.5e6 && oursBest / theirsBest >= 2 && sixBest <= 2000 && Math.abs(growth) < 0.2;
console.log(
  `\n${pass ? 'all targets met' : 'some targets missed'} (best of ${repeats}; the machine is shared, so medians vary with load)`,
);
