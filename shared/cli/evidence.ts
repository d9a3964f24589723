// `backpressure compare A.bpd B.bpd …` and `backpressure sweep FILE --param … …`: the CLI face of
// shared/analysis. Runs go through io.runTasks (the Node entry's worker pool) when --jobs > 1,
// else one after another in this thread; either way the answer is the same (task order is kept
// and every figure depends on design, seed and window only). Bad input: exit 2, no stack trace.
import { compareDesigns, type CompareResult } from '../analysis/compare';
import { compareTableRows, compareTierRows } from '../analysis/compareTable';
import type { Estimate } from '../analysis/confidence';
import { busiestNode, formatLoad } from '../analysis/knee';
import { AnalysisError, type TaskRunner } from '../analysis/runs';
import { runInProcess } from '../analysis/runTask';
import { hottestUtilizationByNode, runSweep, type SweepResult } from '../analysis/sweep';
import { DEFAULT_MAX_EVENTS } from '../engine/index';
import { formatCount, formatMs, formatNumber, formatPercent, formatRps, NO_DATA } from '../format';
import {
  DEFAULT_MAX_WALL_S,
  DURATION_CHECK,
  numberFlag,
  readDesign,
  reportFailure,
  runWindow,
  SEED_CHECK,
  SEED_WHAT,
  UsageError,
  type CliIo,
} from './arguments';
import { table } from './table';

export const EVIDENCE_COMMANDS: readonly string[] = ['compare', 'sweep'];

export const EVIDENCE_USAGE = `  backpressure compare A.bpd B.bpd [--duration S] [--seed N] [--seeds N] [--warmup S]
                       [--jobs N] [--json]
  backpressure sweep FILE --param NODE.PARAM --from X --to Y [--steps N] [--seeds N]
                     [--seed N] [--duration S] [--warmup S] [--jobs N] [--json]

  compare   run two designs at the same seeds (common random numbers) and print B − A:
            throughput, p50/p95/p99, errors by reason, lost writes, stale reads, cost
            (instances × workers) and per node; each design keeps its own scenario events
            --seeds N     replications at seeds N0, N0+1, … (default 1); from 2 on, each
                          difference has a 95% CI and "within noise" when it contains 0
            --seed N      the first seed (default: A's scenario.seed); --duration and
                          --warmup default to A's scenario
  sweep     run FILE with NODE.PARAM (e.g. users.rps, client.users, api.instances) at
            --steps evenly spaced values from X to Y (default 10), each at --seeds seeds,
            and print per point p50/p95/p99, throughput, errors and the busiest node, with
            95% CIs, then the capacity knee and the largest value within the SLO
  both      --jobs N      runs in parallel on N worker threads (default: the CPU count);
                          the result is the same for any N
            --json        one JSON object instead of tables
`;

interface EvidenceOptions {
  files: string[];
  durationS?: number;
  warmupS?: number;
  seed?: number;
  seeds: number;
  jobs?: number;
  json: boolean;
  param?: string;
  from?: number;
  to?: number;
  steps: number;
}

