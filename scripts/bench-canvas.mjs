// Canvas benchmark (npm run bench:canvas): opens generated designs in headless Chromium and records
// requestAnimationFrame frame times while real mouse drags and wheel events pan, zoom and drag a
// node. Prints a table and writes test-results/bench-canvas.json. Needs a renderer build.
/* global window, document, requestAnimationFrame, performance -- used inside page.evaluate, which runs in the browser */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { buildSync } from 'esbuild';

// A port of its own (other servers may be running on this machine).
const port = Number(process.env.BENCH_PORT ?? 5300 + Math.floor(Math.random() * 600));
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const systemChromium = '/usr/bin/chromium';

// The designs are TypeScript (shared/testing/designs.ts, with the tests): bundle them for Node.
const bundle = buildSync({
  entryPoints: ['shared/testing/designs.ts'],
  bundle: true,
  format: 'esm',
  write: false,
});
const { gridDesign } = await import(
  `data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`
);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
};

async function startFrames(page) {
  await page.evaluate(() => {
    window.__benchFrames = [];
    window.__benchRunning = true;
    // performance.now(), not the rAF timestamp: the timestamp is the frame's start and can repeat.
    const loop = () => {
      window.__benchFrames.push(performance.now());
      if (window.__benchRunning) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
}
async function stopFrames(page) {
  const frames = await page.evaluate(() => {
    window.__benchRunning = false;
    return window.__benchFrames;
  });
  const elapsedMs = frames[frames.length - 1] - frames[0];
  const intervals = frames
    .slice(1)
    .map((t, i) => t - frames[i])
    .filter((ms) => ms > 1);
  return {
    frames: intervals.length,
    // Frames actually shown per second over the whole gesture (long frames count fully).
    fps: Math.round((intervals.length * 1000) / elapsedMs),
    medianFps: Math.round(1000 / median(intervals)),
    p95FrameMs: Math.round(percentile(intervals, 0.95) * 10) / 10,
  };
}

/** Runs `step(i)` repeatedly for the benchmark duration while frames are recorded. */
async function measure(page, step) {
  await startFrames(page);
  const until = Date.now() + seconds * 1000;
  let i = 0;
  while (Date.now() < until) await step(i++);
  return { ...(await stopFrames(page)), inputEvents: i };
}

async function benchDesign(browser, nodeCount, edgeCount) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`http://localhost:${port}/?automation=1`);
  await page.waitForFunction(() => typeof window.__backpressure?.load === 'function');
  const design = gridDesign(nodeCount, edgeCount);
  // Open: validate + replace the document + the first full draw (two animation frames).
  const openMs = await page.evaluate(async (doc) => {
    const started = performance.now();
    const result = window.__backpressure.load(doc);
    if (!result.ok) throw new Error(JSON.stringify(result.problems).slice(0, 500));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return performance.now() - started;
  }, design);
  const box = await page.getByTestId('canvas').boundingBox();
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const result = { nodes: nodeCount, edges: edgeCount, openMs: Math.round(openMs), views: {} };
  // Two views: the whole design (zoom to fit: every card on screen, drawn simplified below 35%) and
  // 100% zoom in the middle of it (full detail, as people work).
  for (const view of ['fit', '100%']) {
    if (view === 'fit') await page.evaluate(() => window.__backpressure.runCommand('view.zoomToFit'));
    else
      await page.evaluate(
        ({ doc, box }) => {
          const middle = doc.nodes[Math.floor(doc.nodes.length / 2)];
          window.__backpressure.setViewport({
            scale: 1,
            x: box.width / 2 - middle.x,
            y: box.height / 2 - middle.y,
          });
        },
        { doc: design, box },
      );
    result.views[view] = await benchView(page, design, centre);
  }
  await page.close();
  return result;
}

async function benchView(page, design, centre) {
  const result = {};

  await page.mouse.move(centre.x, centre.y);
  result.pan = await measure(page, async (i) => {
    await page.mouse.wheel(i % 40 < 20 ? 12 : -12, i % 60 < 30 ? 6 : -6);
  });
  result.zoom = await measure(page, async (i) => {
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, i % 30 < 15 ? -8 : 8);
    await page.keyboard.up('Control');
  });
  // Drag one node back and forth (a node near the centre of the view).
  const target = await page.evaluate(({ x, y }) => {
    const api = window.__backpressure;
    const v = api.viewport();
    const rect = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    const world = { x: (x - rect.left - v.x) / v.scale, y: (y - rect.top - v.y) / v.scale };
    const nodes = api.document().nodes;
    let best = nodes[0];
    for (const node of nodes)
      if (Math.hypot(node.x - world.x, node.y - world.y) < Math.hypot(best.x - world.x, best.y - world.y))
        best = node;
    return { id: best.id, screen: api.worldToScreen(best) };
  }, centre);
  const before = await page.evaluate(
    (id) => window.__backpressure.document().nodes.find((n) => n.id === id),
    target.id,
  );
  await page.mouse.move(target.screen.x, target.screen.y);
  await page.mouse.down();
  await page.mouse.move(target.screen.x + 10, target.screen.y + 10);
  if (process.env.BENCH_DEBUG)
    console.log(
      target,
      await page.evaluate(() => [
        window.__backpressure.canvasGesture(),
        window.__backpressure.selection(),
        window.__backpressure.viewport(),
      ]),
    );
  result.drag = await measure(page, async (i) => {
    const phase = (i % 80) / 80;
    const dx = Math.sin(phase * Math.PI * 2) * 120;
    const dy = Math.cos(phase * Math.PI * 2) * 60 - 60;
    await page.mouse.move(target.screen.x + dx, target.screen.y + dy);
  });
  // End away from the start so the committed move is visible in the document.
  await page.mouse.move(target.screen.x + 40, target.screen.y + 40);
  await page.mouse.up();
  const moved = await page.evaluate(
    (id) => window.__backpressure.document().nodes.find((n) => n.id === id),
    target.id,
  );
  // The drag must have landed in the document (one change at the end), or the numbers mean nothing.
  result.dragCommitted = moved.x !== before.x || moved.y !== before.y;
  if (!result.dragCommitted) throw new Error('the benchmark drag did not move the node');
  return result;
}

