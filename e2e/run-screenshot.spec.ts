// Saves a run in progress for the README (docs/run-screenshot.png): the interview question "what
// happens when I kill the primary?" answered on one screen — the web tier a few seconds after the
// database leader was killed from its instance dot: the dead dot and the new leader on the canvas,
// the error spike and the lag dip in the charts, kill → detected → promoted → lost writes in the log.
import { expect, test } from '@playwright/test';
import { webTierDesign } from '../shared/testing/designs';
import { runCommand } from './canvas-helpers';
import { indexOfEntry, instanceDot, openWithDesign, runLog, setSpeed, waitForSimTime } from './run-helpers';

test('a run in progress is saved as the README screenshot', async ({ page }) => {
  const design = webTierDesign(400);
  design.meta.title = 'Kill the DB primary';
  await openWithDesign(page, design);
  // Palette and inspector folded: the canvas and the dock get the whole window.
  await runCommand(page, 'view.togglePalette');
  await runCommand(page, 'view.toggleInspector');
  await setSpeed(page, 5);
  await page.getByTestId('cmd-run.toggle').click();
  await page.waitForTimeout(300);
  await runCommand(page, 'view.zoomToFit');
  await waitForSimTime(page, 10_000);
  const dot = await instanceDot(page, 'db:0');
  await page.mouse.click(dot.x, dot.y, { button: 'right' });
  await page.getByTestId('menu-chaos.kill').click();
  await expect
    .poll(async () => indexOfEntry(await runLog(page), 'promoted'), { timeout: 15_000 })
    .toBeGreaterThan(0);
  const promoted = (await runLog(page)).find((entry) => entry.type === 'promoted')!;
  await waitForSimTime(page, promoted.t + 6000);
  await page.getByTestId('cmd-run.toggle').click();
  await expect(page.getByTestId('run-status')).toHaveText('Paused');
  await page.mouse.move(640, 700);
  await page.screenshot({ path: 'docs/run-screenshot.png' });
});
