// The lab player with the real mouse and keyboard: the gallery on the start screen, a lab opened
// by a click, steps taken with the keyboard while focus is in the player.
import { expect, test, type Page } from '@playwright/test';
import { nodeScreen } from './run-helpers';

test('a lab opens from the start screen gallery with the mouse and steps with the keyboard', async ({
  page,
}) => {
  await page.goto('/?automation=1&start=1');
  const cards = page.getByTestId('start-labs').locator('.lab-card');
  await expect(cards.first()).toBeVisible();
  await cards.first().click();
  const player = page.getByTestId('lab-player');
  await expect(player).toBeVisible();
  await expect(page.getByTestId('lab-step-number')).toContainText('Step 1 of');
  await player.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('lab-step-number')).toContainText('Step 2 of');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('lab-step-number')).toContainText('Step 1 of');
  await page.screenshot({ path: '/tmp/labs-player-light.png' });
});

test('a malformed lab file names its JSON path and the open design stays', async ({ page }) => {
  await page.goto('/?automation=1&start=1');
  const title = await page.title();
  await page
    .getByTestId('lab-file-input')
    .first()
    .setInputFiles({
      name: 'broken.bplab',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'backpressure.lab', version: 1, id: 'x', steps: 'nope' })),
    });
  await expect(page.getByTestId('problems-dialog')).toContainText('steps');
  await expect(page.getByTestId('lab-player')).toHaveCount(0);
  expect(await page.title()).toBe(title);
});

const openLabFromGallery = async (page: Page, labId: string) => {
  await page.goto('/?automation=1&start=1');
  await page.getByTestId('start-all-labs').click();
  await page.getByTestId('lab-gallery').getByTestId(`lab-card-${labId}`).click();
  await expect(page.getByTestId('lab-player')).toBeVisible();
};

const labState = (page: Page) =>
  page.evaluate(() => (window.__backpressure as unknown as { lab: () => { stepId: string | null } }).lab());

test('a check ticks from the live run, and the done step survives a reload', async ({ page }) => {
  await openLabFromGallery(page, 'littles-law-utilisation');
  // Step 1 loads its design and presses Run: the check reads utilization each simulated second.
  const check = page.getByTestId('lab-check');
  await expect(check).toHaveAttribute('data-state', 'pending');
  await page.getByTestId('run-speed').selectOption('25');
  await expect(check).toHaveAttribute('data-state', 'pass', { timeout: 30_000 });
  await expect(page.getByTestId('lab-check-detail')).toContainText('server utilization');
  // Held once, the mark stays ticked while the run goes on.
  await page.waitForTimeout(1500);
  await expect(check).toHaveAttribute('data-state', 'pass');

  await page.reload();
  await page.goto('/?automation=1&start=1');
  await page.getByTestId('start-all-labs').click();
  const card = page.getByTestId('lab-gallery').getByTestId('lab-card-littles-law-utilisation');
  await expect(card.getByTestId('lab-card-progress')).toContainText('1 of 8 steps done');
  await card.click();
  await expect(page.locator('.lab-progress-step').first()).toHaveClass(/done/);
});

test('Show me performs the step’s actions and its check then holds', async ({ page }) => {
  await openLabFromGallery(page, 'littles-law-utilisation');
  const player = page.getByTestId('lab-player');
  await player.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('lab-step')).toHaveAttribute('data-step-id', 'raise-to-80');
  await expect(page.getByTestId('lab-task')).toContainText('400');
  const rps = () =>
    page.evaluate(
      () => window.__backpressure!.document().nodes.find((node) => node.id === 'users')!.params.rps,
    );
  expect(await rps()).toBe(200);
  await page.getByTestId('lab-show-me').click();
  expect(await rps()).toBe(400);
  await page.getByTestId('run-speed').selectOption('25');
  await expect(page.getByTestId('lab-check')).toHaveAttribute('data-state', 'pass', { timeout: 30_000 });
  // Reset step brings back the design the step started from, in one undo step.
  await page.getByTestId('lab-reset-step').click();
  expect(await rps()).toBe(200);
  expect((await labState(page)).stepId).toBe('raise-to-80');
});

test('a comparison check runs the variants it names in the background and ticks', async ({ page }) => {
  await openLabFromGallery(page, 'sql-vs-nosql');
  await page.getByTestId('lab-next').click();
  await expect(page.getByTestId('lab-step')).toHaveAttribute('data-step-id', 'read-heavy');
  const comparison = page.getByTestId('lab-comparison');
  await expect(comparison).toBeVisible();
  await expect(comparison).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(comparison).toContainText('1 of 1 runs');
  await expect(page.getByTestId('lab-check')).toHaveAttribute('data-state', 'pass');
  await expect(page.getByTestId('lab-check-detail')).toContainText('sql-db.utilization');
});

test('a lab step in the dark theme reads on a shared screen', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openLabFromGallery(page, 'caching');
  const player = page.getByTestId('lab-player');
  // The whole step fits the player's column or scrolls inside it: Back / Next stay on screen.
  await expect(page.getByTestId('lab-next')).toBeInViewport();
  const caption = await page
    .getByTestId('lab-caption')
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(caption).toBeGreaterThanOrEqual(18);
  const colors = await player.evaluate((el) => ({
    background: getComputedStyle(el).backgroundColor,
    text: getComputedStyle(el.querySelector('.lab-caption')!).color,
  }));
  expect(colors.background).not.toBe('rgb(255, 255, 255)');
  expect(colors.text).not.toBe(colors.background);
  await page.screenshot({ path: '/tmp/labs-player-dark.png' });
});

test('a step keeps the camera on the part of the design it is about when the run opens the dock', async ({
  page,
}) => {
  await openLabFromGallery(page, 'caching');
  await expect(page.getByTestId('lab-step')).toHaveAttribute('data-step-id', 'zipf');
  // Step 1 presses Run (the dock grows); its focus is the cache: the cache stays centred.
  await page.waitForTimeout(1000);
  const canvas = (await page.locator('.canvas-area').boundingBox())!;
  const cache = await nodeScreen(page, 'cache');
  expect(Math.abs(cache.x - (canvas.x + canvas.width / 2))).toBeLessThan(40);
  expect(Math.abs(cache.y - (canvas.y + canvas.height / 2))).toBeLessThan(40);
});

test('a step that compares two variants opens them side by side in the compare view', async ({ page }) => {
  test.slow();
  await openLabFromGallery(page, 'caching');
  await page.getByTestId('lab-player').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('lab-step')).toHaveAttribute('data-step-id', 'uniform');
  await page.getByTestId('lab-compare-variants').click();
  const panel = page.getByTestId('compare-panel');
  await expect(panel).toBeVisible();
  // The check's A (uniform keys) is kept, its B (Zipf) is on the canvas; the check's 30 s window.
  await expect
    .poll(() => page.evaluate(() => window.__backpressure!.document().meta.title))
    .toContain('variant “zipf20”');
  await expect(page.getByTestId('compare-duration')).toHaveValue('30');
  await page.getByTestId('compare-seeds').fill('1');
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('compare-progress')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  await expect(panel).toContainText(
    'A · Caching: hit rates, eviction, staleness and a CDN — variant “uniform20”',
  );
  await expect(panel).toContainText(
    'B · Caching: hit rates, eviction, staleness and a CDN — variant “zipf20”',
  );
  await page.screenshot({ path: '/tmp/labs-compare.png' });
});
