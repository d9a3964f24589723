// Shared set-up for the panels' end-to-end specs: open the app in automation mode and put a small
// design in place (through `load` when the file layer provides it, else the panels' test helper).
import { expect, type Page } from '@playwright/test';

export const REFERENCE_DESIGN = {
  format: 'backpressure.design',
  version: 1,
  meta: { title: 'Checkout', notes: '' },
  nodes: [
    { id: 'client-1', kind: 'client', label: 'Users', x: 100, y: 200, params: { rps: 500 } },
    { id: 'lb-1', kind: 'loadBalancer', label: 'LB', x: 300, y: 200, params: {} },
    { id: 'api-1', kind: 'service', label: 'API 1', x: 500, y: 120, params: { workers: 8 } },
    { id: 'api-2', kind: 'service', label: 'API 2', x: 500, y: 280, params: { workers: 16 } },
    { id: 'cache-1', kind: 'cache', label: 'Cache', x: 700, y: 200, params: {} },
    { id: 'db-1', kind: 'database', label: 'Orders DB', x: 900, y: 200, params: {} },
  ],
  edges: [
    { id: 'e-1', from: 'client-1', to: 'lb-1', params: {} },
    { id: 'e-2', from: 'lb-1', to: 'api-1', params: {} },
    { id: 'e-3', from: 'lb-1', to: 'api-2', params: {} },
    { id: 'e-4', from: 'api-1', to: 'cache-1', params: { latencyMs: 2 } },
    { id: 'e-5', from: 'cache-1', to: 'db-1', params: {} },
  ],
  notes: [{ id: 'note-1', text: 'Peak: 1k rps', x: 100, y: 400, w: 180, h: 100, style: 'sticky' }],
  scenario: {
    durationS: 60,
    seed: 7,
    warmupS: 5,
    events: [
      { atS: 20, action: 'kill', target: 'api-1' },
      { atS: 30, action: 'slow', target: 'db-1', factor: 3, durationS: 10 },
    ],
  },
  slo: { p99Ms: 200, minThroughputRps: 0, maxErrorRate: 0.01 },
};

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
