// Repeat the run over seeds with the real keyboard and mouse: the SLO verdict per line comes with
// its 95% interval — meets when the whole interval is under the target, "too close to call" when
// the target lies inside it — and the dock's SLO badge and Why panel then say the same for this
// revision; an edit makes the verdict stale and it goes.
import { expect, test, type Page } from '@playwright/test';
import { mmcDesign } from '../shared/testing/designs';
import { documentOf, nodeCentre } from './canvas-helpers';
import { openWithDesign, waitForSimTime } from './run-helpers';

// M/M/1, 10 ms server: the sojourn time is exponential with rate μ − λ, so p99 = ln 100 / (μ − λ):
// 77 ms at 40 req/s and 100 ms at 54 req/s.
function mm1(rps: number, p99Ms: number) {
  const doc = mmcDesign({ lambdaRps: rps, serviceTimeMs: 10, servers: 1, durationS: 10, warmupS: 1 });
  doc.slo = { ...doc.slo, p99Ms };
  return doc;
}

async function repeatOverSeeds(page: Page, seeds: string) {
  await page.getByTestId('canvas').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+Alt+R');
  await expect(page.getByTestId('replications-panel')).toBeVisible();
  const field = page.getByTestId('replications-seeds');
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(seeds);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('replications-progress')).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
}

test('a p99 target well above the interval meets; the dock badge and Why say so until an edit', async ({
  page,
}) => {
  await openWithDesign(page, mm1(40, 150));
  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 3000);
  await page.getByTestId('cmd-run.toggle').click();
  await repeatOverSeeds(page, '5');
  const p99 = page.getByTestId('replications-slo').locator('li[data-line="p99"]');
  await expect(p99).toHaveAttribute('data-verdict', 'meets');
  await expect(p99).toContainText(/p99 \d+(\.\d)? ms ± \d+(\.\d+)? ms meets ≤ 150 ms/);
  await expect(page.getByTestId('replications-why')).toContainText(
    "In all 5 seeds the slowest 1% spend most of their time waiting in server's queue",
  );
  // Focus stayed in the dialog when Run all gave way to Cancel and back: Escape closes it.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('replications-panel')).toHaveCount(0);
  await expect(page.getByTestId('slo-seeds')).toHaveText('5 seeds: meets');
  await page.getByTestId('dock-tab-why').click();
  await expect(page.getByTestId('why-seeds')).toContainText('In all 5 seeds');

  // An edit makes the verdict stale: it goes from the dock.
  const at = await nodeCentre(page, 'server');
  await page.mouse.click(at.x, at.y);
  const workers = page.getByTestId('inspector-workers');
  await workers.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await documentOf(page)).nodes[1].params.workers).toBe(2);
  await expect(page.getByTestId('slo-seeds')).toHaveCount(0);
});

test('a p99 target inside the 95% interval is too close to call', async ({ page }) => {
  await openWithDesign(page, mm1(54, 100));
  await repeatOverSeeds(page, '5');
  const p99 = page.getByTestId('replications-slo').locator('li[data-line="p99"]');
  await expect(p99).toHaveAttribute('data-verdict', 'too close to call');
  await expect(p99).toContainText('the target ≤ 100 ms is inside the 95% interval — too close to call');
  await page.screenshot({ path: 'test-results/replications-panel.png' });
});

test('fewer than two seeds is refused with a message naming the field', async ({ page }) => {
  await openWithDesign(page, mm1(40, 150));
  await page.getByTestId('canvas').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+Alt+R');
  const field = page.getByTestId('replications-seeds');
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('replications-problem')).toHaveText(
    'Seeds must be a whole number from 2 to 50 (got 1)',
  );
});
