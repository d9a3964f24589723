// The headless CLI: `backpressure run FILE [--duration S] [--seed N] [--warmup S] [--json]
// [--max-events N] [--max-wall S]` and `backpressure validate FILE`. IO is injected so tests can
// call it directly; exit code 2 means bad input (arguments, a file, a design too big to run), 3 a
// run stopped at a limit (its totals so far, marked truncated), 1 an unexpected failure, 0
// success. Never prints a stack trace.
import {
  createSimulation,
  DEFAULT_MAX_EVENTS,
  FAILURE_REASONS,
  runBudgetProblem,
  type CliJson,
  type TruncationReason,
} from '../engine/index';
import {
  formatCount,
  formatMs,
  formatNumber,
  formatPercent,
  formatRps,
  formatSimTime,
  NO_DATA,
} from '../format';
import { loadDesignFile } from './loadDesign';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The file's text; throws with a `code` (ENOENT, EISDIR…) when it cannot be read. */
  readFile(path: string): string;
  /** Wall clock in ms for the run's wall-time limit (performance.now); default Date.now. */
  now?(): number;
}

/** Wall time a CLI run may take before it stops and prints what it has (`--max-wall`). */
export const DEFAULT_MAX_WALL_S = 120;
/** Exit code of a run that stopped at a limit: its totals are printed, but they are partial. */
export const EXIT_TRUNCATED = 3;

/** What lets a truncated run go further, by the limit it stopped at. */
const GO_FURTHER: Record<TruncationReason, string> = {
  eventLimit: 'raise --max-events to go further',
  wallClockLimit: 'raise --max-wall to go further',
  memoryLimit: 'the memory guard is fixed: lower the load or the timeouts that keep requests waiting',
};

const USAGE = `Usage:
  backpressure run FILE [--duration S] [--seed N] [--warmup S] [--json]
                       [--max-events N] [--max-wall S]
  backpressure validate FILE

  run       simulate a design (.bpd) without a window and print the run totals
            --duration S  simulated seconds (default: the file's scenario.durationS)
            --seed N      random seed, a whole number (default: the file's scenario.seed)
            --warmup S    seconds excluded from the totals (default: the file's scenario.warmupS)
            --json        print one JSON object instead of tables
            --max-events N  events the run may process (default 100,000,000); a design
                          estimated above it is refused, a run that reaches it stops
            --max-wall S  wall seconds the run may take (default 120); then it stops
            A run that stops at a limit prints its totals so far, marked truncated (exit 3).
  validate  check a design file and report problems with their JSON paths
`;

class UsageError extends Error {
  constructor(
    message: string,
    /** Argument mistakes also print the usage; file problems do not. */
    readonly showUsage = true,
  ) {
    super(message);
  }
}

interface RunOptions {
  file: string;
  durationS?: number;
  seed?: number;
  warmupS?: number;
  maxEvents?: number;
  maxWallS?: number;
  json: boolean;
}

function parseArguments(args: string[]): { command: 'run' | 'validate' | 'help'; options: RunOptions } {
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === '-h' || command === 'help')
    return { command: 'help', options: { file: '', json: false } };
  if (command !== 'run' && command !== 'validate')
    throw new UsageError(`unknown command "${command}" (use run or validate)`);
  const options: RunOptions = { file: '', json: false };
  const number = (flag: string, value: string | undefined, check: (n: number) => boolean, what: string) => {
    if (value === undefined) throw new UsageError(`${flag} needs a value (${what})`);
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || !check(parsed))
      throw new UsageError(`${flag} must be ${what} (got "${value}")`);
    return parsed;
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (command === 'run' && arg === '--json') options.json = true;
    else if (command === 'run' && arg === '--duration')
      options.durationS = number(
        arg,
        rest[++i],
        (n) => n > 0 && n <= 31_536_000,
        'a positive number of seconds',
      );
    else if (command === 'run' && arg === '--max-events')
      options.maxEvents = number(
        arg,
        rest[++i],
        (n) => Number.isInteger(n) && n >= 1,
        'a whole number of events ≥ 1',
      );
    else if (command === 'run' && arg === '--max-wall')
      options.maxWallS = number(arg, rest[++i], (n) => n > 0, 'a positive number of seconds');
    else if (command === 'run' && arg === '--warmup')
      options.warmupS = number(arg, rest[++i], (n) => n >= 0, 'a number of seconds ≥ 0');
    else if (command === 'run' && arg === '--seed')
      options.seed = number(
        arg,
        rest[++i],
        (n) => Number.isInteger(n) && n >= 0 && n <= 4_294_967_295,
        'a whole number from 0 to 4294967295',
      );
    else if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}" for ${command}`);
    else if (!options.file) options.file = arg;
    else throw new UsageError(`unexpected argument "${arg}" (one FILE only)`);
  }
  if (!options.file) throw new UsageError(`${command} needs a FILE`);
  return { command, options };
}

