/// <reference types="vite/client" />
// Component-kind icons: one SVG per kind in assets/icons (named by `CATALOG[kind].icon`), drawn with
// `currentColor` so one file serves both themes. The DOM inlines the markup; Konva loads a data URL.
import { CATALOG, type ComponentKind } from '../../shared/document/catalog';

const files = import.meta.glob('../../assets/icons/*.svg', {
  eager: true,
  query: '?raw',
  import: 'default',
}) as Record<string, string>;

const byFileName = new Map(
  Object.entries(files).map(([path, markup]) => [path.slice(path.lastIndexOf('/') + 1), markup]),
);

/** One accent per kind: the icon tile colour, so kinds are told apart at a glance on a shared screen; the
 * canvas cards and the palette use the same tiles. */
export const KIND_ACCENT: Record<ComponentKind, string> = {
  client: '#6366f1',
  gateway: '#0ea5e9',
  rateLimiter: '#f97316',
  loadBalancer: '#14b8a6',
  service: '#2563eb',
  worker: '#7c3aed',
  cache: '#dc2626',
  cdn: '#db2777',
  database: '#16a34a',
  objectStore: '#ca8a04',
  queue: '#9333ea',
};

/** The SVG markup of a kind's icon, without its <title> (the caller labels it). */
export function kindIconMarkup(kind: ComponentKind): string {
  const markup = byFileName.get(CATALOG[kind].icon);
  if (!markup) throw new Error(`missing icon assets/icons/${CATALOG[kind].icon} for ${kind}`);
  return markup.replace(/<title>.*?<\/title>\s*/s, '');
}

/** A data URL of a kind's icon drawn in one colour, for Konva images on the canvas. */
export function kindIconDataUrl(kind: ComponentKind, color: string): string {
  const markup = kindIconMarkup(kind).replaceAll('currentColor', color);
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
}

export function KindIcon({ kind, size = 24 }: { kind: ComponentKind; size?: number }) {
  return (
    <span
      className="kind-icon"
      aria-hidden="true"
      style={{ width: size, height: size }}
      dangerouslySetInnerHTML={{ __html: kindIconMarkup(kind) }}
    />
  );
}

/** The kind's icon in white on its accent tile, as on the canvas cards. */
export function KindTile({ kind, size = 30 }: { kind: ComponentKind; size?: number }) {
  return (
    <span
      className="kind-tile"
      aria-hidden="true"
      style={{ width: size, height: size, background: KIND_ACCENT[kind] }}
      dangerouslySetInnerHTML={{ __html: kindIconMarkup(kind) }}
    />
  );
}
