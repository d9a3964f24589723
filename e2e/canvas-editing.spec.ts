// Drawing on the canvas with the real mouse and keyboard: place, connect, select, move, undo,
// copy/paste, delete, rename. State is asserted through window.__backpressure.
import { expect, test, type Page } from '@playwright/test';
import {
  design,
  documentOf,
  drag,
  loadDesign,
  nodeCentre,
  openCanvas,
  selectionOf,
  toScreen,
} from './canvas-helpers';
import { NODE_WIDTH } from '../shared/document/geometry';

const NODE_HALF_WIDTH = NODE_WIDTH / 2;

const twoServices = design({
  nodes: [
    { id: 'service-1', kind: 'service', label: 'API', x: 0, y: 0, params: {} },
    { id: 'database-1', kind: 'database', label: 'Orders DB', x: 400, y: 0, params: {} },
    { id: 'client-1', kind: 'client', label: 'Users', x: -400, y: 0, params: {} },
  ],
});

async function clickNode(page: Page, id: string, modifiers: ('Shift' | 'Control')[] = []) {
  const at = await nodeCentre(page, id);
  for (const key of modifiers) await page.keyboard.down(key);
  await page.mouse.click(at.x, at.y);
  for (const key of modifiers) await page.keyboard.up(key);
}

test('a component kind is placed by its single key at the cursor, and by click-to-place from the palette', async ({
  page,
}) => {
  await openCanvas(page);
  const canvas = page.getByTestId('canvas');
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(box.x + 200, box.y + 150);
  await page.keyboard.press('s');
  let doc = await documentOf(page);
  expect(doc.nodes).toHaveLength(1);
  expect(doc.nodes[0].kind).toBe('service');
  const placedAt = await toScreen(page, doc.nodes[0]);
  // Snapped to the 20-unit grid, within a grid step of the cursor.
  expect(Math.abs(placedAt.x - (box.x + 200))).toBeLessThan(20);
  expect(Math.abs(placedAt.y - (box.y + 150))).toBeLessThan(20);
  expect(await selectionOf(page)).toMatchObject({ nodes: [doc.nodes[0].id] });

  // Pressing the same key again stacks the next one below instead of on top.
  await page.keyboard.press('s');
  doc = await documentOf(page);
  expect(doc.nodes).toHaveLength(2);
  expect(doc.nodes[1].y).toBeGreaterThan(doc.nodes[0].y + 60);

  // Palette click arms a kind; the next canvas click places it there.
  await page.getByTestId('palette-cache').click();
  // (Inside the canvas at 1280×720 with the run dock open: the canvas is under 300 px tall.)
  await page.mouse.click(box.x + 450, box.y + 230);
  doc = await documentOf(page);
  expect(doc.nodes.map((node) => node.kind)).toEqual(['service', 'service', 'cache']);
  const cacheAt = await toScreen(page, doc.nodes[2]);
  expect(Math.abs(cacheAt.x - (box.x + 450))).toBeLessThan(20);
});

test('a component is placed by dragging it from the palette onto the canvas', async ({ page }) => {
  await openCanvas(page);
  const canvas = page.getByTestId('canvas');
  const box = (await canvas.boundingBox())!;
  await page.getByTestId('palette-database').dragTo(canvas, { targetPosition: { x: 300, y: 200 } });
  const doc = await documentOf(page);
  expect(doc.nodes).toHaveLength(1);
  expect(doc.nodes[0].kind).toBe('database');
  const at = await toScreen(page, doc.nodes[0]);
  expect(Math.abs(at.x - (box.x + 300))).toBeLessThan(20);
  expect(Math.abs(at.y - (box.y + 200))).toBeLessThan(20);
});

test('dragging from a node port to another node connects them', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, twoServices);
  const api = await nodeCentre(page, 'service-1');
  const db = await nodeCentre(page, 'database-1');
  const port = await toScreen(page, { x: NODE_HALF_WIDTH, y: 0 });
  await page.mouse.move(api.x, api.y); // hover shows the ports
  await drag(page, port, db);
  const doc = await documentOf(page);
  expect(doc.edges).toHaveLength(1);
  expect(doc.edges[0]).toMatchObject({ from: 'service-1', to: 'database-1' });
  expect((await selectionOf(page)).edges).toEqual([doc.edges[0].id]);
});

