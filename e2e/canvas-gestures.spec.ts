// Gestures the other canvas specs leave out: snapping on and off from the toolbar, a marquee then a
// drag as one undo step, trackpad pinch and two-finger pan, and the context menu at the window's
// corner. Real mouse and keyboard; state through window.__backpressure.
import { expect, test } from '@playwright/test';
import {
  design,
  documentOf,
  drag,
  loadDesign,
  nodeCentre,
  openCanvas,
  toScreen,
  viewportOf,
} from './canvas-helpers';
import { GRID_SIZE } from '../shared/document/geometry';

const GRID = GRID_SIZE;

const pair = design({
  nodes: [
    { id: 'service-1', kind: 'service', label: 'API', x: 0, y: 0, params: {} },
    { id: 'database-1', kind: 'database', label: 'DB', x: 300, y: 0, params: {} },
    { id: 'client-1', kind: 'client', label: 'Users', x: -300, y: 0, params: {} },
  ],
});

test('the snap toggle in the toolbar shows its state; a drag lands on the grid only while it is on', async ({
  page,
}) => {
  await openCanvas(page);
  await loadDesign(page, pair);
  const snapButton = page.getByTestId('cmd-view.toggleSnap');
  await expect(snapButton).toHaveAttribute('aria-pressed', 'true');
  const { scale } = await viewportOf(page);
  // 33 world units: never a whole number of grid steps.
  const step = 33 * scale;

  let from = await nodeCentre(page, 'service-1');
  await drag(page, from, { x: from.x + step, y: from.y + step });
  let node = (await documentOf(page)).nodes[0];
  expect(node.x % GRID).toBe(0);
  expect(node.y % GRID).toBe(0);
  expect(node.x).toBeGreaterThan(0);

  await snapButton.click();
  await expect(snapButton).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByText('Snap to grid off')).toBeVisible();
  const before = node;
  from = await nodeCentre(page, 'service-1');
  await drag(page, from, { x: from.x + step, y: from.y + step });
  node = (await documentOf(page)).nodes[0];
  expect(Math.abs(node.x - before.x - 33)).toBeLessThanOrEqual(1);
  expect(node.x % GRID).not.toBe(0);

  // The shortcut turns it back on.
  await page.keyboard.press("Control+'");
  await expect(snapButton).toHaveAttribute('aria-pressed', 'true');
});

test('a marquee selection dragged by one of its nodes moves together as one undo step', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, pair);
  // Marquee from empty space around the service and the database (not the client).
  const corner = await toScreen(page, { x: -140, y: -70 });
  const opposite = await toScreen(page, { x: 420, y: 70 });
  await drag(page, corner, opposite);
  expect((await page.evaluate(() => window.__backpressure!.selection())).nodes.sort()).toEqual([
    'database-1',
    'service-1',
  ]);
  const { scale } = await viewportOf(page);
  const from = await nodeCentre(page, 'database-1');
  await drag(page, from, { x: from.x + 100 * scale, y: from.y + 60 * scale }, { steps: 20 });
  let nodes = (await documentOf(page)).nodes;
  expect(nodes.map((node) => [node.x, node.y])).toEqual([
    [100, 60],
    [400, 60],
    [-300, 0],
  ]);
  await page.keyboard.press('Control+z');
  nodes = (await documentOf(page)).nodes;
  expect(nodes.map((node) => [node.x, node.y])).toEqual([
    [0, 0],
    [300, 0],
    [-300, 0],
  ]);
  await page.keyboard.press('Control+Shift+z');
  expect((await documentOf(page)).nodes[1]).toMatchObject({ x: 400, y: 60 });
});

test('a trackpad pinch (many small ctrl+wheel steps) zooms by the total; a two-finger swipe pans', async ({
  page,
}) => {
  await openCanvas(page);
  await loadDesign(page, pair);
  const box = (await page.getByTestId('canvas').boundingBox())!;
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(at.x, at.y);
  const before = await viewportOf(page);
  // Chromium reports a pinch as wheel events with ctrlKey set and small deltas.
  await page.keyboard.down('Control');
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, -5);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await viewportOf(page)).scale).toBeGreaterThan(before.scale * 1.2);
  const pinched = await viewportOf(page);
  // 20 × 5 px of pinch is the same zoom as one 100 px step: smooth, not one notch per event.
  expect(pinched.scale / before.scale).toBeCloseTo(Math.exp(100 * 0.0025), 2);
  // Two fingers: both axes at once, the document untouched.
  await page.mouse.wheel(-40, 25);
  await expect.poll(async () => (await viewportOf(page)).x).toBeCloseTo(pinched.x + 40, 0);
  expect((await viewportOf(page)).y).toBeCloseTo(pinched.y - 25, 0);
  expect((await documentOf(page)).nodes[0]).toMatchObject({ x: 0, y: 0 });
});

test('a context menu opened at the bottom-right corner of the window stays inside it', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, pair);
  // Give the canvas the whole window so its corner is the window's corner.
  await page.keyboard.press('Control+j');
  await page.keyboard.press('Control+Shift+b');
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.click(box.x + box.width - 4, box.y + box.height - 4, { button: 'right' });
  const menu = page.getByTestId('canvas-context-menu');
  await expect(menu).toBeVisible();
  const menuBox = (await menu.boundingBox())!;
  const window = page.viewportSize()!;
  expect(menuBox.x).toBeGreaterThanOrEqual(0);
  expect(menuBox.y).toBeGreaterThanOrEqual(0);
  expect(menuBox.x + menuBox.width).toBeLessThanOrEqual(window.width);
  expect(menuBox.y + menuBox.height).toBeLessThanOrEqual(window.height);
  // And it still works: Insert sticky note runs from there.
  await menu.getByTestId('menu-insert.note').click();
  await expect.poll(async () => (await documentOf(page)).notes.length).toBe(1);
});

test('zoom to fit right after folding the panels fits the design into the whole, larger canvas', async ({
  page,
}) => {
  await openCanvas(page);
  await loadDesign(page, pair);
  const fittedSmall = await viewportOf(page);
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  // Fold both panels and fit at once, before the canvas has reported its new size.
  await page.keyboard.press('Control+j');
  await page.keyboard.press('Control+Shift+b');
  await page.keyboard.press('Shift+!');
  const box = (await page.getByTestId('canvas').boundingBox())!;
  const fitted = await viewportOf(page);
  expect(fitted.scale).toBeGreaterThan(fittedSmall.scale);
  // Centred in the larger canvas: both end cards inside it with a similar margin each side.
  const left = await toScreen(page, { x: -405, y: 0 });
  const right = await toScreen(page, { x: 405, y: 0 });
  expect(left.x).toBeGreaterThan(box.x);
  expect(right.x).toBeLessThan(box.x + box.width);
  expect(Math.abs(left.x - box.x - (box.x + box.width - right.x))).toBeLessThan(4);
});
