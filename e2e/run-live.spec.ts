// The live run: run a design from the toolbar and keyboard, watch gauges move, control speed.
import { expect, test } from '@playwright/test';
import { webTierDesign } from '../renderer/run/testDesigns';
import {
  metrics,
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
  doc.scenario.durationS = 3600;
  await openWithDesign(page, doc);
  await page.getByTestId('run-speed').selectOption('1');
  await page.getByTestId('cmd-run.toggle').click();
  await page.waitForTimeout(1500);
  const slow = (await runState(page)).achievedSpeed;
  expect(slow).toBeGreaterThan(0.7);
  expect(slow).toBeLessThan(1.3);
  await page.getByTestId('run-speed').selectOption('25');
  await page.waitForTimeout(1500);
  const fast = (await runState(page)).achievedSpeed;
  expect(fast).toBeGreaterThan(15);
  await expect(page.getByTestId('run-achieved-speed')).toContainText('× real time');
  await setSpeed(page, 'max');
  await page.waitForTimeout(1000);
  expect((await runState(page)).achievedSpeed).toBeGreaterThan(fast);
});
