// Shared set-up for the panels' end-to-end specs: open the app in automation mode and put a small
// design in place (through `load` when the file layer provides it, else the panels' test helper).
import { expect, type Page } from '@playwright/test';
import { checkoutDesign } from '../shared/testing/designs';

export const REFERENCE_DESIGN = checkoutDesign();

export async function openApp(page: Page): Promise<void> {
  await page.goto('/?automation=1');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.waitForFunction(() => Boolean(window.__backpressure));
}

export async function loadDesign(page: Page, design: unknown = REFERENCE_DESIGN): Promise<void> {
  await page.evaluate(async (doc) => {
    const api = window.__backpressure as unknown as Record<string, (value: unknown) => unknown>;
    if (typeof api.load === 'function') await api.load(doc);
    else api.replaceDesign(doc);
  }, design);
  await expect
    .poll(() => page.evaluate(() => window.__backpressure!.document().nodes.length))
    .toBeGreaterThan(0);
}

export async function select(
  page: Page,
  selection: { nodes?: string[]; edges?: string[]; notes?: string[] },
): Promise<void> {
  await page.evaluate((value) => (window.__backpressure!.select as (s: unknown) => void)(value), selection);
}

export const documentOf = (page: Page) => page.evaluate(() => window.__backpressure!.document());
