// A file another program changed since it was opened is never overwritten silently. The native
// pickers cannot be answered by an automated browser, so this test stands in for them with real
// File System Access handles from the origin-private file system (window.__backpressureFilePickers);
// "another program" writes the same file through its own handle.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renameDesign } from './files-helpers';

const checkoutText = readFileSync(
  fileURLToPath(new URL('../shared/document/fixtures/v1-checkout.bpd', import.meta.url)),
  'utf8',
);

async function standInPickers(page: Page) {
  await page.addInitScript(() => {
    const fileHandle = async () => {
      const root = await navigator.storage.getDirectory();
      return root.getFileHandle('checkout.bpd', { create: true });
    };
    (window as unknown as Record<string, unknown>).__backpressureFilePickers = {
      showOpenFilePicker: async () => [await fileHandle()],
      showSaveFilePicker: async () => fileHandle(),
    };
  });
}

/** Another program writes the file: its own handle, its own bytes. */
const writeFromElsewhere = (page: Page, text: string) =>
  page.evaluate(async (content) => {
    const root = await navigator.storage.getDirectory();
    const handle = await root.getFileHandle('checkout.bpd', { create: true });
    const writable = await handle.createWritable();
    await writable.write(content);
    await writable.close();
  }, text);

const readFromDisk = (page: Page) =>
  page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    return (await (await root.getFileHandle('checkout.bpd')).getFile()).text();
  });

test('saving over a file changed by another program asks: Cancel keeps both, Overwrite writes ours', async ({
  page,
}) => {
  await standInPickers(page);
  await page.goto('/?automation=1');
  await writeFromElsewhere(page, checkoutText);
  await page.getByTestId('cmd-file.open').click();
  await expect(page).toHaveTitle('checkout.bpd — Backpressure');

  await renameDesign(page, 'My edits');
  // Wait a tick so the other program's write has a later modification time.
  await page.waitForTimeout(50);
  const theirs = checkoutText.replace(/"title": "[^"]*"/, '"title": "Their edits"');
  await writeFromElsewhere(page, theirs);

  await page.keyboard.press('Control+s');
  const ask = page.getByTestId('ask-dialog');
  await expect(ask).toContainText('“checkout.bpd” was changed by another program');
  await ask.getByTestId('ask-dialog-cancel').click();
  expect(JSON.parse(await readFromDisk(page)).meta.title).toBe('Their edits');
  await expect(page).toHaveTitle('● checkout.bpd — Backpressure');

  await page.keyboard.press('Control+s');
  await ask.getByTestId('ask-dialog-overwrite').click();
  await expect(page).toHaveTitle('checkout.bpd — Backpressure');
  expect(JSON.parse(await readFromDisk(page)).meta.title).toBe('My edits');

  // Our own save is the version we know now: the next save asks nothing.
  await renameDesign(page, 'My edits, again');
  await page.keyboard.press('Control+s');
  await expect(page).toHaveTitle('checkout.bpd — Backpressure');
  await expect(ask).toHaveCount(0);
  expect(JSON.parse(await readFromDisk(page)).meta.title).toBe('My edits, again');
});

test('Reload from disk replaces unsaved edits with the other program’s version', async ({ page }) => {
  await standInPickers(page);
  await page.goto('/?automation=1');
  await writeFromElsewhere(page, checkoutText);
  await page.getByTestId('cmd-file.open').click();
  await renameDesign(page, 'Mine');
  await page.waitForTimeout(50);
  await writeFromElsewhere(page, checkoutText.replace(/"title": "[^"]*"/, '"title": "Theirs"'));

  await page.keyboard.press('Control+s');
  await page.getByTestId('ask-dialog').getByTestId('ask-dialog-reload').click();
  await expect(page.getByTestId('toolbar-title')).toContainText('Theirs');
  await expect(page).toHaveTitle('checkout.bpd — Backpressure');
});