function parseEvidenceArguments(command: string, args: string[]): EvidenceOptions {
  const options: EvidenceOptions = { files: [], seeds: 1, json: false, steps: 10 };
  const sweep = command === 'sweep';
  const anyNumber = () => true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--duration')
      options.durationS = numberFlag(arg, args[++i], DURATION_CHECK, 'a positive number of seconds');
    else if (arg === '--warmup')
      options.warmupS = numberFlag(arg, args[++i], (n) => n >= 0, 'a number of seconds ≥ 0');
    else if (arg === '--seed') options.seed = numberFlag(arg, args[++i], SEED_CHECK, SEED_WHAT);
    else if (arg === '--seeds')
      options.seeds = numberFlag(
        arg,
        args[++i],
        (n) => Number.isInteger(n) && n >= 1 && n <= 1000,
        'a whole number from 1 to 1000',
      );
    else if (arg === '--jobs')
      options.jobs = numberFlag(
        arg,
        args[++i],
        (n) => Number.isInteger(n) && n >= 1 && n <= 256,
        'a whole number from 1 to 256',
      );
    else if (sweep && arg === '--param') {
      const value = args[++i];
      if (value === undefined || value.startsWith('--'))
        throw new UsageError('--param needs a value (NODE.PARAM, e.g. users.rps)');
      options.param = value;
    } else if (sweep && arg === '--from') options.from = numberFlag(arg, args[++i], anyNumber, 'a number');
    else if (sweep && arg === '--to') options.to = numberFlag(arg, args[++i], anyNumber, 'a number');
    else if (sweep && arg === '--steps')
      options.steps = numberFlag(
        arg,
        args[++i],
        (n) => Number.isInteger(n) && n >= 2 && n <= 1000,
        'a whole number from 2 to 1000',
      );
    else if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}" for ${command}`);
    else options.files.push(arg);
  }
  const wanted = sweep ? 1 : 2;
  if (options.files.length < wanted)
    throw new UsageError(sweep ? 'sweep needs a FILE' : 'compare needs two files, A.bpd and B.bpd');
  if (options.files.length > wanted)
    throw new UsageError(
      `unexpected argument "${options.files[wanted]}" (${sweep ? 'one FILE only' : 'two files only'})`,
    );
  if (sweep) {
    if (options.param === undefined) throw new UsageError('sweep needs --param NODE.PARAM (e.g. users.rps)');
    if (options.from === undefined) throw new UsageError('sweep needs --from X');
    if (options.to === undefined) throw new UsageError('sweep needs --to Y');
    if (options.from > options.to)
      throw new UsageError(`--from (${options.from}) must not be greater than --to (${options.to})`);
  }
  return options;
}

/** compare or sweep; the exit code (0, 2 bad input, 3 some run stopped at a limit, 1 a failure). */
export async function evidenceCommand(command: string, args: string[], io: CliIo): Promise<number> {
  const usage = `Usage:\n${EVIDENCE_USAGE}`;
  try {
    const options = parseEvidenceArguments(command, args);
    const jobs = options.jobs ?? io.parallelism ?? 1;
    const runner: TaskRunner = (tasks) =>
      jobs > 1 && io.runTasks ? io.runTasks(tasks, jobs) : runInProcess(tasks);
    const now = io.now ? () => io.now!() : () => Date.now();
    const started = now();
    const loaded = options.files.map((file) => readDesign(io, file));
    const warnings = loaded.flatMap((l, i) => l.warnings.map((w) => `${options.files[i]}: ${w}`));
    const first = loaded[0].design;
    const window = runWindow(first, options, warnings);
    const settings = {
      seeds: options.seeds,
      baseSeed: options.seed ?? first.scenario.seed,
      ...window,
      maxEvents: DEFAULT_MAX_EVENTS,
      maxWallMs: DEFAULT_MAX_WALL_S * 1000,
    };
    let truncated: number;
    if (command === 'compare') {
      const [a, b] = loaded.map((l) => l.design);
      if (JSON.stringify(a.scenario.events) !== JSON.stringify(b.scenario.events))
        warnings.push("the designs' scenario events differ; each runs its own");
      for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
      const result = await compareDesigns(a, b, settings, runner).catch(analysisInput);
      truncated = result.truncated.a + result.truncated.b;
      io.stdout(
        options.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : formatCompare(options.files, [a.meta.title, b.meta.title], result, jobs, now() - started),
      );
    } else {
      for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
      const spec = {
        ...settings,
        param: options.param!,
        from: options.from!,
        to: options.to!,
        steps: options.steps,
      };
      const result = await runSweep(first, spec, runner).catch(analysisInput);
      truncated = result.points.reduce((sum, p) => sum + p.truncated, 0);
      io.stdout(
        options.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : formatSweep(first.meta.title, result, jobs, now() - started),
      );
    }
    if (truncated > 0) {
      io.stderr(
        `warning: ${truncated} run(s) stopped at a limit (events, ${DEFAULT_MAX_WALL_S} s of wall time or memory); their totals are partial — lower the load or --duration\n`,
      );
      return 3;
    }
    return 0;
  } catch (error) {
    return reportFailure(io, error, usage);
  }
}

/** An AnalysisError (a bad parameter path, a value out of range, a design too big) is bad input. */
function analysisInput(error: unknown): never {
  if (error instanceof AnalysisError) throw new UsageError(error.message, false);
  throw error;
}

// ————————————————————————————— human-readable output —————————————————————————————

