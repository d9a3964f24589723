// The run report's sections, from a run's plain data: the engine's run totals (`results()`, the
// CLI's JSON), its event log, its "Why" explanation (`explainSlowest`), the charts already drawn
// to images, and a picture of the design. Pure: no DOM, no worker — `collectRunReport.ts` gathers
// the inputs in the app; unit tests pass a headless run's. Every number is written by
// shared/format.ts (through the dock's own wording where the dock shows the same thing), so the
// report reads as the app does.
import type { CliJson, NodeResult } from '../../shared/engine/index';
import type { Design } from '../../shared/document/types';
import { CATALOG } from '../../shared/document/catalog';
import { LOG_LIMIT } from '../../shared/engine/log';
import { formatCount, formatMs, formatPercent, formatRps, formatSimTime, NO_DATA } from '../../shared/format';
import {
  FAILURE_REASONS,
  type GlobalGauges,
  type RunSample,
  type RunStatus,
  type SlowestRequests,
} from '../run/types';
import { sloVerdict, type SloVerdict } from '../dock/slo';
import { whyView } from '../dock/why';
import { describeLogEntry } from '../dock/format';
import { targetLabeller } from '../dock/labels';
import { changedParams } from './changedParams';
import type { Report, ReportBlock, ReportCell, ReportSection } from './report';

export interface ReportImage {
  /** A data URL. */
  src: string;
  /** CSS pixels it is shown at. */
  width: number;
  height: number;
}

/** One dock chart drawn for the report (`chartImages.ts`), or why it has nothing to draw. */
export interface ReportChart {
  id: string;
  title: string;
  unit: string;
  image: ReportImage | null;
  /** "No cache or CDN in this design." — shown instead of a picture. */
  emptyReason: string | null;
  /** Each line's value at the end of the run, as the dock's legend shows it. */
  legend: { label: string; value: string }[];
}

export interface RunReportInput {
  design: Design;
  /** The engine's run totals after warm-up (`runClient.results()`, the CLI's JSON). */
  results: CliJson;
  /** The newest per-second sample (for the SLO verdict's "now"), if any. */
  latest: RunSample | null;
  /** The engine's `explainSlowest()` for the whole design; null when it could not be read. */
  slowest: SlowestRequests | null;
  charts: ReportChart[];
  designImage: ReportImage | null;
  run: { status: RunStatus; durationS: number; warmupS: number; seed: number };
  /** Wall-clock time the report was made (written in the header only). */
  generatedAt: Date;
  appVersion: string;
}

const STATUS_WORDS: Record<RunStatus, string> = {
  idle: 'Stopped',
  running: 'Running',
  paused: 'Paused',
  done: 'Finished',
};

/** The whole run's figures as the SLO badge judges them (renderer/worker/engineAdapter.ts runSoFar). */
export function runVerdict(
  results: CliJson,
  slo: Design['slo'],
  latest: RunSample | null,
  warmupS: number,
): SloVerdict {
  const global = results.global;
  const ended = global.completed + global.failed;
  const now: GlobalGauges = latest?.global ?? {
    throughputRps: 0,
    completed: 0,
    p50Ms: Number.NaN,
    p95Ms: Number.NaN,
    p99Ms: Number.NaN,
    errorRate: 0,
    errorsByReason: Object.fromEntries(
      FAILURE_REASONS.map((reason) => [reason, 0]),
    ) as GlobalGauges['errorsByReason'],
    sloPass: true,
  };
  return sloVerdict(
    {
      ...now,
      run: {
        warmedUp: results.simTimeMs >= warmupS * 1000,
        throughputRps: global.throughputRps,
        p99Ms: global.latencyMs.p99 ?? Number.NaN,
        errorRate: ended > 0 ? global.errorRate : 0,
        pass: global.slo?.pass ?? true,
      },
    },
    slo,
  );
}

const CHECK_NAMES: Record<string, string> = {
  p99: 'End-to-end p99 latency',
  throughput: 'Throughput',
  errors: 'Error rate',
};

