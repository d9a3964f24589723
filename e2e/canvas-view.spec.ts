// Viewing and whiteboard work on the canvas: pan, zoom to cursor, zoom to fit, notes and frames,
// PNG export, and the reference screenshot for the README.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  design,
  documentOf,
  drag,
  loadDesign,
  openCanvas,
  runCommand,
  selectionOf,
  toScreen,
  viewportOf,
} from './canvas-helpers';

const threeNodes = design({
  nodes: [
    { id: 'client-1', kind: 'client', label: 'Users', x: 0, y: 0, params: {} },
    { id: 'service-1', kind: 'service', label: 'API', x: 300, y: 0, params: {} },
    { id: 'database-1', kind: 'database', label: 'DB', x: 600, y: 0, params: {} },
  ],
  edges: [
    { id: 'edge-1', from: 'client-1', to: 'service-1', params: {} },
    { id: 'edge-2', from: 'service-1', to: 'database-1', params: {} },
  ],
});

test('ctrl+wheel zooms around the cursor; wheel and middle-drag pan', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, threeNodes);
  const anchor = await toScreen(page, { x: 300, y: 0 });
  const before = await viewportOf(page);
  await page.mouse.move(anchor.x + 30, anchor.y + 10);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -240);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await viewportOf(page)).scale).toBeGreaterThan(before.scale * 1.3);
  // The world point under the cursor stays under the cursor.
  const after = await toScreen(page, { x: 300, y: 0 });
  const scaleRatio = (await viewportOf(page)).scale / before.scale;
  expect(after.x).toBeCloseTo(anchor.x + 30 - 30 * scaleRatio, 0);
  expect(after.y).toBeCloseTo(anchor.y + 10 - 10 * scaleRatio, 0);

  const panStart = await viewportOf(page);
  await page.mouse.wheel(120, 80);
  await expect.poll(async () => (await viewportOf(page)).x).toBeCloseTo(panStart.x - 120, 0);
  expect((await viewportOf(page)).y).toBeCloseTo(panStart.y - 80, 0);

  const middleStart = await viewportOf(page);
  const box = (await page.getByTestId('canvas').boundingBox())!;
  const inside = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await drag(page, inside, { x: inside.x + 60, y: inside.y - 70 }, { button: 'middle' });
  const moved = await viewportOf(page);
  expect(moved.x - middleStart.x).toBeCloseTo(60, 0);
  expect(moved.y - middleStart.y).toBeCloseTo(-70, 0);
  // Panning changes the view, never the document.
  expect((await documentOf(page)).nodes[0]).toMatchObject({ x: 0, y: 0 });
});

test('zoom in, zoom out and zoom to fit are commands with shortcuts', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, threeNodes);
  const fitted = await viewportOf(page);
  await page.getByTestId('canvas').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+=');
  expect((await viewportOf(page)).scale).toBeCloseTo(fitted.scale * 1.25, 5);
  await page.keyboard.press('Control+-');
  await page.keyboard.press('Control+-');
  expect((await viewportOf(page)).scale).toBeCloseTo(fitted.scale / 1.25, 5);
  await page.keyboard.press('Shift+!');
  const refit = await viewportOf(page);
  expect(refit.scale).toBeCloseTo(fitted.scale, 5);
  // Every node is inside the canvas after zoom to fit.
  const box = (await page.getByTestId('canvas').boundingBox())!;
  for (const x of [-105, 705]) {
    const point = await toScreen(page, { x, y: 0 });
    expect(point.x).toBeGreaterThanOrEqual(box.x);
    expect(point.x).toBeLessThanOrEqual(box.x + box.width);
  }
});

test('a sticky note is inserted, typed into, resized as one undo step', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, threeNodes);
  // Upper middle of the canvas, so the note and its resize handle are on screen.
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
  await page.keyboard.press('Shift+N');
  const editor = page.getByTestId('canvas-inline-editor');
  await expect(editor).toBeFocused();
  await page.keyboard.type('Cache hit rate should reach 80%');
  await page.keyboard.press('Enter');
  let doc = await documentOf(page);
  expect(doc.notes).toHaveLength(1);
  const note = doc.notes[0];
  expect(note).toMatchObject({ style: 'sticky', text: 'Cache hit rate should reach 80%' });
  // Resize from the bottom-right handle of the selected note.
  const corner = await toScreen(page, { x: note.x + note.w, y: note.y + note.h });
  const scale = (await viewportOf(page)).scale;
  await drag(page, corner, { x: corner.x + 60 * scale, y: corner.y + 40 * scale }, { steps: 15 });
  doc = await documentOf(page);
  expect(doc.notes[0].w).toBeCloseTo(note.w + 60, -1);
  expect(doc.notes[0].h).toBeCloseTo(note.h + 40, -1);
  await page.keyboard.press('Control+z');
  doc = await documentOf(page);
  expect([doc.notes[0].w, doc.notes[0].h]).toEqual([note.w, note.h]);
  // Double-click edits the text again.
  const middle = await toScreen(page, { x: note.x + 40, y: note.y + 40 });
  await page.mouse.dblclick(middle.x, middle.y);
  await expect(editor).toBeFocused();
  await page.keyboard.press('Escape');
});