const seedRange = (seeds: number[]) =>
  seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds[0]}–${seeds[seeds.length - 1]}`;
const runsLine = (runs: number, jobs: number, wallMs: number) =>
  `${formatCount(runs)} runs in ${formatMs(wallMs)} on ${jobs} ${jobs === 1 ? 'job' : 'jobs'}`;
const plusMinus = (estimate: Estimate, format: (n: number) => string) =>
  estimate.halfWidth === null ? NO_DATA : `±${format(estimate.halfWidth)}`;

export function formatSweep(title: string, result: SweepResult, jobs: number, wallMs: number): string {
  const out: string[] = [];
  const { points } = result;
  out.push(
    `${title} — sweep of ${result.param} from ${formatLoad(points[0].value, result.unit)} to ${formatLoad(points[points.length - 1].value, result.unit)} in ${points.length} steps; ${result.durationS} s simulated each (warm-up ${result.warmupS} s), ${seedRange(result.seeds)}; ${runsLine(points.length * result.seeds.length, jobs, wallMs)}`,
  );
  out.push('');
  const rows = points.map((p) => {
    const busiest = busiestNode(hottestUtilizationByNode(p));
    return [
      formatNumber(p.value),
      formatRps(p.offeredRps.mean, 'compact'),
      formatRps(p.throughputRps.mean, 'compact'),
      formatPercent(p.errorRate.mean),
      formatMs(p.latencyMs.p50.mean, 'compact'),
      formatMs(p.latencyMs.p95.mean, 'compact'),
      formatMs(p.latencyMs.p99.mean, 'compact'),
      plusMinus(p.latencyMs.p99, (n) => formatMs(n, 'compact')),
      busiest ? busiest.id : NO_DATA,
      busiest ? formatPercent(busiest.utilization) : NO_DATA,
      `${p.withinSlo ? 'pass' : 'FAIL'}${p.truncated ? ' (truncated)' : ''}`,
    ];
  });
  out.push(
    table(
      [
        `${result.param} ${result.unit}`.trim(),
        'offered',
        'rps',
        'errors',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        '95% CI',
        'busiest',
        'util',
        'SLO',
      ],
      rows,
    ),
  );
  out.push('');
  const knee = result.knee;
  out.push(
    knee
      ? `Knee       ${formatLoad(knee.load, result.unit)} (${knee.reason === 'latency' ? 'p99 grows twice as fast as the load from here' : 'throughput falls below 95% of the offered load'})`
      : 'Knee       none in this range (p99 never grows twice as fast as the load; throughput keeps up)',
  );
  out.push(`SLO        ${result.withinSlo.summary}`);
  return `${out.join('\n')}\n`;
}

export function formatCompare(
  files: string[],
  titles: string[],
  result: CompareResult,
  jobs: number,
  wallMs: number,
): string {
  const out: string[] = [];
  out.push(
    `A ${titles[0]} (${files[0]}) vs B ${titles[1]} (${files[1]}) — ${result.durationS} s simulated each (warm-up ${result.warmupS} s), ${seedRange(result.seeds)}, the same for both; ${runsLine(result.seeds.length * 2, jobs, wallMs)}`,
  );
  out.push('');
  const rows = compareTableRows(result).map((row) => [
    row.indent ? `  ${row.label}` : row.label,
    row.a,
    row.b,
    row.difference,
    row.interval,
    row.change,
    row.noise,
  ]);
  out.push(table(['', 'A', 'B', 'B − A', '95% CI', 'change', 'noise'], rows));
  out.push('');
  const tierRows = compareTierRows(result).map((row) => [row.label, ...row.cells.flat()]);
  out.push(
    table(
      ['node', 'rps A', 'rps B', 'util A', 'util B', 'p99 A', 'p99 B', 'err A', 'err B', 'inst A', 'inst B'],
      tierRows,
    ),
  );
  if (result.onlyInA.length) out.push(`Only in A: ${result.onlyInA.join(', ')}`);
  if (result.onlyInB.length) out.push(`Only in B: ${result.onlyInB.join(', ')}`);
  if (result.seeds.length === 1)
    out.push(
      '',
      'One seed: no confidence intervals (pass --seeds 5 to see which differences are outside the noise).',
    );
  return `${out.join('\n')}\n`;
}
