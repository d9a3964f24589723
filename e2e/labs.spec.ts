// The lab player with the real mouse and keyboard: the gallery on the start screen, a lab opened
// by a click, steps taken with the keyboard while focus is in the player.
import { expect, test } from '@playwright/test';

test('a lab opens from the start screen gallery with the mouse and steps with the keyboard', async ({
  page,
}) => {
  await page.goto('/?automation=1&start=1');
  const cards = page.getByTestId('start-labs').locator('.lab-card');
  await expect(cards.first()).toBeVisible();
  await cards.first().click();
  const player = page.getByTestId('lab-player');
  await expect(player).toBeVisible();
  await expect(page.getByTestId('lab-step-number')).toContainText('Step 1 of');
  await player.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('lab-step-number')).toContainText('Step 2 of');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('lab-step-number')).toContainText('Step 1 of');
  await page.screenshot({ path: '/tmp/labs-player-light.png' });
});

test('a malformed lab file names its JSON path and the open design stays', async ({ page }) => {
  await page.goto('/?automation=1&start=1');
  const title = await page.title();
  await page
    .getByTestId('lab-file-input')
    .first()
    .setInputFiles({
      name: 'broken.bplab',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'backpressure.lab', version: 1, id: 'x', steps: 'nope' })),
    });
  await expect(page.getByTestId('problems-dialog')).toContainText('steps');
  await expect(page.getByTestId('lab-player')).toHaveCount(0);
  expect(await page.title()).toBe(title);
});
