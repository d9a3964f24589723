// The design stays editable while it runs; a live session replays exactly; the live layer draws
// gauges, dots and particles, and shows earlier gauges when the dock scrubs back.
import { expect, test } from '@playwright/test';
import { webTierDesign } from '../shared/testing/designs';
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

  // Pixels: the live layer (Konva's last layer canvas before presentation mode's own) holds the
  // health green and the read-particle blue.
  const colours = await page.evaluate(() => {
    const canvases = document.querySelectorAll<HTMLCanvasElement>(
      '[data-testid="canvas"] canvas:not([data-layer="presentation"])',
    );
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

test('each kind shows its own live gauge: hit-rate ring, lag and leader, queue depth and oldest age, throttled', async ({
  page,
}) => {
  const node = (id: string, kind: string, x: number, y: number, params: Record<string, unknown> = {}) => ({
    id,
    kind,
    label: id,
    x,
    y,
    params,
  });
  const edge = (from: string, to: string, params: Record<string, unknown> = {}) => ({
    id: `${from}->${to}`,
    from,
    to,
    params,
  });
  const doc = webTierDesign();
  doc.nodes = [
    node('users', 'client', 0, 0, { rps: 300, readRatio: 0.6, timeoutMs: 5000 }),
    node('limiter', 'rateLimiter', 260, 0, { rate: 200, burst: 20 }),
    node('api', 'service', 520, 0, { instances: 2, workers: 16, serviceTimeMs: 2 }),
    node('cache', 'cache', 780, -140, { capacity: 2000 }),
    node('db', 'database', 780, 20, { replicas: 2, replication: 'async' }),
    node('jobs', 'queue', 780, 180),
    // One slow worker: 40 writes/s arrive, 25/s leave — the queue grows and ages.
    node('mailer', 'worker', 1040, 180, { workers: 1, serviceTimeMs: 40, serviceDist: 'const' }),
  ] as typeof doc.nodes;
  doc.edges = [
    edge('users', 'limiter'),
    edge('limiter', 'api'),
    edge('api', 'cache', { filter: 'reads' }),
    edge('cache', 'db'),
    edge('api', 'db', { filter: 'writes' }),
    edge('api', 'jobs', { filter: 'writes' }),
    edge('jobs', 'mailer'),
  ] as typeof doc.edges;
  await openWithDesign(page, doc);
  await setSpeed(page, 4);
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 6000);
  await expect
    .poll(async () => (await liveLayer(page)).pills.limiter ?? '')
    .toMatch(/^[\d.]+k? rps · p99 .* · throttled [\d.]+k? rps$/);
  const layer = await liveLayer(page);
  // Cache: a hit-rate ring with the same hit rate as metrics().
  expect(layer.rings.cache).toBeGreaterThan(0);
  expect(layer.rings.cache).toBeLessThanOrEqual(1);
  expect(Object.keys(layer.rings)).toEqual(['cache']);
  // Database: replication lag in the pill; the leader's dot is marked.
  expect(layer.pills.db).toMatch(/ · lag [\d.]+ ms$/);
  expect(layer.dots.db).toEqual(['alive+leader', 'alive', 'alive']);
  // Queue: depth gauge growing and the oldest message's age.
  expect(layer.pills.jobs).toMatch(/ · oldest [\d.]+ (ms|s)$/);
  await expect.poll(async () => (await liveLayer(page)).queues.jobs).toBeGreaterThan(20);
  // Rate limiter: throttling about a third of 300 rps offered at 200/s.
  const throttled = Number(/throttled ([\d.]+) rps/.exec((await liveLayer(page)).pills.limiter)![1]);
  expect(throttled).toBeGreaterThan(50);
  expect(throttled).toBeLessThan(150);
  // A lone service shows neither lag nor a ring.
  expect(layer.pills.api).toMatch(/^[\d.]+k? rps · p99 [\d.]+ (ms|s)$/);
  // Killing the leader: its dot turns dead and another takes the leader mark.
  await chaos(page, { action: 'kill', target: 'db:0' });
  await expect
    .poll(async () => (await liveLayer(page)).dots.db, { timeout: 15_000 })
    .toEqual(expect.arrayContaining(['dead', 'alive+leader']));
});