test('a frame moves the components and notes inside it; text labels are inserted and edited', async ({
  page,
}) => {
  await openCanvas(page);
  await loadDesign(
    page,
    design({
      ...threeNodes,
      notes: [
        { id: 'frame-1', text: 'us-east', x: 200, y: -100, w: 520, h: 260, style: 'frame' },
        { id: 'note-1', text: 'primary region', x: 500, y: 60, w: 180, h: 80, style: 'sticky' },
      ],
    }),
  );
  const title = await toScreen(page, { x: 260, y: -88 });
  const scale = (await viewportOf(page)).scale;
  await drag(page, title, { x: title.x + 100 * scale, y: title.y + 40 * scale }, { steps: 15 });
  let doc = await documentOf(page);
  expect(doc.notes.find((n) => n.id === 'frame-1')).toMatchObject({ x: 300, y: -60 });
  expect(doc.notes.find((n) => n.id === 'note-1')).toMatchObject({ x: 600, y: 100 });
  expect(doc.nodes.map((n) => [n.id, n.x, n.y])).toEqual([
    ['client-1', 0, 0],
    ['service-1', 400, 40],
    ['database-1', 700, 40],
  ]);
  await page.keyboard.press('Control+z');
  doc = await documentOf(page);
  expect(doc.nodes[1]).toMatchObject({ x: 300, y: 0 });
  expect(doc.notes[0]).toMatchObject({ x: 200, y: -100 });

  // A new frame and a text label through their commands (toolbar buttons run the same ids).
  await runCommand(page, 'insert.frame');
  await page.keyboard.type('eu-west');
  await page.keyboard.press('Enter');
  await runCommand(page, 'insert.text');
  await page.keyboard.type('Checkout path');
  await page.keyboard.press('Enter');
  doc = await documentOf(page);
  expect(doc.notes.map((n) => [n.style, n.text])).toEqual([
    ['frame', 'eu-west'],
    ['frame', 'us-east'],
    ['sticky', 'primary region'],
    ['text', 'Checkout path'],
  ]);
  expect((await selectionOf(page)).notes).toHaveLength(1);
});

function pngSize(bytes: Buffer) {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('Export PNG saves an image of the whole design or of the selection, at 1x or 2x', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, threeNodes);
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('export-scale-1').check();
  let downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-confirm').click();
  let download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('Canvas test.png');
  let png = readFileSync((await download.path())!);
  // Three 210-wide cards from x=-105 to 705 plus 32 padding each side: 874 × 128 at 1×.
  expect(pngSize(png)).toEqual({ width: 874, height: 128 });
  expect(png.length).toBeGreaterThan(5000);
  await expect(dialog).toBeHidden();

  // Selection only, 2×, transparent.
  const db = await toScreen(page, { x: 600, y: 0 });
  await page.mouse.click(db.x, db.y);
  await runCommand(page, 'file.exportPng');
  await page.getByTestId('export-scope-selection').check();
  await page.getByTestId('export-scale-2').check();
  await page.getByTestId('export-background-transparent').check();
  downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-confirm').click();
  download = await downloadPromise;
  png = readFileSync((await download.path())!);
  expect(pngSize(png)).toEqual({ width: (210 + 64) * 2, height: (64 + 64) * 2 });
  // The selection outline is not in the picture, and the selection is restored afterwards.
  expect((await selectionOf(page)).nodes).toEqual(['database-1']);
});

test('reference design screenshot for the README', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(
    page,
    design({
      meta: { title: 'Read-heavy web app', notes: '' },
      nodes: [
        { id: 'client-1', kind: 'client', label: 'Users', x: 0, y: 160, params: { rps: 800 } },
        { id: 'cdn-1', kind: 'cdn', label: 'CDN', x: 0, y: 0, params: {} },
        { id: 'loadBalancer-1', kind: 'loadBalancer', label: 'Load balancer', x: 280, y: 160, params: {} },
        { id: 'service-1', kind: 'service', label: 'App servers', x: 560, y: 160, params: { instances: 3 } },
        { id: 'cache-1', kind: 'cache', label: 'Redis cache', x: 860, y: 40, params: {} },
        { id: 'database-1', kind: 'database', label: 'Primary DB', x: 860, y: 280, params: { replicas: 2 } },
        { id: 'queue-1', kind: 'queue', label: 'Order events', x: 560, y: 400, params: {} },
        { id: 'worker-1', kind: 'worker', label: 'Email worker', x: 860, y: 480, params: { instances: 2 } },
      ],
      edges: [
        { id: 'edge-1', from: 'client-1', to: 'loadBalancer-1', params: {} },
        { id: 'edge-0', from: 'client-1', to: 'cdn-1', params: { filter: 'reads' } },
        { id: 'edge-2', from: 'loadBalancer-1', to: 'service-1', params: {} },
        { id: 'edge-3', from: 'service-1', to: 'cache-1', params: { filter: 'reads' } },
        { id: 'edge-4', from: 'service-1', to: 'database-1', params: { latencyMs: 2 } },
        { id: 'edge-5', from: 'service-1', to: 'queue-1', params: { async: true, filter: 'writes' } },
        { id: 'edge-6', from: 'queue-1', to: 'worker-1', params: {} },
      ],
      notes: [
        { id: 'frame-1', text: 'us-east-1', x: 420, y: -60, w: 620, h: 620, style: 'frame' },
        {
          id: 'note-1',
          text: '800 req/s at peak, 90% reads.\nTarget p99 < 200 ms.',
          x: -100,
          y: 300,
          w: 230,
          h: 96,
          style: 'sticky',
        },
        { id: 'text-1', text: 'Checkout service', x: -100, y: -120, w: 320, h: 40, style: 'text' },
      ],
    }),
  );
  // The canvas is the subject: fold the inspector and the run dock away, then fit.
  await runCommand(page, 'view.toggleInspector');
  await runCommand(page, 'view.toggleDock');
  await runCommand(page, 'view.zoomToFit');
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/screenshot.png' });
});
