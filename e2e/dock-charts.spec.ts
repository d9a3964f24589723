// The run dock's charts, SLO badge and Why panel against a live run (real keyboard and mouse).
import { expect, test } from '@playwright/test';
import { chartPoints, openDock, overloadDesign, startRun, waitForSimTime, webDesign } from './dock-helpers';

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
  await startRun(page, 5);
  await expect(badge).toHaveAttribute('data-state', 'pass', { timeout: 20_000 });
  await expect(badge).toContainText('SLO pass');
  await expect(badge).toHaveAttribute('data-state', 'fail', { timeout: 30_000 });
  await expect(badge).toContainText(/SLO fail.*p99 [\d.]+ (ms|s) > 200 ms/);
});

test('Why shows an overloaded service dominated by queueing', async ({ page }) => {
  await openDock(
    page,
    overloadDesign([{ atS: 3, action: 'spike', target: 'users', factor: 3, durationS: 60 }]),
  );
  await startRun(page, 10);
  await waitForSimTime(page, 15_000);
  await page.getByTestId('dock-tab-why').click();
  const why = page.getByTestId('why-panel');
  await expect(why.getByTestId('why-sentence')).toHaveText(
    /The slowest 1% of requests spend \d+% of their time waiting in API's queue\./,
    { timeout: 10_000 },
  );
  const share = Number((await why.getByTestId('why-sentence').textContent())!.match(/spend (\d+)%/)![1]);
  expect(share).toBeGreaterThan(50);
  // The API's bar: queueing is its largest part.
  const hop = why.locator('[data-testid="why-hop"][data-node="api"]');
  const part = async (name: string) =>
    Number(
      (await hop
        .locator(`[data-part="${name}"]`)
        .getAttribute('data-ms')
        .catch(() => '0')) ?? 0,
    );
  const wait = await part('wait');
  expect(wait).toBeGreaterThan(await part('service'));
  // Selecting the API focuses the explanation on it.
  await page.evaluate(() =>
    (window.__backpressure as unknown as { select: (s: unknown) => void }).select({ nodes: ['api'] }),
  );
  await expect(why.getByTestId('why-sentence')).toHaveText(
    /At API, the slowest 1% of requests take .*: \d+% waiting in its queue/,
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