test('a port is grabbed when the pointer comes straight at it from outside the card (from below)', async ({
  page,
}) => {
  await openCanvas(page);
  await loadDesign(page, twoServices);
  const db = await nodeCentre(page, 'database-1');
  const bottomPort = await toScreen(page, { x: 0, y: 32 });
  // Start well below the card, then move straight up to just below the port: the card itself is
  // never under the pointer before the press.
  await page.mouse.move(bottomPort.x, bottomPort.y + 120);
  await page.mouse.move(bottomPort.x, bottomPort.y + 5, { steps: 6 });
  await page.mouse.down();
  await page.mouse.move(db.x, db.y, { steps: 12 });
  await page.mouse.up();
  const doc = await documentOf(page);
  expect(doc.edges.map((edge) => [edge.from, edge.to])).toEqual([['service-1', 'database-1']]);
});

test('a connection that makes no sense is refused with a reason at the cursor', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, twoServices);
  const api = await nodeCentre(page, 'service-1');
  const client = await nodeCentre(page, 'client-1');
  const port = await toScreen(page, { x: -NODE_HALF_WIDTH, y: 0 });
  await page.mouse.move(api.x, api.y);
  await page.mouse.move(port.x, port.y);
  await page.mouse.down();
  await page.mouse.move(client.x, client.y, { steps: 12 });
  // The reason shows while hovering the refused target, before the button is let go …
  const notice = page.getByTestId('canvas-notice');
  await expect(notice).toContainText('client only sends traffic');
  await page.mouse.up();
  // … and stays after it.
  await expect(notice).toContainText('client only sends traffic');
  const noticeBox = (await notice.boundingBox())!;
  expect(Math.abs(noticeBox.x - client.x)).toBeLessThan(40);
  expect((await documentOf(page)).edges).toHaveLength(0);
  await expect(notice).toBeHidden({ timeout: 4000 });
  // Connecting a node to itself is refused too.
  await page.mouse.move(api.x, api.y);
  await drag(page, port, { x: api.x + 20, y: api.y });
  await expect(page.getByTestId('canvas-notice')).toContainText('cannot connect to itself');
});

test('edit.connect wires the first selected node to the second, in selection order', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, twoServices);
  await clickNode(page, 'service-1');
  await clickNode(page, 'database-1', ['Shift']);
  expect((await selectionOf(page)).nodes).toEqual(['service-1', 'database-1']);
  await page.keyboard.press('e');
  let doc = await documentOf(page);
  expect(doc.edges.map((edge) => [edge.from, edge.to])).toEqual([['service-1', 'database-1']]);
  // The reverse order is refused by the catalog (a database calls nothing) and says so.
  await clickNode(page, 'database-1');
  await clickNode(page, 'service-1', ['Shift']);
  await page.keyboard.press('e');
  await expect(page.getByTestId('canvas-notice')).toContainText('final destination');
  doc = await documentOf(page);
  expect(doc.edges).toHaveLength(1);
});

test('a marquee selects what it touches; shift-click adds and removes', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, twoServices);
  const from = await toScreen(page, { x: -80, y: -100 });
  const to = await toScreen(page, { x: 520, y: 100 });
  await drag(page, from, to);
  expect((await selectionOf(page)).nodes.sort()).toEqual(['database-1', 'service-1']);
  await clickNode(page, 'client-1', ['Shift']);
  expect((await selectionOf(page)).nodes).toHaveLength(3);
  await clickNode(page, 'service-1', ['Shift']);
  expect((await selectionOf(page)).nodes.sort()).toEqual(['client-1', 'database-1']);
  // A click on empty canvas clears the selection.
  const empty = await toScreen(page, { x: 0, y: 200 });
  await page.mouse.click(empty.x, empty.y);
  expect((await selectionOf(page)).nodes).toEqual([]);
});

test('dragging a multi-selection is one undo step and redo puts it back', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, twoServices);
  await clickNode(page, 'service-1');
  await clickNode(page, 'database-1', ['Shift']);
  const start = await nodeCentre(page, 'service-1');
  const viewport = await page.evaluate(() => window.__backpressure!.viewport());
  await drag(
    page,
    start,
    { x: start.x + 100 * viewport.scale, y: start.y + 60 * viewport.scale },
    { steps: 20 },
  );
  let doc = await documentOf(page);
  const moved = doc.nodes.filter((node) => node.id !== 'client-1');
  expect(moved.map((node) => [node.x, node.y])).toEqual([
    [100, 60],
    [500, 60],
  ]);
  expect(doc.nodes.find((node) => node.id === 'client-1')).toMatchObject({ x: -400, y: 0 });
  await page.keyboard.press('Control+z');
  doc = await documentOf(page);
  expect(doc.nodes.map((node) => [node.x, node.y])).toEqual([
    [0, 0],
    [400, 0],
    [-400, 0],
  ]);
  await page.keyboard.press('Control+Shift+z');
  doc = await documentOf(page);
  expect(doc.nodes[0]).toMatchObject({ x: 100, y: 60 });
  expect(doc.nodes[1]).toMatchObject({ x: 500, y: 60 });
});

