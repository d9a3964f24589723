// The run dock's timeline and event log: scenario markers, scrubbing back to earlier seconds with
// the mouse and keyboard, and jumping to a logged event (real mouse and keyboard).
import { expect, test } from '@playwright/test';
import { cursorS, dockSample, openDock, pauseRun, startRun, timelineX, waitForSimTime } from './dock-helpers';
import { overloadDesign, webDesign } from '../shared/testing/designs';
import { formatRps } from '../shared/format';

test('scenario events show as markers at their time on the timeline', async ({ page }) => {
  await openDock(
    page,
    webDesign([
      { atS: 15, action: 'kill', target: 'db:0' },
      { atS: 45, action: 'spike', target: 'users', factor: 2, durationS: 5 },
    ]),
  );
  const markers = page.locator('[data-testid="timeline-marker"][data-source="scenario"]');
  await expect(markers).toHaveCount(2);
  for (const [index, atS] of [15, 45].entries()) {
    const box = (await markers.nth(index).boundingBox())!;
    const expected = await timelineX(page, atS);
    expect(Math.abs(box.x + box.width / 2 - expected.x)).toBeLessThan(3);
  }
  await expect(markers.first()).toHaveAttribute('title', '15 s · scenario: kill Orders DB:0');
});

test('dragging the timeline back shows the earlier second; Live returns to the newest', async ({ page }) => {
  // Traffic triples at 10 s, so earlier seconds have clearly lower throughput than later ones.
  await openDock(
    page,
    overloadDesign([{ atS: 10, action: 'spike', target: 'users', factor: 1.8, durationS: 60 }]),
  );
  await startRun(page, 10);
  await waitForSimTime(page, 20_000);
  await pauseRun(page);
  const live = (await dockSample(page))!;
  expect(live.tS).toBeGreaterThanOrEqual(20);
  await expect(page.getByTestId('readout-throughput')).toHaveText(formatRps(live.global.throughputRps));

  // Press on the strip at 12 s, drag back to 5 s.
  const from = await timelineX(page, 12);
  const to = await timelineX(page, 5);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => cursorS(page)).toBeCloseTo(5, 0);
  const earlier = (await dockSample(page))!;
  expect(earlier.tS).toBe(5);
  expect(earlier.global.throughputRps).toBeLessThan(live.global.throughputRps);
  await expect(page.getByTestId('readout-time')).toHaveText('At 5.0 s');
  await expect(page.getByTestId('readout-throughput')).toHaveText(formatRps(earlier.global.throughputRps));
  await expect(page.getByTestId('chart-throughput-value-global')).toHaveText(
    formatRps(earlier.global.throughputRps),
  );
  await expect(page.getByTestId('timeline-cursor')).toBeVisible();

  // The arrow keys step the focused timeline one second at a time.
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => cursorS(page)).toBeCloseTo(4, 1);
  await expect(page.getByTestId('readout-time')).toHaveText('At 4.0 s');

  await page.getByTestId('dock-live').click();
  await expect.poll(() => cursorS(page)).toBeNull();
  await expect(page.getByTestId('readout-throughput')).toHaveText(formatRps(live.global.throughputRps));
  await expect(page.getByTestId('timeline-cursor')).toHaveCount(0);
});

test('clicking a logged event selects its node and moves the cursor to its time', async ({ page }) => {
  await openDock(page, webDesign([{ atS: 4, action: 'kill', target: 'db:0' }]));
  await startRun(page, 10);
  await waitForSimTime(page, 9_000);
  const log = page.getByTestId('event-log');
  const kill = log.locator('[data-testid="event-log-entry"][data-type="kill"]');
  await expect(kill).toHaveCount(1);
  await expect(kill).toContainText('4.0 s');
  await expect(kill).toContainText('Orders DB:0 killed');
  // The engine's failover follows: detected, then promoted, each with its own time.
  await expect(log.locator('[data-type="detected"]').first()).toBeVisible();
  await expect(log.locator('[data-type="promoted"]').first()).toContainText('promoted to leader');
  // A log marker sits on the timeline at 4 s.
  await expect(page.locator('[data-testid="timeline-marker"][data-source="log"]').first()).toHaveAttribute(
    'data-t',
    '4',
  );

  await kill.click();
  await expect.poll(() => page.evaluate(() => window.__backpressure!.selection().nodes)).toEqual(['db']);
  await expect.poll(() => cursorS(page)).toBe(4);
  await expect(page.getByTestId('readout-time')).toHaveText('At 4.0 s');
  await expect(kill).toHaveAttribute('aria-current', 'true');
  // The selected database gets its own line and totals above the charts.
  await expect(page.getByTestId('dock-node')).toContainText('Orders DB');
  await expect(page.getByTestId('node-totals')).toContainText(
    /arrived( \(\+[\d,]+ from warm-up\))? · [\d,]+ done/,
  );
  // Its leader works while followers only apply the log: the totals name the hottest copy.
  await expect(page.getByTestId('node-totals')).toContainText(/hottest: instance \d at \d+%/);
  await expect(page.getByTestId('chart-queue')).toContainText('Orders DB');
});

test('times agree: the live readout follows the run clock, and Why says it covers the live run, not the cursor', async ({
  page,
}) => {
  await openDock(page, overloadDesign());
  await startRun(page, 1);
  await waitForSimTime(page, 6_000);
  await pauseRun(page);
  // Paused: the dock's clock is the status bar's.
  const clock = (await page.getByTestId('run-sim-time').textContent())!;
  const seconds = clock.match(/([\d.]+) s/)![1];
  await expect(page.getByTestId('readout-time')).toHaveText(`Paused ${seconds} s`);
  await page.getByTestId('dock-tab-why').click();
  await expect(page.getByTestId('why-as-of')).toHaveText(`Run so far: as of ${seconds} s`);
  await expect(page.getByTestId('why-cursor-note')).toHaveCount(0);
  // Scrubbed back to 3 s: Why says it still covers the run up to now, not the cursor.
  const at = await timelineX(page, 3);
  await page.mouse.click(at.x, at.y);
  await expect.poll(() => cursorS(page)).toBeCloseTo(3, 0);
  await expect(page.getByTestId('why-cursor-note')).toHaveText(
    `Why covers the whole run up to ${seconds} s, not the timeline cursor at 3.0 s.`,
  );
});
