// Evidence from a run: the HTML run report (opens by itself, holds the numbers the dock shows),
// the SVG export (each node label as text), the WebM recording (a playable video with a visible
// indicator and Stop), and what the browser build says where it cannot (no MediaRecorder, no PDF).
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { webDesign } from '../shared/testing/designs';
import { openDock, startRun } from './dock-helpers';
import { runInfo, setSpeed } from './run-helpers';
import { nodeCentre } from './canvas-helpers';

const reportDesign = () => webDesign([{ atS: 3, action: 'kill', target: 'api:0' }], 8);

/** Runs the design to its end as fast as the machine goes (Space on the canvas). */
async function runToEnd(page: Page): Promise<void> {
  await setSpeed(page, 'max');
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Space');
  await expect.poll(async () => (await runInfo(page)).status, { timeout: 30_000 }).toBe('done');
  // The dock re-renders at most 4 times a second: wait until it shows the run's last second.
  const lastS = String((await runInfo(page)).simTimeMs / 1000);
  await expect(page.getByTestId('dock-readout')).toHaveAttribute('data-t', lastS);
}

/** The text of a downloaded file the next action triggers. */
async function download(page: Page, action: () => Promise<void>) {
  const pending = page.waitForEvent('download');
  await action();
  const file = await pending;
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

test('the run report opens on its own and holds the numbers the dock shows', async ({ page, context }) => {
  await openDock(page, reportDesign());
  await runToEnd(page);
  // What the dock says: the SLO badge's checks and the API's run totals (select it with the mouse).
  const badgeChecks = (await page.getByTestId('slo-badge').getAttribute('title'))!
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/^[✓✕] /, ''));
  expect(badgeChecks.length).toBeGreaterThanOrEqual(2);
  const api = await nodeCentre(page, 'api');
  await page.mouse.click(api.x, api.y);
  const totals = (await page.getByTestId('node-totals').textContent())!;
  const dockP99 = totals.match(/p99 ([^·]+?) ·/)![1];
  const dockUtil = totals.match(/util (\S+%)/)![1];

  const { name, bytes } = await download(page, () => page.keyboard.press('Control+Shift+P'));
  expect(name).toBe('Web — run report.html');
  const html = bytes.toString('utf8');
  // Self-contained: nothing to fetch, no script.
  expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
  expect(html).not.toMatch(/<script/i);

  const report = await context.newPage();
  await report.setContent(html);
  await expect(report.locator('h1')).toHaveText('Web');
  const sloTable = report.locator('#verdict table');
  for (const check of badgeChecks) await expect(sloTable).toContainText(check);
  const apiRow = report.locator('#nodes table').first().locator('tr', { hasText: 'API' });
  await expect(apiRow.locator('td').nth(8)).toHaveText(dockP99);
  const apiLoad = report.locator('#nodes table').nth(1).locator('tr', { hasText: 'API' });
  await expect(apiLoad.locator('td').nth(3)).toHaveText(dockUtil);
  // The kill is in the event log; the design picture and the charts are images that load.
  await expect(report.locator('#log')).toContainText('API:0 killed');
  const images = report.locator('img');
  expect(await images.count()).toBeGreaterThanOrEqual(5);
  for (const image of await images.all())
    expect(await image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await expect(report.locator('#why .bar').first()).toBeVisible();
  // For people to look at: the report as a browser shows it.
  await report.setViewportSize({ width: 1100, height: 900 });
  await report.screenshot({ path: test.info().outputPath('run-report.png'), fullPage: true });
  writeFileSync(test.info().outputPath('run-report.html'), html);
});

test('PDF needs the desktop app: the browser build says so', async ({ page }) => {
  await openDock(page, reportDesign());
  await runToEnd(page);
  await page.keyboard.press('Control+K');
  await page.keyboard.type('run report pdf');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast')).toContainText('PDF export needs the desktop app');
});

test('Export SVG writes the design as vector elements with every node label as text', async ({ page }) => {
  const doc = reportDesign();
  await openDock(page, doc);
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Shift+E');
  await page.getByTestId('export-format-svg').check();
  await expect(page.getByTestId('export-scale-2')).toBeDisabled();
  const { name, bytes } = await download(page, () => page.getByTestId('export-confirm').click());
  expect(name).toBe('Web.svg');
  const svg = bytes.toString('utf8');
  for (const node of doc.nodes) expect(svg).toContain(`>${node.label}</text>`);
  // A well-formed SVG document that a browser draws.
  const drawn = await page.evaluate(async (text) => {
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    if (parsed.querySelector('parsererror')) return { ok: false, width: 0 };
    const image = new Image();
    image.src = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    await image.decode();
    return { ok: true, width: image.naturalWidth };
  }, svg);
  expect(drawn.ok).toBe(true);
  expect(drawn.width).toBeGreaterThan(600);
});

test('a recording shows its indicator, stops with Stop and saves a playable WebM', async ({
  page,
  context,
}) => {
  await openDock(page, webDesign([], 60));
  await startRun(page, 1);
  await page.keyboard.press('Control+Shift+X');
  const indicator = page.getByTestId('recording-indicator');
  await expect(indicator).toBeVisible();
  await expect(indicator).toContainText('REC');
  await expect(page.getByTestId('recording-time')).toHaveText('0:02', { timeout: 10_000 });
  const { name, bytes } = await download(page, () => page.getByTestId('recording-stop').click());
  await expect(indicator).toBeHidden();
  expect(name).toBe('Web — recording.webm');
  expect(bytes.length).toBeGreaterThan(1000);
  expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
  writeFileSync(test.info().outputPath('recording.webm'), bytes);

  const player = await context.newPage();
  await player.setContent('<video id="video" muted></video>');
  const loaded = await player.evaluate(async (base64) => {
    const video = document.getElementById('video') as HTMLVideoElement;
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    video.src = URL.createObjectURL(new Blob([data], { type: 'video/webm' }));
    await new Promise((resolve, reject) => {
      video.onloadedmetadata = resolve;
      video.onerror = () => reject(new Error(`video error ${video.error?.code}`));
    });
    return { readyState: video.readyState, width: video.videoWidth, height: video.videoHeight };
  }, bytes.toString('base64'));
  expect(loaded.readyState).toBeGreaterThanOrEqual(1);
  expect(loaded.width).toBeGreaterThan(100);
  expect(loaded.height).toBeGreaterThan(100);
});

test('without MediaRecorder, recording says the browser cannot and starts nothing', async ({ page }) => {
  await page.addInitScript(() => {
    delete (window as { MediaRecorder?: unknown }).MediaRecorder;
  });
  await openDock(page, webDesign([], 10));
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Control+Shift+X');
  await expect(page.getByTestId('toast')).toContainText('Recording needs MediaRecorder');
  await expect(page.getByTestId('recording-indicator')).toHaveCount(0);
});
