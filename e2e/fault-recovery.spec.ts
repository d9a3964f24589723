// A failure in one part of the window stays in that part (issue 15, item 10): a render error shows a
// fallback in its region while the rest keeps working and Retry brings it back; errors nothing
// caught reach a toast; a simulation worker that crashes or dies ends the run with a notice, the
// design is kept and the next Run works. Faults are injected through `window.__backpressure`
// (automation only): breakRegion, crashSimulation, killSimulationWorker.
import { expect, test, type Page } from '@playwright/test';
import { webTierDesign } from '../shared/testing/designs';
import { documentOf, nodeCentre, type Api } from './canvas-helpers';
import { openWithDesign, runInfo, runState, waitForSimTime } from './run-helpers';

const api = (page: Page, name: string, ...args: unknown[]) =>
  page.evaluate(
    ([entry, values]) => (window.__backpressure as unknown as Api)[entry as string](...(values as unknown[])),
    [name, args] as const,
  );

const breakRegion = (page: Page, region: string, message?: string) =>
  api(page, 'breakRegion', region, ...(message ? [message] : []));

test('a render error in the inspector shows a fallback there; the canvas and toolbar keep working; Retry brings it back', async ({
  page,
}) => {
  await openWithDesign(page, webTierDesign());
  const before = await documentOf(page);
  await breakRegion(page, 'inspector', 'Cannot read the parameters');

  const fallback = page.getByTestId('region-error-inspector');
  await expect(fallback).toBeVisible();
  await expect(fallback).toContainText('The inspector hit an error: Cannot read the parameters');
  await expect(fallback).toContainText('Your design is kept, with its unsaved changes.');
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  expect(await documentOf(page)).toEqual(before);
  // Nothing else fell over: every other region is still there.
  for (const testId of ['canvas', 'palette', 'dock', 'status-bar', 'toolbar-title'])
    await expect(page.getByTestId(testId)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('inspector-fallback.png') });

  // The canvas still edits (click a node, delete it with the keyboard) and the toolbar still undoes.
  const at = await nodeCentre(page, 'cache');
  await page.mouse.click(at.x, at.y);
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await documentOf(page)).nodes.length).toBe(before.nodes.length - 1);
  await page.getByTestId('cmd-edit.undo').click();
  await expect.poll(async () => (await documentOf(page)).nodes.length).toBe(before.nodes.length);

  // Retry mounts it afresh, showing the selection as if nothing happened.
  await fallback.getByRole('button', { name: 'Retry' }).click();
  await expect(fallback).toHaveCount(0);
  await expect(page.getByTestId('inspector')).toBeVisible();
  expect(await api(page, 'appErrors')).toContainEqual(
    expect.objectContaining({ message: 'The inspector hit an error: Cannot read the parameters' }),
  );
});

test('each region fails on its own and comes back with Retry', async ({ page }) => {
  await openWithDesign(page, webTierDesign());
  const regions: Record<string, string> = {
    toolbar: 'toolbar-title',
    palette: 'palette',
    canvas: 'canvas',
    dock: 'dock',
    status: 'status-bar',
  };
  for (const [region, testId] of Object.entries(regions)) {
    await breakRegion(page, region);
    const fallback = page.getByTestId(`region-error-${region}`);
    await expect(fallback).toBeVisible();
    await expect(fallback).toContainText(`hit an error: test fault in ${region}`);
    await expect(page.getByTestId(testId)).toHaveCount(0);
    // The others are untouched.
    for (const [other, otherId] of Object.entries(regions))
      if (other !== region) await expect(page.getByTestId(otherId)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`${region}-fallback.png`) });
    await fallback.getByRole('button', { name: 'Retry' }).click();
    await expect(fallback).toHaveCount(0);
    await expect(page.getByTestId(testId)).toBeVisible();
  }
  // After the canvas came back, the canvas still draws and edits with the real mouse.
  const at = await nodeCentre(page, 'api');
  await page.mouse.click(at.x, at.y);
  expect((await page.evaluate(() => window.__backpressure!.selection())).nodes).toEqual(['api']);
});

test('a failing dialog shows a fallback with Close; the window behind it keeps working', async ({ page }) => {
  await openWithDesign(page, webTierDesign());
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('command-palette')).toBeVisible();
  await breakRegion(page, 'dialogs');
  const fallback = page.getByTestId('region-error-dialogs');
  await expect(fallback).toContainText('This dialog hit an error: test fault in dialogs');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('dialogs-fallback.png') });
  await fallback.getByRole('button', { name: 'Close' }).click();
  await expect(fallback).toHaveCount(0);
  await expect(page.getByTestId('command-palette')).toHaveCount(0);
  // Dialogs open again afterwards.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('command-palette')).toBeVisible();
});

