// How the dock writes log entries (and, from shared/format.ts, numbers and times), so the charts'
// legends, the SLO badge, the event log and the Why panel all say the same thing the same way.
import type { LogEntry } from '../run/types';
import { formatCount, formatMs, formatPercent, formatSimTime } from '../../shared/format';

// Numbers and times are written by the one formatter (shared/format.ts), as on the cards and in the CLI.
export { formatCount, formatMs, formatPercent, formatRps, formatSimTime } from '../../shared/format';

/** Axis ticks on the charts' time axis, in whole seconds: "45s", "2:00". */
export const formatAxisSeconds = (seconds: number): string => formatSimTime(seconds * 1000, 'compact');

/** The node a log entry is about: its target's node id (`db-1:2` → `db-1`), or null for `slo`. */
export function logEntryNodeId(entry: LogEntry, nodeIds: ReadonlySet<string>): string | null {
  const candidates = [entry.target, typeof entry.by === 'string' ? entry.by : ''];
  for (const candidate of candidates) {
    if (!candidate) continue;
    if (nodeIds.has(candidate)) return candidate;
    const colon = candidate.lastIndexOf(':');
    if (colon > 0 && nodeIds.has(candidate.slice(0, colon))) return candidate.slice(0, colon);
  }
  return null;
}

export type LogTone = 'chaos' | 'failure' | 'recovery' | 'info';

export interface LogEntryView {
  /** Short verb for the marker and the log's first column: "Kill", "Promoted". */
  title: string;
  /** One line in the product's words: "Orders DB:1 promoted to leader of shard 0". */
  detail: string;
  tone: LogTone;
}

/**
 * Describes one event-log entry (CLI shape: { t, type, target, ...fields }) for people.
 * `labelOf` turns a node id or instance address into what the canvas shows ("API 1", "Orders DB:1").
 */