test('arrow keys nudge the selection, shift moves a grid step, and Delete removes it with its edges', async ({
  page,
}) => {
  await openCanvas(page);
  await loadDesign(page, {
    ...twoServices,
    edges: [{ id: 'edge-1', from: 'service-1', to: 'database-1', params: {} }],
  });
  await clickNode(page, 'service-1');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  let node = (await documentOf(page)).nodes[0];
  expect([node.x, node.y]).toEqual([2, 1]);
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowUp');
  node = (await documentOf(page)).nodes[0];
  expect([node.x, node.y]).toEqual([-18, -19]);
  await page.keyboard.press('Delete');
  const doc = await documentOf(page);
  expect(doc.nodes.map((n) => n.id)).toEqual(['database-1', 'client-1']);
  expect(doc.edges).toHaveLength(0);
  await page.keyboard.press('Control+z');
  expect((await documentOf(page)).edges).toHaveLength(1);
});

test('copy and paste duplicate the selection with its inner edges, also into another document', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openCanvas(page);
  await loadDesign(page, {
    ...twoServices,
    edges: [{ id: 'edge-1', from: 'service-1', to: 'database-1', params: {} }],
  });
  await clickNode(page, 'service-1');
  await clickNode(page, 'database-1', ['Shift']);
  await page.keyboard.press('Control+c');
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(clipboard).format).toBe('backpressure.clipboard');
  // Away from where the copied pair sits (centred at 200, 0), so following the cursor shows.
  const empty = await toScreen(page, { x: -140, y: 220 });
  await page.mouse.move(empty.x, empty.y);
  await page.keyboard.press('Control+v');
  // Reading the system clipboard is asynchronous.
  await expect.poll(async () => (await documentOf(page)).nodes.length).toBe(5);
  let doc = await documentOf(page);
  expect(doc.edges).toHaveLength(2);
  const pasted = doc.nodes.slice(3);
  expect(pasted.map((node) => node.kind)).toEqual(['service', 'database']);
  expect(new Set(doc.nodes.map((node) => node.id)).size).toBe(5);
  expect((await selectionOf(page)).nodes).toEqual(pasted.map((node) => node.id));
  // Centred under the cursor (within one grid step of snapping), in both directions.
  expect(Math.abs((pasted[0].x + pasted[1].x) / 2 - -140)).toBeLessThanOrEqual(20);
  expect(Math.abs((pasted[0].y + pasted[1].y) / 2 - 220)).toBeLessThanOrEqual(20);
  // One undo step removes the whole paste.
  await page.keyboard.press('Control+z');
  expect((await documentOf(page)).nodes).toHaveLength(3);

  // Another document: the system clipboard carries it across.
  await loadDesign(
    page,
    design({ nodes: [{ id: 'queue-1', kind: 'queue', label: 'Jobs', x: 0, y: 0, params: {} }] }),
  );
  await page.mouse.move(empty.x, empty.y);
  await page.keyboard.press('Control+v');
  await expect.poll(async () => (await documentOf(page)).nodes.length).toBe(3);
  doc = await documentOf(page);
  expect(doc.nodes.map((node) => node.kind)).toEqual(['queue', 'service', 'database']);
  expect(doc.edges).toHaveLength(1);
});

test('cut removes the selection and duplicate copies it beside the original', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, twoServices);
  await clickNode(page, 'service-1');
  await page.keyboard.press('Control+d');
  const doc = await documentOf(page);
  expect(doc.nodes).toHaveLength(4);
  expect(doc.nodes[3]).toMatchObject({ kind: 'service', x: 32, y: 32, label: 'Service' });
  await page.keyboard.press('Control+x');
  // Cut goes through the (asynchronous) system clipboard first.
  await expect.poll(async () => (await documentOf(page)).nodes.length).toBe(3);
  // Without clipboard permission the in-memory copy still pastes.
  await page.keyboard.press('Control+v');
  await expect.poll(async () => (await documentOf(page)).nodes.length).toBe(4);
});

