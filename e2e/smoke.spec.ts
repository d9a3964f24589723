import { expect, test } from '@playwright/test';

test('the app loads and exposes the automation API only with ?automation=1', async ({ page }) => {
  await page.goto('/?automation=1');
  await expect(page.getByTestId('canvas')).toBeVisible();
  const design = await page.evaluate(() => window.__backpressure!.document());
  expect(design.format).toBe('backpressure.design');
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toBeVisible();
  expect(await page.evaluate(() => typeof window.__backpressure)).toBe('undefined');
});
