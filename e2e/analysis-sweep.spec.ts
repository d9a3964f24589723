// The sweep panel with the real mouse and keyboard: Ctrl+Alt+S opens it on the first client's
// load; a sweep streams points into the charts with progress, marks the knee and states the
// largest load within the SLO; Cancel stops it keeping the finished points; a bad range is refused
// with a message naming the field and nothing runs.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { mmcDesign, webTierDesign } from '../shared/testing/designs';
import { openWithDesign } from './run-helpers';

// M/M/1 with a 10 ms server and a 100 ms p99 target: the sojourn time is exponential with rate
// μ − λ, so p99 = ln 100 / (μ − λ) reaches 100 ms at 54 req/s (20 s points at one seed wander
// around that); the server saturates at 100 req/s.
const mm1 = () => {
  const doc = mmcDesign({ lambdaRps: 40, serviceTimeMs: 10, servers: 1, durationS: 20, warmupS: 2 });
  doc.slo = { ...doc.slo, p99Ms: 100 };
  return doc;
};

async function openSweep(page: import('@playwright/test').Page) {
  await page.getByTestId('canvas').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+Alt+S');
  await expect(page.getByTestId('sweep-panel')).toBeVisible();
}

async function fill(page: import('@playwright/test').Page, field: string, value: string) {
  const input = page.getByTestId(`sweep-${field}`);
  await input.click();
  await input.press('Control+A');
  await page.keyboard.type(value);
}

test('a load sweep streams points, marks the knee and states the largest load within the SLO', async ({
  page,
}) => {
  test.slow();
  await openWithDesign(page, mm1());
  await openSweep(page);
  await expect(page.getByTestId('sweep-param')).toHaveValue('client.rps');
  await fill(page, 'from', '20');
  await fill(page, 'to', '90');
  await fill(page, 'steps', '8');
  await fill(page, 'duration', '20');
  await page.getByTestId('sweep-run').click();
  const progress = page.getByTestId('sweep-progress');
  await expect(progress).toContainText('of 8 runs');
  await expect(progress).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(progress).toContainText('8 runs in');
  await expect(page.getByTestId('sweep-chart-latency')).toHaveAttribute('data-points', '8');
  await expect(page.getByTestId('sweep-table').locator('tbody tr')).toHaveCount(8);
  const verdict = page.getByTestId('sweep-verdict');
  await expect(verdict).toContainText(/Meets p99 ≤ 100 ms and errors ≤ 1% up to (4\d|5\d|6\d)(\.\d)? req\/s/);
  await expect(verdict).toContainText('server saturates first');
  await expect(page.getByTestId('sweep-knee')).toContainText(/The knee is at \d+(\.\d)? req\/s/);
  // The first point meets the SLO, the last one (90% busy) does not.
  const rows = page.getByTestId('sweep-table').locator('tbody tr');
  await expect(rows.first()).toHaveAttribute('data-within-slo', 'true');
  await expect(rows.last()).toHaveAttribute('data-within-slo', 'false');
  await page.screenshot({ path: 'test-results/sweep-panel.png' });

  // Save report…: one self-contained HTML file saying what the panel says, every point's row and
  // the four charts as images that load.
  const verdictText = (await verdict.textContent())!.trim();
  const panelP99 = await rows.first().locator('td').nth(2).textContent();
  const pending = page.waitForEvent('download');
  await page.getByTestId('sweep-save-report').click();
  const file = await pending;
  expect(file.suggestedFilename()).toMatch(/ — sweep report\.html$/);
  const html = readFileSync((await file.path())!, 'utf8');
  expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
  expect(html).not.toMatch(/<script/i);
  const report = await page.context().newPage();
  await report.setContent(html);
  const reportVerdict = (await report.locator('#verdict').textContent())!;
  for (const said of verdictText.split(/(?<=\.) /)) expect(reportVerdict).toContain(said.trim());
  const pointRows = report.locator('#points table tbody tr');
  await expect(pointRows).toHaveCount(8);
  await expect(pointRows.first().locator('td').nth(5)).toHaveText(panelP99!);
  await expect(pointRows.last()).toContainText('✕ fails');
  const charts = report.locator('#charts img');
  await expect(charts).toHaveCount(4);
  // Each chart is drawn, not a blank page: a good share of its pixels are not white.
  for (const image of await charts.all()) {
    const inked = await image.evaluate((element: HTMLImageElement) => {
      const canvas = document.createElement('canvas');
      canvas.width = element.naturalWidth;
      canvas.height = element.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(element, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4)
        if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 600) count++;
      return count / (canvas.width * canvas.height);
    });
    expect(inked).toBeGreaterThan(0.005);
  }
  await report.setViewportSize({ width: 1100, height: 900 });
  await report.screenshot({ path: '/tmp/sweep-report.png', fullPage: true });
});

test('Cancel stops a sweep and keeps the points that finished', async ({ page }) => {
  // A web tier at 1,000–2,000 req/s for 600 s a point: seconds per point, so Cancel comes mid-run.
  await openWithDesign(page, webTierDesign(1000));
  await openSweep(page);
  await expect(page.getByTestId('sweep-param')).toHaveValue('users.rps');
  await fill(page, 'from', '1000');
  await fill(page, 'to', '2000');
  await fill(page, 'steps', '20');
  await fill(page, 'duration', '600');
  await page.getByTestId('sweep-run').click();
  const progress = page.getByTestId('sweep-progress');
  await expect(progress).toHaveAttribute('data-status', 'running');
  await page.getByTestId('sweep-cancel').click();
  await expect(progress).toHaveAttribute('data-status', 'cancelled');
  await expect(progress).toContainText('Cancelled after');
  await expect(page.getByTestId('sweep-run')).toBeEnabled();
});

test('a bad range is refused with a message naming the field, and nothing runs', async ({ page }) => {
  await openWithDesign(page, mm1());
  await openSweep(page);
  await fill(page, 'from', '500');
  await fill(page, 'to', '100');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sweep-problem')).toHaveText('From (500) must not be greater than To (100)');
  await expect(page.getByTestId('sweep-progress')).toHaveCount(0);
  await fill(page, 'from', '10');
  await fill(page, 'seeds', 'two');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sweep-problem')).toContainText('Seeds must be a whole number');
});
