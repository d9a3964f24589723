// Presentation mode (F5): the chrome hides and the view grows 1.5×, the run keys still work, the
// laser pointer draws a fading trail, the spotlight dims all but the hovered card, frames are slides
// the arrows move the camera between, and the high-contrast theme. Real mouse and keyboard; the
// presentation layer is read through `window.__backpressure` (?automation=1) and its pixels.
import { expect, test, type Page } from '@playwright/test';
import { NODE_HEIGHT, NODE_WIDTH } from '../shared/document/geometry';
import type { DesignNote } from '../shared/document/types';
import { design, loadDesign, openCanvas, toScreen, viewportOf, type Api } from './canvas-helpers';
import { runInfo, runLog } from './run-helpers';

const frame = (id: string, text: string, x: number, y: number, w: number, h: number): DesignNote => ({
  id,
  text,
  x,
  y,
  w,
  h,
  style: 'frame',
});

// Three slides: "Clients" and "Service" side by side, "Storage" below (reading order: C, S, St).
const lesson = design({
  nodes: [
    { id: 'client-1', kind: 'client', label: 'Users', x: 0, y: 0, params: {} },
    { id: 'service-1', kind: 'service', label: 'API', x: 420, y: 0, params: {} },
    { id: 'database-1', kind: 'database', label: 'DB', x: 420, y: 380, params: {} },
  ],
  edges: [
    { id: 'edge-1', from: 'client-1', to: 'service-1', params: {} },
    { id: 'edge-2', from: 'service-1', to: 'database-1', params: {} },
  ],
  notes: [
    frame('frame-storage', 'Storage', 250, 270, 340, 220),
    frame('frame-service', 'Service', 250, -110, 340, 220),
    frame('frame-clients', 'Clients', -170, -110, 340, 220),
  ],
});

const api = (page: Page) => page.evaluate(() => Object.keys(window.__backpressure ?? {}));
const presentationOf = (page: Page) =>
  page.evaluate(
    () =>
      (window.__backpressure as unknown as Api).presentation() as {
        presenting: boolean;
        tool: string;
        spotlight: boolean;
        slideIndex: number | null;
        slideCount: number;
      },
  );
const layerOf = (page: Page) =>
  page.evaluate(
    () =>
      (window.__backpressure as unknown as Api).presentationLayer() as {
        shapes: string[];
        laserPoints: number;
      },
  );
const alphaAt = (page: Page, point: { x: number; y: number }) =>
  page.evaluate(
    ({ x, y }) => (window.__backpressure as unknown as Api).presentationAlphaAt(x, y) as number,
    point,
  );

/** The on-screen width of a card, from its world corners. */
async function cardWidthPx(page: Page, nodeId: string): Promise<number> {
  const node = lesson.nodes.find((candidate) => candidate.id === nodeId)!;
  const left = await toScreen(page, { x: node.x - NODE_WIDTH / 2, y: node.y });
  const right = await toScreen(page, { x: node.x + NODE_WIDTH / 2, y: node.y });
  return right.x - left.x;
}

async function canvasCentre(page: Page) {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}

async function open(page: Page) {
  await openCanvas(page);
  await loadDesign(page, lesson);
  expect(await api(page)).toContain('presentation');
}

async function clickEmptyCanvas(page: Page) {
  const { box } = await canvasCentre(page);
  await page.mouse.click(box.x + 12, box.y + box.height - 12);
}

