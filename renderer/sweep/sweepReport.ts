// The sweep report: what was swept, the verdict (the largest load within the SLO, the knee), the
// four charts as images, every point's numbers with their 95% intervals and the busiest tier, and
// the design — plain report sections (renderer/report) built from the sweep's own result, so the
// report reads exactly as the panel does. Pure: the chart images and the design picture come in.
import type { Design } from '../../shared/document/types';
import type { Estimate } from '../../shared/analysis/confidence';
import type { SweepResult, SweepSpec } from '../../shared/analysis/sweep';
import { formatCount, formatMs, formatNumber, formatPercent, formatRps } from '../../shared/format';
import type { Report, ReportBlock, ReportCell, ReportSection } from '../report/report';
import type { ReportImage } from '../report/runReport';
import { kneeSentence, noiseSentence, sloLimitSentence } from './sweepModel';

export interface SweepReportInput {
  design: Design;
  spec: SweepSpec;
  result: SweepResult;
  /** The four charts drawn to images, with their titles. */
  charts: { title: string; image: ReportImage | null }[];
  designImage: ReportImage | null;
  generatedAt: Date;
  appVersion: string;
}

export function withInterval(estimate: Estimate, format: (value: number | null) => string): string {
  return estimate.halfWidth === null
    ? format(estimate.mean)
    : `${format(estimate.mean)} ± ${format(estimate.halfWidth)}`;
}

/** The tier whose busiest instance is busiest at this point: "API 92%". */
function busiestTier(point: SweepResult['points'][number], label: (id: string) => string): string {
  let best: [string, number] | null = null;
  for (const [id, node] of Object.entries(point.nodes)) {
    const value = node.hottestInstanceUtilization.mean ?? node.utilization.mean;
    if (value !== null && (!best || value > best[1])) best = [id, value];
  }
  return best ? `${label(best[0])} ${formatPercent(best[1])}` : '—';
}

export function buildSweepReport(input: SweepReportInput): Report {
  const { design, spec, result } = input;
  const label = (id: string) => design.nodes.find((node) => node.id === id)?.label || id;
  const verdict = [sloLimitSentence(result), kneeSentence(result), noiseSentence(result)].filter(Boolean);
  const within = result.points.filter((point) => point.withinSlo).length;
  const rows: ReportCell[][] = result.points.map((point) => [
    formatNumber(point.value),
    formatRps(point.offeredRps.mean),
    withInterval(point.throughputRps, formatRps),
    formatMs(point.latencyMs.p50.mean),
    formatMs(point.latencyMs.p95.mean),
    withInterval(point.latencyMs.p99, formatMs),
    withInterval(point.errorRate, formatPercent),
    busiestTier(point, label),
    point.withinSlo ? { text: '✓ meets', tone: 'pass' } : { text: '✕ fails', tone: 'fail' },
  ]);
  const truncated = result.points.reduce((sum, point) => sum + point.truncated, 0);
  const sections: ReportSection[] = [
    {
      heading: 'Verdict',
      blocks: [
        ...verdict.map((text) => ({ type: 'paragraph' as const, text })),
        {
          type: 'facts',
          items: [
            { label: 'Points within the SLO', value: `${within} of ${result.points.length}` },
            {
              label: 'SLO',
              value: `p99 ≤ ${formatMs(result.slo.p99Ms)}, errors ≤ ${formatPercent(result.slo.maxErrorRate)}`,
            },
            ...(result.knee
              ? [{ label: 'Knee', value: `${formatNumber(result.knee.load)} ${result.unit}` }]
              : []),
          ],
        },
      ],
    },
    {
      heading: 'What was swept',
      blocks: [
        {
          type: 'facts',
          items: [
            { label: 'Parameter', value: `${spec.param} (${result.unit})` },
            { label: 'From', value: formatNumber(spec.from) },
            { label: 'To', value: formatNumber(spec.to) },
            { label: 'Points', value: formatCount(result.points.length) },
            { label: 'Seeds per point', value: `${result.seeds.length} (${result.seeds.join(', ')})` },
            { label: 'Simulated per run', value: `${formatNumber(result.durationS)} s` },
            { label: 'Warm-up left out', value: `${formatNumber(result.warmupS)} s` },
          ],
        },
        {
          type: 'paragraph',
          text: 'Every point runs the same seeds (common random numbers), so differences between points come from the parameter, not from luck.',
        },
      ],
    },
    {
      heading: 'Charts',
      blocks: input.charts.map(({ title, image }): ReportBlock =>
        image
          ? {
              type: 'image',
              src: image.src,
              alt: title,
              caption: title,
              width: image.width,
              height: image.height,
            }
          : { type: 'paragraph', text: `${title}: no image (nothing to draw).`, tone: 'muted' },
      ),
    },
    {
      heading: 'Points',
      blocks: [
        {
          type: 'table',
          caption: `Per point, mean${result.seeds.length > 1 ? ' ± 95% interval' : ''} over the seeds`,
          columns: [
            { label: result.unit, align: 'right' },
            { label: 'offered', align: 'right' },
            { label: 'throughput', align: 'right' },
            { label: 'p50', align: 'right' },
            { label: 'p95', align: 'right' },
            { label: 'p99', align: 'right' },
            { label: 'errors', align: 'right' },
            { label: 'busiest tier (hottest instance)' },
            { label: 'SLO' },
          ],
          rows,
          empty: 'No point finished.',
          note:
            truncated > 0
              ? `${formatCount(truncated)} runs stopped at the event limit: their totals are partial.`
              : 'After warm-up.',
        },
      ],
    },
    {
      heading: 'Design',
      blocks: input.designImage
        ? [
            {
              type: 'image',
              src: input.designImage.src,
              alt: design.meta.title,
              width: input.designImage.width,
              height: input.designImage.height,
            },
          ]
        : [{ type: 'paragraph', text: 'The design has no components.', tone: 'muted' }],
    },
  ];
  return {
    title: design.meta.title,
    subtitle: `Sweep report · ${spec.param} from ${formatNumber(spec.from)} to ${formatNumber(spec.to)} · ${result.points.length} points × ${result.seeds.length} seeds`,
    meta: [
      {
        label: 'Within the SLO',
        value: `${within} of ${result.points.length} points`,
        tone: within === result.points.length ? 'pass' : within === 0 ? 'fail' : 'warn',
      },
    ],
    sections,
    footer: `Made by Backpressure ${input.appVersion} on ${input.generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC. The same design, seeds and range replay these numbers exactly. Every number emerges from a per-request simulation of the design.`,
  };
}
