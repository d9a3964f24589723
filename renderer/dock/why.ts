// The "Why" panel's reading of the engine's explanation (runClient.explain → the engine's
// NodeExplanation rows): per hop, where the slowest 1% of requests spend their time (waiting in
// the queue, in service, waiting on downstream calls), one sentence naming the biggest share, and
// where failures started. Pure: the numbers come from the model, this only arranges and words them.
import { FAILURE_REASONS, type FailureReason } from '../run/types';
import { formatCount, formatMs, formatPercent, formatSimTime } from './format';

/** The fields of the engine's NodeExplanation the panel reads (shared/engine/results.ts). */
export interface ExplanationRow {
  nodeId: string;
  kind: string;
  tailRequests: number;
  tailMeanWaitMs: number;
  tailMeanServiceMs: number;
  tailMeanDownstreamMs: number;
  failuresOriginated: Record<FailureReason, number>;
  firstFailureMs: number | null;
}

export interface WhyHop {
  nodeId: string;
  label: string;
  waitMs: number;
  serviceMs: number;
  downstreamMs: number;
  totalMs: number;
  /** Bar length relative to the longest hop (0..1). */
  scale: number;
}

export interface WhyFailureSource {
  nodeId: string;
  label: string;
  firstFailureMs: number | null;
  total: number;
  /** "1,204 unavailable, 31 timeout" */
  reasons: string;
}

export interface WhyView {
  hops: WhyHop[];
  /** "The slowest 1% of requests spend 82% of their time waiting in Service 1's queue." */
  latencySentence: string;
  failures: WhyFailureSource[];
  failureSentence: string;
}

/** Nodes whose own time is only a relay of downstream time (a client's is the whole request). */
const hopTotal = (row: ExplanationRow) =>
  row.tailMeanWaitMs + row.tailMeanServiceMs + row.tailMeanDownstreamMs;

export function whyView(
  rows: readonly ExplanationRow[],
  labelOf: (nodeId: string) => string,
  focusNodeId: string | null,
): WhyView {
  const measured = rows.filter((row) => row.tailRequests > 0 && hopTotal(row) > 0);
  // Outermost hop first: a hop's tail time includes everything below it, so longest = nearest the client.
  const ordered = [...measured].sort((a, b) => hopTotal(b) - hopTotal(a));
  const longest = ordered.length > 0 ? hopTotal(ordered[0]) : 0;
  const hops: WhyHop[] = ordered.map((row) => ({
    nodeId: row.nodeId,
    label: labelOf(row.nodeId),
    waitMs: row.tailMeanWaitMs,
    serviceMs: row.tailMeanServiceMs,
    downstreamMs: row.tailMeanDownstreamMs,
    totalMs: hopTotal(row),
    scale: longest > 0 ? hopTotal(row) / longest : 0,
  }));

  let latencySentence: string;
  if (hops.length === 0) {
    latencySentence = focusNodeId
      ? `No request has finished at ${labelOf(focusNodeId)} after warm-up yet.`
      : 'No request has finished after warm-up yet.';
  } else if (focusNodeId) {
    const hop = hops[0];
    latencySentence =
      `At ${hop.label}, the slowest 1% of requests take ${formatMs(hop.totalMs)}: ` +
      `${formatPercent(hop.waitMs / hop.totalMs)} waiting in its queue, ` +
      `${formatPercent(hop.serviceMs / hop.totalMs)} in service, ` +
      `${formatPercent(hop.downstreamMs / hop.totalMs)} waiting on downstream calls.`;
  } else {
    // The biggest own share (queueing or service) anywhere, as a share of the outermost hop's tail time.
    let best = { hop: hops[0], part: 'wait' as 'wait' | 'service', ms: -1 };
    for (const hop of hops) {
      if (hop.waitMs > best.ms) best = { hop, part: 'wait', ms: hop.waitMs };
      if (hop.serviceMs > best.ms) best = { hop, part: 'service', ms: hop.serviceMs };
    }
    const share = formatPercent(Math.min(1, best.ms / longest));
    latencySentence =
      best.part === 'wait'
        ? `The slowest 1% of requests spend ${share} of their time waiting in ${best.hop.label}'s queue.`
        : `The slowest 1% of requests spend ${share} of their time being served at ${best.hop.label}.`;
  }

  const failures: WhyFailureSource[] = rows
    .map((row) => {
      const counts = FAILURE_REASONS.map(
        (reason) => [reason, row.failuresOriginated[reason] ?? 0] as const,
      ).filter(([, count]) => count > 0);
      return {
        nodeId: row.nodeId,
        label: labelOf(row.nodeId),
        firstFailureMs: row.firstFailureMs,
        total: counts.reduce((sum, [, count]) => sum + count, 0),
        reasons: [...counts]
          .sort((a, b) => b[1] - a[1])
          .map(([reason, count]) => `${formatCount(count)} ${reason}`)
          .join(', '),
      };
    })
    .filter((source) => source.total > 0)
    .sort((a, b) => (a.firstFailureMs ?? Infinity) - (b.firstFailureMs ?? Infinity) || b.total - a.total);

  const first = failures[0];
  const failureSentence = first
    ? `Failures started at ${first.label}${first.firstFailureMs !== null ? ` at ${formatSimTime(first.firstFailureMs)}` : ''}: ${first.reasons}.`
    : focusNodeId
      ? `No failure started at ${labelOf(focusNodeId)} after warm-up.`
      : 'No request has failed after warm-up.';

  return { hops, latencySentence, failures, failureSentence };
}
