// Shared set-up for the canvas specs: open the app in automation mode, load a design through the
// validated `load`, and turn world coordinates into page coordinates for the real mouse.
import { expect, type Page } from '@playwright/test';
import type { Design } from '../shared/document/types';
import { designFrom } from '../shared/testing/designs';

/** `window.__backpressure` with the entries features add (load, run, metrics …), loosely typed. */
export type Api = Record<string, (...args: unknown[]) => unknown>;

export async function openCanvas(page: Page): Promise<void> {
  await page.goto('/?automation=1');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await page.waitForFunction(() => {
    const api = window.__backpressure as unknown as Api | undefined;
    return Boolean(api && typeof api.worldToScreen === 'function' && typeof api.load === 'function');
  });
}

/** A design of the given parts (the rest is a New design's), titled "Canvas test". */
export const design = (partial: Partial<Design> & Pick<Design, 'nodes'>): Design =>
  designFrom(partial, 'Canvas test');

export async function loadDesign(page: Page, doc: Design): Promise<void> {
  const result = await page.evaluate(
    (value) => (window.__backpressure as unknown as Api).load(value) as { ok: boolean; problems?: unknown },
    doc,
  );
  expect(result.ok, JSON.stringify(result)).toBe(true);
  // Loading zooms to fit on the next microtask; let it land and draw.
  await page.waitForTimeout(50);
}

/** Page coordinates of a world point, for page.mouse. */
export async function toScreen(
  page: Page,
  world: { x: number; y: number },
): Promise<{ x: number; y: number }> {
  return page.evaluate(
    (point) => (window.__backpressure as unknown as Api).worldToScreen(point) as { x: number; y: number },
    world,
  );
}

export async function nodeCentre(page: Page, nodeId: string): Promise<{ x: number; y: number }> {
  const node = (await documentOf(page)).nodes.find((candidate) => candidate.id === nodeId);
  if (!node) throw new Error(`no node ${nodeId}`);
  return toScreen(page, node);
}

export const documentOf = (page: Page) => page.evaluate(() => window.__backpressure!.document());
export const selectionOf = (page: Page) => page.evaluate(() => window.__backpressure!.selection());
export const viewportOf = (page: Page) => page.evaluate(() => window.__backpressure!.viewport());
export const runCommand = (page: Page, id: string) =>
  page.evaluate((command) => window.__backpressure!.runCommand(command), id);

/** A real mouse drag in small steps, like a hand. */
export async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  options: { steps?: number; button?: 'left' | 'middle' } = {},
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down({ button: options.button ?? 'left' });
  await page.mouse.move(to.x, to.y, { steps: options.steps ?? 12 });
  await page.mouse.up({ button: options.button ?? 'left' });
}
