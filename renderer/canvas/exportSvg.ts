// SVG export of the whole design or the selection: cards, edges, notes and labels as real SVG
// elements (rects, paths, text), so the picture stays sharp at any size, its text can be selected
// and searched, and it can be edited in a vector tool. It is drawn from the document with the same
// geometry (shared/document/geometry.ts), card wording (drawing.ts, cardText.ts), kind icons and
// theme colours (ui/themeColors.ts) as the canvas — not traced from the Konva stage — in the order
// the canvas paints: frames, edges, nodes, then notes.
import {
  FRAME_TITLE_HEIGHT,
  NODE_HEIGHT,
  NODE_WIDTH,
  bezierPoint,
  bezierTangent,
  designBounds,
  edgeBends,
  routeEdge,
  type EdgeRoute,
} from '../../shared/document/geometry';
import type { Design, DesignNode, DesignNote } from '../../shared/document/types';
import type { CanvasTheme } from '../ui/themeColors';
import { KIND_ACCENT, kindIconMarkup } from '../ui/icons';
import { escapeMarkup } from '../ui/markup';
import { edgeLabel, fitText, instanceBadge, instanceCount, textWidth } from './drawing';
import { cardKindLine } from './cardText';

export interface SvgOptions {
  /** Only these nodes and notes (and the edges between two of them); everything when absent. */
  only?: { nodes: Set<string>; notes: Set<string> };
  background: 'themed' | 'transparent';
  theme: CanvasTheme;
}

/** World units around the content, as in the PNG export. */
export const SVG_PADDING = 32;

const esc = escapeMarkup;
/** Coordinates with at most two decimals: readable files, no visible difference. */
const n = (value: number) => String(Math.round(value * 100) / 100);

function fontAttributes(theme: CanvasTheme, size: number, weight?: number | string): string {
  return `font-family="${esc(theme.fontFamily)}" font-size="${size}"${weight ? ` font-weight="${weight}"` : ''}`;
}

/** The kind's icon (stroke-drawn in currentColor) as a nested <svg> at x, y, size × size, in `color`. */
function iconElement(kind: DesignNode['kind'], x: number, y: number, size: number, color: string): string {
  let markup: string;
  try {
    markup = kindIconMarkup(kind);
  } catch {
    return '';
  }
  const open = markup.match(/<svg\b[^>]*>/);
  if (!open) return '';
  const attributes = open[0]
    .replace(/^<svg\b/, '')
    .replace(/>$/, '')
    .replace(/\s(?:width|height|x|y|xmlns(?::\w+)?)="[^"]*"/g, '');
  const body = markup
    .slice(open.index! + open[0].length)
    .replace(/<\/svg>\s*$/, '')
    .trim();
  return `<svg x="${n(x)}" y="${n(y)}" width="${size}" height="${size}"${attributes} color="${esc(color)}">${body}</svg>`;
}

