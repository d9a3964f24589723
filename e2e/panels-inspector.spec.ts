import { expect, test, type Page } from '@playwright/test';
import { documentOf, loadDesign, openApp, select } from './panels-fixtures';

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await loadDesign(page);
});

const nodeParams = async (page: Page, id: string) =>
  (await documentOf(page)).nodes.find((node) => node.id === id)!.params;

/** Types into an inspector field the way a person does: click, select all, type, then Enter. */
async function typeInto(page: Page, testId: string, text: string, commitKey = 'Enter') {
  const field = page.getByTestId(testId);
  await field.scrollIntoViewIfNeeded();
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  await page.keyboard.press(commitKey);
}

test('the inspector shows every catalog parameter of the selected node, with unit, range and description', async ({
  page,
}) => {
  await select(page, { nodes: ['db-1'] });
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('Orders DB');
  for (const param of ['engine', 'readTimeMs', 'rows', 'indexed', 'shards', 'replication', 'electionMs']) {
    await expect(page.getByTestId(`inspector-${param}`)).toHaveCount(1);
  }
  await expect(inspector).toContainText('Sharding and replication');
  // Range and description: in the "?" tooltip, and beside the inspector while the field has focus.
  const about = page.getByTestId('inspector-shards-about');
  await about.scrollIntoViewIfNeeded();
  await about.hover();
  const help = '1–1,024 shards, whole numbers. Horizontal partitions; each has a leader and replicas.';
  await expect(page.getByRole('tooltip')).toHaveText(help);
  await expect(page.getByTestId('inspector-shards-help')).toHaveCount(0);
  await page.getByTestId('inspector-shards').click();
  await expect(page.getByTestId('inspector-shards-help')).toHaveText(help);
  // It sits left of the inspector, so it never covers the field being typed into.
  const popover = (await page.getByTestId('inspector-shards-help').boundingBox())!;
  expect(popover.x + popover.width).toBeLessThanOrEqual((await inspector.boundingBox())!.x);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('inspector-shards-help')).toHaveCount(0);
  await expect(page.getByTestId('inspector-shardBy-help')).toBeVisible();
  // The unit sits beside the box.
  await expect(inspector.locator('.field', { has: page.getByTestId('inspector-shards') })).toContainText(
    'shards',
  );
});