test('F5 hides the chrome and scales cards and dock text 1.5×; Space and K still work; Escape restores', async ({
  page,
}) => {
  await open(page);
  await clickEmptyCanvas(page);
  const cardBefore = await cardWidthPx(page, 'service-1');
  const dockTitleBefore = (await page.locator('.dock-header h2').first().boundingBox())!.height;
  const viewportBefore = await viewportOf(page);
  await expect(page.getByRole('toolbar', { name: 'Commands' })).toBeVisible();
  await expect(page.getByTestId('palette')).toBeVisible();
  await expect(page.locator('.panel.inspector')).toBeVisible();

  await page.keyboard.press('F5');
  await expect(page.getByTestId('presentation-bar')).toBeVisible();
  await expect(page.getByRole('toolbar', { name: 'Commands' })).toHaveCount(0);
  await expect(page.getByTestId('palette')).toHaveCount(0);
  await expect(page.locator('.panel.inspector')).toHaveCount(0);
  await expect.poll(() => cardWidthPx(page, 'service-1')).toBeGreaterThanOrEqual(cardBefore * 1.49);
  const dockTitleAfter = (await page.locator('.dock-header h2').first().boundingBox())!.height;
  expect(dockTitleAfter).toBeGreaterThanOrEqual(dockTitleBefore * 1.45);
  await page.screenshot({ path: '/tmp/present-mode-light.png' });

  // The run keys: Space runs; K kills the selected card.
  const service = await toScreen(page, { x: 420, y: 0 });
  await page.mouse.click(service.x, service.y);
  await page.keyboard.press('Space');
  await expect.poll(async () => (await runInfo(page)).status).toBe('running');
  await page.keyboard.press('k');
  await expect
    .poll(async () => (await runLog(page)).some((entry) => entry.type === 'kill'), { timeout: 10_000 })
    .toBe(true);
  await page.keyboard.press('Space');
  await expect.poll(async () => (await runInfo(page)).status).toBe('paused');

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation-bar')).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Commands' })).toBeVisible();
  await expect(page.getByTestId('palette')).toBeVisible();
  await expect.poll(async () => (await viewportOf(page)).scale).toBeCloseTo(viewportBefore.scale, 5);
  expect((await presentationOf(page)).presenting).toBe(false);
});

test('the laser pointer draws a trail that fades, and never selects', async ({ page }) => {
  await open(page);
  await clickEmptyCanvas(page);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('presentation-bar')).toBeVisible();
  await page.keyboard.press('Shift+L');
  expect((await presentationOf(page)).tool).toBe('laser');
  expect((await layerOf(page)).shapes).toEqual(['spotlight', 'laser']);

  const { x, y } = await canvasCentre(page);
  await page.mouse.move(x - 200, y + 60);
  for (let step = 1; step <= 20; step += 1) await page.mouse.move(x - 200 + step * 20, y + 60 - step * 3);
  const head = { x: x + 200, y: y };
  expect((await layerOf(page)).laserPoints).toBeGreaterThan(5);
  expect(await alphaAt(page, head)).toBeGreaterThan(100);
  await page.screenshot({ path: '/tmp/present-laser.png' });
  // A click with the laser is a pointer, not a selection.
  const service = await toScreen(page, { x: 420, y: 0 });
  await page.mouse.click(service.x, service.y);
  expect((await page.evaluate(() => window.__backpressure!.selection())).nodes).toEqual([]);

  // Within about a second the whole trail has faded and the layer is clear.
  await expect.poll(async () => (await layerOf(page)).laserPoints, { timeout: 3000 }).toBe(0);
  expect(await alphaAt(page, head)).toBe(0);
  await page.keyboard.press('Shift+L');
  expect((await presentationOf(page)).tool).toBe('edit');
});

test('frames are slides in reading order: the arrows move the camera to each, Shift+2 shows all', async ({
  page,
}) => {
  await open(page);
  await clickEmptyCanvas(page);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('presentation-bar')).toBeVisible();
  expect((await presentationOf(page)).slideCount).toBe(3);

  /** The frame fills the canvas (its long side to within the padding) around the canvas centre. */
  async function expectFrameShown(note: DesignNote) {
    const { x, y, box } = await canvasCentre(page);
    await expect
      .poll(async () => {
        const centre = await toScreen(page, { x: note.x + note.w / 2, y: note.y + note.h / 2 });
        return Math.hypot(centre.x - x, centre.y - y);
      })
      .toBeLessThan(2);
    const topLeft = await toScreen(page, { x: note.x, y: note.y });
    const bottomRight = await toScreen(page, { x: note.x + note.w, y: note.y + note.h });
    const fill = Math.max((bottomRight.x - topLeft.x) / box.width, (bottomRight.y - topLeft.y) / box.height);
    expect(fill).toBeGreaterThan(0.85);
    expect(fill).toBeLessThanOrEqual(1);
  }
  const byId = (id: string) => lesson.notes.find((note) => note.id === id)!;

  await page.keyboard.press('ArrowRight');
  await expectFrameShown(byId('frame-clients'));
  await expect(page.getByTestId('presentation-where')).toHaveText('Slide 1 of 3: Clients');
  await page.keyboard.press('ArrowRight');
  await expectFrameShown(byId('frame-service'));
  await page.screenshot({ path: '/tmp/present-slide.png' });
  // The move is animated: sampled every frame, the camera passes through views between the two.
  const sampling = page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const xs: number[] = [];
        const start = performance.now();
        const sample = () => {
          xs.push(window.__backpressure!.viewport().y);
          if (performance.now() - start < 900) requestAnimationFrame(sample);
          else resolve(xs);
        };
        requestAnimationFrame(sample);
      }),
  );
  await page.keyboard.press('ArrowRight');
  const ys = await sampling;
  const [first, last] = [ys[0]!, ys[ys.length - 1]!];
  const between = new Set(
    ys.filter((y) => (y - first) * (y - last) < 0 && Math.abs(y - first) > 1 && Math.abs(y - last) > 1),
  );
  expect(between.size).toBeGreaterThanOrEqual(3);
  await expectFrameShown(byId('frame-storage'));
  await page.keyboard.press('ArrowLeft');
  await expectFrameShown(byId('frame-service'));
  // The arrows moved the camera, not the selection or the design.
  expect((await page.evaluate(() => window.__backpressure!.document())).nodes[1]).toMatchObject({
    x: 420,
    y: 0,
  });

  await page.keyboard.press('Shift+2');
  await expect(page.getByTestId('presentation-where')).toHaveText('Overview: 3 slides');
  const { box } = await canvasCentre(page);
  for (const corner of [
    { x: -170, y: -110 },
    { x: 590, y: 490 },
  ]) {
    await expect
      .poll(async () => {
        const point = await toScreen(page, corner);
        return (
          point.x >= box.x &&
          point.x <= box.x + box.width &&
          point.y >= box.y &&
          point.y <= box.y + box.height
        );
      })
      .toBe(true);
  }
  await page.screenshot({ path: '/tmp/present-overview.png' });
});

