import { expect, test } from '@playwright/test';
import { openApp } from './panels-fixtures';
import { COMPONENT_KINDS } from '../shared/document/catalog';

const KINDS = COMPONENT_KINDS;

test.beforeEach(async ({ page }) => openApp(page));

test('the palette lists every component kind with an icon, its name and a one-line description', async ({
  page,
}) => {
  for (const kind of KINDS) {
    const item = page.getByTestId(`palette-${kind}`);
    await item.scrollIntoViewIfNeeded();
    await expect(item).toBeVisible();
    await expect(item.locator('svg')).toHaveCount(1);
    await expect(item.locator('.palette-description')).not.toBeEmpty();
  }
  await expect(page.getByTestId('palette-cache')).toContainText('Cache');
  await expect(page.getByTestId('palette-cache')).toContainText('In-memory key cache');
});

test('typing in the palette filter narrows the list; Escape clears the filter', async ({ page }) => {
  const filter = page.getByTestId('palette-filter');
  await filter.click();
  await page.keyboard.type('data');
  await expect(page.getByTestId('palette-database')).toBeVisible();
  await expect(page.getByTestId('palette-client')).toHaveCount(0);
  await expect(page.getByTestId('palette-service')).toHaveCount(0);

  await filter.fill('');
  await page.keyboard.type('zzz');
  await expect(page.getByTestId('palette-empty')).toContainText('No component matches “zzz”');

  await page.keyboard.press('Escape');
  await expect(filter).toHaveValue('');
  await expect(page.locator('[data-testid^="palette-"].palette-item')).toHaveCount(KINDS.length);
});

test('hovering a palette item shows a tooltip with its single-key shortcut and whole description', async ({
  page,
}) => {
  await page.getByTestId('palette-service').hover();
  await expect(page.getByRole('tooltip')).toHaveText(
    'Service (key S): API/app server: workers, a queue, downstream calls.',
  );
  await page.getByTestId('palette-database').hover();
  await expect(page.getByRole('tooltip')).toHaveText(
    'Database (key D): Shards and replicas: SQL (B-tree) or NoSQL (LSM).',
  );
});

test('at 1280×720 all eleven kinds fit in the palette without scrolling when the run dock is folded', async ({
  page,
}) => {
  await page.keyboard.press('ControlOrMeta+J');
  await expect(page.getByTestId('dock')).toHaveCount(0);
  const list = page.locator('.palette-list');
  const listBox = (await list.boundingBox())!;
  for (const kind of KINDS) {
    const box = (await page.getByTestId(`palette-${kind}`).boundingBox())!;
    expect(box.y + box.height, kind).toBeLessThanOrEqual(listBox.y + listBox.height);
  }
  expect(await list.evaluate((element) => element.scrollHeight <= element.clientHeight)).toBe(true);
  // Each row still shows its description (cut to one line) next to the icon and name.
  await expect(page.getByTestId('palette-objectStore').locator('.palette-description')).toHaveText(
    /^Blob storage/,
  );
});

test('clicking a palette item arms it for placing; clicking again or Escape disarms it', async ({ page }) => {
  const cache = page.getByTestId('palette-cache');
  await cache.click();
  await expect(cache).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('status-bar')).toContainText('Placing Cache');

  await cache.click();
  await expect(cache).toHaveAttribute('aria-pressed', 'false');

  await page.getByTestId('palette-queue').click();
  await expect(page.getByTestId('palette-queue')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('palette-queue')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('status-bar')).not.toContainText('Placing');
});

test('dragging a palette item onto the canvas with the mouse places that kind there', async ({ page }) => {
  await page.getByTestId('palette-worker').dragTo(page.getByTestId('canvas'), {
    targetPosition: { x: 250, y: 180 },
  });
  await expect
    .poll(() => page.evaluate(() => window.__backpressure!.document().nodes.map((node) => node.kind)))
    .toEqual(['worker']);
  // The dropped node is selected, so the inspector shows it straight away.
  await expect(page.getByTestId('inspector')).toContainText('Worker');
  await expect(page.getByTestId('inspector-workers')).toHaveValue('8');
});

test('a kind armed by a click is placed by the next click on the canvas', async ({ page }) => {
  await page.getByTestId('palette-cdn').click();
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.click(box.x + 200, box.y + 150);
  await expect
    .poll(() => page.evaluate(() => window.__backpressure!.document().nodes.map((node) => node.kind)))
    .toEqual(['cdn']);
  await expect(page.getByTestId('palette-cdn')).toHaveAttribute('aria-pressed', 'false');
});

test('at 1280×720 all eleven kinds fit in the palette with the run dock in its short state', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.getByTestId('dock')).toBeVisible();
  const list = page.locator('.palette-list');
  const listBox = (await list.boundingBox())!;
  for (const kind of KINDS) {
    const box = (await page.getByTestId(`palette-${kind}`).boundingBox())!;
    expect(box.y + box.height, kind).toBeLessThanOrEqual(listBox.y + listBox.height);
  }
  expect(await list.evaluate((element) => element.scrollHeight <= element.clientHeight)).toBe(true);
  await expect(page.getByTestId('palette-queue').locator('.palette-description')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('palette-720.png') });
});
