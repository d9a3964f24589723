// The debrief: ending an interview builds one self-contained HTML report (renderer/report's
// builder) — the prompt, the final design's picture, phase timings against the plan, the
// requirements and the estimate beside what the run measured, the growth check, the faults, and
// the rubric and notes when the interviewer shares them — and saves it through the desktop API.
import { designSvg, svgDataUrl } from '../canvas/exportSvg';
import { canvasThemes } from '../ui/themeColors';
import { buildReportHtml } from '../report/reportHtml';
import type { Report, ReportBlock, ReportSection } from '../report/report';
import { describeLogEntry } from '../dock/format';
import { targetLabeller } from '../dock/labels';
import { useRunStore } from '../run/runStore';
import type { LogEntry } from '../run/types';
import { renderChartImages } from '../report/chartImages';
import { reportSeriesContext, saveReport } from '../report/exportRunReport';
import { chartBlocks, type ReportChart } from '../report/runReport';
import type { ChartId } from '../dock/series';
import { fileNameForTitle } from '../../shared/platform/desktopApi';
import type { Design } from '../../shared/document/types';
import { formatMs, formatPercent, formatRps, formatSimTime } from '../../shared/format';
import { formatClock, planPhases } from '../../shared/interview/phases';
import { phaseSpentMs, RUBRIC_CRITERIA, type InterviewState } from '../../shared/interview/state';
import { estimateCapacity, type MeasuredTier } from '../../shared/interview/estimator';
import { loadFigures } from '../../shared/interview/requirements';
import { describeFault } from '../../shared/interview/faults';
import type { GrowthVerdict } from '../../shared/interview/growth';
import { useDesignStore } from '../store/designStore';
import { useInterviewUi } from './interviewStore';

export interface DebriefInput {
  design: Design;
  interview: InterviewState;
  measured: Record<string, MeasuredTier> | null;
  growth: { factor: number; verdict: GrowthVerdict; why: string } | null;
  designImage: { src: string; width: number; height: number } | null;
  /** The live run's event log (CLI shape), for what followed each fault; null when no run. */
  log?: readonly LogEntry[] | null;
  /** The live run's throughput, latency and error charts, each fired fault marked; empty when no run. */
  charts?: readonly ReportChart[];
}

/** How long after a fault its consequences are quoted from the log, and how many lines at most. */
const AFTERMATH_MS = 30_000;
const AFTERMATH_LINES = 8;

const fixed = (value: number) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: 1 }) : '∞';

