// Files that never lose work, in the browser build: save downloads the file, open uploads it
// (automated browsers cannot answer native pickers, so the browser DesktopApi falls back to
// download/upload), drafts live in IndexedDB.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renameDesign } from './files-helpers';

const checkoutText = readFileSync(
  fileURLToPath(new URL('../shared/document/fixtures/v1-checkout.bpd', import.meta.url)),
  'utf8',
);

const documentOf = (page: Page) => page.evaluate(() => window.__backpressure!.document());

async function loadCheckout(page: Page) {
  const result = await page.evaluate(
    (text) => (window.__backpressure!.load as (doc: unknown) => unknown)(JSON.parse(text)),
    checkoutText,
  );
  expect(result).toMatchObject({ ok: true });
}

async function openThroughChooser(page: Page, file: { name: string; text: string } | string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('cmd-file.open').click();
  const picked = await chooser;
  await picked.setFiles(
    typeof file === 'string'
      ? file
      : { name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) },
  );
}

test('new → change the title → save → reopen shows the same document', async ({ page }, testInfo) => {
  await page.goto('/?automation=1');
  await page.getByTestId('cmd-file.new').click();
  await renameDesign(page, 'Checkout v2');
  await expect(page).toHaveTitle('● Checkout v2 — Backpressure');

  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('Checkout v2.bpd');
  const savedPath = testInfo.outputPath('Checkout v2.bpd');
  await saved.saveAs(savedPath);
  await expect(page).toHaveTitle('Checkout v2.bpd — Backpressure');
  const savedDocument = await documentOf(page);
  expect(JSON.parse(readFileSync(savedPath, 'utf8'))).toEqual(savedDocument);

  // A clean document: New asks nothing and empties the window.
  await page.getByTestId('cmd-file.new').click();
  await expect(page.getByTestId('ask-dialog')).toHaveCount(0);
  expect((await documentOf(page)).meta.title).toBe('Untitled design');

  await openThroughChooser(page, savedPath);
  await expect(page.getByTestId('toolbar-title')).toContainText('Checkout v2');
  expect(await documentOf(page)).toEqual(savedDocument);
  await expect(page).toHaveTitle('Checkout v2.bpd — Backpressure');
});

test('opening a corrupt file lists its problems and leaves the open design untouched', async ({ page }) => {
  await page.goto('/?automation=1');
  await loadCheckout(page);
  const before = await documentOf(page);

  const broken = JSON.parse(checkoutText);
  broken.nodes[1].params.workers = 0;
  broken.nodes[2].kind = 'mainframe';
  broken.edges[0].to = 'nowhere';
  await openThroughChooser(page, { name: 'broken.bpd', text: JSON.stringify(broken) });

  const dialog = page.getByTestId('problems-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Can’t open broken.bpd');
  const problems = dialog.getByTestId('problems-list').locator('li');
  await expect(problems).toHaveText([
    /^nodes\[1\]\.params\.workers: must be an integer ≥ 1$/,
    /^nodes\[2\]\.kind: unknown component kind "mainframe"/,
    /^edges\[0\]\.to: no node has the id "nowhere"$/,
  ]);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toHaveCount(0);
  expect(await documentOf(page)).toEqual(before);

  // Not JSON at all: one clear problem, still nothing lost.
  await openThroughChooser(page, {
    name: 'truncated.bpd',
    text: '{"format": "backpressure.design", "nodes": [',
  });
  await expect(page.getByTestId('problems-list')).toContainText('not valid JSON');
  await page.getByTestId('problems-dialog').getByRole('button', { name: 'OK' }).click();
  expect(await documentOf(page)).toEqual(before);
});

