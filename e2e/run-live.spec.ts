// The live run: run a design from the toolbar and keyboard, watch gauges move, control speed.
import { expect, test } from '@playwright/test';
import { webTierDesign } from '../shared/testing/designs';
import {
  metrics,
  nodeScreen,
  openWithDesign,
  pressOnCanvas,
  runInfo,
  runState,
  setSpeed,
  waitForSimTime,
} from './run-helpers';

test('running a design from the toolbar moves its gauges and the status line', async ({ page }) => {
  await openWithDesign(page, webTierDesign());
  expect((await runInfo(page)).status).toBe('idle');
  await page.getByTestId('cmd-run.toggle').click();
  await expect.poll(async () => (await runInfo(page)).status).toBe('running');
  await waitForSimTime(page, 3000);
  const api = await metrics(page, 'api');
  expect(api?.throughputRps).toBeGreaterThan(100);
  expect(api?.p99Ms).toBeGreaterThan(0);
  const cache = await metrics(page, 'cache');
  expect(cache?.hitRate).toBeGreaterThan(0);
  await expect(page.getByTestId('run-status')).toHaveText('Running');
  await expect(page.getByTestId('run-events-per-s')).not.toHaveText('0 events/s');
  await page.screenshot({ path: '/tmp/run-live.png' });
  await page.getByTestId('cmd-run.toggle').click();
  await expect.poll(async () => (await runInfo(page)).status).toBe('paused');
  const paused = (await runInfo(page)).simTimeMs;
  await page.waitForTimeout(400);
  expect((await runInfo(page)).simTimeMs).toBe(paused);
});

test('Space toggles the run, Step advances one simulated second', async ({ page }) => {
  await openWithDesign(page, webTierDesign());
  await pressOnCanvas(page, 'Space');
  await expect.poll(async () => (await runInfo(page)).status).toBe('running');
  await pressOnCanvas(page, 'Space');
  await expect.poll(async () => (await runInfo(page)).status).toBe('paused');
  const before = (await runInfo(page)).simTimeMs;
  await page.getByTestId('cmd-run.step').click();
  await expect.poll(async () => (await runInfo(page)).simTimeMs).toBe((Math.floor(before / 1000) + 1) * 1000);
  expect((await runInfo(page)).status).toBe('paused');
});

test('the speed control changes the speed actually achieved', async ({ page }) => {
  const doc = webTierDesign(100);
  // Long enough that "max" (thousands × real time) is still running when it is measured.
  doc.scenario.durationS = 86_400;
  await openWithDesign(page, doc);
  await page.getByTestId('run-speed').selectOption('1');
  await page.getByTestId('cmd-run.toggle').click();
  // The achieved speed is measured over the last moments of wall time: on a loaded machine it
  // takes a little while to settle, so each reading is polled until it is in range (or times out).
  const achieved = async () => (await runState(page)).achievedSpeed;
  await expect.poll(async () => Math.abs((await achieved()) - 1) < 0.3, { timeout: 15_000 }).toBe(true);
  await page.getByTestId('run-speed').selectOption('25');
  await expect.poll(achieved, { timeout: 15_000 }).toBeGreaterThan(15);
  const fast = await achieved();
  await expect(page.getByTestId('run-achieved-speed')).toContainText('× real time');
  await setSpeed(page, 'max');
  await expect.poll(achieved, { timeout: 15_000 }).toBeGreaterThan(fast);
  const max = await runState(page);
  expect(max.status).toBe('running');
});

test('Pause is exact: once the run reads paused its sim time never moves, even at full speed', async ({
  page,
}) => {
  const doc = webTierDesign(400);
  doc.scenario.durationS = 3600;
  await openWithDesign(page, doc);
  await setSpeed(page, 'max');
  await pressOnCanvas(page, 'Space');
  await waitForSimTime(page, 5000);
  // Space again; from the first moment run() says paused, sample sim time every frame for 600 ms.
  await page.keyboard.press('Space');
  const times = await page.evaluate(async () => {
    const api = window.__backpressure as unknown as { run: () => { status: string; simTimeMs: number } };
    const seen: number[] = [];
    const start = performance.now();
    while (performance.now() - start < 3000 && api.run().status !== 'paused')
      await new Promise((resolve) => setTimeout(resolve, 0));
    const pausedAt = performance.now();
    while (performance.now() - pausedAt < 600) {
      seen.push(api.run().simTimeMs);
      await new Promise(requestAnimationFrame);
    }
    return { status: api.run().status, distinct: [...new Set(seen)] };
  });
  expect(times.status).toBe('paused');
  expect(times.distinct).toHaveLength(1);
  await expect(page.getByTestId('run-status')).toHaveText('Paused');
  // Space once more resumes.
  await page.keyboard.press('Space');
  await expect.poll(async () => (await runInfo(page)).simTimeMs).toBeGreaterThan(times.distinct[0]);
});