function nodeElement(node: DesignNode, theme: CanvasTheme): string {
  const x = -NODE_WIDTH / 2;
  const y = -NODE_HEIGHT / 2;
  const accent = KIND_ACCENT[node.kind];
  const label = node.label || node.id;
  const subtitle = cardKindLine(node);
  const badge = instanceBadge(node);
  const parts: string[] = [`<title>${esc(label)}${subtitle ? ` (${esc(subtitle)})` : ''}</title>`];
  const backCards = Math.min(2, instanceCount(node) - 1);
  for (let i = backCards; i >= 1; i--)
    parts.push(
      `<rect x="${n(x + 5 * i)}" y="${n(y - 5 * i)}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="10" fill="${esc(theme.nodeFill)}" stroke="${esc(theme.nodeStroke)}" stroke-width="1"/>`,
    );
  parts.push(
    `<rect x="${n(x)}" y="${n(y)}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="10" fill="${esc(theme.nodeFill)}" stroke="${esc(theme.nodeStroke)}" stroke-width="1.25"/>`,
  );
  const tile = 40;
  const tileX = x + 12;
  const tileY = -tile / 2;
  parts.push(
    `<rect x="${n(tileX)}" y="${n(tileY)}" width="${tile}" height="${tile}" rx="9" fill="${esc(accent)}"/>`,
  );
  parts.push(iconElement(node.kind, tileX + 8, tileY + 8, 24, '#ffffff'));
  const textX = tileX + tile + 10;
  const textWidthMax = NODE_WIDTH - (textX - x) - 10;
  const labelFont = `600 15px ${theme.fontFamily}`;
  parts.push(
    `<text x="${n(textX)}" y="${subtitle ? -9 : 0}" dominant-baseline="central" ${fontAttributes(theme, 15, 600)} fill="${esc(theme.nodeText)}">${esc(fitText(label, labelFont, textWidthMax))}</text>`,
  );
  if (subtitle)
    parts.push(
      `<text x="${n(textX)}" y="11" dominant-baseline="central" ${fontAttributes(theme, 12)} fill="${esc(theme.nodeSubtext)}">${esc(fitText(subtitle, `12px ${theme.fontFamily}`, textWidthMax))}</text>`,
    );
  if (badge) {
    const w = Math.max(22, textWidth(badge, `700 11px ${theme.fontFamily}`) + 10);
    const bx = x + NODE_WIDTH - w + 6;
    const by = y - 9;
    parts.push(
      `<rect x="${n(bx)}" y="${n(by)}" width="${n(w)}" height="18" rx="9" fill="${esc(accent)}"/>`,
      `<text x="${n(bx + w / 2)}" y="${n(by + 9.5)}" text-anchor="middle" dominant-baseline="central" ${fontAttributes(theme, 11, 700)} fill="#ffffff">${esc(badge)}</text>`,
    );
  }
  return `<g class="node" data-node-id="${esc(node.id)}" transform="translate(${n(node.x)} ${n(node.y)})">${parts.join('')}</g>`;
}

function arrowhead(route: EdgeRoute, size: number): string {
  let tangent = bezierTangent(route, 1);
  if (Math.hypot(tangent.x, tangent.y) < 1e-6)
    tangent = { x: route.end.x - route.start.x, y: route.end.y - route.start.y };
  const angle = Math.atan2(tangent.y, tangent.x);
  const { x, y } = route.end;
  const corner = (turn: number) =>
    `${n(x - size * Math.cos(angle + turn))},${n(y - size * Math.sin(angle + turn))}`;
  return `${n(x)},${n(y)} ${corner(-0.45)} ${corner(0.45)}`;
}

function edgeElement(
  id: string,
  route: EdgeRoute,
  label: string,
  dashed: boolean,
  theme: CanvasTheme,
): string {
  const { start, control1, control2, end } = route;
  const parts = [
    `<path d="M${n(start.x)} ${n(start.y)}C${n(control1.x)} ${n(control1.y)} ${n(control2.x)} ${n(control2.y)} ${n(end.x)} ${n(end.y)}" fill="none" stroke="${esc(theme.edge)}" stroke-width="2"${dashed ? ' stroke-dasharray="7 5"' : ''}/>`,
    `<polygon points="${arrowhead(route, 11)}" fill="${esc(theme.edge)}"/>`,
  ];
  if (label) {
    const middle = bezierPoint(route, 0.5);
    const w = textWidth(label, `600 11px ${theme.fontFamily}`) + 12;
    parts.push(
      `<rect x="${n(middle.x - w / 2)}" y="${n(middle.y - 10)}" width="${n(w)}" height="20" rx="10" fill="${esc(theme.edgeLabelBackground)}" stroke="${esc(theme.edge)}" stroke-width="1"/>`,
      `<text x="${n(middle.x)}" y="${n(middle.y + 0.5)}" text-anchor="middle" dominant-baseline="central" ${fontAttributes(theme, 11, 600)} fill="${esc(theme.edgeLabel)}">${esc(label)}</text>`,
    );
  }
  return `<g class="edge" data-edge-id="${esc(id)}">${parts.join('')}</g>`;
}

/** Word-wraps text into lines no wider than maxWidth (hard breaks kept), at most maxLines (… when cut). */
export function wrapText(text: string, font: string, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && textWidth(candidate, font) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(1, maxLines));
  kept[kept.length - 1] = fitText(`${kept[kept.length - 1]}…`, font, maxWidth);
  return kept;
}

function textLines(lines: string[], x: number, y: number, lineHeight: number, attributes: string): string {
  const spans = lines
    .map((line, i) => `<tspan x="${n(x)}" dy="${i === 0 ? 0 : n(lineHeight)}">${esc(line) || ' '}</tspan>`)
    .join('');
  return `<text x="${n(x)}" y="${n(y)}" ${attributes}>${spans}</text>`;
}

