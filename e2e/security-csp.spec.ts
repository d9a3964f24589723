// The renderer runs under the app's Content-Security-Policy without 'unsafe-inline' for styles:
// React, Konva and uPlot set styles through the CSSOM (element.style), which CSP does not block;
// only <style> elements and style="…" in HTML strings would need it. This walk through the app's
// surfaces records every CSP violation and expects none; a control proves the policy is enforced.
import { expect, test, type Page } from '@playwright/test';
import { openDock, startRun, waitForSimTime, pauseRun } from './dock-helpers';
import { webDesign } from '../shared/testing/designs';

async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
}
const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

test('the app runs under its CSP with no inline-style allowance and no violations', async ({ page }) => {
  await recordViolations(page);
  await page.goto('/?automation=1&start=1');
  await expect(page.getByTestId('canvas')).toBeVisible();

  await openDock(page, webDesign([], 20));
  await startRun(page, 8);
  await waitForSimTime(page, 6000);
  await pauseRun(page);
  await expect(page.locator('.run-chart-plot').first()).toBeVisible();

  // Inspector, command palette, shortcut sheet and a context menu.
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('command-palette')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await page.keyboard.press('Escape');
  await page.getByTestId('canvas').click({ button: 'right', position: { x: 200, y: 200 } });
  await page.keyboard.press('Escape');

  expect(await violations(page)).toEqual([]);
});

test('control: an inline <style> element is blocked, so the policy is really enforced', async ({ page }) => {
  await recordViolations(page);
  await page.goto('/?automation=1');
  const applied = await page.evaluate(async () => {
    const style = document.createElement('style');
    style.textContent = 'body { outline: 7px solid rgb(1, 2, 3); }';
    document.head.append(style);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return getComputedStyle(document.body).outlineWidth;
  });
  expect(applied).not.toBe('7px');
  await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^style-src(-elem)? inline/)]);
});