test('the spotlight dims all but the hovered card; the high-contrast theme', async ({ page }) => {
  await open(page);
  await clickEmptyCanvas(page);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('presentation-bar')).toBeVisible();
  await page.keyboard.press('Shift+O');
  expect((await presentationOf(page)).spotlight).toBe(true);
  const service = await toScreen(page, { x: 420, y: 0 });
  const client = await toScreen(page, { x: 0, y: 0 });
  await page.mouse.move(service.x, service.y);
  await expect.poll(() => alphaAt(page, service)).toBe(0);
  expect(await alphaAt(page, client)).toBeGreaterThan(100);
  // The hole is the card's size (and a little padding), not the whole screen.
  const belowCard = await toScreen(page, { x: 420, y: NODE_HEIGHT / 2 + 30 });
  expect(await alphaAt(page, belowCard)).toBeGreaterThan(100);
  await page.screenshot({ path: '/tmp/present-spotlight.png' });
  await page.keyboard.press('Shift+O');
  await expect.poll(() => alphaAt(page, client)).toBe(0);

  await page.getByRole('button', { name: 'Contrast' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  await expect(page.getByRole('button', { name: 'Contrast' })).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: '/tmp/present-contrast-light.png' });
  await page.evaluate(() => window.__backpressure!.runCommand('view.toggleTheme'));
  await page.evaluate(() => window.__backpressure!.runCommand('view.toggleTheme'));
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(
    () => getComputedStyle(document.querySelector('.dock')!).backgroundColor,
  );
  expect(background).toBe('rgb(0, 0, 0)');
  await page.screenshot({ path: '/tmp/present-contrast-dark.png' });
  await page.getByRole('button', { name: 'Contrast' }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-contrast', 'high');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('presentation-bar')).toHaveCount(0);
});

test('presentation mode in the dark theme', async ({ page }) => {
  await open(page);
  await page.evaluate(() => window.__backpressure!.runCommand('view.toggleTheme'));
  await page.evaluate(() => window.__backpressure!.runCommand('view.toggleTheme'));
  await clickEmptyCanvas(page);
  await page.keyboard.press('F5');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(600);
  await page.screenshot({ path: '/tmp/present-mode-dark.png' });
  expect((await presentationOf(page)).slideIndex).toBe(1);
});

test('outside presentation the arrows still nudge and Escape still deselects (and puts the laser away)', async ({
  page,
}) => {
  await open(page);
  const service = await toScreen(page, { x: 420, y: 0 });
  await page.mouse.click(service.x, service.y);
  expect((await page.evaluate(() => window.__backpressure!.selection())).nodes).toEqual(['service-1']);
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(async () => (await page.evaluate(() => window.__backpressure!.document())).nodes[1]!.x)
    .toBeGreaterThan(420);
  await page.keyboard.press('Shift+L');
  expect((await presentationOf(page)).tool).toBe('laser');
  await page.keyboard.press('Escape');
  expect((await presentationOf(page)).tool).toBe('edit');
  await page.keyboard.press('Escape');
  expect((await page.evaluate(() => window.__backpressure!.selection())).nodes).toEqual([]);
  expect((await presentationOf(page)).presenting).toBe(false);
});