function noteElement(note: DesignNote, theme: CanvasTheme): string {
  const style = note.style ?? 'sticky';
  const parts: string[] = [];
  if (style === 'frame') {
    const title = note.text || 'Region';
    parts.push(
      `<rect width="${n(note.w)}" height="${n(note.h)}" rx="14" fill="${esc(theme.frameFill)}" stroke="${esc(theme.frameStroke)}" stroke-width="1.5" stroke-dasharray="10 6"/>`,
      `<text x="14" y="${n(9 + (FRAME_TITLE_HEIGHT - 9) / 2)}" dominant-baseline="central" ${fontAttributes(theme, 15, 'bold')} fill="${esc(theme.frameLabel)}">${esc(fitText(title, `bold 15px ${theme.fontFamily}`, Math.max(10, note.w - 28)))}</text>`,
    );
  } else if (style === 'text') {
    const font = `600 18px ${theme.fontFamily}`;
    const lineHeight = 18 * 1.2;
    const lines = wrapText(
      note.text,
      font,
      Math.max(10, note.w - 8),
      Math.max(1, Math.floor((note.h - 8) / lineHeight)),
    );
    const top = note.h / 2 - ((lines.length - 1) * lineHeight) / 2;
    parts.push(
      textLines(
        lines,
        4,
        top,
        lineHeight,
        `dominant-baseline="central" ${fontAttributes(theme, 18, 600)} fill="${esc(theme.text)}"`,
      ),
    );
  } else {
    const font = `15px ${theme.fontFamily}`;
    const lineHeight = 15 * 1.3;
    const lines = wrapText(
      note.text,
      font,
      Math.max(10, note.w - 24),
      Math.max(1, Math.floor((note.h - 24) / lineHeight)),
    );
    parts.push(
      `<rect width="${n(note.w)}" height="${n(note.h)}" rx="4" fill="${esc(theme.stickyFill)}" stroke="rgba(0,0,0,0.12)" stroke-width="1"/>`,
      textLines(
        lines,
        12,
        12 + lineHeight / 2,
        lineHeight,
        `dominant-baseline="central" ${fontAttributes(theme, 15)} fill="${esc(theme.stickyText)}"`,
      ),
    );
  }
  return `<g class="note" data-note-id="${esc(note.id)}" transform="translate(${n(note.x)} ${n(note.y)})">${parts.join('')}</g>`;
}

/** The design (or the chosen part) as an SVG document; null when there is nothing to draw. */
export function designSvg(
  design: Design,
  options: SvgOptions,
): { svg: string; width: number; height: number } | null {
  const { only, theme } = options;
  const bounds = designBounds(design, only);
  if (!bounds) return null;
  const x = bounds.x - SVG_PADDING;
  const y = bounds.y - SVG_PADDING;
  const width = Math.ceil(bounds.w + 2 * SVG_PADDING);
  const height = Math.ceil(bounds.h + 2 * SVG_PADDING);
  const nodes = design.nodes.filter((node) => !only || only.nodes.has(node.id));
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const notes = design.notes.filter((note) => !only || only.notes.has(note.id));
  const bends = edgeBends(design.edges);
  const edges = design.edges.flatMap((edge) => {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) return [];
    const route = routeEdge(from, to, bends.get(edge.id) ?? 0);
    return [edgeElement(edge.id, route, edgeLabel(edge.params), edge.params.async === true, theme)];
  });
  const title = design.meta.title.trim() || 'Untitled design';
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(x)} ${n(y)} ${width} ${height}" width="${width}" height="${height}">`,
    `<title>${esc(title)}</title>`,
    options.background === 'themed'
      ? `<rect x="${n(x)}" y="${n(y)}" width="${width}" height="${height}" fill="${esc(theme.background)}"/>`
      : '',
    ...notes.filter((note) => note.style === 'frame').map((note) => noteElement(note, theme)),
    ...edges,
    ...nodes.map((node) => nodeElement(node, theme)),
    ...notes.filter((note) => note.style !== 'frame').map((note) => noteElement(note, theme)),
    '</svg>',
    '',
  ]
    .filter(Boolean)
    .join('\n');
  return { svg, width, height };
}

/** A data URL of an SVG document (base64 of its UTF-8 text), for <img> and reports. */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
