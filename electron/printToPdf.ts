// Prints a run report (one self-contained HTML document, renderer/report) to PDF with Chromium's
// own printer (`webContents.printToPDF`), in a hidden window that can do nothing else: its own
// in-memory session that refuses every request but the report file itself, no JavaScript, no
// preload, sandboxed. The report is written to a private temp folder first — a data: URL would cap
// it at Chromium's 2 MB URL limit — and the folder is removed afterwards.
import { BrowserWindow, app, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const PRINT_PARTITION = 'report-print';

export async function printReportToPdf(html: string): Promise<Buffer> {
  const folder = await mkdtemp(join(app.getPath('temp'), 'backpressure-report-'));
  const file = join(folder, 'report.html');
  const printer = session.fromPartition(PRINT_PARTITION, { cache: false });
  const reportUrl = pathToFileURL(file).href;
  printer.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  printer.setPermissionCheckHandler(() => false);
  // The report embeds everything as data URLs; anything else it asked for would be a leak.
  printer.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !(details.url === reportUrl || details.url.startsWith('data:')) }),
  );
  let window: BrowserWindow | null = null;
  try {
    await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
    window = new BrowserWindow({
      show: false,
      width: 1000,
      height: 1400,
      webPreferences: {
        session: printer,
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    await window.loadURL(reportUrl);
    return await window.webContents.printToPDF({
      printBackground: true,
      pageSize: 'A4',
      preferCSSPageSize: true,
      generateDocumentOutline: true,
    });
  } finally {
    window?.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}