if (!existsSync('dist/renderer/index.html')) {
  console.error('No renderer build: run "npx vite build" first (npm run bench:canvas does).');
  process.exit(2);
}
const server = spawn(process.execPath, ['scripts/serve-web.mjs', '--port', String(port)], {
  stdio: 'ignore',
});
try {
  await new Promise((resolve) => setTimeout(resolve, 600));
  const browser = await chromium.launch({
    executablePath: existsSync(systemChromium) ? systemChromium : undefined,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const results = [];
  for (const [nodes, edges] of [
    [200, 300],
    [1000, 1500],
  ]) {
    results.push(await benchDesign(browser, nodes, edges));
  }
  await browser.close();
  const machine = `${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, headless Chromium (--disable-gpu)`;
  console.log(`machine: ${machine}`);
  console.log('fps = frames shown per second / median of frame intervals (p95 frame ms)');
  console.log('design                open ms   pan                     zoom                    drag');
  for (const r of results) {
    const cell = (m) =>
      `${String(m.fps).padStart(3)} / ${String(m.medianFps).padStart(3)} (${String(m.p95FrameMs).padStart(5)})`.padEnd(
        24,
      );
    for (const [view, v] of Object.entries(r.views)) {
      console.log(
        `${`${r.nodes}n/${r.edges}e ${view}`.padEnd(22)}${String(r.openMs).padStart(7)}   ${cell(v.pan)}${cell(v.zoom)}${cell(v.drag)}`,
      );
    }
  }
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/bench-canvas.json', JSON.stringify({ machine, seconds, results }, null, 2));
} finally {
  server.kill();
}
