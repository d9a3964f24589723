// Saves a run in progress for the README (docs/run-screenshot.png): the web tier after one API
// instance was killed, with gauges, instance dots, traffic particles and the dock's charts.
import { expect, test } from '@playwright/test';
import { webTierDesign } from '../renderer/run/testDesigns';
import { runCommand } from './canvas-helpers';
import { chaos, liveLayer, openWithDesign, setSpeed, waitForSimTime } from './run-helpers';

test('a run in progress is saved as the README screenshot', async ({ page }) => {
  const design = webTierDesign(400);
  design.meta.title = 'Web tier: an API instance killed';
  await openWithDesign(page, design);
  await runCommand(page, 'view.togglePalette');
  // Fit once the canvas has taken the palette's room.
  await page.waitForTimeout(300);
  await runCommand(page, 'view.zoomToFit');
  await setSpeed(page, 5);
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 12_000);
  await chaos(page, { action: 'kill', target: 'api:1' });
  await waitForSimTime(page, 20_000);
  await page.getByTestId('cmd-run.toggle').click();
  await expect.poll(async () => (await liveLayer(page)).health.api).toBe('strained');
  await page.screenshot({ path: 'docs/run-screenshot.png' });
});
