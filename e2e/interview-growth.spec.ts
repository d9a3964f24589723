// The growth check with the real mouse and keyboard: Ctrl+Alt+G, a factor, two runs in the run pool
// at the same seed; the verdict per SLO line comes from those runs and names the tier that breaks.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { mmcDesign } from '../shared/testing/designs';
import { openWithDesign } from './run-helpers';

// M/M/1 with a 10 ms server and p99 ≤ 100 ms: p99 = ln 100 / (μ − λ) is 77 ms at 40 req/s and
// 115 ms at 60 req/s (× 1.5), so the grown run misses the SLO and the server is the tier that breaks.
const mm1 = () => {
  const doc = mmcDesign({ lambdaRps: 40, serviceTimeMs: 10, servers: 1, durationS: 60, warmupS: 5 });
  doc.slo = { ...doc.slo, p99Ms: 100 };
  return doc;
};

test('the growth check runs today and × 1.5 and gives a verdict per SLO line, naming the tier that breaks', async ({
  page,
}) => {
  test.slow();
  await openWithDesign(page, mm1());
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+Alt+I');
  await page.getByTestId('interview-prompt').fill('Size a single server');
  await page.getByTestId('interview-start').click();
  await page.getByTestId('interview-requirements-toggle').click();
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+Alt+G');
  const factor = page.getByTestId('growth-factor');
  // The requirements' +20% is the default.
  await expect(factor).toHaveValue('1.2');
  await factor.click();
  await factor.press('Control+A');
  await page.keyboard.type('zero');
  await page.getByTestId('growth-run').click();
  await expect(page.getByTestId('growth-problem')).toContainText(
    'Growth factor must be a number such as 1.2 (got "zero")',
  );
  await factor.press('Control+A');
  await page.keyboard.type('1.5');
  await page.getByTestId('growth-run').click();
  await expect(page.getByTestId('growth-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('growth-line-p99')).toHaveAttribute('data-grown-pass', 'false');
  await expect(page.getByTestId('growth-line-errors')).toHaveAttribute('data-grown-pass', 'true');
  await expect(page.getByTestId('growth-verdict')).toHaveText(
    '✕ At × 1.5 the design misses its SLO (it meets it today).',
  );
  await expect(page.getByTestId('growth-breaks-first')).toContainText('Breaks first: server');
  await expect(page.getByTestId('growth-why')).toContainText('server');
  await page.screenshot({ path: '/tmp/interview-growth.png' });

  // End → the debrief downloads: one self-contained HTML file with the numbers of this session.
  const pending = page.waitForEvent('download');
  await page.getByTestId('interview-end').click();
  const download = await pending;
  expect(download.suggestedFilename()).toBe('test — interview debrief.html');
  const html = readFileSync((await download.path())!, 'utf8');
  expect(html).toContain('Size a single server');
  expect(html).toContain('Phase timings');
  expect(html).toContain('Estimates vs measured');
  expect(html).toMatch(/✕ 1\d\d(\.\d)? ms/); // the grown p99, from the run
  expect(html).toContain('Breaks first: server');
  expect(html).toContain('No faults were injected.');
  expect(html).not.toContain('<script');
  await expect(page.getByTestId('interview-bar')).toHaveAttribute('data-status', 'ended');
  await expect(page.getByTestId('interview-debrief')).toBeVisible();
  const report = await page.context().newPage();
  await report.setContent(html);
  await report.screenshot({ path: '/tmp/interview-debrief.png', fullPage: true });

  // PDF is printed by the desktop app; the browser build says so (and saves nothing).
  await page.evaluate(() => window.__backpressure!.runCommand('interview.debriefPdf'));
  await expect(page.getByTestId('toast')).toContainText('PDF export needs the desktop app');
});
