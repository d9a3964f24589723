// The templates this build ships (assets/templates/*.bpd), bundled once, as text: the browser's
// template list and the labs that build on a template read the same copy.
const templateTexts = import.meta.glob('../../assets/templates/*.bpd', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const fileName = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/** File name ("three-tier.bpd") → text. */
export const BUNDLED_TEMPLATES: ReadonlyMap<string, string> = new Map(
  Object.entries(templateTexts).map(([key, text]) => [fileName(key), text]),
);

/** A template's text by stem ("three-tier") or file name ("three-tier.bpd"). */
export const bundledTemplateText = (name: string): string | undefined =>
  BUNDLED_TEMPLATES.get(name.endsWith('.bpd') ? name : `${name}.bpd`);