/** The report as plain data (pure; unit-testable). */
export function buildDebrief({
  design,
  interview,
  measured,
  growth,
  designImage,
  log,
  charts = [],
}: DebriefInput): Report {
  const plan = planPhases(interview.lengthMin);
  const elapsedMs = interview.endedAtMs ?? interview.elapsedMs;
  const spent = phaseSpentMs(interview, elapsedMs);
  const label = (id: string) => design.nodes.find((node) => node.id === id)?.label ?? id;
  const sections: ReportSection[] = [
    {
      heading: 'Prompt',
      blocks: [
        { type: 'paragraph', text: interview.prompt || 'No prompt was written.' },
        ...(designImage ? [{ type: 'image' as const, alt: 'The final design', ...designImage }] : []),
      ],
    },
    {
      heading: 'Phase timings',
      blocks: [
        {
          type: 'table',
          columns: [
            { label: 'Phase' },
            { label: 'Planned', align: 'right' },
            { label: 'Spent', align: 'right' },
            { label: 'Difference', align: 'right' },
          ],
          rows: plan.map((phase) => {
            const over = spent[phase.id] - phase.plannedMs;
            return [
              phase.label,
              formatClock(phase.plannedMs),
              formatClock(spent[phase.id]),
              {
                text: over > 0 ? `${formatClock(over)} over` : `${formatClock(-over)} under`,
                tone: over > 0 ? 'warn' : 'muted',
              },
            ];
          }),
          note: `Total ${formatClock(elapsedMs)} of ${formatClock(interview.lengthMin * 60_000)} planned.`,
        },
      ],
    },
  ];
  const requirements = interview.requirements;
  const load = loadFigures(requirements);
  sections.push({
    heading: 'Requirements',
    blocks: [
      {
        type: 'facts',
        items: [
          { label: 'Concurrent users', value: fixed(requirements.concurrentUsers) },
          { label: 'Load', value: load.arithmetic },
          { label: 'Reads', value: `${requirements.readPercent}%` },
          { label: 'p99 target', value: formatMs(requirements.p99Ms) },
          { label: 'Availability', value: `${requirements.availabilityPercent}%` },
          { label: 'Payloads', value: `${requirements.requestKB} KB in, ${requirements.responseKB} KB out` },
          {
            label: 'Data',
            value: `${requirements.dataGB} GB, +${requirements.growthPercent}% in ${requirements.growthMonths} months`,
          },
        ],
      },
    ],
  });
  const estimate = estimateCapacity(design, requirements, interview.assumptions);
  sections.push({
    heading: 'Estimates vs measured',
    blocks: [
      {
        type: 'table',
        columns: [
          { label: 'Tier' },
          { label: 'rps est.', align: 'right' },
          { label: 'servers est.', align: 'right' },
          { label: 'rps run', align: 'right' },
          { label: 'servers run', align: 'right' },
        ],
        rows: estimate.tiers.map((tier) => {
          const run = measured?.[tier.nodeId];
          return [
            tier.label,
            { text: fixed(tier.rps.value), title: tier.rps.formula },
            tier.serversNeeded
              ? { text: String(tier.serversNeeded.value), title: tier.serversNeeded.formula }
              : '—',
            run ? fixed(run.rps) : '—',
            run ? { text: String(run.serversNeeded.value), title: run.serversNeeded.formula } : '—',
          ];
        }),
        note: `At ρ_target ${interview.assumptions.targetUtilizationPercent}%. ${
          measured ? 'Measured from the run when the estimate was last measured.' : 'No run was measured.'
        } Storage per year ${fixed(estimate.storagePerYearGB.value)} GB.`,
      },
    ],
  });
  sections.push({
    heading: 'Growth check',
    blocks: growth
      ? [
          {
            type: 'table',
            columns: [
              { label: 'SLO line' },
              { label: 'Target' },
              { label: 'Today', align: 'right' },
              { label: `× ${growth.factor}`, align: 'right' },
            ],
            rows: growth.verdict.lines.map((line) => {
              const show = (v: number) =>
                line.id === 'p99' ? formatMs(v) : line.id === 'errors' ? formatPercent(v) : formatRps(v);
              return [
                line.label,
                line.limit,
                {
                  text: `${line.today.pass ? '✓' : '✕'} ${show(line.today.value)}`,
                  tone: line.today.pass ? 'pass' : 'fail',
                },
                {
                  text: `${line.grown.pass ? '✓' : '✕'} ${show(line.grown.value)}`,
                  tone: line.grown.pass ? 'pass' : 'fail',
                },
              ];
            }),
          },
          ...(growth.verdict.breaksFirst
            ? [
                {
                  type: 'paragraph' as const,
                  text: `Breaks first: ${label(growth.verdict.breaksFirst.nodeId)} (busiest instance ${formatPercent(
                    growth.verdict.breaksFirst.grown.utilization,
                  )} busy at × ${growth.factor}). ${growth.why}`,
                },
              ]
            : []),
        ]
      : [{ type: 'paragraph', text: 'No growth check was run.', tone: 'muted' }],
  });
  sections.push({
    heading: 'Faults injected',
    blocks: [
      {
        type: 'table',
        columns: [
          { label: 'Fault' },
          { label: 'Target' },
          { label: 'Armed for' },
          { label: 'Fired at (interview)', align: 'right' },
          { label: 'Run time', align: 'right' },
        ],
        rows: interview.faults.map((fault) => [
          describeFault(fault, label(fault.target)),
          label(fault.target),
          (fault.armedAtSimMs ?? null) !== null
            ? `run ${formatClock(fault.armedAtSimMs!)}`
            : fault.armedAtMs !== null
              ? `interview ${formatClock(fault.armedAtMs)}`
              : 'now',
          fault.firedAtMs === null
            ? { text: fault.problem ?? 'not fired', tone: 'muted' }
            : formatClock(fault.firedAtMs),
          fault.firedAtSimMs === null ? '—' : formatClock(fault.firedAtSimMs),
        ]),
        empty: 'No faults were injected.',
      },
      ...aftermath(design, interview, log ?? null),
    ],
  });
  if (charts.length > 0)
    sections.push({
      heading: 'How the design behaved',
      blocks: [
        {
          type: 'paragraph',
          text: interview.faults.some((fault) => fault.firedAtSimMs !== null)
            ? 'The run as the dock drew it; a dashed line marks the moment each fault fired.'
            : 'The run as the dock drew it.',
        },
        ...chartBlocks(charts, 'over the run, faults marked'),
      ],
    });
  if (interview.shareRubric)
    sections.push({
      heading: 'Rubric and notes',
      blocks: [
        {
          type: 'table',
          columns: [{ label: 'Criterion' }, { label: 'Score', align: 'right' }, { label: 'Comment' }],
          rows: RUBRIC_CRITERIA.map((criterion) => {
            const entry = interview.rubric[criterion.id];
            return [criterion.label, entry?.score ? `${entry.score} / 4` : '—', entry?.comment ?? ''];
          }),
        },
        {
          type: 'list',
          items: plan
            .filter((phase) => interview.notes[phase.id])
            .map((phase) => `${phase.label}: ${interview.notes[phase.id]}`),
        },
      ],
    });
  return {
    title: design.meta.title,
    subtitle: `Mock interview debrief · ${interview.lengthMin} min planned · ${formatClock(elapsedMs)} taken`,
    sections,
    footer:
      'Made by Backpressure: every number here comes from the requirements, its formulas or a run of the design.',
  };
}

