// Engine cost in instructions, not time: `node scripts/bench-instructions.mjs [--against <git ref>]
// [-- --scale 0.1]`. On a shared 2-core machine CPU time swings by ±50% between runs of the same
// code in one process (the lean loop too), so an A/B of a 5% change by time needs dozens of
// rounds; counted instructions repeat within ±1%. Each case runs under valgrind (cachegrind
// without its cache model: it only counts instructions, about 100× slower than native) in
// `node --single-threaded` (no concurrent compiler threads), once with two runs and once with
// three runs of the case in the same process: the difference is one warm run (start-up and the
// first runs' compilations and re-optimisations cancel out; counted from one run to two, a second
// run's ~50 deopts and recompilations add ~60% at scale 0.1). Cases: the M/M/1 of `npm run bench`
// (ρ = 0.8) and the six-tier reference at 10,000 req/s, both scaled (default 0.1: 100,000
// customers, 6 simulated s), and the lean loop (leanMm1.mjs) on the same M/M/1 with 5 M customers
// (its own compilation, redone on every call, would otherwise be a third of a short run) as the
// yardstick. Printed per case:
// instructions per event (and per M/M/1 customer), and lean ÷ ours per event — the
// instruction-count form of `npm run bench`'s "within 2.5× of the lean loop" target.
import { build } from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const argValue = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const againstRef = argValue('--against', null);
const scale = Number(argValue('--scale', '0.1'));
try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('bench:instructions needs valgrind (apt-get install valgrind).');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'backpressure-instructions-'));
const bundle = async (entry, outfile) => {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'neutral',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
};
const builds = [['this build', await bundle('shared/engine/index.ts', join(dir, 'engine.mjs'))]];
if (againstRef) {
  const oldDir = join(dir, 'old');
  execFileSync('mkdir', ['-p', oldDir]);
  execFileSync('sh', [
    '-c',
    `git archive ${JSON.stringify(againstRef)} shared tsconfig.json | tar -x -C ${JSON.stringify(oldDir)}`,
  ]);
  builds.push([
    againstRef,
    await bundle(join(oldDir, 'shared/engine/index.ts'), join(dir, 'engine-old.mjs')),
  ]);
}

// The child: `node child.mjs <engine bundle> <case> <runs>` prints the events of one run.
const child = join(dir, 'child.mjs');
writeFileSync(
  child,
  `import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { leanMm1 } from ${JSON.stringify(pathToFileURL(resolve('scripts/leanMm1.mjs')).href)};
const [bundlePath, which, runs] = process.argv.slice(2);
const scale = ${scale};
const engine = which === 'lean' ? null : await import(pathToFileURL(bundlePath).href);
const template = (name) => JSON.parse(readFileSync(${JSON.stringify(resolve('assets/templates'))} + '/' + name + '.bpd', 'utf8'));
let out = null;
for (let i = 0; i < Number(runs); i++) {
  if (which === 'lean') {
    const r = leanMm1(5_000_000, 0.08, 10);
    out = { events: r.events, units: r.customers };
  } else if (which === 'mm1') {
    const sim = engine.createSimulation(template('mm1'), { durationS: 12_500 * scale, warmupS: 0, seed: 1 });
    sim.run();
    out = { events: sim.eventsProcessed, units: sim.results().nodes.server.completed };
  } else {
    const sim = engine.createSimulation(template('six-tier-reference'), { durationS: 60 * scale });
    sim.run();
    // Requests after warm-up are not the run's requests: per event only.
    out = { events: sim.eventsProcessed, units: null };
  }
}
console.log(JSON.stringify(out));
`,
);

/** Instructions of `node child.mjs bundle which runs` under valgrind, and the child's output. */
function counted(bundlePath, which, runs) {
  return new Promise((done, fail) => {
    const run = spawn('valgrind', [
      '--tool=cachegrind',
      '--cache-sim=no',
      '--smc-check=all-non-file',
      '--cachegrind-out-file=/dev/null',
      process.execPath,
      '--single-threaded',
      child,
      bundlePath,
      which,
      String(runs),
    ]);
    let stdout = '';
    let stderr = '';
    run.stdout.on('data', (chunk) => (stdout += chunk));
    run.stderr.on('data', (chunk) => (stderr += chunk));
    run.on('close', (code) => {
      const refs = /I\s+refs:\s+([\d,]+)/.exec(stderr);
      if (code !== 0 || !refs) fail(new Error(`valgrind ${which} failed (${code}): ${stderr.slice(-500)}`));
      else done({ instructions: Number(refs[1].replaceAll(',', '')), ...JSON.parse(stdout) });
    });
  });
}

/** One warm run's instructions: three runs minus two (both child processes at once: 2 cores). */
async function warmRun(bundlePath, which) {
  const [two, three] = await Promise.all([counted(bundlePath, which, 2), counted(bundlePath, which, 3)]);
  return { ...three, instructions: three.instructions - two.instructions };
}

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(
  `Engine instructions per warm run (valgrind, node ${process.version} --single-threaded), scale ${scale}: M/M/1 ${fmt(1_000_000 * scale)} customers, six-tier ${fmt(60 * scale, 1)} s`,
);
const lean = await warmRun(builds[0][1], 'lean');
const leanPerEvent = lean.instructions / lean.events;
console.log(
  `  lean loop       ${fmt(leanPerEvent, 1).padStart(8)} instructions/event (${fmt(lean.events)} events)`,
);
for (const [name, bundlePath] of builds)
  for (const which of ['mm1', 'six']) {
    const r = await warmRun(bundlePath, which);
    const perEvent = r.instructions / r.events;
    console.log(
      `  ${(which === 'mm1' ? 'M/M/1' : 'six-tier').padEnd(8)} ${name.padEnd(12)} ${fmt(perEvent, 1).padStart(8)} instructions/event${r.units ? `, ${fmt(r.instructions / r.units)} per customer` : ''} (${fmt(r.events)} events) → lean ÷ ours ${fmt(perEvent / leanPerEvent, 2)}× per event`,
    );
  }
