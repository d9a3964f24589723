// The one HTML builder for reports: `buildReportHtml(report)` turns plain data sections
// (./report.ts) into ONE self-contained HTML document — inline CSS, images only as data URLs, no
// script, and a Content-Security-Policy that forbids loading anything — so it opens in any browser,
// offline, and prints (or is printed to PDF by the desktop app) the same way. Every piece of text
// is escaped here: a node labelled `<img src=x onerror=…>` reads as those characters.
import type { Report, ReportBlock, ReportCell, ReportFact, ReportSection, ReportTone } from './report';
import { escapeMarkup } from '../ui/markup';

/** Escapes text for HTML content and quoted attributes (the one escaper, renderer/ui/markup.ts). */
export const escapeHtml = escapeMarkup;

/** Images a report may embed: data URLs of raster or SVG pictures, never a link to fetch. */
const IMAGE_DATA_URL = /^data:image\/(png|jpeg|webp|svg\+xml)(;charset=[\w-]+)?(;base64)?,/i;

export function isEmbeddableImage(src: string): boolean {
  return IMAGE_DATA_URL.test(src);
}

/** The report's own policy: nothing may be fetched; styles are inline, images are data URLs. */
export const REPORT_CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** "Run totals per node" → "run-totals-per-node"; unique within the report. */
function sectionIds(sections: ReportSection[]): string[] {
  const seen = new Map<string, number>();
  return sections.map((section) => {
    const base =
      (section.id ?? section.heading)
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'section';
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count + 1}`;
  });
}

const toneClass = (tone: ReportTone | undefined) => (tone ? ` class="tone-${tone}"` : '');

/** Bar segment styles by legend position: hatched, solid, pale, dotted … (never colour alone). */
const BAR_STYLES = 4;

function cell(value: ReportCell, tag: 'td' | 'th', align: 'left' | 'right' | undefined): string {
  const text = typeof value === 'string' ? value : value.text;
  const tone = typeof value === 'string' ? undefined : value.tone;
  const title = typeof value === 'string' ? undefined : value.title;
  const classes = [align === 'right' ? 'num' : '', tone ? `tone-${tone}` : ''].filter(Boolean).join(' ');
  return `<${tag}${classes ? ` class="${classes}"` : ''}${title ? ` title="${escapeHtml(title)}"` : ''}>${escapeHtml(text)}</${tag}>`;
}

function facts(items: ReportFact[]): string {
  return `<dl class="facts">${items
    .map(
      (item) =>
        `<div><dt>${escapeHtml(item.label)}</dt><dd${toneClass(item.tone)}>${escapeHtml(item.value)}</dd></div>`,
    )
    .join('')}</dl>`;
}

/** A positive CSS length in px, or nothing (a width from data never becomes CSS it did not mean). */
const px = (value: number | undefined) =>
  value !== undefined && Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;

function block(item: ReportBlock): string {
  switch (item.type) {
    case 'paragraph':
      return `<p${toneClass(item.tone)}>${escapeHtml(item.text)}</p>`;
    case 'facts':
      return facts(item.items);
    case 'list':
      return `<ul>${item.items.map((entry) => `<li>${escapeHtml(entry)}</li>`).join('')}</ul>`;
    case 'table': {
      if (item.rows.length === 0 && item.empty !== undefined)
        return `${item.caption ? `<h3>${escapeHtml(item.caption)}</h3>` : ''}<p class="tone-muted">${escapeHtml(item.empty)}</p>`;
      const head = item.columns.map((column) => cell(column.label, 'th', column.align)).join('');
      const body = item.rows
        .map((row) => `<tr>${row.map((value, i) => cell(value, 'td', item.columns[i]?.align)).join('')}</tr>`)
        .join('\n');
      return (
        `<figure class="table"><table>${item.caption ? `<caption>${escapeHtml(item.caption)}</caption>` : ''}` +
        `<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>` +
        `${item.note ? `<figcaption class="note">${escapeHtml(item.note)}</figcaption>` : ''}</figure>`
      );
    }
    case 'image': {
      const caption = item.caption ? `<figcaption>${escapeHtml(item.caption)}</figcaption>` : '';
      if (!isEmbeddableImage(item.src))
        return `<figure class="image"><p class="tone-muted">[Image left out: ${escapeHtml(item.alt)}]</p>${caption}</figure>`;
      const width = px(item.width);
      const height = px(item.height);
      return (
        `<figure class="image"><img src="${escapeHtml(item.src)}" alt="${escapeHtml(item.alt)}"` +
        `${width ? ` width="${width}"` : ''}${height ? ` height="${height}"` : ''}>${caption}</figure>`
      );
    }
    case 'bars': {
      const styleOf = new Map(item.legend.map((entry, i) => [entry.key, i % BAR_STYLES]));
      const rows = item.rows
        .map((row) => {
          const share = Math.max(0, Math.min(1, row.share));
          const parts = row.parts
            .filter((part) => part.fraction > 0)
            .map(
              (part) =>
                `<span class="bar-part bar-style-${styleOf.get(part.key) ?? 0}" style="width:${(Math.min(1, part.fraction) * 100).toFixed(2)}%" title="${escapeHtml(part.title)}"></span>`,
            )
            .join('');
          const spelled = row.parts.map((part) => part.title).join(' · ');
          return (
            `<tr><th scope="row">${escapeHtml(row.label)}</th>` +
            `<td class="bar-cell"><span class="bar" style="width:${Math.max(1, share * 100).toFixed(2)}%">${parts}</span>` +
            `<span class="bar-text">${escapeHtml(spelled)}</span></td>` +
            `<td class="num">${escapeHtml(row.total)}</td></tr>`
          );
        })
        .join('\n');
      const legend = item.legend
        .map(
          (entry, i) =>
            `<span class="legend-key"><span class="bar-part bar-style-${i % BAR_STYLES}"></span>${escapeHtml(entry.label)}</span>`,
        )
        .join(' ');
      return (
        `<figure class="bars">${item.caption ? `<figcaption>${escapeHtml(item.caption)}</figcaption>` : ''}` +
        `<table><tbody>\n${rows}\n</tbody></table><p class="legend">${legend}</p></figure>`
      );
    }
  }
}

const STYLE = `
:root { color-scheme: light; --text: #1b2130; --muted: #4d5666; --line: #d5dae2; --zebra: #f4f6f9;
  --pass: #1f7a3d; --fail: #c62828; --warn: #b35c00; --accent: #2563d9; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1000px; padding: 32px 28px 48px; color: var(--text); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
header { border-bottom: 2px solid var(--text); padding-bottom: 12px; margin-bottom: 16px; }
h1 { font-size: 28px; margin: 0 0 4px; line-height: 1.2; overflow-wrap: anywhere; }
h2 { font-size: 21px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); break-after: avoid; }
h3 { font-size: 16px; margin: 18px 0 6px; break-after: avoid; }
p { margin: 6px 0; overflow-wrap: anywhere; }
.subtitle { color: var(--muted); font-size: 16px; margin: 0 0 8px; }
nav ol { margin: 4px 0 0; padding-left: 22px; columns: 2; }
nav a { color: var(--accent); }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 6px 18px; margin: 8px 0; }
.facts div { border-left: 3px solid var(--line); padding-left: 8px; }
.facts dt { color: var(--muted); font-size: 13px; }
.facts dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
figure { margin: 12px 0; break-inside: avoid; }
figure.table { overflow-x: auto; break-inside: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--muted); font-size: 13px; color: var(--muted); white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--zebra); }
tr { break-inside: avoid; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.note, figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
.image img { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; display: block; }
.tone-pass { color: var(--pass); font-weight: 600; }
.tone-fail { color: var(--fail); font-weight: 600; }
.tone-warn { color: var(--warn); font-weight: 600; }
.tone-muted { color: var(--muted); }
.bars table th { width: 24%; font-weight: 600; overflow-wrap: anywhere; }
.bar-cell { width: 62%; }
.bar { display: inline-flex; height: 16px; vertical-align: middle; border: 1px solid var(--muted); min-width: 2px; }
.bar-text { display: block; color: var(--muted); font-size: 12.5px; }
.bar-part { display: inline-block; height: 100%; }
.legend .bar-part { width: 22px; height: 12px; border: 1px solid var(--muted); vertical-align: middle; margin-right: 4px; }
.legend-key { margin-right: 14px; white-space: nowrap; }
.bar-style-0 { background: repeating-linear-gradient(135deg, #0072b2 0 3px, #cfe3f2 3px 6px); }
.bar-style-1 { background: #0072b2; }
.bar-style-2 { background: #a9cbe6; }
.bar-style-3 { background: repeating-radial-gradient(circle, #0072b2 0 1px, #fff 1px 4px); }
footer { margin-top: 36px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
@media print {
  body { padding: 0; max-width: none; font-size: 12.5px; }
  nav { display: none; }
  h2 { margin-top: 20px; }
  figure.table { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4; margin: 14mm 12mm; }
`;

/**
 * One self-contained HTML document for a report: inline CSS, data-URL images only, no script,
 * and a CSP meta tag that blocks any load. Opens in any browser without a network.
 */
export function buildReportHtml(report: Report): string {
  const ids = sectionIds(report.sections);
  const toc =
    report.sections.length > 1
      ? `<nav aria-label="Contents"><strong>Contents</strong><ol>${report.sections
          .map((section, i) => `<li><a href="#${ids[i]}">${escapeHtml(section.heading)}</a></li>`)
          .join('')}</ol></nav>`
      : '';
  const sections = report.sections
    .map(
      (section, i) =>
        `<section id="${ids[i]}">\n<h2>${escapeHtml(section.heading)}</h2>\n${section.blocks.map(block).join('\n')}\n</section>`,
    )
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Backpressure">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(report.title)}</h1>`,
    report.subtitle ? `<p class="subtitle">${escapeHtml(report.subtitle)}</p>` : '',
    report.meta && report.meta.length > 0 ? facts(report.meta) : '',
    '</header>',
    toc,
    '<main>',
    sections,
    '</main>',
    report.footer ? `<footer>${escapeHtml(report.footer)}</footer>` : '',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
