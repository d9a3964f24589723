// Compare with the real mouse and keyboard: "Duplicate as variant" (command palette) keeps the
// design as A and opens a copy as B; an edit in the inspector makes B differ; Ctrl+Alt+C runs both
// at the same seeds, shows what differs, both diagrams and both timelines on one clock (◀ ▶ and
// the slider move both), and the difference table says the p99 gain is outside the noise.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { webTierDesign } from '../shared/testing/designs';
import { documentOf, nodeCentre } from './canvas-helpers';
import { openWithDesign } from './run-helpers';

/** One API instance with one worker (5 ms): at 150 req/s it is 75% busy; B gets a second instance. */
function oneApiInstance() {
  const doc = webTierDesign(150);
  const api = doc.nodes.find((node) => node.id === 'api')!;
  api.params = { ...api.params, instances: 1, workers: 1 };
  return doc;
}

async function typeInto(page: Page, testId: string, text: string) {
  const field = page.getByTestId(testId);
  await field.scrollIntoViewIfNeeded();
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('duplicate as variant, edit B, compare both on one clock with a noise verdict', async ({ page }) => {
  test.slow();
  await openWithDesign(page, oneApiInstance());
  const title = (await documentOf(page)).meta.title;
  await page.keyboard.press('ControlOrMeta+K');
  await page.keyboard.type('duplicate as variant');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await documentOf(page)).meta.title).toBe(`${title} (variant B)`);
  await expect(page.getByText('A is kept for comparison.')).toBeVisible();

  const at = await nodeCentre(page, 'api');
  await page.mouse.click(at.x, at.y);
  await typeInto(page, 'inspector-instances', '2');
  await expect
    .poll(async () => (await documentOf(page)).nodes.find((n) => n.id === 'api')!.params.instances)
    .toBe(2);

  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+Alt+C');
  const panel = page.getByTestId('compare-panel');
  await expect(panel).toBeVisible();
  await typeInto(page, 'compare-seeds', '3');
  await typeInto(page, 'compare-duration', '20');
  // Enter in the last field submitted the form: both designs run.
  const progress = page.getByTestId('compare-progress');
  await expect(progress).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(progress).toContainText('6 runs');
  await expect(page.getByTestId('compare-differs')).toContainText('API · Instances 1 → 2');
  await expect(panel).toContainText(`A · ${title}`);
  await expect(panel).toContainText(`B · ${title} (variant B)`);

  // One clock: both timelines have 20 seconds; ◀ moves the shared cursor for both diagrams.
  await expect(page.getByTestId('compare-chart-throughput')).toHaveAttribute('data-points', '20');
  await expect(page.getByTestId('compare-time')).toHaveText('t = 20 s of 20 s');
  await page.getByTestId('compare-step-back').click();
  await page.getByTestId('compare-step-back').click();
  await expect(page.getByTestId('compare-time')).toHaveText('t = 18 s of 20 s');
  await expect(page.getByTestId('compare-figure-A-api')).toContainText('busy');
  await expect(page.getByTestId('compare-figure-B-api')).toContainText('busy');
  const slider = page.getByTestId('compare-scrub');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('compare-time')).toHaveText('t = 1 s of 20 s');
  // Play: both diagrams advance together on one clock (the figures' numbers change) to the end.
  const figureA = await page.getByTestId('compare-figure-A-api').textContent();
  await page.getByTestId('compare-play').click();
  await expect(page.getByTestId('compare-play')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('compare-time')).toHaveText('t = 20 s of 20 s', { timeout: 15_000 });
  await expect(page.getByTestId('compare-play')).toHaveAttribute('aria-pressed', 'false');
  expect(await page.getByTestId('compare-figure-A-api').textContent()).not.toBe(figureA);

  // A second instance halves the utilisation: p99 falls far outside the noise, throughput does not move.
  const p99 = page.getByTestId('compare-table').locator('tr[data-metric="p99Ms"]');
  await expect(p99).toHaveAttribute('data-noise', 'outside noise');
  await expect(p99.locator('td').nth(2)).toHaveText(/^-/);
  await expect(page.getByTestId('compare-tiers').locator('tr[data-tier="api"]')).toContainText('API');
  await page.screenshot({ path: 'test-results/compare-panel.png' });

  // Save report…: the same words and table rows as the panel, both designs as pictures.
  const differs = (await page.getByTestId('compare-differs').textContent())!;
  const panelP99 = (await p99.locator('td').allTextContents()).map((text) => text.trim());
  const pending = page.waitForEvent('download');
  await page.getByTestId('compare-save-report').click();
  const file = await pending;
  expect(file.suggestedFilename()).toMatch(/ — compare report\.html$/);
  const html = readFileSync((await file.path())!, 'utf8');
  expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
  expect(html).not.toMatch(/<script/i);
  const report = await page.context().newPage();
  await report.setContent(html);
  for (const item of differs.replace('B differs from A:', '').split(';'))
    await expect(report.locator('#what-differs')).toContainText(item.trim());
  const reportP99 = report.locator('#difference table tbody tr', { hasText: 'p99' }).first();
  expect((await reportP99.locator('td').allTextContents()).slice(1).map((text) => text.trim())).toEqual(
    panelP99,
  );
  await expect(report.locator('#per-tier table')).toContainText('API');
  const pictures = report.locator('#designs img');
  await expect(pictures).toHaveCount(2);
  for (const image of await pictures.all())
    expect(await image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  // The first seed's timelines as images: throughput, p99 and errors, A solid and B dashed.
  const timelines = report.locator('#over-time img');
  await expect(timelines).toHaveCount(3);
  for (const image of await timelines.all())
    expect(await image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await expect(report.locator('#over-time')).toContainText('p99 latency (ms) — at the end: A');
  await report.setViewportSize({ width: 1100, height: 900 });
  await report.screenshot({ path: '/tmp/compare-report.png', fullPage: true });
});

test('Compare A with B is offered only after a design is duplicated as a variant', async ({ page }) => {
  await openWithDesign(page, oneApiInstance());
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+Alt+C');
  await expect(page.getByTestId('compare-panel')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+K');
  await page.keyboard.type('compare a with b');
  await expect(page.getByTestId('command-palette-item-analysis.compare')).toHaveAttribute(
    'aria-disabled',
    'true',
  );
});

test('Compare with a design file takes A from the file; a file that is not a design is named and changes nothing', async ({
  page,
}) => {
  await openWithDesign(page, oneApiInstance());
  const open = await documentOf(page);
  const twoInstances = oneApiInstance();
  twoInstances.meta.title = 'Two API instances';
  twoInstances.nodes.find((node) => node.id === 'api')!.params.instances = 2;
  const pick = async (name: string, text: string) => {
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('ControlOrMeta+K');
    await page.keyboard.type('compare with a design file');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  };

  await pick('broken.bpd', '{"format": "backpressure.design", "nodes": 3}');
  await expect(page.getByText(/broken\.bpd cannot be compared: /)).toBeVisible();
  await expect(page.getByTestId('compare-panel')).toHaveCount(0);
  expect(await documentOf(page)).toEqual(open);

  await pick('two.bpd', JSON.stringify(twoInstances));
  const panel = page.getByTestId('compare-panel');
  await expect(panel).toBeVisible();
  expect(await documentOf(page)).toEqual(open);
  await typeInto(page, 'compare-seeds', '2');
  await typeInto(page, 'compare-duration', '10');
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('compare-progress')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('compare-tiers').locator('tr[data-tier="api"]')).toContainText('API');
});