test('double-click renames a node inline; Enter commits one undo step, Escape cancels', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, twoServices);
  const api = await nodeCentre(page, 'service-1');
  await page.mouse.dblclick(api.x, api.y);
  const editor = page.getByTestId('canvas-inline-editor');
  await expect(editor).toBeFocused();
  await page.keyboard.type('Checkout API');
  await page.keyboard.press('Enter');
  await expect(editor).toBeHidden();
  expect((await documentOf(page)).nodes[0].label).toBe('Checkout API');
  // F2 opens it for the selected node; Escape leaves the label alone.
  await page.keyboard.press('F2');
  await expect(editor).toBeFocused();
  await page.keyboard.type('Something else');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  expect((await documentOf(page)).nodes[0].label).toBe('Checkout API');
  await page.keyboard.press('Control+z');
  expect((await documentOf(page)).nodes[0].label).toBe('API');
});

test('select all, align and distribute by their Alt shortcuts line components up as one step each', async ({
  page,
}) => {
  await openCanvas(page);
  await loadDesign(
    page,
    design({
      nodes: [
        { id: 'service-1', kind: 'service', label: 'A', x: 0, y: 0, params: {} },
        { id: 'service-2', kind: 'service', label: 'B', x: 300, y: 47, params: {} },
        { id: 'service-3', kind: 'service', label: 'C', x: 900, y: -33, params: {} },
      ],
    }),
  );
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+a');
  expect((await selectionOf(page)).nodes).toHaveLength(3);
  // Alt+V: middles on one horizontal line.
  await page.keyboard.press('Alt+KeyV');
  let doc = await documentOf(page);
  expect(new Set(doc.nodes.map((node) => node.y)).size).toBe(1);
  // Alt+Shift+H: equal horizontal gaps, both ends stay.
  await page.keyboard.press('Alt+Shift+KeyH');
  doc = await documentOf(page);
  expect(doc.nodes.map((node) => node.x)).toEqual([0, 450, 900]);
  await page.keyboard.press('Control+z');
  doc = await documentOf(page);
  expect(doc.nodes.map((node) => node.x)).toEqual([0, 300, 900]);
  // Alt+A: left edges on the leftmost one.
  await page.keyboard.press('Alt+KeyA');
  doc = await documentOf(page);
  expect(doc.nodes.map((node) => node.x)).toEqual([0, 0, 0]);
  await page.keyboard.press('Control+z');
  // The menu and the shortcut sheet show the same chords.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-arrange.alignLeft')).toContainText(/Alt\+A|⌥A/);
  await expect(page.getByTestId('shortcut-arrange.distributeVertical')).toContainText(/Alt\+Shift\+V|⌥⇧V/);
});

test('Escape cancels what is active, one thing at a time: a drag, the armed kind, then the selection', async ({
  page,
}) => {
  await openCanvas(page);
  await loadDesign(page, twoServices);
  const api = await nodeCentre(page, 'service-1');
  // A drag in progress goes back where it started, and nothing enters history.
  await page.mouse.move(api.x, api.y);
  await page.mouse.down();
  await page.mouse.move(api.x + 120, api.y + 60, { steps: 6 });
  await page.keyboard.press('Escape');
  await page.mouse.up();
  expect((await documentOf(page)).nodes[0]).toMatchObject({ x: 0, y: 0 });
  expect(
    await page.evaluate(() => window.__backpressure!.commands().find((c) => c.id === 'edit.undo')!.enabled),
  ).toBe(false);
  expect((await selectionOf(page)).nodes).toEqual(['service-1']);
  // With a kind armed, Escape disarms it and keeps the selection.
  await page.getByTestId('palette-cache').click();
  await expect(page.getByTestId('palette-cache')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('palette-cache')).toHaveAttribute('aria-pressed', 'false');
  expect((await selectionOf(page)).nodes).toEqual(['service-1']);
  // Then it clears the selection.
  await page.keyboard.press('Escape');
  expect((await selectionOf(page)).nodes).toEqual([]);
  // One editor Escape command in the registry, so the shortcut sheet lists it once (presentation
  // mode's Escape is its own, and only while presenting).
  const escapes = await page.evaluate(() =>
    window
      .__backpressure!.commands()
      .filter((command) => command.shortcut === 'Escape' && !command.mode)
      .map((command) => command.id),
  );
  expect(escapes).toEqual(['edit.deselect']);
});

