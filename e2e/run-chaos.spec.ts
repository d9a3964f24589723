// Chaos on a live run: kill the database leader from its instance dot, cut a connection, keys on
// the selection, and a chaos action saved as a scenario step that replays at its time.
import { expect, test } from '@playwright/test';
import { webTierDesign } from '../shared/testing/designs';
import {
  chaos,
  edgeMiddle,
  indexOfEntry,
  instanceDot,
  liveLayer,
  metrics,
  nodeScreen,
  openWithDesign,
  pressOnCanvas,
  runInfo,
  runLog,
  setSpeed,
  waitForSimTime,
} from './run-helpers';

test('killing the database leader from its dot: kill → detected → promoted, writes fail then recover', async ({
  page,
}) => {
  await openWithDesign(page, webTierDesign());
  await setSpeed(page, 2);
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 3000);
  expect((await metrics(page, 'db'))?.errorRate).toBe(0);
  // The leader is instance 0 of the only shard: right-click its dot, choose Kill.
  const dot = await instanceDot(page, 'db:0');
  await page.mouse.click(dot.x, dot.y, { button: 'right' });
  await page.getByTestId('menu-chaos.kill').click();
  // Writes to the shard fail until a follower is promoted.
  await expect
    .poll(async () => (await metrics(page, 'db'))?.errorRate ?? 0, { timeout: 10_000 })
    .toBeGreaterThan(0.05);
  await expect
    .poll(async () => indexOfEntry(await runLog(page), 'promoted'), { timeout: 15_000 })
    .toBeGreaterThan(0);
  const log = await runLog(page);
  const kill = indexOfEntry(log, 'kill', 'db:0');
  const detected = indexOfEntry(log, 'detected', 'db:0', kill);
  const promoted = indexOfEntry(log, 'promoted', undefined, detected);
  expect(kill).toBeGreaterThanOrEqual(0);
  expect(detected).toBeGreaterThan(kill);
  expect(promoted).toBeGreaterThan(detected);
  expect(log[detected].t).toBeGreaterThan(log[kill].t);
  // Recovered: a full second after the promotion without failed writes.
  await waitForSimTime(page, log[promoted].t + 2500);
  expect((await metrics(page, 'db'))?.errorRate).toBe(0);
  expect((await metrics(page, 'db'))?.throughputRps).toBeGreaterThan(50);
});

test('cutting a connection from its menu makes callers time out; healing it recovers', async ({ page }) => {
  await openWithDesign(page, webTierDesign());
  await setSpeed(page, 2);
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 2000);
  const middle = await edgeMiddle(page, 'api->cache');
  await page.mouse.click(middle.x, middle.y, { button: 'right' });
  await page.getByTestId('menu-chaos.cutToggle').click();
  await expect
    .poll(async () => (await metrics(page, 'users'))?.timeoutRps ?? 0, { timeout: 10_000 })
    .toBeGreaterThan(10);
  expect((await liveLayer(page)).cutEdges).toContain('api->cache');
  expect(indexOfEntry(await runLog(page), 'cut', 'api->cache')).toBeGreaterThanOrEqual(0);
  // The same menu item heals it.
  await page.mouse.click(middle.x, middle.y, { button: 'right' });
  await page.getByTestId('menu-chaos.cutToggle').click();
  await expect.poll(async () => indexOfEntry(await runLog(page), 'heal', 'api->cache')).toBeGreaterThan(0);
  await expect.poll(async () => (await liveLayer(page)).cutEdges).toEqual([]);
});

test('K kills the selected node and R restarts it', async ({ page }) => {
  await openWithDesign(page, webTierDesign());
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 1000);
  const api = await nodeScreen(page, 'api');
  await page.mouse.click(api.x, api.y);
  await page.keyboard.press('k');
  await expect.poll(async () => (await metrics(page, 'api'))?.instancesUp).toBe(0);
  await expect.poll(async () => (await liveLayer(page)).health.api).toBe('down');
  expect(indexOfEntry(await runLog(page), 'kill', 'api')).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('r');
  await expect.poll(async () => (await metrics(page, 'api'))?.instancesUp).toBe(2);
  expect(indexOfEntry(await runLog(page), 'restart', 'api')).toBeGreaterThan(0);
});

test('clicking an instance dot selects that instance; K then kills only it', async ({ page }) => {
  await openWithDesign(page, webTierDesign());
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 1000);
  const dot = await instanceDot(page, 'api:1');
  await page.mouse.click(dot.x, dot.y);
  expect((await page.evaluate(() => window.__backpressure!.selection())).nodes).toEqual(['api']);
  await pressOnCanvas(page, 'k');
  await expect.poll(async () => (await metrics(page, 'api'))?.instancesUp).toBe(1);
  const kills = (await runLog(page)).filter((entry) => entry.type === 'kill');
  expect(kills.map((entry) => entry.target)).toEqual(['api:1']);
});