test('a frame set up in the inspector plays its chaos and opens its lab step when shown as a slide', async ({
  page,
}) => {
  test.slow();
  await open(page);
  // Select the "Service" frame by its title with the mouse: the inspector offers "As a slide".
  const service = lesson.notes.find((note) => note.id === 'frame-service')!;
  const title = await toScreen(page, { x: service.x + 60, y: service.y + 12 });
  await page.mouse.click(title.x, title.y);
  const section = page.getByTestId('inspector-slide');
  await expect(section).toBeVisible();
  await expect(section.getByTestId('slide-plays-empty')).toBeVisible();
  await section.getByTestId('slide-add-action').selectOption('kill');
  await section.getByTestId('slide-add-target').selectOption('service-1');
  await section.getByTestId('slide-add-after').fill('2');
  await section.getByTestId('slide-add').click();
  await expect(section.getByTestId('slide-plays')).toContainText('kill API');
  await section.getByTestId('slide-lab').selectOption({ label: 'Step 2: littles-law' });
  await section.screenshot({ path: '/tmp/slide-inspector.png' });
  const slide = (await page.evaluate(() => window.__backpressure!.document())).notes.find(
    (note) => note.id === 'frame-service',
  )!.slide;
  expect(slide).toEqual({
    play: [{ atS: 2, action: 'kill', target: 'service-1' }],
    lab: { id: 'littles-law-utilisation', step: 'littles-law' },
  });
  // A bad time never enters the design.
  await section.getByTestId('slide-add-after').fill('-1');
  await expect(section.getByTestId('slide-add')).toBeDisabled();
  await expect(section.getByRole('alert')).toContainText('seconds from 0');

  await clickEmptyCanvas(page);
  await page.keyboard.press('F5');
  await page.keyboard.press('ArrowRight'); // Clients: a plain frame, nothing plays
  await expect(page.getByTestId('presentation-where')).toHaveText('Slide 1 of 3: Clients');
  expect((await runInfo(page)).status).not.toBe('running');
  await page.keyboard.press('ArrowRight'); // Service: the run starts, the kill fires 2 s later
  await expect(page.getByTestId('presentation-where')).toHaveText('Slide 2 of 3: Service');
  await expect(page.getByTestId('lab-step')).toHaveAttribute('data-step-id', 'littles-law');
  await expect.poll(async () => (await runInfo(page)).status).toBe('running');
  await expect
    .poll(
      async () => (await runLog(page)).filter((entry) => entry.type === 'kill').map((entry) => entry.target),
      {
        timeout: 20_000,
      },
    )
    .toEqual(['service-1']);
  const kill = (await runLog(page)).find((entry) => entry.type === 'kill')!;
  expect(kill.t).toBeGreaterThanOrEqual(2000);
  // The run opened the dock and the canvas shrank: the slide is shown again, whole.
  await expect
    .poll(async () => {
      const box = (await page.getByTestId('canvas').boundingBox())!;
      const topLeft = await toScreen(page, { x: service.x, y: service.y });
      const bottomRight = await toScreen(page, { x: service.x + service.w, y: service.y + service.h });
      return (
        topLeft.x >= box.x &&
        topLeft.y >= box.y &&
        bottomRight.x <= box.x + box.width &&
        bottomRight.y <= box.y + box.height
      );
    })
    .toBe(true);
  // The design is the presenter's: the lab step did not replace it.
  expect((await page.evaluate(() => window.__backpressure!.document())).nodes.map((n) => n.id)).toEqual([
    'client-1',
    'service-1',
    'database-1',
  ]);
  await page.screenshot({ path: '/tmp/present-slide-lab.png' });
});

test('the high-contrast theme is remembered across a reload, like the theme', async ({ page }) => {
  await open(page);
  await clickEmptyCanvas(page);
  await page.keyboard.press('F5');
  await page.getByRole('button', { name: 'Contrast' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  await page.reload();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  await page.evaluate(() => window.__backpressure!.runCommand('view.highContrast'));
  await expect(page.locator('html')).not.toHaveAttribute('data-contrast', 'high');
  await page.reload();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-contrast', 'high');
});
