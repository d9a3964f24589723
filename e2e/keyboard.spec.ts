// The one keyboard binding (renderer/commands/keyboard.ts): what a held key and a text field do.
import { expect, test } from '@playwright/test';
import { design, documentOf, loadDesign, openCanvas, toScreen } from './canvas-helpers';

test.beforeEach(async ({ page }) => {
  await openCanvas(page);
  await loadDesign(
    page,
    design({ nodes: [{ id: 'svc', kind: 'service', label: 'API', x: 0, y: 0, params: {} }] }),
  );
});

test('holding a place key places one node, not one per key repeat', async ({ page }) => {
  const empty = await toScreen(page, { x: 300, y: 200 });
  await page.mouse.click(empty.x, empty.y);
  await page.keyboard.down('s');
  await page.keyboard.down('s'); // auto-repeat
  await page.keyboard.down('s');
  await page.keyboard.up('s');
  await expect.poll(async () => (await documentOf(page)).nodes.length).toBe(2);
});

test('Ctrl+Z in a text field undoes the typing, not the document', async ({ page }) => {
  const empty = await toScreen(page, { x: 300, y: 200 });
  await page.mouse.click(empty.x, empty.y);
  await page.keyboard.press('c'); // a document change that Ctrl+Z would undo on the canvas
  await expect.poll(async () => (await documentOf(page)).nodes.length).toBe(2);
  await page.keyboard.press('Escape'); // nothing selected: the inspector shows the document
  const title = page.getByTestId('inspector-title');
  await title.click();
  await page.keyboard.type(' draft');
  await page.keyboard.press('Control+z');
  expect((await documentOf(page)).nodes.length).toBe(2);
  // On the canvas the same chord undoes the placement.
  await page.mouse.click(empty.x, empty.y);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await documentOf(page)).nodes.length).toBe(1);
});
