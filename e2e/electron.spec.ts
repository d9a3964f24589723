// The desktop shell, driven through Playwright's Electron support. Needs the Electron binary,
// which `ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci` (CI, offline machines) does not install: there
// these tests are skipped with that reason. Needs `npm run build` (npm test builds first).
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The installed Electron executable, or null (found without triggering the package's download). */
function electronBinary(): string | null {
  try {
    const packageDirectory = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDirectory, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(packageDirectory, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
test.skip(
  binary === null,
  'The Electron binary is not installed here (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline); install it with `node node_modules/electron/install.js` (needs network) to run the desktop tests.',
);
test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  test.skip(binary === null);
  app = await electron.launch({
    executablePath: binary!,
    args: [root, '--no-sandbox'],
    env: { ...process.env, BACKPRESSURE_USER_DATA: mkdtempSync(join(tmpdir(), 'bp-electron-')) },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
});

test('the window opens with the app loaded over app:// and the desktop API exposed', async () => {
  await expect(page.getByTestId('canvas')).toBeVisible();
  expect(page.url()).toBe('app://bundle/index.html');
  expect(await page.evaluate(() => window.backpressureDesktop?.platform)).toBe('electron');
  // Exactly the DesktopApi: no Node or Electron objects reach the page.
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
    'undefined',
  );
  expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe(
    'undefined',
  );
});

test('File → Save in the native menu saves the design to the chosen file', async () => {
  const target = join(mkdtempSync(join(tmpdir(), 'bp-save-')), 'menu-save.bpd');
  // Answer the native save dialog (it cannot be clicked by Playwright).
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
  }, target);
  await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('file.save')!.click());
  await expect.poll(() => existsSync(target)).toBe(true);
  const saved = JSON.parse(readFileSync(target, 'utf8'));
  expect(saved.format).toBe('backpressure.design');
  await expect(page).toHaveTitle('menu-save.bpd — Backpressure');
});

test('navigating the window to an external URL is blocked', async () => {
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(1_000);
  expect(page.url()).toBe('app://bundle/index.html');
  await expect(page.getByTestId('canvas')).toBeVisible();
});

test('window.open is denied', async () => {
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  await page.waitForTimeout(500);
  expect(app.windows()).toHaveLength(1);
});

/** Answers the next native save dialog with a file in `folder`; resolves with the dialog's own
 *  starting path once asked. */
async function answerSaveDialog(folder: string, fileName: string): Promise<() => Promise<string>> {
  await app.evaluate(
    ({ dialog }, target) => {
      const g = globalThis as unknown as { lastSaveDefault?: string };
      dialog.showSaveDialog = (async (_window: unknown, options: { defaultPath?: string }) => {
        g.lastSaveDefault = options.defaultPath;
        return { canceled: false, filePath: target };
      }) as unknown as typeof dialog.showSaveDialog;
    },
    join(folder, fileName),
  );
  return () =>
    app.evaluate(() => (globalThis as unknown as { lastSaveDefault?: string }).lastSaveDefault ?? '');
}

/** The PDF the shell printed lands as `fileName` in `folder`, whose save dialog started there. */
async function expectPdfSaved(folder: string, fileName: string, dialogStart: () => Promise<string>) {
  await expect.poll(() => existsSync(join(folder, fileName)), { timeout: 30_000 }).toBe(true);
  expect(readFileSync(join(folder, fileName)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(dirname(await dialogStart())).toBe(folder);
}

test('a run report and an interview debrief print to PDF, offered next to the design file', async () => {
  // Open a template from a folder of its own (the native open dialog answered), run it a little.
  const folder = mkdtempSync(join(tmpdir(), 'bp-pdf-'));
  const design = join(folder, 'mm1.bpd');
  copyFileSync(join(root, 'assets/templates/mm1.bpd'), design);
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showOpenDialog = (async () => ({
      canceled: false,
      filePaths: [filePath],
    })) as typeof dialog.showOpenDialog;
  }, design);
  await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('file.open')!.click());
  await expect(page).toHaveTitle(/mm1\.bpd — Backpressure/);
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Space');
  await page.waitForTimeout(2_000);
  await page.keyboard.press('Space');

  const reportStart = await answerSaveDialog(folder, 'report.pdf');
  await app.evaluate(({ Menu }) =>
    Menu.getApplicationMenu()!.getMenuItemById('file.exportReportPdf')!.click(),
  );
  await expectPdfSaved(folder, 'report.pdf', reportStart);

  // An interview on the same design, ended: its debrief as PDF.
  await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('interview.start')!.click());
  await page.getByTestId('interview-prompt').fill('Design a queue that holds under load.');
  await page.getByTestId('interview-start').click();
  // Ending saves the HTML debrief; then the PDF one.
  await answerSaveDialog(folder, 'debrief.html');
  await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('interview.end')!.click());
  await expect.poll(() => existsSync(join(folder, 'debrief.html')), { timeout: 30_000 }).toBe(true);
  const debriefStart = await answerSaveDialog(folder, 'debrief.pdf');
  await app.evaluate(({ Menu }) =>
    Menu.getApplicationMenu()!.getMenuItemById('interview.debriefPdf')!.click(),
  );
  await expectPdfSaved(folder, 'debrief.pdf', debriefStart);
});

test('a hung page with unsaved changes does not keep the window open', async () => {
  // Last in this file: it ends the app. Make the document dirty, hang the page, close the window.
  await page.keyboard.press('Escape'); // the start screen, if shown
  const title = page.getByTestId('inspector-title');
  await title.fill('Unsaved when the page hangs');
  await title.press('Enter');
  await expect(page).toHaveTitle(/^● /);
  const closed = app.waitForEvent('close', { timeout: 20_000 });
  void page.evaluate(() => {
    for (;;); // the renderer never answers again
  });
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close());
  // The renderer cannot acknowledge the close question: after 5 s the window closes anyway.
  await closed;
});
