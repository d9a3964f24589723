// zod schemas for every payload crossing the Electron IPC boundary. Documents are checked with the
// same parseDesign used for files, so a renderer cannot make the main process write a bad file.
import '../document/zodConfig';
import { z } from 'zod';
import { parseDesign } from '../document/validate';
import type { Design } from '../document/types';
import { EXPORT_FORMATS, exportContentProblem, isHtmlDocument } from './exportFormats';

const MAX_PATH_CHARS = 4096;

export const designPayload = z.unknown().transform((value, context): Design => {
  const result = parseDesign(value);
  if (!result.ok) {
    for (const problem of result.problems) context.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return result.design;
});

export const filePathPayload = z.string().min(1).max(MAX_PATH_CHARS);
export const fileRefPayload = z.object({ path: filePathPayload, name: z.string().min(1).max(1024) });
export const suggestedNamePayload = z.string().max(1024);
export const saveOptionsPayload = z.object({ overwriteChanges: z.boolean().optional() }).optional();
export const draftIdPayload = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a draft id is 1–64 letters, digits, - or _');
export const draftPayload = z.object({
  id: draftIdPayload,
  savedAt: z.number().int().nonnegative(),
  file: fileRefPayload.nullable(),
  design: designPayload,
});
export const templateNamePayload = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,100}\.bpd$/, 'a template name is a plain file name ending in .bpd');
/** A PNG export: at most 100 MB, and it must start with the PNG signature. */
export const pngPayload = z
  .instanceof(Uint8Array)
  .refine((bytes) => bytes.length <= 100 * 1024 * 1024, 'the image is larger than 100 MB')
  .refine(
    (bytes) =>
      bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47,
    'not a PNG image',
  );
/** An exported file (SVG, HTML report, WebM recording): its format and content must agree. */
export const exportFilePayload = z
  .object({
    format: z.enum(['svg', 'html', 'webm']),
    data: z.union([z.string(), z.instanceof(Uint8Array)]),
  })
  .superRefine(({ format, data }, context) => {
    const problem = exportContentProblem(format, data);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
/** A report to print to PDF: an HTML document of at most the HTML export's size. */
export const reportHtmlPayload = z
  .string()
  .max(EXPORT_FORMATS.html.maxBytes, 'the report is too large')
  .refine(isHtmlDocument, 'not an HTML document');
export const documentStatePayload = z.object({ title: z.string().max(1024), dirty: z.boolean() });
export const closeRequestAnswerPayload = z.enum(['asking', 'cancelled']);
export const externalUrlPayload = z.string().max(2048);

/** Hosts the app may open in the system browser; everything else is refused. */
export const EXTERNAL_HOSTS = ['github.com', 'www.electronjs.org'] as const;

export function isAllowedExternalUrl(url: string): boolean {
  // No URL class in the pure core: a strict pattern instead (no credentials, no port tricks).
  const match = /^https:\/\/([a-z0-9.-]+)(?:[/?#]|$)/i.exec(url);
  return match !== null && (EXTERNAL_HOSTS as readonly string[]).includes(match[1].toLowerCase());
}
