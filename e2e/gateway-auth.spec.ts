// The gateway's Authentication group in the inspector: choosing an auth mode with the mouse shows
// only the fields that mode reads (with help a learner can read), and a run then shows the auth
// cache's hit rate in the dock (real mouse and keyboard).
import { expect, test, type Page } from '@playwright/test';
import { authEdgeDesign } from '../shared/testing/designs';
import { nodeCentre } from './canvas-helpers';
import { openDock, startRun, waitForSimTime } from './dock-helpers';

const gatewayParams = async (page: Page) =>
  page.evaluate(() => window.__backpressure!.document().nodes.find((node) => node.id === 'gateway')!.params);

async function typeInto(page: Page, testId: string, text: string) {
  const field = page.getByTestId(testId);
  await field.scrollIntoViewIfNeeded();
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('choosing session auth shows its fields and hides the rest; a run shows the auth cache hit rate', async ({
  page,
}) => {
  await openDock(page, authEdgeDesign());
  const centre = await nodeCentre(page, 'gateway');
  await page.mouse.click(centre.x, centre.y);
  await expect.poll(() => page.evaluate(() => window.__backpressure!.selection().nodes)).toEqual(['gateway']);
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('Authentication');
  await expect(inspector).toContainText('TLS');

  // auth = none: none of the modes' own fields.
  const only = async (visible: string[], hidden: string[]) => {
    for (const name of visible) await expect(page.getByTestId(`inspector-${name}`)).toHaveCount(1);
    for (const name of hidden) await expect(page.getByTestId(`inspector-${name}`)).toHaveCount(0);
  };
  const lookupFields = ['authCacheTtlMs', 'authTimeoutMs', 'authFailOpen'];
  await only(['auth', 'tlsCpuMs', 'keepAliveRatio'], ['authCpuMs', ...lookupFields]);

  // jwt: the verify time, nothing about lookups.
  await page.getByTestId('inspector-auth').selectOption('jwt');
  await expect.poll(async () => (await gatewayParams(page)).auth).toBe('jwt');
  await only(['authCpuMs'], lookupFields);

  // session: the lookup's cache, timeout and failure mode; the verify time goes.
  await page.getByTestId('inspector-auth').selectOption('session');
  await expect.poll(async () => (await gatewayParams(page)).auth).toBe('session');
  await only(lookupFields, ['authCpuMs']);
  await page.getByTestId('inspector-authCacheTtlMs').click();
  await expect(page.getByTestId('inspector-authCacheTtlMs-help')).toContainText(
    'The hit rate emerges from how often each user comes back',
  );
  // 200 users at 200 req/s come back once a second: cached 5 s, about 5/6 of checks hit.
  await typeInto(page, 'inspector-authCacheTtlMs', '5000');
  await expect.poll(async () => (await gatewayParams(page)).authCacheTtlMs).toBe(5000);

  await startRun(page, 10);
  await waitForSimTime(page, 12_000);
  const hit = page.getByTestId('node-authHitRate');
  await expect(hit).toHaveText(/^auth hit \d+%$/);
  await expect
    .poll(async () => Number((await hit.textContent())!.match(/(\d+)%/)![1]), { timeout: 15_000 })
    .toBeGreaterThan(70);
  await expect(page.getByTestId('node-authFailures')).toHaveText('auth failures 0 rps');
  await expect(page.getByTestId('node-totals')).toContainText(/auth hit rate \d+%/);
});
