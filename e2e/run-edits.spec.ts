// The design stays editable while it runs; a live session replays exactly; the live layer draws
// gauges, dots and particles, and shows earlier gauges when the dock scrubs back.
import { expect, test } from '@playwright/test';
import { webTierDesign } from '../renderer/run/testDesigns';
import { toScreen } from './canvas-helpers';
import {
  chaos,
  liveLayer,
  metrics,
  nodeScreen,
  openWithDesign,
  runInfo,
  setSpeed,
  waitForSimTime,
} from './run-helpers';

type Api = Record<string, (...args: unknown[]) => unknown>;

test('a parameter edit applies live; adding a node restarts the run with a notice', async ({ page }) => {
  await openWithDesign(page, webTierDesign());
  await setSpeed(page, 2);
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 2000);
  const api = await nodeScreen(page, 'api');
  await page.mouse.click(api.x, api.y);
  const field = page.getByTestId('inspector-instances');
  await field.fill('4');
  await field.press('Enter');
  await expect.poll(async () => (await metrics(page, 'api'))?.instancesUp).toBe(4);
  const afterEdit = (await runInfo(page)).simTimeMs;
  expect(afterEdit).toBeGreaterThan(2000);
  expect((await runInfo(page)).status).toBe('running');

  // Place a new service on an empty spot: a structural edit.
  const empty = await toScreen(page, { x: 280, y: 260 });
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('s');
  await page.mouse.click(empty.x, empty.y);
  await expect(page.getByTestId('toast')).toContainText('restarted');
  await expect.poll(async () => (await runInfo(page)).simTimeMs).toBeLessThan(afterEdit);
  expect((await runInfo(page)).status).toBe('running');
});

test('a live session replays exactly: the same commands at the same points give the same fingerprint', async ({
  page,
}) => {
  await openWithDesign(page, webTierDesign());
  await setSpeed(page, 5);
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 2000);
  await chaos(page, { action: 'kill', target: 'db:0' });
  await waitForSimTime(page, 4000);
  await chaos(page, { action: 'cut', target: 'api->cache', durationS: 1 });
  await waitForSimTime(page, 6000);
  await page.getByTestId('cmd-run.toggle').click();
  await expect.poll(async () => (await runInfo(page)).status).toBe('paused');
  const recording = await page.evaluate(() => (window.__backpressure as unknown as Api).runRecording());
  const live = await page.evaluate(() => (window.__backpressure as unknown as Api).runFingerprint());
  const replayed = await page.evaluate(
    (value) => (window.__backpressure as unknown as Api).replayFingerprint(value),
    recording,
  );
  expect(typeof live).toBe('string');
  expect(replayed).toBe(live);
  expect((recording as { commands: unknown[] }).commands).toHaveLength(2);
});

test('the live layer draws health, instance dots and traffic particles, and shows the past when scrubbed', async ({
  page,
}) => {
  await openWithDesign(page, webTierDesign());
  await setSpeed(page, 4);
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 3000);
  const layer = await liveLayer(page);
  expect(layer.particlesDrawn).toBeGreaterThan(10);
  // api ×2, cache ×1, db leader + 2 followers, balancer ×1.
  expect(layer.dotsDrawn).toBe(7);
  expect(layer.health.api).toBe('ok');
  const framesBefore = layer.framesDrawn;
  await page.waitForTimeout(300);
  expect((await liveLayer(page)).framesDrawn).toBeGreaterThan(framesBefore + 5);

  // Pixels: the live layer (Konva's last layer canvas) holds the health green and the read-particle blue.
  const colours = await page.evaluate(() => {
    const canvases = document.querySelectorAll<HTMLCanvasElement>('[data-testid="canvas"] canvas');
    const live = canvases[canvases.length - 1];
    const data = live.getContext('2d')!.getImageData(0, 0, live.width, live.height).data;
    let healthGreen = 0;
    let readBlue = 0;
    const near = (i: number, r: number, g: number, b: number) =>
      Math.abs(data[i] - r) < 12 &&
      Math.abs(data[i + 1] - g) < 12 &&
      Math.abs(data[i + 2] - b) < 12 &&
      data[i + 3] > 200;
    for (let i = 0; i < data.length; i += 4) {
      if (near(i, 0x00, 0x9e, 0x73)) healthGreen++;
      if (near(i, 0x00, 0x72, 0xb2)) readBlue++;
    }
    return { healthGreen, readBlue };
  });
  expect(colours.healthGreen).toBeGreaterThan(200);
  expect(colours.readBlue).toBeGreaterThan(20);

  // Kill the api, then scrub back to before the kill: the canvas shows it healthy again.
  await chaos(page, { action: 'kill', target: 'api' });
  await expect.poll(async () => (await liveLayer(page)).health.api).toBe('down');
  await page.evaluate(() => (window.__backpressure as unknown as Api).setRunCursor(2));
  await expect.poll(async () => (await liveLayer(page)).health.api).toBe('ok');
  await page.evaluate(() => (window.__backpressure as unknown as Api).setRunCursor(null));
  await expect.poll(async () => (await liveLayer(page)).health.api).toBe('down');
});
