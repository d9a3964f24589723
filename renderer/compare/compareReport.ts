// The compare report: what differs between A and B in words, the difference table (means, B − A
// with its 95% interval, change, noise verdict — shared/analysis/compareTable.ts, the rows the CLI
// and the panel print), per tier A · B, and both designs as pictures. Pure: pictures come in.
import type { Design } from '../../shared/document/types';
import type { CompareResult } from '../../shared/analysis/compare';
import { compareTableRows, compareTierRows, TIER_METRICS } from '../../shared/analysis/compareTable';
import { formatNumber } from '../../shared/format';
import type { Report, ReportBlock, ReportCell } from '../report/report';
import { chartBlocks, type ReportChart, type ReportImage } from '../report/runReport';
import { compareNote, designDifferences, nodeLabel, TIER_HEADINGS } from './compareModel';

export interface CompareReportInput {
  a: Design;
  b: Design;
  result: CompareResult;
  pictures: { a: ReportImage | null; b: ReportImage | null };
  /** The first seed's timelines drawn as images (A solid, B dashed); empty when not recorded. */
  timelines: readonly ReportChart[];
  generatedAt: Date;
  appVersion: string;
}

export function buildCompareReport({
  a,
  b,
  result,
  pictures,
  timelines,
  generatedAt,
  appVersion,
}: CompareReportInput): Report {
  const differences = designDifferences(a, b);
  const labelOf = (id: string) => nodeLabel(a, b, id);
  const rows = compareTableRows(result);
  const outside = rows.filter((row) => row.noise === 'outside noise');
  const picture = (side: 'A' | 'B', design: Design, image: ReportImage | null): ReportBlock =>
    image
      ? {
          type: 'image',
          src: image.src,
          alt: `${side}: ${design.meta.title}`,
          caption: `${side} · ${design.meta.title}`,
          width: image.width,
          height: image.height,
        }
      : { type: 'paragraph', text: `${side} has no components.`, tone: 'muted' };
  return {
    title: `${a.meta.title} vs ${b.meta.title}`,
    subtitle: `Compare report · A and B at the same ${result.seeds.length} seed${result.seeds.length === 1 ? '' : 's'} (${result.seeds.join(', ')}) · ${formatNumber(result.durationS)} s each`,
    meta: [
      {
        label: 'Outside the noise',
        value: outside.length === 0 ? 'no metric' : outside.map((row) => row.label).join(', '),
        tone: outside.length === 0 ? 'muted' : 'warn',
      },
    ],
    sections: [
      {
        heading: 'What differs',
        blocks: [
          differences.length === 0
            ? { type: 'paragraph', text: 'B differs from A in nothing (the same design).' }
            : { type: 'list', items: differences },
          ...(result.scenarioEventsDiffer
            ? [
                {
                  type: 'paragraph' as const,
                  text: 'The scenarios differ: each design ran its own chaos events.',
                  tone: 'warn' as const,
                },
              ]
            : []),
        ],
      },
      {
        heading: 'Difference',
        blocks: [
          {
            type: 'table',
            columns: [
              { label: '' },
              { label: 'A', align: 'right' },
              { label: 'B', align: 'right' },
              { label: 'B − A', align: 'right' },
              { label: '95% CI', align: 'right' },
              { label: 'change', align: 'right' },
              { label: 'noise' },
            ],
            rows: rows.map((row): ReportCell[] => [
              row.indent ? `  ${row.label}` : row.label,
              row.a,
              row.b,
              row.difference,
              row.interval,
              row.change,
              row.noise === 'outside noise' ? { text: row.noise, tone: 'warn' } : row.noise,
            ]),
            note: compareNote(result, labelOf),
          },
        ],
      },
      {
        heading: 'Per tier',
        blocks: [
          {
            type: 'table',
            columns: [
              { label: 'tier' },
              ...TIER_METRICS.flatMap((metric) => [
                { label: `${TIER_HEADINGS[metric]} A`, align: 'right' as const },
                { label: `${TIER_HEADINGS[metric]} B`, align: 'right' as const },
              ]),
            ],
            rows: compareTierRows(result, labelOf).map((row) => [row.label, ...row.cells.flat()]),
            empty: 'No tier is in both designs.',
          },
        ],
      },
      { heading: 'Designs', blocks: [picture('A', a, pictures.a), picture('B', b, pictures.b)] },
      ...(timelines.length > 0
        ? [
            {
              id: 'over-time',
              heading: `Over time at seed ${result.seeds[0]} (A solid, B dashed)`,
              blocks: chartBlocks(timelines, 'over the comparison, A and B'),
            },
          ]
        : []),
    ],
    footer: `Made by Backpressure ${appVersion} on ${generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC. Both designs ran the same seeds (common random numbers), so their differences come from the designs, not from luck. Every number emerges from a per-request simulation.`,
  };
}
