// The capacity estimator with the real mouse and keyboard: from the requirements card's load, per
// tier the rps it sees (split by the load balancer, reads thinned by the cache's assumed hit rate),
// the servers needed at ρ_target — numbers that match their formulas, shown on hover — an edited
// assumption changes them, and Measure puts the run's own numbers beside them.
import { expect, test, type Page } from '@playwright/test';
import { interviewDesign } from '../shared/testing/designs';
import { openWithDesign, setSpeed, waitForSimTime } from './run-helpers';

async function fill(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.press('Control+A');
  await page.keyboard.type(value);
}

test('the estimator shows each tier’s rps and servers by their formulas, and the run measured beside them', async ({
  page,
}) => {
  test.slow();
  await openWithDesign(page, interviewDesign());
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+Alt+I');
  await page.getByTestId('interview-prompt').fill('Design an order service');
  await page.getByTestId('interview-start').click();
  // 1,000 users / (9.95 s + 0.05 s) = 100 req/s, 90% reads, open loop.
  await fill(page, 'req-concurrentUsers', '1000');
  await fill(page, 'req-thinkTimeMs', '9950');
  await page.getByTestId('req-client-mode').selectOption('open');
  await page.getByTestId('req-apply').click();
  await page.getByTestId('interview-requirements-toggle').click();

  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+Alt+E');
  const card = page.getByTestId('interview-estimator');
  await expect(card).toBeVisible();
  await expect(page.getByTestId('est-rps')).toContainText('100 rps');
  await expect(page.getByTestId('est-rps-lb')).toHaveText('100');
  await expect(page.getByTestId('est-rps-svc1')).toHaveText('33.3');
  // The database sees the cache's misses (90 × 20%) and every write (10): 28 req/s.
  await expect(page.getByTestId('est-rps-db')).toHaveText('28');
  const servers = page.getByTestId('est-servers-svc1');
  await servers.hover();
  await expect(servers).toHaveAttribute(
    'title',
    '⌈rps × service time / (workers × ρ_target)⌉ = ⌈33.33 × 0.01 s / (8 × 0.7)⌉ = ⌈0.06⌉',
  );
  await expect(servers).toHaveText('1');

  // ρ_target 2%: 33.33 × 0.01 / (8 × 0.02) = 2.08 → 3 servers.
  await fill(page, 'est-target-utilization', '2');
  await page.keyboard.press('Enter');
  await expect(servers).toHaveText('3');
  // The cache's hit rate at 50%: the database sees 45 + 10 = 55 req/s.
  await fill(page, 'est-hit-cache', '50');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('est-rps-db')).toHaveText('55');
  // A bad assumption is named and the numbers stay.
  await fill(page, 'est-hit-cache', 'most');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('est-problem')).toContainText('Hit rate of Cache must be a number');
  await expect(page.getByTestId('est-rps-db')).toHaveText('55');

  // Before a run: Measure says what to do.
  await page.getByTestId('est-measure').click();
  await expect(page.getByTestId('est-measured-at')).toContainText('No run yet');
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Space');
  await setSpeed(page, 'max');
  await waitForSimTime(page, 30_000, 40_000);
  await page.getByTestId('est-measure').click();
  await expect(page.getByTestId('est-measured-at')).toContainText('Measured at');
  const measuredLb = Number(await page.getByTestId('run-rps-lb').textContent());
  expect(measuredLb).toBeGreaterThan(85);
  expect(measuredLb).toBeLessThan(115);
  await expect(page.getByTestId('run-servers-svc1')).toHaveAttribute(
    'title',
    /instances × measured utilisation/,
  );
  await page.screenshot({ path: '/tmp/interview-estimator.png' });
});