function verdictSection(input: RunReportInput, verdict: SloVerdict): ReportSection {
  const { results, design } = input;
  const global = results.global;
  const blocks: ReportBlock[] = [];
  const failing = verdict.checks.filter((check) => !check.pass);
  blocks.push(
    verdict.state === 'pass'
      ? { type: 'paragraph', tone: 'pass', text: '✓ SLO pass: the run after warm-up meets every target.' }
      : verdict.state === 'fail'
        ? {
            type: 'paragraph',
            tone: 'fail',
            text: `✕ SLO fail: ${failing.map((check) => check.text).join(', ') || 'the run misses its SLO'}.`,
          }
        : { type: 'paragraph', tone: 'muted', text: '– No verdict yet: the run has not passed its warm-up.' },
  );
  if (results.truncated)
    blocks.push({
      type: 'paragraph',
      tone: 'warn',
      text: `⚠ The run stopped early: ${results.truncated.message}. The numbers are of the run so far.`,
    });
  blocks.push({
    type: 'table',
    caption: 'SLO checks (whole run after warm-up)',
    columns: [{ label: 'Target' }, { label: 'Measured against target' }, { label: 'Verdict' }],
    rows: verdict.checks.map((check) => [
      CHECK_NAMES[check.id] ?? check.id,
      check.text,
      check.pass ? { text: '✓ pass', tone: 'pass' } : { text: '✕ fail', tone: 'fail' },
    ]),
    empty: 'No checks yet (the run is still in its warm-up).',
    note: `The design's SLO: p99 ≤ ${formatMs(design.slo.p99Ms)}, throughput ≥ ${formatRps(design.slo.minThroughputRps)}, errors ≤ ${formatPercent(design.slo.maxErrorRate)}.`,
  });
  blocks.push({
    type: 'facts',
    items: [
      { label: 'Requests (after warm-up)', value: formatCount(global.requests) },
      { label: 'Completed', value: formatCount(global.completed) },
      { label: 'Failed', value: formatCount(global.failed), tone: global.failed > 0 ? 'fail' : undefined },
      { label: 'Throughput', value: formatRps(global.throughputRps) },
      { label: 'p50 end to end', value: formatMs(global.latencyMs.p50) },
      { label: 'p95 end to end', value: formatMs(global.latencyMs.p95) },
      { label: 'p99 end to end', value: formatMs(global.latencyMs.p99) },
      { label: 'Slowest request', value: formatMs(global.latencyMs.max) },
      { label: 'Error rate', value: formatPercent(global.errorRate) },
      { label: 'Errors by reason', value: reasonsText(global.errors, global.completed + global.failed) },
      { label: 'Lost writes', value: formatCount(global.lostWrites) },
      { label: 'Stale reads', value: formatCount(global.staleReads) },
    ],
  });
  return { id: 'verdict', heading: 'SLO verdict and headline numbers', blocks };
}

