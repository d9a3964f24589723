// Reads a design file's text into a validated Design, through the document schema (the same one
// that validates files in the app): problems come back as messages with JSON paths.
import { parseDesign } from '../document/validate';
import type { Design } from '../document/types';

export type LoadResult = { ok: true; design: Design; warnings: string[] } | { ok: false; problems: string[] };

export function loadDesignFile(text: string): LoadResult {
  const parsed = parseDesign(text);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  return { ok: true, design: parsed.design, warnings: parsed.warnings };
}
