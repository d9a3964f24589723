// The one keyboard binding (renderer/commands/keyboard.ts): what a held key and a text field do.
import { expect, test, type Page } from '@playwright/test';
import { design, documentOf, loadDesign, openCanvas } from './canvas-helpers';

/** An empty spot inside the canvas (right of the one node), whatever size the run dock leaves it. */
async function emptySpot(page: Page) {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  return { x: box.x + box.width * 0.85, y: box.y + box.height * 0.5 };
}

test.beforeEach(async ({ page }) => {
  await openCanvas(page);
  await loadDesign(
    page,
    design({ nodes: [{ id: 'svc', kind: 'service', label: 'API', x: 0, y: 0, params: {} }] }),
  );
});

test('holding a place key places one node, not one per key repeat', async ({ page }) => {
  const empty = await emptySpot(page);
  await page.mouse.click(empty.x, empty.y);
  await page.keyboard.down('s');
  await page.keyboard.down('s'); // auto-repeat
  await page.keyboard.down('s');
  await page.keyboard.up('s');
  await expect.poll(async () => (await documentOf(page)).nodes.length).toBe(2);
});

test('Ctrl+Z in a text field undoes the typing, not the document', async ({ page }) => {
  const empty = await emptySpot(page);
  await page.mouse.click(empty.x, empty.y);
  await page.keyboard.press('c'); // a document change that Ctrl+Z would undo on the canvas
  await expect.poll(async () => (await documentOf(page)).nodes.length).toBe(2);
  await page.keyboard.press('Escape'); // nothing selected: the inspector shows the document
  const title = page.getByTestId('inspector-title');
  await title.click();
  await page.keyboard.type(' draft');
  await page.keyboard.press('Control+z');
  expect((await documentOf(page)).nodes.length).toBe(2);
  // On the canvas the same chord undoes the placement.
  await page.mouse.click(empty.x, empty.y);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await documentOf(page)).nodes.length).toBe(1);
});

test('space-drag pans the canvas without running the design; a Space tap runs it', async ({ page }) => {
  const { webTierDesign } = await import('../shared/testing/designs');
  await loadDesign(page, webTierDesign());
  const run = () => page.evaluate(() => (window.__backpressure!.run as () => { status: string })());
  const before = await page.evaluate(() => window.__backpressure!.viewport());
  const box = (await page.getByTestId('canvas').boundingBox())!;
  const start = { x: box.x + 40, y: box.y + 40 };
  await page.mouse.move(start.x, start.y);
  await page.getByTestId('canvas').focus();
  await page.keyboard.down(' ');
  await page.mouse.down();
  await page.mouse.move(start.x + 120, start.y + 60, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up(' ');
  const after = await page.evaluate(() => window.__backpressure!.viewport());
  expect(after.x - before.x).toBeCloseTo(120, 0);
  expect(after.y - before.y).toBeCloseTo(60, 0);
  await page.waitForTimeout(200);
  expect((await run()).status).toBe('idle');
  await page.keyboard.press(' ');
  await expect.poll(async () => (await run()).status).toBe('running');
});

test('no key chord is bound to two commands (within the editor, and within each mode)', async ({ page }) => {
  const commands = await page.evaluate(() => window.__backpressure!.commands());
  const owners = new Map<string, string[]>();
  for (const command of commands) {
    for (const chord of [command.shortcut, ...(command.altShortcuts ?? [])]) {
      if (!chord) continue;
      // Letters are the same key in either case ('s' and 'S').
      const key = chord.replace(
        /(^|\+)([a-z])$/,
        (_, plus: string, letter: string) => plus + letter.toUpperCase(),
      );
      // A mode's keys are its own while it is on and fall through otherwise (CommandInfo.mode).
      const scoped = `${command.mode ?? 'editor'} ${key}`;
      owners.set(scoped, [...(owners.get(scoped) ?? []), command.id]);
    }
  }
  const clashes = [...owners].filter(([, ids]) => ids.length > 1);
  expect(clashes).toEqual([]);
  // Every align and distribute command has a chord.
  const arrange = commands.filter((command) => command.id.startsWith('arrange.'));
  expect(arrange).toHaveLength(8);
  expect(arrange.filter((command) => !command.shortcut)).toEqual([]);
});
