// The interviewer window (issue #12) with two pages in one browser context: the candidate's window
// starts an interview and a run; "Open the interviewer window" (command palette, real keyboard)
// opens the second tab at its URL, connected over BroadcastChannel. A surprise fault armed there
// for a near sim time shows nowhere on the candidate's screen until it fires, then the run's log has
// it and a toast names it. The rubric and a note written there are saved in the candidate's design
// and reach the debrief only when shared. Phase control goes both ways.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { interviewDesign } from '../shared/testing/designs';
import { formatClock } from '../shared/interview/phases';
import { documentOf } from './canvas-helpers';
import { openWithDesign, runInfo, runLog, waitForSimTime } from './run-helpers';

async function startInterview(page: Page, prompt: string) {
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+Alt+I');
  await page.getByTestId('interview-prompt').click();
  await page.keyboard.type(prompt);
  await page.getByTestId('interview-length-45').check();
  await page.getByTestId('interview-start').click();
  await expect(page.getByTestId('interview-start-dialog')).toHaveCount(0);
  await page.getByTestId('interview-requirements-toggle').click(); // the card opens with the start
}

/** Runs "Open the interviewer window" from the command palette; the new tab it opens. */
async function openInterviewer(page: Page): Promise<Page> {
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+k');
  await page.keyboard.type('interviewer window');
  await expect(page.getByTestId('command-palette-item-interview.openInterviewer')).toBeVisible();
  const opened = page.context().waitForEvent('page');
  await page.keyboard.press('Enter');
  const interviewer = await opened;
  const id = (await documentOf(page)).interview!.id;
  expect(interviewer.url()).toMatch(new RegExp(`/\\?interviewer=${id}$`));
  await expect(interviewer.getByTestId('interviewer-status')).toHaveText('Connected to the candidate');
  return interviewer;
}

async function debriefHtml(page: Page): Promise<string> {
  const pending = page.waitForEvent('download');
  await page.evaluate(() => window.__backpressure!.runCommand('interview.debrief'));
  return readFileSync((await (await pending).path())!, 'utf8');
}