test('a broken canvas does not stop the run; Retry brings the canvas back with its live gauges', async ({
  page,
}) => {
  await openWithDesign(page, webTierDesign());
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 1000);
  await breakRegion(page, 'canvas');
  await expect(page.getByTestId('region-error-canvas')).toBeVisible();
  const during = (await runInfo(page)).simTimeMs;
  await waitForSimTime(page, during + 1000);
  expect((await runInfo(page)).status).toBe('running');
  const liveLayer = () =>
    api(page, 'liveLayer') as Promise<{ framesDrawn: number; pills: Record<string, string> }>;
  const drawnBefore = (await liveLayer()).framesDrawn;
  await page.getByTestId('region-retry-canvas').click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect.poll(async () => (await liveLayer()).framesDrawn).toBeGreaterThan(drawnBefore + 5);
  expect((await liveLayer()).pills.api).toMatch(/rps/);
});

test('autosave keeps writing the draft while regions are broken; the draft restores the work', async ({
  page,
}) => {
  test.slow(); // waits for one 5-second autosave
  page.on('dialog', (dialog) => void dialog.accept()); // the browser's "leave site?" warning
  await openWithDesign(page, webTierDesign());
  const at = await nodeCentre(page, 'cache');
  await page.mouse.click(at.x, at.y);
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await documentOf(page)).nodes.length).toBe(4);
  const edited = await documentOf(page);
  await breakRegion(page, 'canvas');
  await breakRegion(page, 'dialogs');
  await expect(page.getByTestId('region-error-canvas')).toBeVisible();
  await expect(page.getByTestId('region-error-dialogs')).toBeVisible();
  await page.waitForTimeout(5_600);

  await page.reload();
  const offer = page.getByTestId('draft-offer');
  await expect(offer).toContainText(edited.meta.title);
  await offer.getByTestId('draft-restore').click();
  // restoring reads the draft asynchronously: wait for it rather than read the empty design
  await expect.poll(() => documentOf(page)).toEqual(edited);
});

test('an unhandled promise rejection and an uncaught error reach an error toast and the log', async ({
  page,
}) => {
  await openWithDesign(page, webTierDesign());
  await page.evaluate(() => {
    void Promise.reject(new Error('the export could not finish'));
  });
  const toast = page.getByTestId('toast');
  await expect(toast).toContainText(
    'Something went wrong: the export could not finish. Your design is kept.',
  );
  await expect(toast).toHaveAttribute('role', 'alert');
  await toast.getByRole('button', { name: 'Dismiss' }).click();

  await page.evaluate(() => {
    setTimeout(() => {
      throw new TypeError('layout is not a function');
    });
  });
  await expect(toast).toContainText(
    'Something went wrong: TypeError: layout is not a function. Your design is kept.',
  );
  const logged = (await api(page, 'appErrors')) as { message: string }[];
  expect(logged.map((entry) => entry.message)).toEqual([
    'Something went wrong: the export could not finish. Your design is kept.',
    'Something went wrong: TypeError: layout is not a function. Your design is kept.',
  ]);
  // The app is still whole.
  await expect(page.getByTestId('canvas')).toBeVisible();
});

async function expectFreshRunWorks(page: Page) {
  await page.getByTestId('cmd-run.toggle').click();
  await expect.poll(async () => (await runInfo(page)).status).toBe('running');
  await waitForSimTime(page, 2000);
  await expect(page.getByTestId('run-status')).toHaveText('Running');
  expect((await runState(page)).lastSampleS).toBeGreaterThanOrEqual(1);
}

test('an exception in the simulation ends the run with a notice; the design is kept and Run starts again', async ({
  page,
}) => {
  const doc = webTierDesign();
  await openWithDesign(page, doc);
  const before = await documentOf(page);
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 1500);
  expect(await api(page, 'crashSimulation', 'engine bug: negative queue depth')).toBe(true);

  const toast = page.getByTestId('toast');
  await expect(toast).toContainText(
    'The simulation crashed: engine bug: negative queue depth. The run stopped; your design is kept. Press Run to start a new run.',
  );
  await expect(toast).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('run-status')).toHaveText('Crashed');
  expect((await runInfo(page)).status).toBe('idle');
  const stoppedAt = (await runInfo(page)).simTimeMs;
  await page.waitForTimeout(300);
  expect((await runInfo(page)).simTimeMs).toBe(stoppedAt);
  expect(await documentOf(page)).toEqual(before);
  // One notice, not also the page's generic "Something went wrong".
  const logged = (await api(page, 'appErrors')) as { message: string }[];
  expect(logged).toHaveLength(1);

  await expectFreshRunWorks(page);
  expect(((await api(page, 'runState')) as { crash: string | null }).crash).toBeNull();
});

test('a worker killed without a word is noticed; the run stops with a notice and Run starts again', async ({
  page,
}) => {
  await openWithDesign(page, webTierDesign());
  await api(page, 'setSimulationStallMs', 1500);
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 1000);
  expect(await api(page, 'killSimulationWorker')).toBe(true);
  await expect(page.getByTestId('toast')).toContainText(
    /The simulation crashed: it stopped responding \(nothing for \d s\)\. The run stopped; your design is kept\./,
  );
  await expect(page.getByTestId('run-status')).toHaveText('Crashed');
  await expectFreshRunWorks(page);
});