test('the right-click menu offers the commands for what is under the cursor', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, twoServices);
  const api = await nodeCentre(page, 'service-1');
  await page.mouse.click(api.x, api.y, { button: 'right' });
  const menu = page.getByTestId('canvas-context-menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByTestId('menu-edit.rename')).toBeVisible();
  await menu.getByTestId('menu-edit.duplicate').click();
  await expect(menu).toBeHidden();
  expect((await documentOf(page)).nodes).toHaveLength(4);
  const empty = await toScreen(page, { x: 0, y: 150 });
  await page.mouse.click(empty.x, empty.y, { button: 'right' });
  await expect(menu.getByTestId('menu-insert.note')).toBeVisible();
  await expect(menu.getByTestId('menu-edit.rename')).toHaveCount(0);
  await menu.getByTestId('menu-insert.note').click();
  await expect(page.getByTestId('canvas-inline-editor')).toBeFocused();
});

test('an edge is selected by clicking its curve and deleted with Delete', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, {
    ...twoServices,
    edges: [{ id: 'edge-1', from: 'service-1', to: 'database-1', params: { latencyMs: 5 } }],
  });
  const middle = await toScreen(page, { x: 200, y: 2 });
  await page.mouse.click(middle.x, middle.y);
  expect(await selectionOf(page)).toEqual({ nodes: [], edges: ['edge-1'], notes: [] });
  await page.keyboard.press('Delete');
  const doc = await documentOf(page);
  expect(doc.edges).toEqual([]);
  expect(doc.nodes).toHaveLength(3);
});

const threeServicesAndCache = design({
  nodes: [
    { id: 'lb-1', kind: 'loadBalancer', label: 'LB', x: -400, y: 0, params: {} },
    { id: 'service-1', kind: 'service', label: 'Service 1', x: 0, y: -150, params: {} },
    { id: 'service-2', kind: 'service', label: 'Service 2', x: 0, y: 0, params: {} },
    { id: 'service-3', kind: 'service', label: 'Service 3', x: 0, y: 150, params: {} },
    { id: 'cache-1', kind: 'cache', label: 'Cache', x: 400, y: 0, params: {} },
  ],
});

async function selectInOrder(page: Page, ids: string[]) {
  await clickNode(page, ids[0]);
  for (const id of ids.slice(1)) await clickNode(page, id, ['Shift']);
  expect((await selectionOf(page)).nodes).toEqual(ids);
}
const wires = async (page: Page) => (await documentOf(page)).edges.map((edge) => `${edge.from}>${edge.to}`);

test('E fans in to the last-selected node when it is the odd one out: 3 services → Cache, one undo step', async ({
  page,
}) => {
  await openCanvas(page);
  await loadDesign(page, threeServicesAndCache);
  await selectInOrder(page, ['service-1', 'service-2', 'service-3', 'cache-1']);
  await page.keyboard.press('e');
  expect(await wires(page)).toEqual(['service-1>cache-1', 'service-2>cache-1', 'service-3>cache-1']);
  await expect(page.getByTestId('canvas-notice')).toContainText('Connected 3 services → Cache');
  await page.keyboard.press('ControlOrMeta+z');
  expect(await wires(page)).toEqual([]);
});

test('E fans out from the first-selected node when it is the odd one out: LB → 3 services', async ({
  page,
}) => {
  await openCanvas(page);
  await loadDesign(page, threeServicesAndCache);
  await selectInOrder(page, ['lb-1', 'service-1', 'service-2', 'service-3']);
  await page.keyboard.press('e');
  expect(await wires(page)).toEqual(['lb-1>service-1', 'lb-1>service-2', 'lb-1>service-3']);
  await expect(page.getByTestId('canvas-notice')).toContainText('Connected LB → 3 services');
});

test('E chains mixed kinds in selection order and names a refused link in the notice', async ({ page }) => {
  await openCanvas(page);
  await loadDesign(page, threeServicesAndCache);
  await selectInOrder(page, ['lb-1', 'service-2', 'cache-1']);
  await page.keyboard.press('e');
  expect(await wires(page)).toEqual(['lb-1>service-2', 'service-2>cache-1']);
  await expect(page.getByTestId('canvas-notice')).toContainText('Connected LB → Service 2 → Cache');
  // Again: both links exist now, so each is refused with its reason and nothing changes.
  await selectInOrder(page, ['lb-1', 'service-2', 'cache-1']);
  await page.keyboard.press('e');
  await expect(page.getByTestId('canvas-notice')).toContainText('LB is already connected to Service 2.');
  expect(await wires(page)).toHaveLength(2);
});