/** "40 timeout (3.3%), 4 rejected (0.3%)" — most frequent first; "none" without failures. */
export function reasonsText(errors: Partial<Record<string, number>> | undefined, departures: number): string {
  const parts = FAILURE_REASONS.map((reason) => [reason, errors?.[reason] ?? 0] as const)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .map(
      ([reason, count]) =>
        `${formatCount(count)} ${reason}${departures > 0 ? ` (${formatPercent(count / departures)})` : ''}`,
    );
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function designSection(input: RunReportInput): ReportSection {
  const { design } = input;
  const blocks: ReportBlock[] = [];
  if (input.designImage)
    blocks.push({
      type: 'image',
      src: input.designImage.src,
      alt: `The design: ${design.nodes.map((node) => node.label || node.id).join(', ')}`,
      width: input.designImage.width,
      height: input.designImage.height,
    });
  blocks.push({
    type: 'facts',
    items: [
      { label: 'Components', value: formatCount(design.nodes.length) },
      { label: 'Connections', value: formatCount(design.edges.length) },
      { label: 'Notes and frames', value: formatCount(design.notes.length) },
    ],
  });
  if (design.meta.notes.trim()) blocks.push({ type: 'paragraph', text: design.meta.notes.trim() });
  const changed = changedParams(design);
  blocks.push({
    type: 'table',
    caption: 'Parameters that differ from the defaults',
    columns: [
      { label: 'Component' },
      { label: 'Kind' },
      { label: 'Parameter' },
      { label: 'Value', align: 'right' },
      { label: 'Default', align: 'right' },
    ],
    rows: changed.map((row) => [
      row.target,
      row.kindLabel,
      row.inUse ? row.label : { text: `${row.label} (not used by the other settings)`, tone: 'muted' },
      row.value,
      { text: row.defaultValue, tone: 'muted' },
    ]),
    empty: 'Every parameter has its default value.',
    note: 'Everything not listed has the catalog default.',
  });
  return { id: 'design', heading: 'Design', blocks };
}

function scenarioSection(input: RunReportInput): ReportSection {
  const { design, run, results } = input;
  const labelOf = targetLabeller(design);
  return {
    id: 'scenario',
    heading: 'Scenario',
    blocks: [
      {
        type: 'facts',
        items: [
          { label: 'Run', value: `${STATUS_WORDS[run.status]} at ${formatSimTime(results.simTimeMs)}` },
          { label: 'Duration', value: formatSimTime(run.durationS * 1000) },
          { label: 'Warm-up (not in the totals)', value: formatSimTime(run.warmupS * 1000) },
          { label: 'Seed', value: String(run.seed) },
          { label: 'Simulation events', value: formatCount(results.events) },
        ],
      },
      {
        type: 'table',
        caption: 'Scheduled faults and traffic changes',
        columns: [
          { label: 'At', align: 'right' },
          { label: 'Action' },
          { label: 'Target' },
          { label: 'Factor', align: 'right' },
          { label: 'For', align: 'right' },
        ],
        rows: design.scenario.events.map((event) => [
          formatSimTime(event.atS * 1000),
          event.action,
          labelOf(event.target),
          event.factor !== undefined ? `×${event.factor}` : NO_DATA,
          event.durationS !== undefined ? formatSimTime(event.durationS * 1000) : NO_DATA,
        ]),
        empty: 'No scheduled steps: only what was done live (see the event log).',
      },
    ],
  };
}

/** Each chart as an image with its end-of-run legend in the caption (or why it has none). */
export function chartBlocks(charts: readonly ReportChart[], over = 'over the run'): ReportBlock[] {
  return charts.flatMap((chart): ReportBlock[] => {
    const legend = chart.legend.map((entry) => `${entry.label} ${entry.value}`).join(' · ');
    if (!chart.image)
      return [
        {
          type: 'paragraph',
          text: `${chart.title} (${chart.unit}): ${chart.emptyReason ?? 'nothing to plot.'}`,
          tone: 'muted',
        },
      ];
    return [
      {
        type: 'image',
        src: chart.image.src,
        width: chart.image.width,
        height: chart.image.height,
        alt: `${chart.title} (${chart.unit}) ${over}${legend ? `; at the end: ${legend}` : ''}`,
        caption: `${chart.title} (${chart.unit})${legend ? ` — at the end: ${legend}` : ''}`,
      },
    ];
  });
}

function chartsSection(input: RunReportInput): ReportSection {
  return { id: 'charts', heading: 'Charts over the run', blocks: chartBlocks(input.charts) };
}

function hottest(row: NodeResult): string {
  if (row.instances < 2 || !row.utilizationMaxInstance) return NO_DATA;
  const address = row.utilizationMaxInstance;
  return `instance ${address.slice(address.lastIndexOf(':') + 1)} at ${formatPercent(row.utilizationMax)}`;
}

function otherFigures(row: NodeResult): string {
  const parts: string[] = [];
  if (row.cache) {
    parts.push(`hit rate ${formatPercent(row.cache.hitRate)}`);
    if (row.cache.staleReads > 0) parts.push(`${formatCount(row.cache.staleReads)} stale reads`);
  }
  if (row.db) {
    if (row.db.failovers > 0) parts.push(`${formatCount(row.db.failovers)} failovers`);
    if (row.db.lostWrites > 0) parts.push(`${formatCount(row.db.lostWrites)} lost writes`);
    if (row.db.staleReads > 0) parts.push(`${formatCount(row.db.staleReads)} stale reads`);
    if (row.db.replicationLagMsMean > 0)
      parts.push(`replication lag ${formatMs(row.db.replicationLagMsMean)}`);
  }
  if (row.queue) {
    parts.push(`oldest message ${formatMs(row.queue.oldestAgeMsMax)}`);
    if (row.queue.deadLettered > 0) parts.push(`${formatCount(row.queue.deadLettered)} dead-lettered`);
    if (row.queue.duplicates > 0) parts.push(`${formatCount(row.queue.duplicates)} duplicates`);
    if (row.queue.lost > 0) parts.push(`${formatCount(row.queue.lost)} lost`);
  }
  return parts.join(' · ') || NO_DATA;
}

function nodesSection(input: RunReportInput): ReportSection {
  const { design, results } = input;
  const rows = design.nodes
    .filter((node) => results.nodes[node.id] !== undefined)
    .map((node) => ({ node, row: results.nodes[node.id] }));
  const name = (node: (typeof rows)[number]['node']) => node.label || node.id;
  const traffic: ReportCell[][] = rows.map(({ node, row }) => [
    name(node),
    CATALOG[node.kind].label,
    `${formatCount(row.arrivals)}${row.carriedIn ? ` (+${formatCount(row.carriedIn)})` : ''}`,
    formatCount(row.completed),
    row.failed > 0 ? { text: formatCount(row.failed), tone: 'fail' } : formatCount(row.failed),
    formatRps(row.throughputRps),
    formatMs(row.latencyMs.p50),
    formatMs(row.latencyMs.p95),
    formatMs(row.latencyMs.p99),
  ]);
  const load: ReportCell[][] = rows.map(({ node, row }) => {
    const departures = row.completed + row.failed;
    return [
      name(node),
      departures > 0 ? formatPercent(row.failed / departures) : NO_DATA,
      reasonsText(row.errors, departures),
      formatPercent(row.utilization),
      hottest(row),
      formatCount(row.maxQueueDepth),
      otherFigures(row),
    ];
  });
  return {
    id: 'nodes',
    heading: 'Run totals per node',
    blocks: [
      {
        type: 'table',
        caption: 'Traffic and latency',
        columns: [
          { label: 'Node' },
          { label: 'Kind' },
          { label: 'Arrived', align: 'right' },
          { label: 'Done', align: 'right' },
          { label: 'Failed', align: 'right' },
          { label: 'Throughput', align: 'right' },
          { label: 'p50', align: 'right' },
          { label: 'p95', align: 'right' },
          { label: 'p99', align: 'right' },
        ],
        rows: traffic,
        empty: 'No node has run totals yet.',
        note: 'After warm-up. (+N): requests already at the node when warm-up ended. Latency covers every departure, completed or failed; — means no request completed there.',
      },
      {
        type: 'table',
        caption: 'Errors and load',
        columns: [
          { label: 'Node' },
          { label: 'Error rate', align: 'right' },
          { label: 'Errors by reason' },
          { label: 'Utilisation', align: 'right' },
          { label: 'Hottest instance' },
          { label: 'Max queue', align: 'right' },
          { label: 'Other' },
        ],
        rows: load,
        empty: 'No node has run totals yet.',
        note: 'Error rate: failed departures over all departures at the node. Utilisation: busy worker time over available worker time; the hottest instance shows where a mean hides a saturated copy.',
      },
    ],
  };
}

function whySection(input: RunReportInput): ReportSection {
  const labelOf = targetLabeller(input.design);
  if (!input.slowest)
    return {
      id: 'why',
      heading: 'Why: where the slowest 1% spend their time',
      blocks: [{ type: 'paragraph', tone: 'muted', text: 'The explanation could not be read from the run.' }],
    };
  const view = whyView(input.slowest, labelOf);
  const blocks: ReportBlock[] = [{ type: 'paragraph', text: view.latencySentence }];
  if (view.sampleText) blocks.push({ type: 'paragraph', tone: 'muted', text: view.sampleText });
  if (view.hops.length > 0)
    blocks.push({
      type: 'bars',
      caption: 'Mean time per hop of the slowest 1% (bar length: share of their end-to-end time)',
      legend: [
        { key: 'queueing', label: 'queueing' },
        { key: 'service', label: 'service' },
        { key: 'network', label: 'network' },
      ],
      rows: view.hops.map((hop) => ({
        label: `${hop.label}${hop.visits >= 1.05 ? ` ×${Number(hop.visits.toFixed(1))}` : ''}`,
        share: hop.share,
        total: formatMs(hop.totalMs),
        parts: (
          [
            ['queueing', hop.queueingMs],
            ['service', hop.serviceMs],
            ['network', hop.networkMs],
          ] as const
        ).map(([key, rawMs]) => {
          // Sums of means carry float noise (8e-14 ms of queueing is none).
          const ms = Math.abs(rawMs) < 1e-6 ? 0 : rawMs;
          return {
            key,
            fraction: hop.totalMs > 0 ? ms / hop.totalMs : 0,
            title: `${key} ${formatMs(ms)}${hop.totalMs > 0 ? ` (${formatPercent(ms / hop.totalMs)})` : ''}`,
          };
        }),
      })),
    });
  blocks.push({ type: 'paragraph', text: view.failureSentence });
  if (view.failures.length > 0)
    blocks.push({
      type: 'table',
      caption: 'Where failures started',
      columns: [{ label: 'Node' }, { label: 'First at', align: 'right' }, { label: 'Failures' }],
      rows: view.failures.map((source) => [source.label, formatSimTime(source.firstAtMs), source.reasons]),
    });
  return { id: 'why', heading: 'Why: where the slowest 1% spend their time', blocks };
}

function logSection(input: RunReportInput): ReportSection {
  const labelOf = targetLabeller(input.design);
  const log = input.results.log;
  return {
    id: 'log',
    heading: 'Event log',
    blocks: [
      {
        type: 'table',
        columns: [{ label: 'Sim time', align: 'right' }, { label: 'Event' }, { label: 'What happened' }],
        rows: log.map((entry) => {
          const view = describeLogEntry(entry, labelOf);
          const tone = view.tone === 'failure' ? 'fail' : view.tone === 'recovery' ? 'pass' : undefined;
          return [formatSimTime(entry.t), tone ? { text: view.title, tone } : view.title, view.detail];
        }),
        empty: 'Nothing happened worth logging: no faults, detections, failovers or SLO breaches.',
        note:
          log.length >= LOG_LIMIT
            ? `The log keeps the first ${formatCount(LOG_LIMIT)} entries of a run.`
            : `${formatCount(log.length)} entr${log.length === 1 ? 'y' : 'ies'}.`,
      },
    ],
  };
}

/** The whole run report, ready for `buildReportHtml`. */
export function buildRunReport(input: RunReportInput): Report {
  const { design, run, results } = input;
  const verdict = runVerdict(results, design.slo, input.latest, run.warmupS);
  const title = design.meta.title.trim() || 'Untitled design';
  return {
    title,
    subtitle: `Run report · ${STATUS_WORDS[run.status].toLowerCase()} at ${formatSimTime(results.simTimeMs)} of ${formatSimTime(run.durationS * 1000)} · seed ${run.seed} · SLO ${verdict.state === 'pass' ? 'pass' : verdict.state === 'fail' ? 'fail' : 'not judged yet'}`,
    meta: [
      {
        label: 'SLO verdict',
        value: verdict.state === 'pass' ? '✓ pass' : verdict.state === 'fail' ? '✕ fail' : '– warming up',
        tone: verdict.state === 'pass' ? 'pass' : verdict.state === 'fail' ? 'fail' : 'muted',
      },
      { label: 'p99 end to end', value: formatMs(results.global.latencyMs.p99) },
      { label: 'Throughput', value: formatRps(results.global.throughputRps) },
      { label: 'Error rate', value: formatPercent(results.global.errorRate) },
    ],
    sections: [
      verdictSection(input, verdict),
      designSection(input),
      scenarioSection(input),
      chartsSection(input),
      nodesSection(input),
      whySection(input),
      logSection(input),
    ],
    footer: `Made by Backpressure ${input.appVersion} on ${input.generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC. The same design, seed and scenario replay these numbers exactly. Every number emerges from a per-request simulation of the design.`,
  };
}
