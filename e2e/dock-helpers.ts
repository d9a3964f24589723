// Shared set-up for the run dock's specs: opening a design (its designs are in
// shared/testing/designs.ts) and reads of what the dock shows.
import { expect, type Page } from '@playwright/test';
import type { Design } from '../shared/document/types';
import type { Api } from './canvas-helpers';
import { openWithDesign, runInfo, waitForSimTime as waitForRunSimTime } from './run-helpers';

export async function openDock(page: Page, doc: Design): Promise<void> {
  await openWithDesign(page, doc);
  await expect(page.getByTestId('timeline')).toBeVisible();
}

/** Starts the run with the Run key on the canvas (Space), at the given speed. */
export async function startRun(page: Page, speed: number): Promise<void> {
  await page.evaluate((value) => (window.__backpressure as unknown as Api).setRunSpeed(value), speed);
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Space');
  await expect.poll(() => runStatus(page)).toBe('running');
}

export const runStatus = async (page: Page) => (await runInfo(page)).status;

export const simTimeMs = async (page: Page) => (await runInfo(page)).simTimeMs;

/** The dock's specs run longer designs: a longer default wait than the run specs'. */
export const waitForSimTime = (page: Page, ms: number, timeout = 30_000) =>
  waitForRunSimTime(page, ms, timeout);

export async function pauseRun(page: Page): Promise<void> {
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Space');
  await expect.poll(() => runStatus(page)).not.toBe('running');
}

export const cursorS = (page: Page) =>
  page.evaluate(
    () => ((window.__backpressure as unknown as Api).runState() as { cursorS: number | null }).cursorS,
  );

/** The sample the dock shows (at the cursor, or the newest). */
export const dockSample = (page: Page) =>
  page.evaluate(
    () =>
      (window.__backpressure as unknown as Api).dockSample() as {
        tS: number;
        global: { throughputRps: number; p99Ms: number };
      } | null,
  );

/** Points uPlot currently draws in a chart. */
export const chartPoints = (page: Page, chart: string) =>
  page.getByTestId(`chart-${chart}`).locator('.run-chart-plot').getAttribute('data-points').then(Number);

/** Screen x of a sim time on the timeline strip. */
export async function timelineX(page: Page, tS: number): Promise<{ x: number; y: number }> {
  const strip = page.getByTestId('timeline');
  const box = (await strip.boundingBox())!;
  const spanS = Number(await strip.getAttribute('data-span-s'));
  return { x: box.x + (tS / spanS) * box.width, y: box.y + box.height / 2 };
}
