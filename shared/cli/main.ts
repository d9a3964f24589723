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
  formatMbps,
  formatMs,
  formatNumber,
  formatPercent,
  formatRps,
  formatSimTime,
  NO_DATA,
} from '../format';
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
import { evidenceCommand, EVIDENCE_COMMANDS, EVIDENCE_USAGE } from './evidence';
import { labCommand, LAB_USAGE } from './lab';

export type { CliIo } from './arguments';
export { DEFAULT_MAX_WALL_S } from './arguments';

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
${EVIDENCE_USAGE}
${LAB_USAGE}`;

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
    throw new UsageError(`unknown command "${command}" (use run, validate, compare, sweep or lab)`);
  const options: RunOptions = { file: '', json: false };
  const number = numberFlag;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (command === 'run' && arg === '--json') options.json = true;
    else if (command === 'run' && arg === '--duration')
      options.durationS = number(arg, rest[++i], DURATION_CHECK, 'a positive number of seconds');
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
      options.seed = number(arg, rest[++i], SEED_CHECK, SEED_WHAT);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}" for ${command}`);
    else if (!options.file) options.file = arg;
    else throw new UsageError(`unexpected argument "${arg}" (one FILE only)`);
  }
  if (!options.file) throw new UsageError(`${command} needs a FILE`);
  return { command, options };
}

/**
 * Runs one command and returns its exit code: at once for run and validate, as a promise for
 * compare and sweep (they may run on worker threads).
 */
export function main(args: string[], io: CliIo): number | Promise<number> {
  if (EVIDENCE_COMMANDS.includes(args[0])) return evidenceCommand(args[0], args.slice(1), io);
  if (args[0] === 'lab') return labCommand(args.slice(1), io);
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
    const { durationS, warmupS } = runWindow(design, options, warnings);
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
    return reportFailure(io, error, USAGE);
  }
}

// ————————————————————————————— human-readable output —————————————————————————————

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
    if (n.auth) {
      const failed = FAILURE_REASONS.filter((r) => n.auth!.failures[r] > 0).map(
        (r) => `${r} ${formatCount(n.auth!.failures[r])}`,
      );
      extras.push(
        `${id}: auth ${n.auth.mode}, ${formatCount(n.auth.checks)} checked${n.auth.mode === 'jwt' ? '' : `, auth hit rate ${formatPercent(n.auth.hitRate)} (${formatCount(n.auth.cacheHits)} cached, ${formatCount(n.auth.lookups)} lookups), ${formatCount(n.auth.failed)} failed lookups${failed.length ? ` (${failed.join(', ')})` : ''}, ${formatCount(n.auth.passedOpen)} let through unchecked`}`,
      );
    }
    if (n.tls)
      extras.push(
        `${id}: TLS ${formatCount(n.tls.handshakes)} handshakes of ${formatCount(n.tls.requests)} requests (${formatPercent(n.tls.handshakeRate)} new connections)`,
      );
    if (n.db)
      extras.push(
        `${id}: ${formatCount(n.db.failovers)} failovers, ${formatCount(n.db.lostWrites)} lost writes, ${formatCount(n.db.staleReads)} stale reads, replication lag ${formatMs(n.db.replicationLagMsMean)}` +
          (n.db.conflicts !== undefined
            ? `, partitioned: ${formatCount(n.db.conflicts)} conflicts, ${formatCount(n.db.lostUpdates ?? 0)} lost updates`
            : ''),
      );
  }
  if (extras.length) out.push('', ...extras);
  if (result.edges) {
    // Links (present when the design moves payloads): each direction's load and wait.
    const way = (link: { utilization: number; meanMbps: number; meanWaitMs: number }, bounded: boolean) =>
      bounded
        ? `${formatPercent(link.utilization)} ${formatMbps(link.meanMbps, 'compact')} ${formatMs(link.meanWaitMs, 'compact')}`
        : `${formatMbps(link.meanMbps, 'compact')}`;
    const edgeRows = Object.entries(result.edges).map(([id, e]) => [
      id,
      e.protocol,
      e.bandwidthMbps === null ? NO_DATA : formatMbps(e.bandwidthMbps, 'compact'),
      formatCount(e.calls),
      way(e.forward, e.bandwidthMbps !== null),
      way(e.back, e.bandwidthMbps !== null),
    ]);
    out.push(
      '',
      table(
        ['edge', 'protocol', 'Mbit/s', 'calls', '→ util Mbit/s wait ms', '← util Mbit/s wait ms'],
        edgeRows,
      ),
    );
  }
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
