// The interview drill from the issue: "client → load balancer → 3 app servers → cache → primary
// database with 2 replicas", drawn with keyboard and mouse only, in well under a minute.
import { expect, test, type Page } from '@playwright/test';
import { documentOf, openCanvas, selectionOf, toScreen } from './canvas-helpers';

async function clickWorld(page: Page, world: { x: number; y: number }, shift = false) {
  const at = await toScreen(page, world);
  if (shift) await page.keyboard.down('Shift');
  await page.mouse.click(at.x, at.y);
  if (shift) await page.keyboard.up('Shift');
}

async function placeAt(page: Page, key: string, world: { x: number; y: number }): Promise<string> {
  const at = await toScreen(page, world);
  await page.mouse.move(at.x, at.y);
  await page.keyboard.press(key);
  return (await selectionOf(page)).nodes[0];
}

test('the interview drill is drawn with keyboard and mouse in under a minute', async ({ page }) => {
  await openCanvas(page);
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.click(box.x + 20, box.y + 20); // focus the canvas
  const started = Date.now();
  // Zoom out to make room for five columns.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+-');

  const client = await placeAt(page, 'c', { x: -200, y: 250 });
  const balancer = await placeAt(page, 'l', { x: 40, y: 250 });
  // Three app servers: the same key three times stacks them below each other.
  const app1 = await placeAt(page, 's', { x: 280, y: 150 });
  const app2 = await placeAt(page, 's', { x: 280, y: 150 });
  const app3 = await placeAt(page, 's', { x: 280, y: 150 });
  const cache = await placeAt(page, 'h', { x: 520, y: 250 });
  const database = await placeAt(page, 'd', { x: 760, y: 250 });

  const doc0 = await documentOf(page);
  const position = (id: string) => doc0.nodes.find((node) => node.id === id)!;

  // Wire by selection order: first selected → the rest, with E.
  await clickWorld(page, position(client));
  await clickWorld(page, position(balancer), true);
  await page.keyboard.press('e');
  await clickWorld(page, position(balancer));
  for (const app of [app1, app2, app3]) await clickWorld(page, position(app), true);
  await page.keyboard.press('e');
  for (const app of [app1, app2, app3]) {
    await clickWorld(page, position(app));
    await clickWorld(page, position(cache), true);
    await page.keyboard.press('e');
  }
  await clickWorld(page, position(cache));
  await clickWorld(page, position(database), true);
  await page.keyboard.press('e');

  // Two replicas on the database through the inspector field.
  await clickWorld(page, position(database));
  const replicas = page.getByTestId('inspector-replicas');
  await replicas.fill('2');
  await replicas.press('Enter');

  const elapsedMs = Date.now() - started;
  expect(elapsedMs).toBeLessThan(60_000);

  const doc = await documentOf(page);
  expect(doc.nodes.map((node) => node.kind).sort()).toEqual(
    ['cache', 'client', 'database', 'loadBalancer', 'service', 'service', 'service'].sort(),
  );
  const pairs = doc.edges.map((edge) => `${edge.from}>${edge.to}`).sort();
  expect(pairs).toEqual(
    [
      `${client}>${balancer}`,
      `${balancer}>${app1}`,
      `${balancer}>${app2}`,
      `${balancer}>${app3}`,
      `${app1}>${cache}`,
      `${app2}>${cache}`,
      `${app3}>${cache}`,
      `${cache}>${database}`,
    ].sort(),
  );
  await expect
    .poll(async () => (await documentOf(page)).nodes.find((n) => n.id === database)!.params.replicas)
    .toBe(2);
  // No two cards overlap: the drawing stays legible.
  for (const a of doc.nodes)
    for (const b of doc.nodes)
      if (a !== b) expect(Math.abs(a.x - b.x) >= 210 || Math.abs(a.y - b.y) >= 64).toBe(true);
});