/** What the run's log says happened in the 30 s after each fired fault (detections, failovers, SLO). */
function aftermath(
  design: Design,
  interview: InterviewState,
  log: readonly LogEntry[] | null,
): ReportBlock[] {
  if (!log) return [];
  const labelOf = targetLabeller(design);
  return interview.faults.flatMap((fault): ReportBlock[] => {
    const fromMs = fault.firedAtSimMs;
    if (fromMs === null) return [];
    const lines = log
      .filter((entry) => entry.t >= fromMs && entry.t <= fromMs + AFTERMATH_MS)
      .slice(0, AFTERMATH_LINES)
      .map((entry) => {
        const view = describeLogEntry(entry, labelOf);
        return `${formatSimTime(entry.t)} · ${view.title}: ${view.detail}`;
      });
    return lines.length === 0
      ? []
      : [
          { type: 'paragraph', text: `After “${describeFault(fault, labelOf(fault.target))}” (run log):` },
          { type: 'list', items: lines },
        ];
  });
}

/** The charts a debrief shows: throughput, p99 and errors over the run, each fired fault marked. */
const DEBRIEF_CHARTS: readonly ChartId[] = ['throughput', 'latency', 'errors'];

/** The open design's debrief as one self-contained HTML document, or why there is none. */
async function debriefHtml(): Promise<{ html: string } | { refused: string }> {
  const { design } = useDesignStore.getState();
  const interview = design.interview;
  if (!interview) return { refused: 'There is no interview in this design.' };
  const run = useRunStore.getState();
  const labelOf = targetLabeller(design);
  const marks = interview.faults.flatMap((fault) =>
    fault.firedAtSimMs === null
      ? []
      : [{ atS: fault.firedAtSimMs / 1000, label: describeFault(fault, labelOf(fault.target)) }],
  );
  const charts =
    run.history.count > 0
      ? await renderChartImages(run.history, reportSeriesContext(design), { ids: DEBRIEF_CHARTS, marks })
      : [];
  const picture = designSvg(design, { background: 'themed', theme: canvasThemes.light });
  const scale = picture ? Math.min(1, 944 / picture.width) : 1;
  const ui = useInterviewUi.getState();
  const html = buildReportHtml(
    buildDebrief({
      design,
      interview,
      measured: ui.lastMeasured,
      growth: ui.lastGrowth,
      log: run.loaded ? run.log : null,
      charts,
      designImage: picture
        ? {
            src: svgDataUrl(picture.svg),
            width: Math.round(picture.width * scale),
            height: Math.round(picture.height * scale),
          }
        : null,
    }),
  );
  return { html };
}

/** Builds the debrief from the open design and saves it as HTML (a download in the browser) or,
 *  from the desktop app, as PDF; the save dialog starts next to the design's file. */
export async function exportDebrief(format: 'html' | 'pdf'): Promise<void> {
  const { title } = useDesignStore.getState().design.meta;
  const base = `${fileNameForTitle(title).replace(/\.bpd$/, '')} — interview debrief`;
  await saveReport(format, 'Interview debrief', base, debriefHtml);
}