test('a chaos action saved as a scenario step from the event log replays at its time after a reset', async ({
  page,
}) => {
  await openWithDesign(page, webTierDesign());
  await setSpeed(page, 4);
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 2000);
  await chaos(page, { action: 'slow', target: 'api', factor: 10, durationS: 3 });
  await expect.poll(async () => indexOfEntry(await runLog(page), 'slow', 'api')).toBeGreaterThanOrEqual(0);
  const original = (await runLog(page)).find((entry) => entry.type === 'slow')!;
  // The log row of the chaos action has a save button (other entries do not).
  const row = page.locator('.run-log-row', { has: page.locator('[data-type="slow"]') }).first();
  await row.getByTestId('event-log-save').click();
  const events = async () => (await page.evaluate(() => window.__backpressure!.document())).scenario.events;
  // Saved to the millisecond.
  const atMs = Math.round(original.t);
  expect(await events()).toEqual([
    { atS: atMs / 1000, action: 'slow', target: 'api', factor: 10, durationS: 3 },
  ]);
  await expect(page.getByTestId('toast')).toContainText('scenario step');
  // One undo step removes it again; redo brings it back.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('ControlOrMeta+Z');
  expect(await events()).toEqual([]);
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  expect(await events()).toHaveLength(1);
  // It shows as a marker on the timeline, and replays at its time after Reset.
  await expect(page.locator('[data-testid="timeline-marker"][data-source="scenario"]')).toHaveCount(1);
  await page.getByTestId('cmd-run.reset').click();
  await expect.poll(async () => (await runInfo(page)).simTimeMs).toBe(0);
  expect(await runLog(page)).toEqual([]);
  await setSpeed(page, 'max');
  await page.getByTestId('cmd-run.toggle').click();
  await expect.poll(async () => indexOfEntry(await runLog(page), 'slow', 'api')).toBeGreaterThanOrEqual(0);
  const replayed = (await runLog(page)).find((entry) => entry.type === 'slow')!;
  expect(replayed.t).toBe(atMs);
});

test('the last chaos action can be saved from the command palette (the Run menu command)', async ({
  page,
}) => {
  await openWithDesign(page, webTierDesign());
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 1000);
  const api = await nodeScreen(page, 'api');
  await page.mouse.click(api.x, api.y);
  await page.keyboard.press('Shift+H');
  await expect.poll(async () => indexOfEntry(await runLog(page), 'hang', 'api')).toBeGreaterThanOrEqual(0);
  const hang = (await runLog(page)).find((entry) => entry.type === 'hang')!;
  await page.keyboard.press('ControlOrMeta+K');
  await page.getByTestId('command-palette-input').fill('save last chaos');
  await page.keyboard.press('Enter');
  const events = (await page.evaluate(() => window.__backpressure!.document())).scenario.events;
  expect(events).toEqual([{ atS: Math.round(hang.t) / 1000, action: 'hang', target: 'api' }]);
});

test('an unknown chaos target gets a message naming it', async ({ page }) => {
  await openWithDesign(page, webTierDesign());
  const error = await page.evaluate(async () => {
    try {
      (window.__backpressure as unknown as { chaos: (c: unknown) => void }).chaos({
        action: 'kill',
        target: 'nope',
      });
      return null;
    } catch (caught) {
      return (caught as Error).message;
    }
  });
  expect(error).toContain('"nope"');
  expect(error).toContain('not a node');
});

