import { expect, test, type Page } from '@playwright/test';
import { openApp } from './panels-fixtures';

const backgroundOf = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((element) => getComputedStyle(element).backgroundColor);

test('the theme button cycles system → light → dark → system and the colours follow', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page);
  await expect(page.getByTestId('status-theme')).toHaveText('Theme: system (light)');
  const lightPanel = await backgroundOf(page, 'palette');
  expect(lightPanel).toBe('rgb(255, 255, 255)');

  const toggle = page.getByTestId('cmd-view.toggleTheme');
  await toggle.click();
  await expect(page.getByTestId('status-theme')).toHaveText('Theme: light');
  await toggle.click();
  await expect(page.getByTestId('status-theme')).toHaveText('Theme: dark');
  await expect.poll(() => backgroundOf(page, 'palette')).not.toBe(lightPanel);
  const darkText = await page.locator('body').evaluate((element) => getComputedStyle(element).color);
  expect(darkText).toBe('rgb(232, 235, 241)');

  await toggle.click();
  await expect(page.getByTestId('status-theme')).toHaveText('Theme: system (light)');
  await expect.poll(() => backgroundOf(page, 'palette')).toBe(lightPanel);

  // The choice is remembered for the next session.
  await toggle.click();
  await toggle.click();
  await page.reload();
  await expect(page.getByTestId('status-theme')).toHaveText('Theme: dark');
});

test('the system theme follows the operating system preference', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page);
  await expect(page.getByTestId('status-theme')).toHaveText('Theme: system (dark)');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.getByTestId('status-theme')).toHaveText('Theme: system (light)');
});

test('palette, inspector and run dock collapse and expand; the canvas takes the freed space', async ({
  page,
}) => {
  await openApp(page);
  const canvas = page.getByTestId('canvas');
  const full = (await canvas.boundingBox())!;

  // Toolbar button, panel button and keyboard shortcut each work.
  await page.getByTestId('cmd-view.togglePalette').click();
  await expect(page.getByTestId('palette')).toHaveCount(0);
  await expect(page.getByTestId('cmd-view.togglePalette')).toHaveAttribute('aria-pressed', 'false');
  await page.getByTestId('inspector').getByRole('button', { name: 'Hide inspector' }).click();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+J');
  await expect(page.getByTestId('dock')).toHaveCount(0);

  const wide = (await canvas.boundingBox())!;
  expect(wide.width).toBeGreaterThan(full.width + 500);
  expect(wide.height).toBeGreaterThan(full.height + 100);
  expect(wide.width).toBe(1280);

  await page.keyboard.press('ControlOrMeta+B');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.getByTestId('cmd-view.toggleInspector').click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await page.getByTestId('cmd-view.toggleDock').click();
  await expect(page.getByTestId('dock')).toBeVisible();
  expect((await canvas.boundingBox())!.width).toBe(full.width);
});

test('text stays legible at 1280×720: no visible text below 13px', async ({ page }) => {
  await openApp(page);
  const tooSmall = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((element) => element.childElementCount === 0 && element.textContent?.trim())
      .filter((element) => (element as HTMLElement).offsetParent !== null)
      .filter((element) => parseFloat(getComputedStyle(element).fontSize) < 13)
      .map((element) => `${element.tagName}.${element.className}: ${element.textContent}`),
  );
  expect(tooSmall).toEqual([]);
});

test('the web build has the app icon as its favicon and loads without a 404', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
  });
  await openApp(page);
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBe('./favicon.svg');
  const icon = await page.request.get(new URL(href!, page.url()).toString());
  expect(icon.status()).toBe(200);
  expect(await icon.text()).toContain('<svg');
  expect(missing).toEqual([]);
});
