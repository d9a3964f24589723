// Shared set-up for the live-run specs: open the app, load a design, read the run through
// `window.__backpressure` (run, metrics, log, chaos) and wait for simulated time to pass.
import { expect, type Page } from '@playwright/test';
import type { Design } from '../shared/document/types';
import { openCanvas, loadDesign, type Api } from './canvas-helpers';
export interface RunInfo {
  status: string;
  simTimeMs: number;
  speed: number | 'max';
}

export async function openWithDesign(page: Page, doc: Design): Promise<void> {
  await openCanvas(page);
  await page.waitForFunction(() => typeof (window.__backpressure as unknown as Api).run === 'function');
  await loadDesign(page, doc);
}

export const runInfo = (page: Page) =>
  page.evaluate(() => (window.__backpressure as unknown as Api).run() as RunInfo);
export const runState = (page: Page) =>
  page.evaluate(
    () =>
      (window.__backpressure as unknown as Api).runState() as RunInfo & {
        achievedSpeed: number;
        eventsPerS: number;
        historyLength: number;
        lastSampleS: number | null;
      },
  );
export const metrics = (page: Page, nodeId: string) =>
  page.evaluate(
    (id) => (window.__backpressure as unknown as Api).metrics(id) as Record<string, number> | null,
    nodeId,
  );
export const runLog = (page: Page) =>
  page.evaluate(
    () =>
      (window.__backpressure as unknown as Api).log() as {
        t: number;
        type: string;
        target: string;
        [field: string]: unknown;
      }[],
  );
export const chaos = (
  page: Page,
  command: { action: string; target: string; factor?: number; durationS?: number },
) => page.evaluate((value) => (window.__backpressure as unknown as Api).chaos(value), command);
export const setSpeed = (page: Page, speed: number | 'max') =>
  page.evaluate((value) => (window.__backpressure as unknown as Api).setRunSpeed(value), speed);

/** Waits until the run's simulated time reaches at least simTimeMs. */
export async function waitForSimTime(page: Page, simTimeMs: number, timeout = 20_000): Promise<void> {
  await expect
    .poll(async () => (await runInfo(page)).simTimeMs, {
      timeout,
      message: `sim time to reach ${simTimeMs} ms`,
    })
    .toBeGreaterThanOrEqual(simTimeMs);
}

/** Presses a key with the canvas focused (where run and chaos keys apply). */
export async function pressOnCanvas(page: Page, key: string): Promise<void> {
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(key);
}

type Point = { x: number; y: number };
export const instanceDot = (page: Page, address: string) =>
  page.evaluate(
    (value) => (window.__backpressure as unknown as Api).instanceDotScreenPosition(value) as Point,
    address,
  );
export const edgeMiddle = (page: Page, edgeId: string) =>
  page.evaluate(
    (value) => (window.__backpressure as unknown as Api).edgeScreenPosition(value) as Point,
    edgeId,
  );
export const nodeScreen = (page: Page, nodeId: string) =>
  page.evaluate(
    (value) => (window.__backpressure as unknown as Api).nodeScreenPosition(value) as Point,
    nodeId,
  );
export const liveLayer = (page: Page) =>
  page.evaluate(
    () =>
      (window.__backpressure as unknown as Api).liveLayer() as {
        framesDrawn: number;
        particlesDrawn: number;
        dotsDrawn: number;
        health: Record<string, string>;
        cutEdges: string[];
        pills: Record<string, string>;
        rings: Record<string, number>;
        queues: Record<string, number>;
        dots: Record<string, string[]>;
      },
  );

/** Index in the log of the first entry of this type (and target, if given) at or after `from`. */
export function indexOfEntry(
  log: { type: string; target: string }[],
  type: string,
  target?: string,
  from = 0,
): number {
  for (let i = from; i < log.length; i++)
    if (log[i].type === type && (!target || log[i].target === target)) return i;
  return -1;
}
