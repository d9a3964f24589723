// CAP on a live run: partition a database copy from its instance dot's menu, watch the log say
// what the partition did (split brain under `available`), heal it from the same menu, and read the
// consistency the dock shows for the database (stale reads, conflicts, lost updates).
import { expect, test } from '@playwright/test';
import { partitionableDatabaseDesign } from '../shared/testing/designs';
import {
  indexOfEntry,
  instanceDot,
  nodeScreen,
  openWithDesign,
  runLog,
  setSpeed,
  waitForSimTime,
} from './run-helpers';

test('partition the leader from its dot, heal it from the same menu: log and consistency readout', async ({
  page,
}) => {
  await openWithDesign(page, partitionableDatabaseDesign('available'));
  await setSpeed(page, 4);
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 2000);

  // The leader's dot offers a partition beside kill, hang and slow.
  const dot = await instanceDot(page, 'db:0');
  await page.mouse.click(dot.x, dot.y, { button: 'right' });
  const menu = page.getByTestId('canvas-context-menu');
  await expect(menu.getByRole('menuitem')).toHaveText([
    /^Kill/,
    /^Hang/,
    /^Slow/,
    /^Partition from its shard/,
  ]);
  await page.getByTestId('menu-chaos.partitionToggle').click();
  await expect
    .poll(async () => indexOfEntry(await runLog(page), 'partition', 'db:0'))
    .toBeGreaterThanOrEqual(0);

  // Available: the followers elect their own leader while db:0 keeps serving — split brain.
  await expect
    .poll(async () => indexOfEntry(await runLog(page), 'splitBrain', 'db'), { timeout: 20_000 })
    .toBeGreaterThan(0);
  const partitionAt = (await runLog(page)).find((entry) => entry.type === 'partition')!.t;
  await waitForSimTime(page, partitionAt + 6000);

  // Its menu now says it is cut off and offers Heal.
  await page.mouse.click(dot.x, dot.y, { button: 'right' });
  await expect(page.getByTestId('context-menu-title')).toHaveText(/partitioned\)$/);
  await expect(page.getByTestId('menu-chaos.partitionToggle')).toHaveText(/^Heal partition/);
  await page.getByTestId('menu-chaos.partitionToggle').click();
  await expect
    .poll(async () => indexOfEntry(await runLog(page), 'reconciled', 'db'), { timeout: 10_000 })
    .toBeGreaterThan(0);
  const log = await runLog(page);
  const partition = indexOfEntry(log, 'partition', 'db:0');
  const heal = indexOfEntry(log, 'heal', 'db:0', partition);
  const reconciled = indexOfEntry(log, 'reconciled', 'db', heal);
  expect(heal).toBeGreaterThan(partition);
  expect(reconciled).toBeGreaterThan(heal);
  expect(Number(log[reconciled].conflicts)).toBeGreaterThan(0);
  expect(Number(log[reconciled].lostUpdates)).toBeGreaterThan(0);

  // The event log in the dock says it in words.
  await expect(page.getByTestId('event-log')).toContainText('has two leaders');
  await expect(page.getByTestId('event-log')).toContainText('merged its sides (last writer wins)');

  // Select the database: its strip reads the consistency the partition cost.
  const db = await nodeScreen(page, 'db');
  await page.mouse.click(db.x, db.y);
  await expect(page.getByTestId('node-consistency')).toContainText(/[1-9][\d,]* conflicts/);
  await expect(page.getByTestId('node-consistency')).toContainText(/[1-9][\d,]* lost updates/);
  // The inspector has the mode, in its own group.
  await expect(page.getByTestId('inspector-partitionMode')).toHaveValue('available');
  await expect(page.getByText('Network partition', { exact: true })).toBeVisible();
  await expect(page.getByTestId('node-totals')).toContainText(
    /consistency: [\d,]+ stale reads, [1-9][\d,]* conflicts/,
  );
});
