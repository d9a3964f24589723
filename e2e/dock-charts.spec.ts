// The run dock's charts, SLO badge and Why panel against a live run (real keyboard and mouse).
import { expect, test } from '@playwright/test';
import { chartPoints, openDock, startRun, waitForSimTime } from './dock-helpers';
import { dbBottleneckDesign, overloadDesign, webDesign } from '../shared/testing/designs';

test('every chart receives data while the design runs, and keeps the whole run', async ({ page }) => {
  await openDock(page, webDesign());
  await startRun(page, 10);
  for (const chart of ['throughput', 'latency', 'errors', 'queue', 'hitrate', 'lag']) {
    await expect(page.getByTestId(`chart-${chart}`)).toBeVisible();
  }
  await waitForSimTime(page, 12_000);
  for (const chart of ['throughput', 'latency', 'errors', 'queue', 'hitrate', 'lag']) {
    await expect
      .poll(() => chartPoints(page, chart), { message: `${chart} points` })
      .toBeGreaterThanOrEqual(10);
  }
  // The legend shows the newest values with units, not placeholders.
  await expect(page.getByTestId('chart-throughput-value-global')).toHaveText(/^\d[\d.]*k? rps$/);
  await expect(page.getByTestId('chart-hitrate-value-node:cache')).toHaveText(/^\d[\d.]*%$/);
  // The replicated database has its lag line (a database without replicas would not).
  await expect(page.getByTestId('chart-lag-value-node:db')).toHaveText(/^\d[\d.]*k? ?(ms|s)$/);
  const throughput = Number(
    (await page.getByTestId('chart-throughput-value-global').textContent())!.replace(/[^\d.]/g, ''),
  );
  expect(throughput).toBeGreaterThan(150); // 200 rps offered, nothing failing
  expect(throughput).toBeLessThan(250);
  // Whole run: the chart grows with the run instead of keeping a window.
  const before = await chartPoints(page, 'throughput');
  await waitForSimTime(page, 20_000);
  await expect.poll(() => chartPoints(page, 'throughput')).toBeGreaterThan(before);
});

test('the SLO badge flips from pass to fail when a traffic spike overloads the service', async ({ page }) => {
  await openDock(
    page,
    overloadDesign([{ atS: 6, action: 'spike', target: 'users', factor: 3, durationS: 40 }]),
  );
  const badge = page.getByTestId('slo-badge');
  await startRun(page, 2);
  // State and text read together, at 2× so the passing stretch (before the spike at 6 s) lasts seconds.
  const stateAndText = () => badge.evaluate((el) => `${(el as HTMLElement).dataset.state}|${el.textContent}`);
  await expect.poll(stateAndText, { timeout: 20_000 }).toMatch(/^pass\|.*SLO pass/);
  await expect(badge).toHaveAttribute('data-state', 'fail', { timeout: 30_000 });
  await expect(badge).toContainText(/SLO fail.*p99 [\d.]+ (ms|s) > 200 ms/);
});

test('Why: behind a fast service, the overloaded database queueing is the dominant cost of the slowest 1%', async ({
  page,
}) => {
  await openDock(page, dbBottleneckDesign());
  await startRun(page, 10);
  await waitForSimTime(page, 15_000);
  // A database without replicas has no replication lag to chart: the chart says so, no flat 0 ms line.
  await expect(page.getByTestId('chart-lag')).toContainText('No replicated database in this design.');
  await expect(page.getByTestId('chart-lag').locator('.run-chart-key')).toHaveCount(0);
  await page.getByTestId('dock-tab-why').click();
  const why = page.getByTestId('why-panel');
  await expect(why.getByTestId('why-subject')).toHaveText('whole design');
  const sentence = why.getByTestId('why-sentence');
  await expect(sentence).toHaveText(
    /^The slowest 1% take [\d.]+ ms end to end: \d+% of it is waiting in Orders DB's queue\.$/,
    { timeout: 10_000 },
  );
  await expect(sentence).toHaveAttribute('data-dominant-node', 'db');
  await expect(sentence).toHaveAttribute('data-dominant-part', 'queueing');
  const share = Number((await sentence.textContent())!.match(/: (\d+)% of it/)![1]);
  expect(share).toBeGreaterThan(50);
  // One stacked bar per hop where the tail spends time, in path order; the DB's queueing is its biggest part and dwarfs the API.
  await expect(why.getByTestId('why-hop')).toHaveCount(2);
  expect(
    await why.getByTestId('why-hop').evaluateAll((hops) => hops.map((h) => h.getAttribute('data-node'))),
  ).toEqual(['api', 'db']);
  const part = (node: string, name: string) =>
    why
      .locator(`[data-testid="why-hop"][data-node="${node}"] [data-part="${name}"]`)
      .getAttribute('data-ms', { timeout: 1000 })
      .then(Number, () => 0);
  const dbQueueing = await part('db', 'queueing');
  expect(dbQueueing).toBeGreaterThan(await part('db', 'service'));
  expect(dbQueueing).toBeGreaterThan(5 * ((await part('api', 'queueing')) + (await part('api', 'service'))));
  await expect(why.getByTestId('why-failures')).toHaveText('No request has failed after warm-up.');
  // Clicking the API on the canvas focuses Why on the requests through it: still the DB's queue.
  const api = await page.evaluate(() =>
    (
      window.__backpressure as unknown as { nodeScreenPosition: (id: string) => { x: number; y: number } }
    ).nodeScreenPosition('api'),
  );
  await page.mouse.click(api.x, api.y);
  await expect(why.getByTestId('why-subject')).toHaveText('through API');
  await expect(sentence).toHaveText(/^The slowest 1% through API take .* waiting in Orders DB's queue\.$/);
});

test('Why says where failures started: a killed database, first failing at the kill', async ({ page }) => {
  await openDock(page, dbBottleneckDesign());
  await startRun(page, 10);
  await waitForSimTime(page, 4_000);
  await page.evaluate(() =>
    (window.__backpressure as unknown as { chaos: (c: unknown) => void }).chaos({
      action: 'kill',
      target: 'db',
    }),
  );
  await waitForSimTime(page, 8_000);
  await page.getByTestId('dock-tab-why').click();
  await expect(page.getByTestId('why-failures')).toHaveText(
    /^Failures started at Orders DB at [\d.]+ s: [\d,]+ unavailable/,
    {
      timeout: 10_000,
    },
  );
});

test('dragging the dock edge resizes it and the charts follow', async ({ page }) => {
  await openDock(page, webDesign());
  await startRun(page, 10);
  await waitForSimTime(page, 5_000);
  const plot = page.getByTestId('chart-latency').locator('canvas');
  const before = (await plot.boundingBox())!;
  const edge = (await page.locator('.run-dock-resize').boundingBox())!;
  await page.mouse.move(edge.x + 200, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + 200, edge.y - 90, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await plot.boundingBox())!.height).toBeGreaterThan(before.height + 30);
  // The chart still holds the whole run after the resize.
  await expect.poll(() => chartPoints(page, 'latency')).toBeGreaterThanOrEqual(4);
});
