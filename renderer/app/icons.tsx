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
