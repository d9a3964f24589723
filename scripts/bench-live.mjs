// Live-run benchmark (npm run bench:live): in headless Chromium, a 50-node design at 10,000 req/s
// runs at 10× while requestAnimationFrame frame times are recorded (the live layer animates every
// frame); real mouse clicks select nodes while it runs (click → selection visible, ms); then a
// 30-minute simulated run at full speed with the JS heap (CDP Performance.getMetrics, after a GC)
// measured along the way. Prints the numbers and writes test-results/bench-live.json. Needs a
// renderer build.
/* global window, requestAnimationFrame, performance -- used inside page.evaluate (the browser) */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { buildSync } from 'esbuild';
import { chromium } from '@playwright/test';

const port = Number(process.env.BENCH_PORT ?? 5900 + Math.floor(Math.random() * 90));
const fpsSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const memorySimS = Number(process.env.BENCH_MEMORY_SIM_S ?? 1800);
const systemChromium = '/usr/bin/chromium';

// The designs are TypeScript (shared with the e2e tests): bundle them for Node.
const bundle = buildSync({
  entryPoints: ['shared/testing/designs.ts'],
  bundle: true,
  format: 'esm',
  write: false,
});
const designs = await import(
  `data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`
);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
};

async function open(page, design) {
  await page.goto(`http://localhost:${port}/?automation=1`);
  await page.waitForFunction(() => typeof window.__backpressure?.run === 'function');
  const loaded = await page.evaluate((doc) => window.__backpressure.load(doc), design);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded));
  await page.waitForTimeout(300);
}

async function frameTimes(page, seconds) {
  return page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const times = [];
        const start = performance.now();
        const loop = () => {
          times.push(performance.now());
          if (performance.now() - start < ms) requestAnimationFrame(loop);
          else resolve(times);
        };
        requestAnimationFrame(loop);
      }),
    seconds * 1000,
  );
}

/** Real mouse click on a node → the frame after its selection shows (ms). */
async function clickLatency(page, nodeId) {
  const at = await page.evaluate((id) => window.__backpressure.nodeScreenPosition(id), nodeId);
  await page.evaluate((id) => {
    window.__clickDone = null;
    window.addEventListener(
      'pointerdown',
      () => {
        const started = performance.now();
        const check = () => {
          if (window.__backpressure.selection().nodes.includes(id))
            window.__clickDone = performance.now() - started;
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      },
      { capture: true, once: true },
    );
  }, nodeId);
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction(() => window.__clickDone !== null, null, { timeout: 5000 });
  return page.evaluate(() => window.__clickDone);
}

async function heapMb(client, page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  await client.send('HeapProfiler.collectGarbage');
  const { metrics } = await client.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'JSHeapUsedSize').value / 1024 / 1024;
}

if (!existsSync('dist/renderer/index.html')) {
  console.error('No renderer build: run "npx vite build" first (npm run bench:live does).');
  process.exit(2);
}
const server = spawn(process.execPath, ['scripts/serve-web.mjs', '--port', String(port)], {
  stdio: 'ignore',
});
const result = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()}`,
};
try {
  await new Promise((resolve) => setTimeout(resolve, 600));
  const browser = await chromium.launch({
    executablePath: existsSync(systemChromium) ? systemChromium : undefined,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const client = await page.context().newCDPSession(page);
  await client.send('Performance.enable');

  // 1. Frame rate: 50 nodes, 10,000 req/s, 10×.
  await open(page, designs.fiftyNodeDesign(10_000));
  await page.evaluate(() => window.__backpressure.setRunSpeed(10));
  await page.evaluate(() => window.__backpressure.runCommand('run.toggle'));
  await page.waitForTimeout(2000);
  const times = await frameTimes(page, fpsSeconds);
  const intervals = times.slice(1).map((t, i) => t - times[i]);
  const run = await page.evaluate(() => window.__backpressure.runState());
  const layer = await page.evaluate(() => window.__backpressure.liveLayer());
  result.frames = {
    design: '50 nodes, 74 connections, 10,000 req/s, speed 10×',
    seconds: fpsSeconds,
    medianFps: 1000 / median(intervals),
    p95FrameMs: percentile(intervals, 0.95),
    achievedSpeed: run.achievedSpeed,
    eventsPerS: run.eventsPerS,
    particlesDrawn: layer.particlesDrawn,
    dotsDrawn: layer.dotsDrawn,
  };

  // 2. Click latency while running.
  const clicks = [];
  // A running design is kept at a readable zoom, so part of a 50-node design may hang off the
  // canvas: click the nodes that are on screen.
  const visibleIds = await page.evaluate(() => {
    const box = window.document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    return window.__backpressure
      .document()
      .nodes.map((node) => ({ id: node.id, at: window.__backpressure.nodeScreenPosition(node.id) }))
      .filter(
        ({ at }) =>
          at.x > box.left + 40 && at.x < box.right - 40 && at.y > box.top + 40 && at.y < box.bottom - 40,
      )
      .map(({ id }) => id);
  });
  for (const id of visibleIds
    .filter((_, index) => index % Math.max(1, Math.floor(visibleIds.length / 6)) === 0)
    .slice(0, 6))
    clicks.push(await clickLatency(page, id));
  result.clicks = { medianMs: median(clicks), maxMs: Math.max(...clicks), samples: clicks };

  // 3. Memory over a 30-minute simulated run (as fast as it goes).
  const memoryDesign = designs.fiftyNodeDesign(2_000);
  memoryDesign.scenario.durationS = memorySimS;
  await open(page, memoryDesign);
  await page.evaluate(() => window.__backpressure.setRunSpeed('max'));
  await page.evaluate(() => window.__backpressure.runCommand('run.toggle'));
  const heap = [];
  const wallStart = Date.now();
  for (const checkpoint of [60, memorySimS / 3, (2 * memorySimS) / 3, memorySimS]) {
    await page.waitForFunction((ms) => window.__backpressure.run().simTimeMs >= ms, checkpoint * 1000, {
      timeout: 20 * 60_000,
      polling: 500,
    });
    heap.push({
      simS: checkpoint,
      heapMb: await heapMb(client, page),
      history: (await page.evaluate(() => window.__backpressure.runState())).historyLength,
    });
  }
  result.memory = {
    design: '50 nodes at 2,000 req/s, speed max',
    wallS: (Date.now() - wallStart) / 1000,
    heap,
  };
  await browser.close();
} finally {
  server.kill();
}

console.log(`Machine: ${result.machine}`);
const f = result.frames;
console.log(
  `Frames  ${f.design}: median ${f.medianFps.toFixed(1)} fps, p95 frame ${f.p95FrameMs.toFixed(1)} ms; achieved ${f.achievedSpeed.toFixed(1)}×, ${Math.round(f.eventsPerS).toLocaleString('en-US')} events/s; ${f.particlesDrawn} particles, ${f.dotsDrawn} dots`,
);
console.log(
  `Clicks  while running: median ${result.clicks.medianMs.toFixed(1)} ms, max ${result.clicks.maxMs.toFixed(1)} ms`,
);
console.log(`Memory  ${result.memory.design}, ${result.memory.wallS.toFixed(0)} s wall:`);
for (const point of result.memory.heap)
  console.log(
    `  t = ${String(point.simS).padStart(5)} s  JS heap ${point.heapMb.toFixed(1)} MB  (history ${point.history} samples)`,
  );
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/bench-live.json', JSON.stringify(result, null, 2));