test('a draft is offered with its time after a reload without a clean close, and restores the work', async ({
  page,
}) => {
  test.slow(); // waits for one 5-second autosave
  page.on('dialog', (dialog) => void dialog.accept()); // the browser's "leave site?" warning
  await page.goto('/?automation=1');
  await loadCheckout(page);
  await renameDesign(page, 'Checkout with unsaved edits');
  const edited = await documentOf(page);
  // Autosave runs every 5 s while the document is modified.
  await page.waitForTimeout(5_600);

  await page.reload();
  const offer = page.getByTestId('draft-offer');
  await expect(offer).toContainText('Checkout with unsaved edits');
  // The draft was written within the last ~6 s: its time is this minute or the one before.
  const times = await page.evaluate(() =>
    [0, 10_000].map((agoMs) =>
      new Date(Date.now() - agoMs).toLocaleTimeString([], {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    ),
  );
  const restore = offer.getByTestId('draft-restore');
  await expect(restore).toHaveText(/^Restore draft from \d\d:\d\d$/);
  expect(times.map((time) => `Restore draft from ${time}`)).toContain(await restore.textContent());
  await restore.click();
  await expect(offer).toHaveCount(0);
  expect(await documentOf(page)).toEqual(edited);
  await expect(page).toHaveTitle('● Checkout with unsaved edits — Backpressure');
});

test('a saved document leaves no draft behind', async ({ page }) => {
  await page.goto('/?automation=1');
  await loadCheckout(page);
  await renameDesign(page, 'Saved then reloaded');
  await page.evaluate(() => window.dispatchEvent(new Event('blur'))); // autosave on blur
  const download = page.waitForEvent('download');
  await page.getByTestId('cmd-file.save').click();
  await download;
  await expect(page).toHaveTitle('Saved then reloaded.bpd — Backpressure');
  await page.reload();
  await expect(page.getByTestId('toolbar-title')).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.getByTestId('draft-offer')).toHaveCount(0);
});

test('New with unsaved changes asks Save / Don’t save / Cancel', async ({ page }) => {
  await page.goto('/?automation=1');
  await loadCheckout(page);
  await renameDesign(page, 'Do not lose me');

  await page.getByTestId('cmd-file.new').click();
  const ask = page.getByTestId('ask-dialog');
  await expect(ask).toContainText('“Do not lose me” has unsaved changes');
  await ask.getByTestId('ask-dialog-cancel').click();
  expect((await documentOf(page)).meta.title).toBe('Do not lose me');

  await page.getByTestId('cmd-file.new').click();
  const download = page.waitForEvent('download');
  await ask.getByTestId('ask-dialog-save').click();
  expect((await download).suggestedFilename()).toBe('Do not lose me.bpd');
  await expect.poll(async () => (await documentOf(page)).meta.title).toBe('Untitled design');

  await renameDesign(page, 'Throwaway');
  await page.getByTestId('cmd-file.new').click();
  await ask.getByTestId('ask-dialog-discard').click();
  await expect.poll(async () => (await documentOf(page)).meta.title).toBe('Untitled design');
  await expect(page).toHaveTitle('Untitled design — Backpressure');
});

test('the start screen offers New, Open and recent files; a recent file reopens and can be removed', async ({
  page,
}, testInfo) => {
  await page.goto('/?automation=1&start=1');
  const start = page.getByTestId('start-screen');
  await expect(start).toBeVisible();
  await expect(start).toContainText('No recent files yet.');
  await start.getByTestId('start-new').click();
  await expect(start).toHaveCount(0);

  // Open a file: it becomes a recent file.
  const path = testInfo.outputPath('checkout.bpd');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path, checkoutText);
  await openThroughChooser(page, path);
  await expect(page.getByTestId('toolbar-title')).toContainText('Checkout');

  await page.goto('/?automation=1&start=1');
  const recent = page.getByTestId('start-screen').getByTestId('recent-file');
  await expect(recent).toHaveCount(1);
  await expect(recent).toContainText('checkout.bpd');
  await recent
    .getByRole('button', { name: /checkout\.bpd/ })
    .first()
    .click();
  await expect(page.getByTestId('start-screen')).toHaveCount(0);
  expect((await documentOf(page)).nodes.map((node: { id: string }) => node.id)).toEqual([
    'users',
    'api',
    'db',
  ]);
  await expect(page).toHaveTitle('checkout.bpd — Backpressure');

  await page.goto('/?automation=1&start=1');
  await page.getByTestId('start-screen').getByTestId('recent-remove').click();
  await expect(page.getByTestId('start-screen')).toContainText('No recent files yet.');
  await page.screenshot({ path: testInfo.outputPath('start-screen.png') });
});

test('automation load validates like a file open', async ({ page }) => {
  await page.goto('/?automation=1');
  const result = await page.evaluate(() =>
    // Written by hand on purpose: a bad file (a node without kind or label), which no builder makes.
    (window.__backpressure!.load as (doc: unknown) => unknown)({
      format: 'backpressure.design',
      version: 1,
      nodes: [{ id: 'x' }],
      edges: [],
    }),
  );
  expect(result).toEqual({
    ok: false,
    problems: [
      'nodes[0].kind: is required',
      'nodes[0].label: is required',
      'nodes[0].x: is required',
      'nodes[0].y: is required',
    ],
  });
});
