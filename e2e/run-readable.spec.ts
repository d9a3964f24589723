// Pressing Run opens the dock and re-fits the canvas; the running design must stay readable on a
// shared screen at 1280×720: never below the zoom where card text is dropped, with every card's
// live "rps · p99" pill drawn.
import { test, expect } from '@playwright/test';
import { interviewDesign, webTierDesign } from '../shared/testing/designs';
import { NODE_WIDTH } from '../shared/document/geometry';
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

test('zoomed out to 57% with the right-most cards at the canvas edge, every live pill stays inside the canvas', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openWithDesign(page, webTierDesign());
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Space');
  await waitForSimTime(page, 3_000);
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  // The database and the cache (x = 840) are the right-most cards: put their right edges 8 px
  // inside the canvas. Their pills ("… rps · p99 … ms · lag … ms") are wider than the cards.
  const scale = 0.57;
  const viewport = { x: canvas.width - 8 - (840 + NODE_WIDTH / 2) * scale, y: canvas.height / 2, scale };
  await page.evaluate((value) => (window.__backpressure as unknown as Api).setViewport(value), viewport);
  await expect.poll(async () => viewportOf(page)).toEqual(viewport);
  type Box = { x: number; y: number; w: number; h: number };
  const drawn = async () => {
    const stats = (await page.evaluate(() => (window.__backpressure as unknown as Api).liveLayer())) as {
      pills: Record<string, string>;
      pillBoxes: Record<string, Box>;
    };
    return stats;
  };
  await expect
    .poll(async () => Object.keys((await drawn()).pillBoxes).sort())
    .toEqual(['api', 'cache', 'db', 'lb', 'users']);
  const stats = await drawn();
  await page.screenshot({ path: '/tmp/run-pills.png' });
  expect(stats.pills.db).toMatch(/rps · p99 .* · lag /);
  for (const [id, box] of Object.entries(stats.pillBoxes)) {
    const [topLeft, bottomRight] = await page.evaluate((b) => {
      const api = window.__backpressure as unknown as Api;
      return [api.worldToScreen({ x: b.x, y: b.y }), api.worldToScreen({ x: b.x + b.w, y: b.y + b.h })] as {
        x: number;
        y: number;
      }[];
    }, box);
    expect(topLeft.x, `${id}'s pill's left edge`).toBeGreaterThanOrEqual(canvas.x);
    expect(bottomRight.x, `${id}'s pill's right edge`).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(topLeft.y, `${id}'s pill's top edge`).toBeGreaterThanOrEqual(canvas.y);
    expect(bottomRight.y, `${id}'s pill's bottom edge`).toBeLessThanOrEqual(canvas.y + canvas.height);
  }
});
