// Pressing Run opens the dock and re-fits the canvas; the running design must stay readable on a
// shared screen at 1280×720: never below the zoom where card text is dropped, with every card's
// live "rps · p99" pill drawn.
import { test, expect } from '@playwright/test';
import { interviewDesign } from '../shared/testing/designs';
import { openWithDesign, waitForSimTime } from './run-helpers';
import { viewportOf } from './canvas-helpers';

type Api = Record<string, (...args: unknown[]) => unknown>;

test('pressing Run on the interview design at 1280×720 keeps every label and live pill drawn', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openWithDesign(page, interviewDesign());
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Space');
  await waitForSimTime(page, 4_000);
  // The dock opened and the canvas re-fitted: still at or above the zoom where text is drawn.
  await expect.poll(async () => (await viewportOf(page)).scale).toBeGreaterThanOrEqual(0.5);
  await expect
    .poll(async () => {
      const stats = (await page.evaluate(() => (window.__backpressure as unknown as Api).liveLayer())) as {
        pills: Record<string, string>;
      };
      return Object.keys(stats.pills).sort();
    })
    .toEqual(['cache', 'client', 'db', 'lb', 'svc1', 'svc2', 'svc3']);
  const stats = (await page.evaluate(() => (window.__backpressure as unknown as Api).liveLayer())) as {
    pills: Record<string, string>;
  };
  for (const text of Object.values(stats.pills)) expect(text).toMatch(/rps · p99 /);
  await page.screenshot({ path: '/tmp/run-readable.png' });
});