test('editing a node parameter in the inspector changes the document, as one undo step', async ({ page }) => {
  await select(page, { nodes: ['api-1'] });
  await typeInto(page, 'inspector-workers', '32');
  await expect.poll(async () => (await nodeParams(page, 'api-1')).workers).toBe(32);

  // Tab commits too, and an enum and a checkbox change with a click.
  await typeInto(page, 'inspector-serviceTimeMs', '12.5', 'Tab');
  await expect.poll(async () => (await nodeParams(page, 'api-1')).serviceTimeMs).toBe(12.5);
  await page.getByTestId('inspector-serviceDist').selectOption('lognormal');
  await expect.poll(async () => (await nodeParams(page, 'api-1')).serviceDist).toBe('lognormal');
  await page.getByTestId('inspector-blockingCalls').click();
  await expect.poll(async () => (await nodeParams(page, 'api-1')).blockingCalls).toBe(false);

  // Reset puts a changed parameter back to its catalog default (left out of the file), undoably.
  await page.getByTestId('inspector-blockingCalls-reset').click();
  await expect.poll(async () => 'blockingCalls' in (await nodeParams(page, 'api-1'))).toBe(false);
  await expect(page.getByTestId('inspector-blockingCalls')).toBeChecked();
  await expect(page.getByTestId('inspector-blockingCalls-reset')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(async () => (await nodeParams(page, 'api-1')).blockingCalls).toBe(false);

  // Undo walks back one edit at a time (keyboard, then the toolbar button).
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(async () => (await nodeParams(page, 'api-1')).blockingCalls).toBeUndefined();
  await page.getByTestId('cmd-edit.undo').click();
  await expect.poll(async () => (await nodeParams(page, 'api-1')).serviceDist).toBeUndefined();
  await page.getByTestId('cmd-edit.undo').click();
  await page.getByTestId('cmd-edit.undo').click();
  await expect.poll(async () => (await nodeParams(page, 'api-1')).workers).toBe(8);
  await expect(page.getByTestId('inspector-workers')).toHaveValue('8');
  await page.getByTestId('cmd-edit.redo').click();
  await expect(page.getByTestId('inspector-workers')).toHaveValue('32');
});

test('bad input is refused inline with the reason and never reaches the document', async ({ page }) => {
  await select(page, { nodes: ['api-1'] });
  const before = await documentOf(page);

  await typeInto(page, 'inspector-workers', '0');
  await expect(page.getByTestId('inspector-workers-error')).toContainText('≥ 1');
  await typeInto(page, 'inspector-workers', '2.5');
  await expect(page.getByTestId('inspector-workers-error')).toContainText('integer');
  await typeInto(page, 'inspector-workers', 'lots');
  await expect(page.getByTestId('inspector-workers-error')).toContainText('Not a number: "lots"');
  await typeInto(page, 'inspector-errorRate', '1.5');
  await expect(page.getByTestId('inspector-errorRate-error')).toContainText('≤ 1');
  // Leaving the field keeps the refused text on screen so it can be fixed, and still writes nothing.
  await page.getByTestId('inspector-errorRate').blur();
  await expect(page.getByTestId('inspector-errorRate')).toHaveValue('1.5');
  await expect(page.getByTestId('inspector-errorRate')).toHaveAttribute('aria-invalid', 'true');

  expect(await documentOf(page)).toEqual(before);
  await expect(page.getByTestId('cmd-edit.undo')).toBeDisabled();

  // Fixing the value clears the message and applies it; Escape throws away a refused draft.
  await typeInto(page, 'inspector-errorRate', '0.25');
  await expect(page.getByTestId('inspector-errorRate-error')).toHaveCount(0);
  await expect.poll(async () => (await nodeParams(page, 'api-1')).errorRate).toBe(0.25);
  await typeInto(page, 'inspector-workers', '-3');
  await expect(page.getByTestId('inspector-workers-error')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inspector-workers-error')).toHaveCount(0);
  await expect(page.getByTestId('inspector-workers')).toHaveValue('8');
});

test('an optional parameter shows "unbounded" and can be cleared back to unbounded', async ({ page }) => {
  await select(page, { nodes: ['api-2'] });
  const queueCapacity = page.getByTestId('inspector-queueCapacity');
  await expect(queueCapacity).toHaveValue('');
  await expect(queueCapacity).toHaveAttribute('placeholder', 'unbounded');

  await typeInto(page, 'inspector-queueCapacity', '500');
  await expect.poll(async () => (await nodeParams(page, 'api-2')).queueCapacity).toBe(500);

  // Emptying the box, or the ∞ button, leaves the parameter out of the file: unbounded.
  await typeInto(page, 'inspector-queueCapacity', '');
  await expect.poll(async () => 'queueCapacity' in (await nodeParams(page, 'api-2'))).toBe(false);
  await typeInto(page, 'inspector-queueCapacity', '64');
  await expect.poll(async () => (await nodeParams(page, 'api-2')).queueCapacity).toBe(64);
  await page.getByTestId('inspector-queueCapacity-unbounded').click();
  await expect.poll(async () => 'queueCapacity' in (await nodeParams(page, 'api-2'))).toBe(false);
  await expect(queueCapacity).toHaveAttribute('placeholder', 'unbounded');
});

test('a client says which timeout is which: the request deadline covers retries, an attempt timeout is optional', async ({
  page,
}) => {
  await select(page, { nodes: ['client-1'] });
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('Request deadline');
  await expect(inspector).toContainText('Attempt timeout');
  await page.getByTestId('inspector-timeoutMs').click();
  await expect(page.getByTestId('inspector-timeoutMs-help')).toContainText(
    'every attempt, retry and backoff included',
  );
  const attempt = page.getByTestId('inspector-attemptTimeoutMs');
  await expect(attempt).toHaveValue('');
  await attempt.click();
  await expect(page.getByTestId('inspector-attemptTimeoutMs-help')).toContainText(
    'a retry follows if retries and deadline allow',
  );
  await typeInto(page, 'inspector-attemptTimeoutMs', '250');
  await expect.poll(async () => (await nodeParams(page, 'client-1')).attemptTimeoutMs).toBe(250);
});

test('a multi-selection shows "mixed" and edits a shared parameter on all nodes in one undo step', async ({
  page,
}) => {
  await select(page, { nodes: ['api-1', 'api-2', 'cache-1'] });
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('3 nodes');
  // Only parameters every selected kind has: a cache has no service time, but all have instances.
  await expect(page.getByTestId('inspector-serviceTimeMs')).toHaveCount(0);
  await expect(page.getByTestId('inspector-instances')).toHaveValue('1');

  await select(page, { nodes: ['api-1', 'api-2'] });
  await expect(page.getByTestId('inspector-workers')).toHaveAttribute('placeholder', 'mixed');
  await expect(page.getByTestId('inspector-workers')).toHaveValue('');

  await typeInto(page, 'inspector-workers', '24');
  await expect.poll(async () => (await nodeParams(page, 'api-1')).workers).toBe(24);
  expect((await nodeParams(page, 'api-2')).workers).toBe(24);
  await expect(page.getByTestId('inspector-workers')).toHaveValue('24');

  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(async () => (await nodeParams(page, 'api-1')).workers).toBe(8);
  expect((await nodeParams(page, 'api-2')).workers).toBe(16);
});

test('a selected connection edits its latency, filter, weight and async flag', async ({ page }) => {
  await select(page, { edges: ['e-4'] });
  await expect(page.getByTestId('inspector')).toContainText('API 1 → Cache');
  await expect(page.getByTestId('inspector-latencyMs')).toHaveValue('2');
  await typeInto(page, 'inspector-latencyMs', '40');
  await page.getByTestId('inspector-filter').selectOption('reads');
  await typeInto(page, 'inspector-weight', '3');
  await page.getByTestId('inspector-async').check();
  await expect
    .poll(async () => (await documentOf(page)).edges.find((edge) => edge.id === 'e-4')!.params)
    .toEqual({ latencyMs: 40, filter: 'reads', weight: 3, async: true });
  await typeInto(page, 'inspector-latencyMs', '-1');
  await expect(page.getByTestId('inspector-latencyMs-error')).toContainText('≥ 0');
});

test('a node label and a sticky note text are edited in the inspector', async ({ page }) => {
  await select(page, { nodes: ['lb-1'] });
  await typeInto(page, 'inspector-label', 'Edge LB');
  await expect
    .poll(async () => (await documentOf(page)).nodes.find((node) => node.id === 'lb-1')!.label)
    .toBe('Edge LB');

  await select(page, { notes: ['note-1'] });
  const text = page.getByTestId('inspector-text');
  await text.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Peak: 2k rps');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Black Friday');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect.poll(async () => (await documentOf(page)).notes[0].text).toBe('Peak: 2k rps\nBlack Friday');
});

test('with nothing selected the inspector edits the title, notes, SLO targets and scenario', async ({
  page,
}) => {
  await select(page, {});
  await typeInto(page, 'inspector-title', 'Checkout v2');
  await expect.poll(async () => (await documentOf(page)).meta.title).toBe('Checkout v2');
  await expect(page.getByTestId('toolbar-title')).toContainText('Checkout v2');

  await typeInto(page, 'inspector-p99Ms', '150');
  await typeInto(page, 'inspector-minThroughputRps', '800');
  await typeInto(page, 'inspector-maxErrorRate', '0.001');
  await typeInto(page, 'inspector-durationS', '120');
  await typeInto(page, 'inspector-seed', '42');
  const design = await documentOf(page);
  expect(design.slo).toEqual({ p99Ms: 150, minThroughputRps: 800, maxErrorRate: 0.001 });
  // A fraction also reads as the percentage it is.
  await expect(page.getByTestId('inspector-maxErrorRate').locator('..').locator('.field-unit')).toHaveText(
    'fraction · 0.1%',
  );
  expect(design.scenario).toMatchObject({ durationS: 120, seed: 42, warmupS: 5 });

  // A warm-up as long as the run would leave nothing to measure: refused with the reason.
  await typeInto(page, 'inspector-warmupS', '120');
  await expect(page.getByTestId('inspector-warmupS-error')).toContainText('shorter than the run');
  await typeInto(page, 'inspector-seed', '1.5');
  await expect(page.getByTestId('inspector-seed-error')).toBeVisible();
  expect((await documentOf(page)).scenario).toMatchObject({ durationS: 120, seed: 42, warmupS: 5 });
});

test('scenario events are listed and can be removed (undoable)', async ({ page }) => {
  await select(page, {});
  const events = page.getByTestId('inspector-events');
  await events.scrollIntoViewIfNeeded();
  await expect(events.locator('li')).toHaveCount(2);
  await expect(events).toContainText('kill API 1');
  await expect(events).toContainText('slow Orders DB ×3 for 10 s');
  await page.getByTestId('inspector-event-remove-0').click();
  await expect(events.locator('li')).toHaveCount(1);
  expect((await documentOf(page)).scenario.events.map((event) => event.action)).toEqual(['slow']);
  await page.getByTestId('cmd-edit.undo').click();
  await expect(events.locator('li')).toHaveCount(2);
});

test('nodes shift-clicked on the canvas are edited together in the inspector', async ({ page }) => {
  await page.evaluate(() => window.__backpressure!.runCommand('view.zoomToFit'));
  const at = (id: string) =>
    page.evaluate(
      (nodeId) =>
        (window.__backpressure!.nodeScreenPosition as (id: string) => { x: number; y: number })(nodeId),
      id,
    );
  const first = await at('api-1');
  const second = await at('api-2');
  await page.mouse.click(first.x, first.y);
  await page.keyboard.down('Shift');
  await page.mouse.click(second.x, second.y);
  await page.keyboard.up('Shift');
  await expect(page.getByTestId('inspector')).toContainText('2 nodes');
  expect((await page.evaluate(() => window.__backpressure!.selection())).nodes.sort()).toEqual([
    'api-1',
    'api-2',
  ]);

  await typeInto(page, 'inspector-instances', '3');
  const nodes = (await documentOf(page)).nodes.filter((node) => node.id.startsWith('api-'));
  expect(nodes.map((node) => node.params.instances)).toEqual([3, 3]);
});

const runStatus = (page: Page) =>
  page.evaluate(() => (window.__backpressure as unknown as { run: () => { status: string } }).run().status);

test('Enter in an inspector field applies the value and hands the keyboard back: Space then runs the design', async ({
  page,
}) => {
  await select(page, { nodes: ['api-1'] });
  await typeInto(page, 'inspector-workers', '4');
  await expect.poll(async () => (await nodeParams(page, 'api-1')).workers).toBe(4);
  await expect(page.getByTestId('canvas')).toBeFocused();
  await page.keyboard.press('Space');
  await expect.poll(() => runStatus(page)).toBe('running');
  // Space went to the canvas, not into the field (the reviewer saw "4 ").
  await expect(page.getByTestId('canvas')).toBeFocused();
  expect((await nodeParams(page, 'api-1')).workers).toBe(4);
});

test('Escape in an inspector field puts the stored value back and returns focus to the canvas', async ({
  page,
}) => {
  await select(page, { nodes: ['client-1'] });
  await typeInto(page, 'inspector-rps', '800', 'Escape');
  await expect(page.getByTestId('inspector-rps')).toHaveValue('500');
  await expect(page.getByTestId('canvas')).toBeFocused();
  expect((await nodeParams(page, 'client-1')).rps).toBe(500);
  // Canvas keys work again: Shift+1 (zoom to fit) types nothing into the field.
  await page.keyboard.press('Shift+Digit1');
  await expect(page.getByTestId('inspector-rps')).toHaveValue('500');
  // A refused value keeps focus in the field so it can be corrected.
  await typeInto(page, 'inspector-rps', '-3');
  await expect(page.getByTestId('inspector-rps')).toBeFocused();
  await expect(page.getByTestId('inspector-rps')).toHaveValue('-3');
});

test('fields that do not matter stay hidden until the deciding parameter makes them matter', async ({
  page,
}) => {
  await select(page, { nodes: ['db-1'] });
  await expect(page.getByTestId('inspector-replication')).toBeVisible();
  await expect(page.getByTestId('inspector-quorumW')).toHaveCount(0);
  await page.getByTestId('inspector-replication').scrollIntoViewIfNeeded();
  await page.getByTestId('inspector-replication').selectOption('leaderless');
  await expect.poll(async () => (await nodeParams(page, 'db-1')).replication).toBe('leaderless');
  for (const param of ['quorumN', 'quorumW', 'quorumR'])
    await expect(page.getByTestId(`inspector-${param}`)).toHaveCount(1);
  // A client in open mode has no think time; switching to closed mode shows it and hides the rate.
  await select(page, { nodes: ['client-1'] });
  await expect(page.getByTestId('inspector-rps')).toHaveCount(1);
  await expect(page.getByTestId('inspector-thinkTimeMs')).toHaveCount(0);
  await page.getByTestId('inspector-mode').selectOption('closed');
  await expect(page.getByTestId('inspector-thinkTimeMs')).toHaveCount(1);
  await expect(page.getByTestId('inspector-rps')).toHaveCount(0);
});
