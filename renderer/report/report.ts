// What a report is made of: plain data sections (headings, paragraphs, facts, tables, images,
// stacked bars). The run report (./runReport.ts) fills them from a run; compare and sweep reports
// can fill them from their own numbers and reuse the same HTML builder (./reportHtml.ts).
// Everything here is text and numbers already written for people (shared/format.ts): the builder
// only escapes and lays out, it never formats a number itself.

/** Colour is never alone: a tone also comes with a word or an icon in the text. */
export type ReportTone = 'pass' | 'fail' | 'warn' | 'muted';

export interface Report {
  /** The document title (the design's title, say); escaped. */
  title: string;
  /** One line under the title: "Run report · seed 7 · 60 s simulated". */
  subtitle?: string;
  /** Facts shown in the header (generated at, app version …). */
  meta?: ReportFact[];
  sections: ReportSection[];
  /** Small print at the end. */
  footer?: string;
}

export interface ReportSection {
  /** Anchor for the table of contents; letters, digits and - only (derived from the heading when absent). */
  id?: string;
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportFact {
  label: string;
  value: string;
  tone?: ReportTone;
}

export interface ReportColumn {
  label: string;
  /** Numbers read best right-aligned. Default left. */
  align?: 'left' | 'right';
}

export type ReportCell = string | { text: string; tone?: ReportTone; title?: string };

export interface ReportBarPart {
  /** One of the block's legend keys (styles the segment). */
  key: string;
  /** Share of the row's bar (0..1). */
  fraction: number;
  /** Tooltip and print text: "queueing 12.3 ms (40%)". */
  title: string;
}

export interface ReportBarRow {
  label: string;
  /** Length of the whole bar against the longest possible (0..1). */
  share: number;
  parts: ReportBarPart[];
  /** Written at the end of the row: "31.2 ms". */
  total: string;
}

export type ReportBlock =
  | { type: 'paragraph'; text: string; tone?: ReportTone }
  | { type: 'facts'; items: ReportFact[] }
  | { type: 'list'; items: string[] }
  | {
      type: 'table';
      caption?: string;
      columns: ReportColumn[];
      rows: ReportCell[][];
      /** Shown instead of an empty table. */
      empty?: string;
      /** Small print under the table. */
      note?: string;
    }
  | {
      type: 'image';
      /** A data URL (data:image/png|svg+xml|jpeg|webp): anything else is left out, the report loads nothing. */
      src: string;
      alt: string;
      caption?: string;
      /** CSS pixels the image is shown at (it scales down to the page). */
      width?: number;
      height?: number;
    }
  | {
      type: 'bars';
      caption?: string;
      /** The segment styles, in order: key → label ("queueing"). Keys: letters, digits and - only. */
      legend: { key: string; label: string }[];
      rows: ReportBarRow[];
    };