test('the run dock stays short until the run starts, then opens and the canvas still shows the design', async ({
  page,
}) => {
  // A tall design: fitted to the canvas the short dock leaves, it would not fit the smaller one.
  const doc = webTierDesign();
  doc.nodes.find((node) => node.id === 'cache')!.y = -300;
  doc.nodes.find((node) => node.id === 'db')!.y = 300;
  await openWithDesign(page, doc);
  const dock = page.getByTestId('dock');
  const canvas = page.getByTestId('canvas');
  await expect(page.getByTestId('run-dock')).toHaveAttribute('data-size', 'short');
  await expect(page.getByTestId('run-dock-hint')).toContainText('Press Run (Space)');
  const shortDock = (await dock.boundingBox())!;
  expect(shortDock.height).toBeLessThan(130);
  // While designing, the canvas has most of the window.
  expect((await canvas.boundingBox())!.height).toBeGreaterThan(500);
  await page.getByTestId('cmd-run.toggle').click();
  await expect(page.getByTestId('run-dock')).toHaveAttribute('data-size', 'full');
  await expect(page.getByTestId('chart-throughput')).toBeVisible();
  const fullDock = (await dock.boundingBox())!;
  // About 300 px at 720p: the charts are readable and the canvas keeps more than 330 px.
  expect(fullDock.height).toBeGreaterThan(260);
  expect(fullDock.height).toBeLessThan(320);
  expect((await canvas.boundingBox())!.height).toBeGreaterThan(330);
  // The canvas shrank and the design no longer fitted: re-fitted, but never below the readable
  // 50% (a tall design may overhang a little) — every node's card still shows on the canvas.
  await expect
    .poll(async () => {
      const box = (await canvas.boundingBox())!;
      const spots = await Promise.all(['users', 'cache', 'db'].map((id) => nodeScreen(page, id)));
      return spots.every((p) => p.y > box.y && p.y < box.y + box.height);
    })
    .toBe(true);
  expect((await page.evaluate(() => window.__backpressure!.viewport())).scale).toBeGreaterThanOrEqual(0.5);
  // Its own hide button (and Ctrl+J) hide it; it comes back open while the run exists.
  await page.getByTestId('run-dock-hide').click();
  await expect(dock).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+J');
  await expect(page.getByTestId('run-dock')).toHaveAttribute('data-size', 'full');
});

test('the Step button draws its icon (an SVG, not a font glyph that may be missing)', async ({ page }) => {
  await openWithDesign(page, webTierDesign());
  for (const id of ['run.toggle', 'run.step', 'run.reset']) {
    const icon = page.getByTestId(`cmd-${id}`).locator('svg');
    await expect(icon).toBeVisible();
    const box = (await icon.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(16);
  }
  await expect(page.getByTestId('cmd-run.step')).toHaveAttribute('title', 'Step 1 s (.)');
});

test('run settings: seed, duration and warm-up are validated, saved with the design and restart the run', async ({
  page,
}) => {
  await openWithDesign(page, webTierDesign());
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 1500);
  await page.getByTestId('run-settings').click();
  await expect(page.getByTestId('run-seed-help')).toContainText('common random numbers');
  const duration = page.getByTestId('run-durationS');
  await duration.fill('0');
  await duration.press('Enter');
  await expect(page.getByTestId('run-durationS-problem')).toHaveText(
    'Duration must be between 1 and 86,400 s.',
  );
  await duration.fill('abc');
  await duration.press('Enter');
  await expect(page.getByTestId('run-durationS-problem')).toHaveText('Duration must be a number.');
  const warmup = page.getByTestId('run-warmupS');
  await warmup.fill('500');
  await warmup.press('Enter');
  await expect(page.getByTestId('run-warmupS-problem')).toHaveText(
    'Warm-up must be shorter than the duration (120 s).',
  );
  // Nothing bad was kept, the run went on.
  const doc = () => page.evaluate(() => window.__backpressure!.document());
  expect((await doc()).scenario).toMatchObject({ durationS: 120, warmupS: 0, seed: 7 });
  const before = (await runInfo(page)).simTimeMs;
  expect(before).toBeGreaterThan(1500);
  // Valid values apply: saved in the document, and the running run restarts from 0 with a notice.
  await duration.fill('30');
  await duration.press('Enter');
  await expect(page.getByTestId('toast')).toContainText('Run settings changed: the run restarted from 0 s.');
  await expect(page.getByTestId('run-sim-time')).toContainText('/ 30.0 s');
  const seed = page.getByTestId('run-seed');
  await seed.fill('42');
  await seed.press('Enter');
  expect((await doc()).scenario).toMatchObject({ durationS: 30, seed: 42 });
  await expect.poll(async () => (await runInfo(page)).status).toBe('running');
  expect((await runInfo(page)).simTimeMs).toBeLessThan(before + 1000);
  // One undo step per setting.
  await page.keyboard.press('Escape');
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('ControlOrMeta+Z');
  expect((await doc()).scenario.seed).toBe(7);
});

test('a run the machine cannot keep up with says it is behind the asked speed', async ({ page }) => {
  // 2,000 requests a second at 1000× is millions of simulated requests per wall second.
  const doc = webTierDesign(2000);
  doc.scenario.durationS = 86_400;
  await openWithDesign(page, doc);
  await page.getByTestId('run-speed').selectOption('1000');
  await page.getByTestId('cmd-run.toggle').click();
  const readout = page.getByTestId('run-achieved-speed');
  await expect(readout).toHaveAttribute('data-behind', 'true', { timeout: 10_000 });
  await expect(readout).toContainText(/^[\d.]+× real time — behind 1000×$/);
  await page.screenshot({ path: '/tmp/run-behind.png' });
  expect((await runState(page)).achievedSpeed).toBeLessThan(800);
  // At 1× it keeps up again, and the warning goes.
  await page.getByTestId('run-speed').selectOption('1');
  await expect(readout).not.toHaveAttribute('data-behind', 'true', { timeout: 10_000 });
  await expect(readout).toContainText(/^[\d.]+× real time$/);
});