export function describeLogEntry(entry: LogEntry, labelOf: (target: string) => string): LogEntryView {
  const target = labelOf(entry.target);
  const num = (field: string): number | undefined =>
    typeof entry[field] === 'number' ? (entry[field] as number) : undefined;
  const by = typeof entry.by === 'string' ? labelOf(entry.by) : undefined;
  const ignored = typeof entry.ignored === 'string' ? ` (ignored: ${entry.ignored})` : '';
  switch (entry.type) {
    case 'kill':
      return { title: 'Kill', detail: `${target} killed${ignored}`, tone: 'chaos' };
    case 'hang':
      return { title: 'Hang', detail: `${target} hung (callers time out)${ignored}`, tone: 'chaos' };
    case 'restart':
      return { title: 'Restart', detail: `${target} restarted${ignored}`, tone: 'recovery' };
    case 'slow': {
      const factor = num('factor');
      // A timed slow-down ends with a `slow` back to ×1.
      if (factor === 1)
        return { title: 'Slow ends', detail: `${target} back to normal speed`, tone: 'recovery' };
      const span = num('durationS');
      return {
        title: 'Slow',
        detail: `${target} slowed${factor !== undefined ? ` ×${factor}` : ''}${span ? ` for ${span} s` : ''}${ignored}`,
        tone: 'chaos',
      };
    }
    case 'cut':
      return { title: 'Cut', detail: `${target} cut (partition)${ignored}`, tone: 'chaos' };
    case 'heal':
      return { title: 'Heal', detail: `${target} healed${ignored}`, tone: 'recovery' };
    case 'spike': {
      const factor = num('factor');
      // A timed spike ends with a `spike` back to ×1.
      if (factor === 1)
        return { title: 'Spike ends', detail: `Traffic at ${target} back to normal`, tone: 'recovery' };
      const span = num('durationS');
      return {
        title: 'Spike',
        detail: `Traffic spike at ${target}${factor !== undefined ? ` ×${factor}` : ''}${span ? ` for ${span} s` : ''}${ignored}`,
        tone: 'chaos',
      };
    }
    case 'flush':
      return { title: 'Flush', detail: `${target} flushed (cold cache)${ignored}`, tone: 'chaos' };
    case 'partition':
      return {
        title: 'Partition',
        detail: `${target} cut off from the rest of its shard${ignored}`,
        tone: 'chaos',
      };
    case 'stepDown': {
      const shard = num('shard');
      return {
        title: 'Step down',
        detail: `${target} stepped down as leader${shard !== undefined ? ` of shard ${shard}` : ''}: it cannot reach a majority (consistent)`,
        tone: 'failure',
      };
    }
    case 'splitBrain': {
      const shard = num('shard');
      const leaders =
        typeof entry.leaders === 'string'
          ? entry.leaders.split(' ').map(labelOf).join(' and ')
          : 'two copies';
      return {
        title: 'Split brain',
        detail: `${target}${shard !== undefined ? ` shard ${shard}` : ''} has two leaders: ${leaders} both accept writes`,
        tone: 'failure',
      };
    }
    case 'reconciled': {
      const conflicts = num('conflicts') ?? 0;
      const lost = num('lostUpdates') ?? 0;
      return {
        title: 'Reconciled',
        detail: `${target} merged its sides (last writer wins): ${formatCount(conflicts)} conflict${conflicts === 1 ? '' : 's'}, ${formatCount(lost)} lost update${lost === 1 ? '' : 's'}`,
        tone: lost > 0 ? 'failure' : 'recovery',
      };
    }
    case 'detected':
      return { title: 'Detected', detail: `${target} marked down${by ? ` by ${by}` : ''}`, tone: 'failure' };
    case 'recovered':
      return {
        title: 'Recovered',
        detail: `${target} healthy again${by ? ` (${by})` : ''}`,
        tone: 'recovery',
      };
    case 'promoted': {
      const shard = num('shard');
      return {
        title: 'Promoted',
        detail: `${target} promoted to leader${shard !== undefined ? ` of shard ${shard}` : ''}`,
        tone: 'recovery',
      };
    }
    case 'lostWrites': {
      const count = num('count') ?? 0;
      return {
        title: 'Lost writes',
        detail: `${formatCount(count)} acknowledged write${count === 1 ? '' : 's'} lost at ${target}`,
        tone: 'failure',
      };
    }
    case 'rebalance': {
      const moved = num('movedFraction');
      return {
        title: 'Rebalance',
        detail: `${target} rebalanced${moved !== undefined ? `: ${formatPercent(moved)} of keys moved` : ''}`,
        tone: 'info',
      };
    }
    case 'breakerOpen':
      return {
        title: 'Breaker open',
        detail: `${target} tripped its circuit breaker${typeof entry.edge === 'string' ? ` on ${labelOf(entry.edge)}` : ''}`,
        tone: 'failure',
      };
    case 'breakerClosed':
      return {
        title: 'Breaker closed',
        detail: `${target} closed its circuit breaker${typeof entry.edge === 'string' ? ` on ${labelOf(entry.edge)}` : ''}`,
        tone: 'recovery',
      };
    case 'sloBreach': {
      const p99 = num('p99Ms');
      const errors = num('errorRate');
      const parts = [
        p99 !== undefined ? `p99 ${formatMs(p99)}` : '',
        errors !== undefined ? `errors ${formatPercent(errors)}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return { title: 'SLO breach', detail: `SLO breached${parts ? ` (${parts})` : ''}`, tone: 'failure' };
    }
    case 'overload':
      return {
        title: 'Overload',
        detail: `Too many calls in flight at ${target}: new downstream calls are refused`,
        tone: 'failure',
      };
    case 'truncated': {
      const what =
        entry.reason === 'eventLimit'
          ? `its event limit (${formatCount(num('limit'))} events)`
          : entry.reason === 'wallClockLimit'
            ? `its wall-time limit (${formatMs(num('limit'))})`
            : 'the memory guard';
      return {
        title: 'Truncated',
        detail: `The run stopped at ${what}: the numbers are of the run so far`,
        tone: 'failure',
      };
    }
    default: {
      // Every log type has its wording: a new one without a case here does not compile.
      const unworded: never = entry.type;
      return { title: String(unworded), detail: `${String(unworded)} at ${target}`, tone: 'info' };
    }
  }
}