function readDesign(io: CliIo, file: string) {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}`, false);
  }
  const loaded = loadDesignFile(text);
  if (!loaded.ok)
    throw new UsageError(
      `${file} is not a valid design:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  return loaded;
}

export function main(args: string[], io: CliIo): number {
  try {
    const { command, options } = parseArguments(args);
    if (command === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    const { design, warnings } = readDesign(io, options.file);
    if (command === 'validate') {
      io.stdout(
        `${options.file}: valid design "${design.meta.title}" (${design.nodes.length} nodes, ${design.edges.length} edges, ${design.scenario.events.length} scenario events)\n`,
      );
      for (const warning of warnings) io.stdout(`  warning: ${warning}\n`);
      return 0;
    }
    const durationS = options.durationS ?? design.scenario.durationS;
    let warmupS = options.warmupS ?? design.scenario.warmupS;
    if (warmupS >= durationS) {
      if (options.warmupS !== undefined)
        throw new UsageError(`the warm-up (${warmupS} s) must be shorter than the run (${durationS} s)`);
      warmupS = durationS / 10;
      warnings.push(
        `the file's warm-up (${design.scenario.warmupS} s) does not fit in ${durationS} s; using ${warmupS} s`,
      );
    }
    for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
    const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    const tooBig = runBudgetProblem(design, { durationS, maxEvents });
    if (tooBig)
      throw new UsageError(`${options.file} is too big to run: ${tooBig}, or pass --max-events N`, false);
    const sim = createSimulation(design, {
      durationS,
      warmupS,
      seed: options.seed,
      maxEvents,
      maxWallMs: (options.maxWallS ?? DEFAULT_MAX_WALL_S) * 1000,
      now: io.now ? () => io.now!() : undefined,
    });
    sim.run();
    const result = sim.results();
    io.stdout(
      options.json ? `${JSON.stringify(result, null, 2)}\n` : formatTables(design.meta.title, result),
    );
    if (result.truncated) {
      io.stderr(
        `warning: the run was truncated: ${result.truncated.message}; the totals are of the run so far (${GO_FURTHER[result.truncated.reason]})\n`,
      );
      return EXIT_TRUNCATED;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`backpressure: ${error.message}\n`);
      if (
        /needs|unknown command|unknown option|unexpected argument|must be/.test(error.message) &&
        !error.message.includes('valid design')
      )
        io.stderr(`\n${USAGE}`);
      return 2;
    }
    io.stderr(
      `backpressure: the simulation failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}

// ————————————————————————————— human-readable output —————————————————————————————

/** "—" for no data (a latency of nothing is null, not 0). */
function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatTables(title: string, result: CliJson): string {
  // Numbers as the app writes them (shared/format.ts): the same p99 reads the same in both.
  const g = result.global;
  const out: string[] = [];
  const measured = formatSimTime(result.simTimeMs);
  out.push(
    `${title} — ${measured} simulated, seed ${result.seed}, ${formatCount(result.events)} events in ${formatMs(result.wallMs)}`,
  );
  if (result.truncated)
    out.push(`TRUNCATED  ${result.truncated.message}: the totals below are of the run so far (${measured})`);
  out.push('');
  out.push(
    `Requests   ${formatCount(g.requests)} sent, ${formatCount(g.completed)} completed, ${formatCount(g.failed)} failed, ${formatCount(g.inFlight)} in flight`,
  );
  out.push(`Throughput ${formatRps(g.throughputRps)}   error rate ${formatPercent(g.errorRate)}`);
  const l = g.latencyMs;
  out.push(
    `Latency    mean ${formatMs(l.mean)}   p50 ${formatMs(l.p50)}   p95 ${formatMs(l.p95)}   p99 ${formatMs(l.p99)}   max ${formatMs(l.max)}${l.mean === null ? '   (no completed requests)' : ''}`,
  );
  const errors = FAILURE_REASONS.filter((r) => g.errors[r] > 0).map(
    (r) => `${r} ${formatCount(g.errors[r])}`,
  );
  if (errors.length) out.push(`Errors     ${errors.join(', ')}`);
  if (g.lostWrites || g.staleReads)
    out.push(`Data       ${formatCount(g.lostWrites)} lost writes, ${formatCount(g.staleReads)} stale reads`);
  if (g.slo)
    out.push(
      `SLO        ${g.slo.pass ? 'PASS' : `FAIL: ${g.slo.failing.join(', ')}`} (p99 ≤ ${formatMs(g.slo.p99Ms)}, ≥ ${formatRps(g.slo.minThroughputRps)}, errors ≤ ${formatPercent(g.slo.maxErrorRate)})`,
    );
  out.push('');
  // The column headers carry the units, so the cells are the compact forms.
  const rows = Object.entries(result.nodes).map(([id, n]) => [
    id,
    n.kind,
    formatCount(n.arrivals),
    formatCount(n.completed),
    formatCount(n.failed),
    formatRps(n.throughputRps, 'compact'),
    // A node that does no work of its own (a client) has no utilisation to show.
    n.utilization > 0 ? formatPercent(n.utilization) : NO_DATA,
    formatNumber(n.meanQueueDepth),
    formatCount(n.maxQueueDepth),
    formatMs(n.meanWaitMs, 'compact'),
    formatMs(n.meanResponseMs, 'compact'),
    formatMs(n.latencyMs.p99, 'compact'),
  ]);
  out.push(
    table(
      [
        'node',
        'kind',
        'arrivals',
        'completed',
        'failed',
        'rps',
        'util',
        'queue',
        'max q',
        'wait ms',
        'resp ms',
        'p99 ms',
      ],
      rows,
    ),
  );
  const extras: string[] = [];
  for (const [id, n] of Object.entries(result.nodes)) {
    if (n.cache)
      extras.push(
        `${id}: cache hit rate ${formatPercent(n.cache.hitRate)} (${formatCount(n.cache.hits)} hits, ${formatCount(n.cache.misses)} misses, ${formatCount(n.cache.staleReads)} stale)`,
      );
    if (n.queue)
      extras.push(
        `${id}: queue depth mean ${formatNumber(n.queue.depthMean)} max ${formatCount(n.queue.depthMax)}, oldest ${formatMs(n.queue.oldestAgeMsMax)}, ${formatCount(n.queue.duplicates)} duplicates, ${formatCount(n.queue.lost)} lost, ${formatCount(n.queue.deadLettered)} dead-lettered`,
      );
    if (n.db)
      extras.push(
        `${id}: ${formatCount(n.db.failovers)} failovers, ${formatCount(n.db.lostWrites)} lost writes, ${formatCount(n.db.staleReads)} stale reads, replication lag ${formatMs(n.db.replicationLagMsMean)}`,
      );
  }
  if (extras.length) out.push('', ...extras);
  if (result.log.length) {
    out.push('', 'Event log:');
    const shown = result.log.slice(0, 40);
    for (const entry of shown) {
      const { t, type, target, ...fields } = entry;
      const detail = Object.entries(fields)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      out.push(
        `  ${(t / 1000).toFixed(3).padStart(9)} s  ${type.padEnd(13)} ${target}${detail ? `  ${detail}` : ''}`,
      );
    }
    if (result.log.length > shown.length)
      out.push(`  … ${result.log.length - shown.length} more (use --json for all)`);
  }
  return `${out.join('\n')}\n`;
}
