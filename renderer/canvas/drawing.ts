// How nodes, edges, notes and the grid are painted. Each node and each edge is ONE Konva shape with a
// scene function drawing straight onto the 2D context: a 1,000-node design is 1,000 shapes, not
// 6,000, and nothing listens for events (hit testing is geometric, see ./geometry.ts).
import type { Context } from 'konva/lib/Context';
import {
  CATALOG,
  EDGE_PARAMS,
  nodeParams,
  resolveParams,
  type ComponentKind,
} from '../../shared/document/catalog';
import type { DesignNode, Params } from '../../shared/document/types';
import type { CanvasTheme } from '../ui/themeColors';
import { KIND_ACCENT, kindIconDataUrl } from '../ui/icons';
import {
  GRID_SIZE,
  NODE_HEIGHT,
  NODE_WIDTH,
  PORT_SIDES,
  bezierPoint,
  bezierTangent,
  portPosition,
  type EdgeRoute,
  type Point,
  type Rect,
} from '../../shared/document/geometry';

/**
 * Level of detail: below this zoom, text is under ~5 px and unreadable, so cards draw as body and
 * icon tile only and edge labels are skipped. A zoomed-out 1,000-node design then pans smoothly.
 */
export const DETAIL_MIN_SCALE = 0.35;
let drawScale = 1;
let forceDetail = false;
/** The controller reports the zoom on every viewport change; export forces full detail. */
export function setDrawScale(scale: number): void {
  drawScale = scale;
}
export function setForceDetail(force: boolean): void {
  forceDetail = force;
}
const detailed = () => forceDetail || drawScale >= DETAIL_MIN_SCALE;

/** The world rectangle on screen (with a margin): shapes wholly outside it are not drawn. */
let visibleWorld: Rect | null = null;
export function setVisibleWorld(rect: Rect | null): void {
  visibleWorld = rect;
}
/** Culling is off while exporting, which draws the whole design off-screen. */
export function isOffScreen(x1: number, y1: number, x2: number, y2: number): boolean {
  const v = visibleWorld;
  if (!v || forceDetail) return false;
  return x2 < v.x || y2 < v.y || x1 > v.x + v.w || y1 > v.y + v.h;
}

const native = (context: Context) => (context as unknown as { _context: CanvasRenderingContext2D })._context;

// ---- icons: loaded once per kind and colour; a redraw is requested when they arrive ----

const iconImages = new Map<string, HTMLImageElement | null>();
let onIconLoaded: () => void = () => {};
export function setIconLoadedListener(listener: () => void): void {
  onIconLoaded = listener;
}

function iconImage(kind: ComponentKind, color: string): HTMLImageElement | null {
  const key = `${kind}|${color}`;
  if (iconImages.has(key)) return iconImages.get(key)!;
  let url: string;
  try {
    url = kindIconDataUrl(kind, color);
  } catch {
    iconImages.set(key, null); // no SVG for this kind: the glyph below is drawn instead
    return null;
  }
  const image = new Image();
  image.onload = () => onIconLoaded();
  image.src = url;
  iconImages.set(key, image);
  return image;
}

// ---- text: measuring is costly, so truncated strings are cached ----

const measureContext =
  typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
const fitCache = new Map<string, string>();
export function fitText(text: string, font: string, maxWidth: number): string {
  const key = `${font}|${maxWidth}|${text}`;
  const cached = fitCache.get(key);
  if (cached !== undefined) return cached;
  let result = text;
  if (measureContext) {
    measureContext.font = font;
    if (measureContext.measureText(text).width > maxWidth) {
      let low = 0;
      let high = text.length;
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (measureContext.measureText(`${text.slice(0, mid)}…`).width <= maxWidth) low = mid;
        else high = mid - 1;
      }
      result = `${text.slice(0, low)}…`;
    }
  }
  if (fitCache.size > 20_000) fitCache.clear();
  fitCache.set(key, result);
  return result;
}

export function textWidth(text: string, font: string): number {
  if (!measureContext) return text.length * 7;
  measureContext.font = font;
  return measureContext.measureText(text).width;
}

