// The files the app exports besides designs and PNGs: the design as SVG, a run report as HTML or
// PDF, a recording as WebM. One table says each one's extension, type, save-dialog wording and
// folder; `exportContentProblem` is the check both sides apply (the main process before it writes,
// unit tests on any machine), so a renderer cannot make the shell write something else under that name.

export type ExportFormat = 'svg' | 'html' | 'pdf' | 'webm';

/** Formats the renderer hands over as finished files (a PDF is printed by the shell from HTML). */
export type ExportFileFormat = Exclude<ExportFormat, 'pdf'>;

export interface ExportFormatInfo {
  extension: string;
  mimeType: string;
  /** The save dialog's filter name. */
  description: string;
  /** Where the save dialog starts (Electron's app.getPath names). */
  folder: 'pictures' | 'documents' | 'videos';
  /** The largest file accepted. */
  maxBytes: number;
}

const MIB = 1024 * 1024;

export const EXPORT_FORMATS: Record<ExportFormat, ExportFormatInfo> = {
  svg: {
    extension: 'svg',
    mimeType: 'image/svg+xml',
    description: 'SVG image',
    folder: 'pictures',
    maxBytes: 100 * MIB,
  },
  html: {
    extension: 'html',
    mimeType: 'text/html;charset=utf-8',
    description: 'Run report (HTML)',
    folder: 'documents',
    maxBytes: 200 * MIB,
  },
  pdf: {
    extension: 'pdf',
    mimeType: 'application/pdf',
    description: 'PDF document',
    folder: 'documents',
    maxBytes: 200 * MIB,
  },
  webm: {
    extension: 'webm',
    mimeType: 'video/webm',
    description: 'WebM video',
    folder: 'videos',
    maxBytes: 1024 * MIB,
  },
};

/** The four bytes every WebM (Matroska/EBML) file starts with. */
export const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3] as const;

/** Why `data` is not a `format` file (or too large), or null when it is. */
export function exportContentProblem(format: ExportFileFormat, data: string | Uint8Array): string | null {
  const info = EXPORT_FORMATS[format];
  const size = typeof data === 'string' ? data.length : data.byteLength;
  if (size > info.maxBytes) return `the ${info.description} is larger than ${info.maxBytes / MIB} MB`;
  switch (format) {
    case 'svg':
      return typeof data === 'string' && /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(data)
        ? null
        : 'not an SVG image';
    case 'html':
      return typeof data === 'string' && isHtmlDocument(data) ? null : 'not an HTML document';
    case 'webm':
      return typeof data !== 'string' &&
        data.byteLength > 4 &&
        EBML_MAGIC.every((byte, i) => data[i] === byte)
        ? null
        : 'not a WebM video';
  }
}

export function isHtmlDocument(text: string): boolean {
  return /^\s*<!doctype html>/i.test(text);
}

/** "Checkout v2" + svg → "Checkout v2.svg" (a name that already ends so is kept). */
export function withExtension(name: string, format: ExportFormat): string {
  const extension = `.${EXPORT_FORMATS[format].extension}`;
  const base = name.trim() || 'Untitled design';
  return base.toLowerCase().endsWith(extension) ? base : `${base}${extension}`;
}

/** The browser build has no printToPDF: what it says instead. */
export const PDF_NEEDS_DESKTOP =
  'PDF export needs the desktop app. In the browser, export the HTML report, open it and print it (Print → Save as PDF).';
