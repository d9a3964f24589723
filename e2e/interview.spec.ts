// Interview mode with the real mouse and keyboard: Ctrl+Alt+I starts a 45-minute interview with a
// free-text prompt; the phase bar shows the five phases with their planned shares, Next phase,
// skip by click, pause/resume (button and Ctrl+Alt+P), a gentle overrun signal, and the state
// survives a reload through the draft (restored paused where it was). The requirements card shows
// Little's law as arithmetic and writes the SLO and the clients; a bad field is named.
import { expect, test, type Page } from '@playwright/test';
import { interviewDesign } from '../shared/testing/designs';
import { documentOf } from './canvas-helpers';
import { openWithDesign } from './run-helpers';

async function startInterview(page: Page, prompt: string, length: '45' | '60' | { minutes: string }) {
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+Alt+I');
  const dialog = page.getByTestId('interview-start-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('interview-prompt').click();
  await page.keyboard.type(prompt);
  if (typeof length === 'string') await page.getByTestId(`interview-length-${length}`).check();
  else {
    await page.getByTestId('interview-length-custom').check();
    await page.getByTestId('interview-length-minutes').fill(length.minutes);
  }
  await page.getByTestId('interview-start').click();
  await expect(dialog).toHaveCount(0);
}

test('a 45-minute interview: five phases on a clock, next, skip, pause and resume; resumed paused after a reload', async ({
  page,
}) => {
  test.slow();
  page.on('dialog', (dialog) => void dialog.accept());
  await openWithDesign(page, interviewDesign());
  await startInterview(page, 'Design a URL shortener', '45');
  const bar = page.getByTestId('interview-bar');
  await expect(bar).toHaveAttribute('data-phase', 'requirements');
  await expect(bar).toHaveAttribute('data-status', 'running');
  // 15% of 45 minutes is 6:45; the whole interview reads against 45:00.
  await expect(page.getByTestId('interview-phase-time')).toContainText(/^0:0\d of 6:45/);
  await expect(page.getByTestId('interview-total-time')).toContainText('/ 45:00');
  await expect(page.getByTestId('interview-total-time')).toContainText('0:01 /', { timeout: 5_000 });
  await page.getByTestId('interview-requirements-toggle').click(); // the card opened with the start; close it
  await expect(page.getByTestId('interview-requirements')).toHaveCount(0);

  await page.getByTestId('interview-next').click();
  await expect(bar).toHaveAttribute('data-phase', 'components');
  await expect(page.getByTestId('interview-phase-components')).toHaveAttribute('aria-current', 'step');
  await page.getByTestId('interview-phase-tradeOffs').click();
  await expect(bar).toHaveAttribute('data-phase', 'tradeOffs');
  await expect(page.getByTestId('interview-phase-time')).toContainText('of 9:00');
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+Alt+N');
  await expect(bar).toHaveAttribute('data-phase', 'summary');
  await expect(page.getByTestId('interview-next')).toHaveCount(0);

  await page.getByTestId('interview-pause').click();
  await expect(bar).toHaveAttribute('data-status', 'paused');
  const pausedAt = await page.getByTestId('interview-total-time').textContent();
  await page.waitForTimeout(1_500);
  await expect(page.getByTestId('interview-total-time')).toHaveText(pausedAt!);
  await page.keyboard.press('Control+Alt+P');
  await expect(bar).toHaveAttribute('data-status', 'running');

  const saved = (await documentOf(page)).interview!;
  expect(saved.prompt).toBe('Design a URL shortener');
  expect(saved.lengthMin).toBe(45);
  expect(saved.visits.map((visit) => visit.phase)).toEqual([
    'requirements',
    'components',
    'tradeOffs',
    'summary',
  ]);
  await page.screenshot({ path: 'test-results/interview-bar.png' });

  // A crash: the draft (written every 5 s) brings the interview back, paused where it was.
  await page.waitForTimeout(5_600);
  await page.reload();
  await page.getByTestId('draft-restore').click();
  await expect(bar).toHaveAttribute('data-phase', 'summary');
  await expect(bar).toHaveAttribute('data-status', 'paused');
  await page.getByTestId('interview-pause').click();
  await expect(bar).toHaveAttribute('data-status', 'running');
});

test('a phase that runs over its share turns amber and says by how much, with no dialog', async ({
  page,
}) => {
  await openWithDesign(page, interviewDesign());
  await startInterview(page, 'Design a chat service', { minutes: '1' });
  // 15% of one minute: the first phase is planned for 9 s.
  await expect(page.getByTestId('interview-phase-time')).toContainText('of 0:09');
  const clock = page.getByTestId('interview-clock');
  await expect(clock).toHaveAttribute('data-over', 'false');
  await expect(clock).toHaveAttribute('data-over', 'true', { timeout: 15_000 });
  await expect(page.getByTestId('interview-phase-time')).toContainText('over');
  await expect(page.getByTestId('interview-phase-requirements')).toHaveClass(/is-over/);
  await expect(page.locator('[role="dialog"]')).toHaveCount(0);
});

test('the start dialog names a bad length and keeps what was typed', async ({ page }) => {
  await openWithDesign(page, interviewDesign());
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+Alt+I');
  await page.getByTestId('interview-prompt').fill('Design a feed');
  await page.getByTestId('interview-length-custom').check();
  await page.getByTestId('interview-length-minutes').fill('abc');
  await page.getByTestId('interview-start').click();
  await expect(page.getByTestId('interview-start-problem')).toContainText(
    'Length must be a number of minutes (got "abc")',
  );
  await expect(page.getByTestId('interview-prompt')).toHaveValue('Design a feed');
  await expect(page.getByTestId('interview-bar')).toHaveCount(0);
});

test("the requirements card shows Little's law and writes the SLO and the client", async ({ page }) => {
  await openWithDesign(page, interviewDesign());
  await startInterview(page, 'Design a URL shortener', '60');
  const card = page.getByTestId('interview-requirements');
  await expect(card).toBeVisible();
  const fill = async (name: string, value: string) => {
    const input = page.getByTestId(`req-${name}`);
    await input.click();
    await input.press('Control+A');
    await page.keyboard.type(value);
  };
  await fill('concurrentUsers', '5000');
  await fill('thinkTimeMs', '4950');
  await fill('expectedResponseMs', '50');
  await fill('p99Ms', '150');
  await fill('availabilityPercent', '99.5');
  await expect(page.getByTestId('req-littles-law')).toHaveText(
    'rps = users / (think + response) = 5,000 / (4.95 s + 0.05 s) = 1,000 req/s',
  );
  await page.screenshot({ path: 'test-results/interview-requirements.png' });
  await page.getByTestId('req-apply').click();
  await expect(page.getByTestId('req-applied')).toContainText('5000 users with 4950 ms think time');
  let doc = await documentOf(page);
  expect(doc.slo.p99Ms).toBe(150);
  expect(doc.slo.maxErrorRate).toBeCloseTo(0.005, 12);
  expect(doc.nodes.find((node) => node.id === 'client')!.params).toMatchObject({
    mode: 'closed',
    users: 5000,
    thinkTimeMs: 4950,
    readRatio: 0.9,
  });
  // Open loop: the Little's-law rate itself; one undo step each.
  await page.getByTestId('req-client-mode').selectOption('open');
  await page.getByTestId('req-apply').click();
  doc = await documentOf(page);
  expect(doc.nodes.find((node) => node.id === 'client')!.params).toMatchObject({ mode: 'open', rps: 1000 });
  // Per minute: 5,000 users × 12 / 60 = 1,000 req/s.
  await page.getByTestId('req-loadModel-perMinute').check();
  await fill('requestsPerUserPerMinute', '12');
  await expect(page.getByTestId('req-littles-law')).toContainText('5,000 × 12 / 60 = 1,000 req/s');
  // A bad field is named, nothing is applied.
  await fill('readPercent', 'lots');
  await page.getByTestId('req-apply').click();
  await expect(page.getByTestId('req-problems')).toContainText('Reads must be a number (got "lots")');
  expect((await documentOf(page)).nodes.find((node) => node.id === 'client')!.params.readRatio).toBe(0.9);
});

for (const theme of ['light', 'dark'] as const)
  test(`interview bar and requirements card screenshot (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openWithDesign(page, interviewDesign());
    await startInterview(page, 'Design a URL shortener', '45');
    await page.getByTestId('interview-phase-design').click();
    await page.screenshot({ path: `/tmp/interview-${theme}.png` });
  });