// ---- nodes ----

/** Instances drawn as a stack (a database counts every copy: shards × (replicas + leader)). */
export function instanceCount(node: Pick<DesignNode, 'kind' | 'params'>): number {
  return CATALOG[node.kind].capabilities.instanceCount(nodeParams(node));
}

/** The second line of a card: kind and scale, e.g. "Service ×3", "Database · 2 replicas". */
export function nodeSubtitle(node: Pick<DesignNode, 'kind' | 'params'>): string {
  const spec = CATALOG[node.kind];
  return spec.view.subtitle(spec.label, nodeParams(node));
}

/** The badge in the corner: ×N, or shards×copies for a sharded database. */
export function instanceBadge(node: Pick<DesignNode, 'kind' | 'params'>): string | null {
  return CATALOG[node.kind].view.badge(nodeParams(node));
}

export interface NodeLook {
  kind: ComponentKind;
  label: string;
  subtitle: string;
  badge: string | null;
  stacked: number;
  selected: boolean;
  hovered: boolean;
  showPorts: boolean;
  theme: CanvasTheme;
}

const LABEL_FONT_SIZE = 15;
const SUBTITLE_FONT_SIZE = 12;
/** Zoomed out (a running design on a laptop), a label grows to stay this big on screen. */
const LABEL_MIN_SCREEN_PX = 12;
const LABEL_MAX_FONT_SIZE = 26;

/** The label's font size in world units at the current zoom (whole pixels, so text fitting caches well). */
export function labelFontSize(scale: number): number {
  return Math.round(Math.min(LABEL_MAX_FONT_SIZE, Math.max(LABEL_FONT_SIZE, LABEL_MIN_SCREEN_PX / scale)));
}