test('a traffic spike asks for ×N and S seconds, refuses bad input, then spikes and reverts', async ({
  page,
}) => {
  await openWithDesign(page, webTierDesign(100));
  await setSpeed(page, 4);
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 3000);
  const before = (await metrics(page, 'lb'))!.throughputRps;
  expect(before).toBeGreaterThan(60);
  expect(before).toBeLessThan(140);
  // Right-click the client → Traffic spike… opens the dialog with the defaults.
  const users = await nodeScreen(page, 'users');
  await page.mouse.click(users.x, users.y, { button: 'right' });
  await expect(page.getByTestId('menu-chaos.spike')).toContainText('Traffic spike ×N for S seconds');
  await page.getByTestId('menu-chaos.spike').click();
  const dialog = page.getByTestId('spike-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Users');
  await expect(page.getByTestId('spike-factor')).toHaveValue('3');
  await expect(page.getByTestId('spike-duration')).toHaveValue('10');
  // A multiplier of 1 is no spike: the message names N and its range, nothing happens.
  await page.getByTestId('spike-factor').fill('1');
  await page.getByTestId('spike-dialog-apply').click();
  await expect(page.getByTestId('spike-problem')).toContainText('multiplier N must be between 1.1 and 100');
  await expect(page.getByTestId('spike-factor')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('spike-duration').fill('zero');
  await page.getByTestId('spike-factor').fill('5');
  await page.getByTestId('spike-factor').press('Enter');
  await expect(page.getByTestId('spike-problem')).toContainText('duration S must be a number of seconds');
  expect(indexOfEntry(await runLog(page), 'spike')).toBe(-1);
  // ×5 for 4 s, applied with Enter.
  await page.getByTestId('spike-duration').fill('4');
  await page.getByTestId('spike-duration').press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => indexOfEntry(await runLog(page), 'spike', 'users')).toBeGreaterThanOrEqual(0);
  const spike = (await runLog(page)).find((entry) => entry.type === 'spike')!;
  expect(spike).toMatchObject({ factor: 5, durationS: 4 });
  await expect
    .poll(async () => (await metrics(page, 'lb'))!.throughputRps, { timeout: 10_000 })
    .toBeGreaterThan(before * 3.5);
  // S seconds later it reverts (a second spike entry with factor 1) and traffic falls back.
  await expect
    .poll(async () => (await runLog(page)).filter((entry) => entry.type === 'spike').map((e) => e.factor), {
      timeout: 15_000,
    })
    .toEqual([5, 1]);
  const revert = (await runLog(page)).filter((entry) => entry.type === 'spike')[1];
  expect(revert.t - spike.t).toBe(4000);
  await waitForSimTime(page, revert.t + 2000);
  expect((await metrics(page, 'lb'))!.throughputRps).toBeLessThan(before * 1.6);
  // The key P opens the same dialog with the last values; Escape closes it without a spike.
  await page.mouse.click(users.x, users.y);
  await pressOnCanvas(page, 'p');
  await expect(page.getByTestId('spike-factor')).toHaveValue('5');
  await expect(page.getByTestId('spike-duration')).toHaveValue('4');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('spike-dialog')).toHaveCount(0);
  expect((await runLog(page)).filter((entry) => entry.type === 'spike')).toHaveLength(2);
});

test('K on a selected replicated database kills its leader (menu says "Kill leader"): kill → detected → promoted', async ({
  page,
}) => {
  await openWithDesign(page, webTierDesign());
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 2000);
  const db = await nodeScreen(page, 'db');
  // The card's menu names what Kill does on a replicated database.
  await page.mouse.click(db.x, db.y, { button: 'right' });
  await expect(page.getByTestId('menu-chaos.kill')).toHaveText(/^Kill leader/);
  await page.keyboard.press('Escape');
  await page.mouse.click(db.x, db.y);
  await pressOnCanvas(page, 'k');
  await expect
    .poll(async () => indexOfEntry(await runLog(page), 'promoted'), { timeout: 15_000 })
    .toBeGreaterThan(0);
  const log = await runLog(page);
  const kills = log.filter((entry) => entry.type === 'kill').map((entry) => entry.target);
  expect(kills).toEqual(['db:0']);
  const detected = indexOfEntry(log, 'detected', 'db:0');
  expect(detected).toBeGreaterThan(indexOfEntry(log, 'kill', 'db:0'));
  expect(indexOfEntry(log, 'promoted', undefined, detected)).toBeGreaterThan(detected);
  // The followers live on: the database still has instances up.
  expect((await metrics(page, 'db'))?.instancesUp).toBeGreaterThan(0);
});

test("an instance dot's menu is chaos-only, titled with the instance, and offers Restart only once it is down", async ({
  page,
}) => {
  await openWithDesign(page, webTierDesign());
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 2000);
  const dot = await instanceDot(page, 'db:0');
  await page.mouse.click(dot.x, dot.y, { button: 'right' });
  const menu = page.getByTestId('canvas-context-menu');
  await expect(page.getByTestId('context-menu-title')).toHaveText(/:0 \(leader\)$/);
  // A replicated database's copy can also be partitioned from its shard.
  await expect(menu.getByRole('menuitem')).toHaveText([/^Kill/, /^Hang/, /^Slow/, /^Partition/]);
  await expect(page.getByTestId('menu-edit.rename')).toHaveCount(0);
  await page.getByTestId('menu-chaos.kill').click();
  await expect.poll(async () => indexOfEntry(await runLog(page), 'kill', 'db:0')).toBeGreaterThanOrEqual(0);
  // Dead now: its menu offers Restart alone.
  await expect
    .poll(async () => {
      await page.mouse.click(dot.x, dot.y, { button: 'right' });
      const title = await page.getByTestId('context-menu-title').textContent();
      await page.keyboard.press('Escape');
      return title;
    })
    .toMatch(/:0 \(dead\)$/);
  await page.mouse.click(dot.x, dot.y, { button: 'right' });
  await expect(menu.getByRole('menuitem')).toHaveText([/^Restart/]);
  await page.screenshot({ path: '/tmp/instance-menu.png' });
  await page.getByTestId('menu-chaos.restart').click();
  await expect.poll(async () => indexOfEntry(await runLog(page), 'restart', 'db:0')).toBeGreaterThan(0);
});
