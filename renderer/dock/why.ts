// The "Why" panel's reading of the engine's `explainSlowest` (runClient.explainSlowest): for the
// slowest 1% of end-to-end requests (all of them, or those through the selected node), where the
// time goes hop by hop — queueing, service, network — one sentence naming the biggest single cost,
// and where failures started. Pure: the numbers come from the model, this only arranges and words them.
import type { SlowestRequests } from '../run/types';
import { formatCount, formatMs, formatPercent, formatSimTime } from './format';
import { meanConfidence } from '../../shared/analysis/confidence';

export type WhyPart = 'queueing' | 'service' | 'network';

export interface WhyHop {
  nodeId: string;
  label: string;
  queueingMs: number;
  serviceMs: number;
  networkMs: number;
  totalMs: number;
  /** Calls to this node per tail request (retries and fan-out make it more than 1). */
  visits: number;
  /** Bar length as a share of the mean end-to-end time (0..1). */
  share: number;
}

export interface WhyFailureSource {
  nodeId: string;
  label: string;
  firstAtMs: number;
  total: number;
  /** "1,204 unavailable, 31 timeout" */
  reasons: string;
}

export interface WhyView {
  /** "412 requests so far · end-to-end p99 of the run so far 180 ms" */
  sampleText: string;
  hops: WhyHop[];
  /** The biggest single cost, or null when nothing has finished yet. */
  dominant: { nodeId: string; part: WhyPart; share: number } | null;
  /** "The slowest 1% take 310 ms end to end: 78% of it is waiting in Orders DB's queue." */
  latencySentence: string;
  failures: WhyFailureSource[];
  failureSentence: string;
}

const PART_WORDS: Record<WhyPart, (label: string) => string> = {
  queueing: (label) => `waiting in ${label}'s queue`,
  service: (label) => `being served at ${label}`,
  network: (label) => `on the network to and from ${label}`,
};

export function whyView(explanation: SlowestRequests, labelOf: (nodeId: string) => string): WhyView {
  const { nodeId: focus, sampleCount, thresholdMs, meanEndToEndMs } = explanation;
  const through = focus ? ` through ${labelOf(focus)}` : '';
  // Hops where the tail spends no time at all (a client without retries) would be empty rows.
  const hops: WhyHop[] =
    sampleCount > 0
      ? explanation.hops
          .filter((hop) => hop.queueingMs + hop.serviceMs + hop.networkMs > 0)
          .map((hop) => {
            const totalMs = hop.queueingMs + hop.serviceMs + hop.networkMs;
            return {
              nodeId: hop.nodeId,
              label: labelOf(hop.nodeId),
              queueingMs: hop.queueingMs,
              serviceMs: hop.serviceMs,
              networkMs: hop.networkMs,
              totalMs,
              visits: hop.visits,
              share: meanEndToEndMs > 0 ? Math.min(1, totalMs / meanEndToEndMs) : 0,
            };
          })
      : [];

  let dominant: WhyView['dominant'] = null;
  for (const hop of hops)
    for (const part of ['queueing', 'service', 'network'] as const) {
      const ms = part === 'queueing' ? hop.queueingMs : part === 'service' ? hop.serviceMs : hop.networkMs;
      const share = meanEndToEndMs > 0 ? ms / meanEndToEndMs : 0;
      if (ms > 0 && (!dominant || share > dominant.share)) dominant = { nodeId: hop.nodeId, part, share };
    }

  const sampleText =
    sampleCount > 0
      ? `${formatCount(sampleCount)} request${sampleCount === 1 ? '' : 's'} so far · end-to-end p99 of the run so far ${formatMs(thresholdMs)}`
      : '';
  const latencySentence =
    !dominant || sampleCount === 0
      ? `No request${through} has finished after warm-up yet.`
      : `The slowest 1%${through} take ${formatMs(meanEndToEndMs)} end to end: ` +
        `${formatPercent(Math.min(1, dominant.share))} of it is ${PART_WORDS[dominant.part](labelOf(dominant.nodeId))}.`;

  // Failures: the engine lists (node, reason) pairs; one line per node, earliest start first.
  const byNode = new Map<string, { firstAtMs: number; total: number; reasons: [string, number][] }>();
  for (const failure of explanation.failures) {
    const entry = byNode.get(failure.nodeId) ?? { firstAtMs: Infinity, total: 0, reasons: [] };
    entry.firstAtMs = Math.min(entry.firstAtMs, failure.firstAtMs);
    entry.total += failure.count;
    entry.reasons.push([failure.reason, failure.count]);
    byNode.set(failure.nodeId, entry);
  }
  const failures: WhyFailureSource[] = [...byNode]
    .map(([nodeId, entry]) => ({
      nodeId,
      label: labelOf(nodeId),
      firstAtMs: entry.firstAtMs,
      total: entry.total,
      reasons: entry.reasons
        .sort((a, b) => b[1] - a[1])
        .map(([reason, count]) => `${formatCount(count)} ${reason}`)
        .join(', '),
    }))
    .sort((a, b) => a.firstAtMs - b.firstAtMs || b.total - a.total);
  const first = failures[0];
  const failureSentence = first
    ? `Failures started at ${first.label} at ${formatSimTime(first.firstAtMs)}: ${first.reasons}.`
    : `No request${through} has failed after warm-up.`;

  return { sampleText, hops, dominant, latencySentence, failures, failureSentence };
}

/**
 * Why over several seeds: whether the slowest requests' biggest cost is the same in every seed
 * (then its share as mean ± 95% CI), or changes from seed to seed — then which cost dominates is
 * inside the noise, and the sentence says so.
 */
export function whyOverSeeds(
  explanations: readonly SlowestRequests[],
  labelOf: (nodeId: string) => string,
): { sentence: string; agree: boolean } {
  const dominants = explanations.map((explanation) => whyView(explanation, labelOf).dominant);
  const counts = new Map<string, { nodeId: string; part: WhyPart; shares: number[] }>();
  for (const dominant of dominants) {
    if (!dominant) continue;
    const key = `${dominant.nodeId}|${dominant.part}`;
    const entry = counts.get(key) ?? { nodeId: dominant.nodeId, part: dominant.part, shares: [] };
    entry.shares.push(dominant.share);
    counts.set(key, entry);
  }
  const n = explanations.length;
  const ranked = [...counts.values()].sort((a, b) => b.shares.length - a.shares.length);
  if (ranked.length === 0) return { sentence: `No request finished in any of the ${n} seeds.`, agree: false };
  const words = (entry: (typeof ranked)[number]) => PART_WORDS[entry.part](labelOf(entry.nodeId));
  if (ranked.length === 1 && ranked[0].shares.length === n) {
    const share = meanConfidence(ranked[0].shares);
    const interval = share.halfWidth === null ? '' : ` ± ${formatPercent(share.halfWidth)}`;
    return {
      sentence: `In all ${n} seeds the slowest 1% spend most of their time ${words(ranked[0])}: ${formatPercent(share.mean)}${interval} of it.`,
      agree: true,
    };
  }
  const parts = ranked.map((entry) => `${words(entry)} (${entry.shares.length} of ${n})`).join(', ');
  return {
    sentence: `The biggest cost changes from seed to seed — ${parts}: which one dominates is inside the noise; run longer or more seeds.`,
    agree: false,
  };
}