function roundRectPath(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

/** Paints a node card centred on the shape's origin. */
export function drawNode(context: Context, look: NodeLook): void {
  const ctx = native(context);
  const { theme } = look;
  const x = -NODE_WIDTH / 2;
  const y = -NODE_HEIGHT / 2;
  const accent = KIND_ACCENT[look.kind];

  // The stacked look: up to two offset cards behind for more than one instance.
  const backCards = Math.min(2, look.stacked - 1);
  for (let i = backCards; i >= 1; i--) {
    roundRectPath(ctx, x + 5 * i, y - 5 * i, NODE_WIDTH, NODE_HEIGHT, 10);
    ctx.fillStyle = theme.nodeFill;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = theme.nodeStroke;
    ctx.stroke();
  }

  roundRectPath(ctx, x, y, NODE_WIDTH, NODE_HEIGHT, 10);
  ctx.fillStyle = theme.nodeFill;
  ctx.fill();
  ctx.lineWidth = look.selected ? 2.5 : look.hovered ? 2 : 1.25;
  ctx.strokeStyle = look.selected ? theme.selection : look.hovered ? theme.hover : theme.nodeStroke;
  ctx.stroke();

  // Icon tile in the kind's accent.
  const tile = 40;
  const tileX = x + 12;
  const tileY = -tile / 2;
  if (!detailed()) {
    ctx.fillStyle = accent;
    ctx.fillRect(tileX, tileY, tile, tile);
    ctx.fillStyle = theme.nodeSubtext;
    ctx.fillRect(tileX + tile + 10, -12, Math.min(110, 8 * look.label.length), 10);
    return;
  }
  roundRectPath(ctx, tileX, tileY, tile, tile, 9);
  ctx.fillStyle = accent;
  ctx.fill();
  const image = iconImage(look.kind, '#ffffff');
  if (image && image.complete && image.naturalWidth > 0) {
    ctx.drawImage(image, tileX + 8, tileY + 8, 24, 24);
  } else {
    ctx.fillStyle = '#ffffff';
    ctx.font = `700 18px ${theme.fontFamily}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(CATALOG[look.kind].label[0], tileX + tile / 2, 1);
  }

  const textX = tileX + tile + 10;
  const textWidthMax = NODE_WIDTH - (textX - x) - 10;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const labelSize = labelFontSize(drawScale);
  // A grown label needs the card's height: the kind line gives way (the ×N badge still shows).
  const subtitle = labelSize === LABEL_FONT_SIZE ? look.subtitle : '';
  const labelFont = `600 ${labelSize}px ${theme.fontFamily}`;
  ctx.font = labelFont;
  ctx.fillStyle = theme.nodeText;
  // No kind line (it would repeat the label): the label sits centred.
  ctx.fillText(fitText(look.label, labelFont, textWidthMax), textX, subtitle ? -9 : 0);
  if (subtitle) {
    const subtitleFont = `${SUBTITLE_FONT_SIZE}px ${theme.fontFamily}`;
    ctx.font = subtitleFont;
    ctx.fillStyle = theme.nodeSubtext;
    ctx.fillText(fitText(subtitle, subtitleFont, textWidthMax), textX, 11);
  }

  if (look.badge) {
    const badgeFont = `700 11px ${theme.fontFamily}`;
    ctx.font = badgeFont;
    const w = Math.max(22, textWidth(look.badge, badgeFont) + 10);
    // Straddles the top-right corner like a count badge, so the label keeps the full width.
    const bx = x + NODE_WIDTH - w + 6;
    const by = y - 9;
    roundRectPath(ctx, bx, by, w, 18, 9);
    ctx.fillStyle = accent;
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'center';
    ctx.fillText(look.badge, bx + w / 2, by + 9.5);
  }

  if (look.showPorts) {
    for (const side of PORT_SIDES) {
      const port = portPosition({ x: 0, y: 0 }, side);
      ctx.beginPath();
      ctx.arc(port.x, port.y, 5.5, 0, Math.PI * 2);
      ctx.fillStyle = theme.port;
      ctx.fill();
      ctx.lineWidth = 2;
      ctx.strokeStyle = theme.nodeFill;
      ctx.stroke();
    }
  }
}

// ---- edges ----

/** The compact label on an edge: only what differs from the defaults (filter, async, latency, weight). */
export function edgeLabel(params: Params): string {
  const resolved = resolveParams(EDGE_PARAMS, params);
  const parts: string[] = [];
  if (resolved.filter !== 'all') parts.push(String(resolved.filter));
  if (resolved.async) parts.push('async');
  if (resolved.latencyMs !== EDGE_PARAMS.latencyMs.default) parts.push(`${resolved.latencyMs} ms`);
  if (resolved.weight !== EDGE_PARAMS.weight.default) parts.push(`weight ${resolved.weight}`);
  return parts.join(' · ');
}

export interface EdgeLook {
  label: string;
  dashed: boolean;
  selected: boolean;
  theme: CanvasTheme;
  color?: string;
}

export function strokeRoute(ctx: CanvasRenderingContext2D, route: EdgeRoute) {
  ctx.beginPath();
  ctx.moveTo(route.start.x, route.start.y);
  ctx.bezierCurveTo(
    route.control1.x,
    route.control1.y,
    route.control2.x,
    route.control2.y,
    route.end.x,
    route.end.y,
  );
  ctx.stroke();
}

export function drawArrowhead(ctx: CanvasRenderingContext2D, route: EdgeRoute, size: number) {
  let tangent = bezierTangent(route, 1);
  if (Math.hypot(tangent.x, tangent.y) < 1e-6)
    tangent = { x: route.end.x - route.start.x, y: route.end.y - route.start.y };
  const angle = Math.atan2(tangent.y, tangent.x);
  const { x, y } = route.end;
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x - size * Math.cos(angle - 0.45), y - size * Math.sin(angle - 0.45));
  ctx.lineTo(x - size * Math.cos(angle + 0.45), y - size * Math.sin(angle + 0.45));
  ctx.closePath();
  ctx.fill();
}

export function drawEdge(context: Context, route: EdgeRoute, look: EdgeLook): void {
  const ctx = native(context);
  const color = look.color ?? (look.selected ? look.theme.edgeSelected : look.theme.edge);
  ctx.lineWidth = look.selected ? 3 : 2;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.setLineDash(look.dashed ? [7, 5] : []);
  // Stop the line short of the tip so it does not poke through the arrowhead.
  strokeRoute(ctx, route);
  ctx.setLineDash([]);
  drawArrowhead(ctx, route, look.selected ? 13 : 11);
  if (look.label && detailed()) {
    const middle = bezierPoint(route, 0.5);
    const font = `600 11px ${look.theme.fontFamily}`;
    ctx.font = font;
    const w = textWidth(look.label, font) + 12;
    ctx.beginPath();
    ctx.roundRect(middle.x - w / 2, middle.y - 10, w, 20, 10);
    ctx.fillStyle = look.theme.edgeLabelBackground;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = color;
    ctx.stroke();
    ctx.fillStyle = look.theme.edgeLabel;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(look.label, middle.x, middle.y + 0.5);
  }
}

// ---- grid: drawn in world units over exactly the visible area ----

export function drawGrid(
  context: Context,
  visible: Rect,
  scale: number,
  theme: CanvasTheme,
  transparent = false,
): void {
  const ctx = native(context);
  if (!transparent) {
    ctx.fillStyle = theme.background;
    ctx.fillRect(visible.x, visible.y, visible.w, visible.h);
  }
  let step = GRID_SIZE;
  while (step * scale < 16) step *= 5;
  const major = step * 5;
  const draw = (spacing: number, color: string) => {
    ctx.beginPath();
    const x0 = Math.floor(visible.x / spacing) * spacing;
    const y0 = Math.floor(visible.y / spacing) * spacing;
    for (let x = x0; x <= visible.x + visible.w; x += spacing) {
      ctx.moveTo(x, visible.y);
      ctx.lineTo(x, visible.y + visible.h);
    }
    for (let y = y0; y <= visible.y + visible.h; y += spacing) {
      ctx.moveTo(visible.x, y);
      ctx.lineTo(visible.x + visible.w, y);
    }
    ctx.lineWidth = 1 / scale;
    ctx.strokeStyle = color;
    ctx.stroke();
  };
  draw(step, theme.grid);
  // Major lines only at working zoom; zoomed out they would dominate the picture.
  if (step === GRID_SIZE) draw(major, theme.gridMajor);
}

// ---- overlay: marquee, the connection being drawn, the kind being placed ----

export function drawMarquee(context: Context, rect: Rect, scale: number, theme: CanvasTheme) {
  const ctx = native(context);
  ctx.fillStyle = theme.marqueeFill;
  ctx.fillRect(rect.x, rect.y, rect.w, rect.h);
  ctx.lineWidth = 1 / scale;
  ctx.strokeStyle = theme.marqueeStroke;
  ctx.setLineDash([4 / scale, 3 / scale]);
  ctx.strokeRect(rect.x, rect.y, rect.w, rect.h);
  ctx.setLineDash([]);
}

export function drawConnectionPreview(
  context: Context,
  route: EdgeRoute,
  target: Rect | null,
  refused: boolean,
  theme: CanvasTheme,
) {
  const ctx = native(context);
  const color = refused ? theme.refused : theme.port;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2;
  ctx.setLineDash([6, 4]);
  strokeRoute(ctx, route);
  ctx.setLineDash([]);
  drawArrowhead(ctx, route, 11);
  if (target) {
    ctx.beginPath();
    ctx.roundRect(target.x - 4, target.y - 4, target.w + 8, target.h + 8, 13);
    ctx.lineWidth = 2.5;
    ctx.stroke();
  }
}

export function drawPlacingGhost(context: Context, kind: ComponentKind, at: Point, theme: CanvasTheme) {
  const ctx = native(context);
  ctx.save();
  ctx.globalAlpha = 0.55;
  ctx.translate(at.x, at.y);
  drawNode(context, {
    kind,
    label: CATALOG[kind].label,
    subtitle: 'Click to place',
    badge: null,
    stacked: 1,
    selected: true,
    hovered: false,
    showPorts: false,
    theme,
  });
  ctx.restore();
}
