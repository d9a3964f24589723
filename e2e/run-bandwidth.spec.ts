// Bandwidth and protocols on a connection: set in the inspector with the keyboard, seen on the
// canvas (a saturated link is drawn so) and read in the dock's line about the connection.
import { expect, test } from '@playwright/test';
import { payloadDesign } from '../shared/testing/designs';
import { edgeMiddle, liveLayer, openWithDesign, waitForSimTime } from './run-helpers';

type LinkStats = { saturatedEdges: string[]; linkUtilization: Record<string, number> };

test('a bandwidth set on a connection in the inspector saturates it in the run: drawn saturated, its load read in the dock', async ({
  page,
}) => {
  // 120 pages/s of 10 KB responses: at 8 Mbit/s that is 1.2× what the link can send back.
  await openWithDesign(page, payloadDesign(120));
  const middle = await edgeMiddle(page, 'web->api');
  await page.mouse.click(middle.x, middle.y);
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('Browsers → API');
  await expect(inspector.locator('summary', { hasText: 'Bandwidth' })).toBeVisible();

  // The protocol says what it costs.
  await page.getByTestId('inspector-protocol').selectOption('rest');
  await expect(page.getByTestId('inspector-protocol-costs')).toContainText('REST: JSON over HTTP/1.1');
  await expect(page.getByTestId('inspector-protocol-costs')).toContainText('0.5 KB of headers per message');

  const bandwidth = page.getByTestId('inspector-bandwidthMbps');
  await bandwidth.click();
  await page.keyboard.type('8');
  await page.keyboard.press('Enter');
  await expect
    .poll(() =>
      page.evaluate(() => window.__backpressure!.document().edges.find((e) => e.id === 'web->api')?.params),
    )
    .toMatchObject({ bandwidthMbps: 8, protocol: 'rest' });

  await page.getByTestId('cmd-run.toggle').click();
  await waitForSimTime(page, 4000);
  await expect
    .poll(async () => ((await liveLayer(page)) as unknown as LinkStats).saturatedEdges, { timeout: 15_000 })
    .toContain('web->api');
  const stats = (await liveLayer(page)) as unknown as LinkStats;
  expect(stats.linkUtilization['web->api']).toBeGreaterThan(0.9);

  // The dock's line about the selected connection: the way back is the busy one.
  const back = page.getByTestId('edge-back');
  await expect(back).toContainText('of 8 Mbit/s');
  await expect
    .poll(async () => Number(/← (\d+(?:\.\d+)?)%/.exec((await back.textContent()) ?? '')?.[1] ?? 0))
    .toBeGreaterThanOrEqual(90);
  await expect(page.getByTestId('edge-protocol')).toHaveText('REST: JSON over HTTP/1.1');
  await page.screenshot({ path: '/tmp/run-bandwidth.png' });
});
