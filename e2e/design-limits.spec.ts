// The document limits (DESIGN_LIMITS) hold in the editor, driven by the real keyboard: select all
// and duplicate until the design is full, and the command that would go over is refused whole with
// a toast naming the limit (issue 15, item 1). The design left open is one the file format holds.
import { expect, test, type Page } from '@playwright/test';
import { DESIGN_LIMITS } from '../shared/document/schema';
import { parseDesign } from '../shared/document/validate';
import type { Design } from '../shared/document/types';
import { design, documentOf, loadDesign } from './canvas-helpers';

/** Copies of the three-tier template's shape side by side: 5 nodes and 4 connections each. */
function threeTierCopies(copies: number): Design {
  const nodes: Design['nodes'] = [];
  const edges: Design['edges'] = [];
  for (let copy = 0; copy < copies; copy++) {
    const x = (copy % 32) * 1400;
    const y = Math.floor(copy / 32) * 500;
    const id = (name: string) => `${name}-${copy}`;
    nodes.push(
      { id: id('users'), kind: 'client', label: 'Users', x, y, params: {} },
      { id: id('lb'), kind: 'loadBalancer', label: 'LB', x: x + 260, y, params: {} },
      { id: id('api'), kind: 'service', label: 'API', x: x + 520, y, params: {} },
      { id: id('cache'), kind: 'cache', label: 'Cache', x: x + 780, y: y - 120, params: {} },
      { id: id('db'), kind: 'database', label: 'DB', x: x + 780, y: y + 120, params: {} },
    );
    edges.push(
      { id: id('e1'), from: id('users'), to: id('lb'), params: {} },
      { id: id('e2'), from: id('lb'), to: id('api'), params: {} },
      { id: id('e3'), from: id('api'), to: id('cache'), params: {} },
      { id: id('e4'), from: id('api'), to: id('db'), params: {} },
    );
  }
  return design({ nodes, edges });
}

async function counts(page: Page) {
  return page.evaluate(() => {
    const doc = window.__backpressure!.document();
    return { nodes: doc.nodes.length, edges: doc.edges.length };
  });
}

const refused = async (page: Page) =>
  /would make/.test((await page.getByTestId('toast').allTextContents()).join(' '));

/** Select all and duplicate with the keyboard, as a user would; returns the counts after it. */
async function selectAllAndDuplicate(page: Page) {
  const before = await counts(page);
  await page.keyboard.press('Control+a');
  await expect
    .poll(async () => (await page.evaluate(() => window.__backpressure!.selection())).nodes.length)
    .toBe(before.nodes);
  await page.keyboard.press('Control+d');
  // Either the copies land (the count doubles) or the refusal shows; wait for one of them.
  await expect
    .poll(async () => (await counts(page)).nodes !== before.nodes || (await refused(page)))
    .toBe(true);
  return counts(page);
}

test('select all and duplicate from the three-tier template stops at 5,000 nodes with a toast naming the limit', async ({
  page,
}) => {
  await page.goto('/?automation=1&start=1');
  await page.getByTestId('start-screen').getByTestId('start-template-three-tier.bpd').click();
  await expect(page.getByTestId('start-screen')).toHaveCount(0);
  expect(await counts(page)).toEqual({ nodes: 5, edges: 4 });
  // Jump ahead without drawing thousands of nodes: 128 copies is what seven rounds of select all +
  // duplicate make from the template (5 × 2⁷ = 640 nodes). Three more rounds as the issue did.
  await loadDesign(page, threeTierCopies(128));
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });

  const seen: number[] = [];
  for (let round = 0; round < 5 && !(await refused(page)); round++) {
    const after = await selectAllAndDuplicate(page);
    seen.push(after.nodes);
    expect(after.nodes).toBeLessThanOrEqual(DESIGN_LIMITS.nodes);
    expect(after.edges).toBeLessThanOrEqual(DESIGN_LIMITS.edges);
  }
  // The tenth duplicate (2,560 → 5,120) is refused whole: nothing half-applied.
  expect(seen).toEqual([1280, 2560, 2560]);
  await expect(page.getByTestId('toast')).toContainText(
    'Duplicate would make 5,120 nodes; a design holds at most 5,000.',
  );
  expect(await counts(page)).toEqual({ nodes: 2560, edges: 2048 });
  expect(parseDesign(await documentOf(page)).ok).toBe(true);

  // Copy and paste of everything is refused the same way.
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('toast')).toContainText(
    'Paste would make 5,120 nodes; a design holds at most 5,000.',
  );
  expect(await counts(page)).toEqual({ nodes: 2560, edges: 2048 });

  // The refusals left no undo step: one undo takes back the last duplicate that landed.
  await page.keyboard.press('Control+z');
  expect(await counts(page)).toEqual({ nodes: 1280, edges: 1024 });
});