test('a surprise fault armed in the interviewer window fires in the candidate run only at its time; rubric and notes reach the debrief only when shared', async ({
  page,
}) => {
  test.slow();
  await openWithDesign(page, interviewDesign());
  await startInterview(page, 'Design a URL shortener');
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Space');
  await waitForSimTime(page, 1_000);
  const interviewer = await openInterviewer(page);
  await expect(interviewer.getByTestId('interviewer-run')).toHaveAttribute('data-status', 'running');

  // Arm: kill Service 1 four simulated seconds from now.
  await interviewer.getByTestId('fault-action').selectOption('kill');
  await interviewer.getByTestId('fault-target').selectOption('svc1');
  await interviewer.getByTestId('fault-after-s').fill('4');
  const simAtArmMs = (await runInfo(page)).simTimeMs;
  await interviewer.getByTestId('fault-arm').click();
  const item = interviewer.getByTestId('fault-list').locator('li[data-state]');
  await expect(item).toHaveAttribute('data-state', 'armed');
  await expect(item).toContainText('Kill: Service 1');
  await interviewer.screenshot({ path: '/tmp/interviewer-armed.png' });
  const armedAtSimMs = (await documentOf(page)).interview!.faults[0].armedAtSimMs!;
  expect(armedAtSimMs).toBeGreaterThanOrEqual(simAtArmMs + 4_000);
  expect(armedAtSimMs).toBeLessThan(simAtArmMs + 4_000 + 2_000); // from the snapshot's sim time

  // Before it fires the candidate sees nothing of it: no log line, no toast, no word on screen.
  expect((await runInfo(page)).simTimeMs).toBeLessThan(armedAtSimMs);
  expect((await runLog(page)).filter((entry) => entry.type === 'kill')).toEqual([]);
  await expect(page.getByTestId('toast')).toHaveCount(0);
  const shown = await page.locator('body').innerText();
  expect(shown).not.toContain('Service 1 killed'); // the events list's line once it fires
  expect(shown).not.toContain('Interviewer');
  await page.screenshot({ path: test.info().outputPath('candidate-before.png') });

  // It fires at its time: the run's log has the kill, a toast names it, the remote says when.
  await expect(page.getByTestId('toast')).toContainText("Interviewer's fault: Kill: Service 1", {
    timeout: 20_000,
  });
  const kills = (await runLog(page)).filter((entry) => entry.type === 'kill');
  expect(kills.map((entry) => entry.target)).toEqual(['svc1']);
  expect(kills[0].t).toBeGreaterThanOrEqual(armedAtSimMs);
  expect(kills[0].t).toBeLessThan(armedAtSimMs + 1_000); // within a frame or two of the run
  await expect(page.getByTestId('dock')).toContainText('Service 1 killed');
  await expect(item).toHaveAttribute('data-state', 'fired');
  const fired = (await documentOf(page)).interview!.faults[0];
  expect(fired.firedAtSimMs).toBeGreaterThanOrEqual(armedAtSimMs);
  await expect(item).toContainText(`fired at run ${formatClock(fired.firedAtSimMs!)}`);

  // Rubric and a note, typed in the interviewer window, land in the candidate's design.
  await interviewer.getByTestId('rubric-tradeOffs-3').click();
  await interviewer.getByTestId('rubric-tradeOffs-comment').click();
  await interviewer.keyboard.type('Weighed SQL against NoSQL');
  await interviewer.getByTestId('note-requirements').click();
  await interviewer.keyboard.type('Asked for the read/write ratio first');
  await expect(interviewer.getByTestId('rubric-tradeOffs')).toHaveAttribute('data-score', '3');
  await expect
    .poll(async () => (await documentOf(page)).interview!.rubric.tradeOffs)
    .toEqual({ score: 3, comment: 'Weighed SQL against NoSQL' });
  await expect
    .poll(async () => (await documentOf(page)).interview!.notes.requirements)
    .toBe('Asked for the read/write ratio first');
  await interviewer.setViewportSize({ width: 1280, height: 1000 });
  await interviewer.getByTestId('interviewer-status').click(); // leave the note box
  await interviewer.screenshot({ path: '/tmp/interviewer-window.png' });

  // Not shared: the debrief has the fault, not the rubric or the notes.
  let html = await debriefHtml(page);
  expect(html).toContain('Faults injected');
  expect(html).toContain('Kill: Service 1');
  // …and what the run's log says followed it, quoted from the run.
  expect(html).toContain('After “Kill: Service 1” (run log):');
  expect(html).toContain(`${(kills[0].t / 1000).toFixed(1)} s · Kill: Service 1 killed`);
  expect(html).not.toContain('Weighed SQL against NoSQL');
  expect(html).not.toContain('Asked for the read/write ratio first');
  // …and the run's throughput, p99 and error charts with the kill marked, as images that load.
  expect(html).toContain('How the design behaved');
  const debrief = await page.context().newPage();
  await debrief.setContent(html);
  const charts = debrief.locator('img[alt*="faults marked"]');
  await expect(charts).toHaveCount(3);
  for (const chart of await charts.all())
    expect(await chart.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  // The kill is drawn on the throughput chart: its only red pixels are the mark (the line is blue).
  const redPixels = await charts.first().evaluate((element) => {
    const image = element as HTMLImageElement;
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let red = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 160 && data[i + 1] < 90 && data[i + 2] < 90) red++;
    return red;
  });
  expect(redPixels).toBeGreaterThan(200);
  await debrief.setViewportSize({ width: 1100, height: 900 });
  await debrief.locator('img[alt*="faults marked"]').first().scrollIntoViewIfNeeded();
  await debrief.screenshot({ path: '/tmp/interview-debrief-charts.png' });
  await debrief.close();

  // Shared: both.
  await interviewer.getByTestId('share-rubric').check();
  await expect.poll(async () => (await documentOf(page)).interview!.shareRubric).toBe(true);
  html = await debriefHtml(page);
  expect(html).toContain('Rubric and notes');
  expect(html).toContain('3 / 4');
  expect(html).toContain('Weighed SQL against NoSQL');
  expect(html).toContain('Asked for the read/write ratio first');
});

test('phase control from the interviewer window moves the candidate bar and mirrors it back; a fault now without a run is refused in words', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openWithDesign(page, interviewDesign());
  await startInterview(page, 'Design a chat service');
  const interviewer = await openInterviewer(page);
  const bar = page.getByTestId('interview-bar');
  const phases = interviewer.getByTestId('interviewer-phase').locator('ol');

  await interviewer.getByTestId('interviewer-next').click();
  await expect(bar).toHaveAttribute('data-phase', 'components');
  await interviewer.getByTestId('interviewer-phase-tradeOffs').click();
  await expect(bar).toHaveAttribute('data-phase', 'tradeOffs');
  await interviewer.getByTestId('interviewer-pause').click();
  await expect(bar).toHaveAttribute('data-status', 'paused');
  // The candidate's own keys are mirrored in the interviewer's window.
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+Alt+N');
  await expect(phases).toHaveAttribute('data-phase', 'summary');
  await page.keyboard.press('Control+Alt+P');
  await expect(phases).toHaveAttribute('data-status', 'running');
  await expect(interviewer.getByTestId('interviewer-clock')).toContainText('Summary');

  // No run yet: "Fire now" has nothing to hit; the remote says so and the candidate sees nothing.
  await interviewer.getByTestId('fault-action').selectOption('hang');
  await interviewer.getByTestId('fault-fire').click();
  const item = interviewer.getByTestId('fault-list').locator('li[data-state]');
  await expect(item).toHaveAttribute('data-state', 'refused');
  await expect(item).toContainText('The candidate has no run going');
  await expect(page.getByTestId('toast')).toHaveCount(0);
  expect((await runInfo(page)).status).toBe('idle');
  await interviewer.emulateMedia({ colorScheme: 'dark' });
  await expect(interviewer.locator('html')).toHaveAttribute('data-theme', 'dark');
  await interviewer.screenshot({ path: '/tmp/interviewer-dark.png' });
});
