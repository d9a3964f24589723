import { expect, test } from '@playwright/test';
import { documentOf, loadDesign, openApp, select } from './panels-fixtures';

test.beforeEach(async ({ page }) => openApp(page));

test('Ctrl/Cmd+K opens the command palette; fuzzy typing and Enter runs the command', async ({ page }) => {
  await page.keyboard.press('ControlOrMeta+K');
  const palette = page.getByTestId('command-palette');
  await expect(palette).toBeVisible();
  await expect(page.getByTestId('command-palette-input')).toBeFocused();

  // "shpal" is a fuzzy hit for "Show/hide palette".
  await page.keyboard.type('shpal');
  await expect(palette.getByRole('option').first()).toContainText('Show/hide palette');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(page.getByTestId('palette')).toHaveCount(0);
});

test('the command palette lists every registered command with its shortcut; arrows move, Escape closes', async ({
  page,
}) => {
  await page.getByTestId('cmd-view.commandPalette').click();
  const options = page.getByTestId('command-palette').getByRole('option');
  const registered = await page.evaluate(() =>
    window.__backpressure!.commands().map((command) => command.id),
  );
  // Everything registered except the palette itself.
  await expect(options).toHaveCount(registered.length - 1);
  await expect(page.getByTestId('command-palette-item-edit.undo')).toContainText(/Ctrl\+Z|⌘Z/);

  await page.keyboard.type('theme');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('command-palette')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');

  // Arrow down, down, up then Enter runs the second match.
  await page.keyboard.press('ControlOrMeta+K');
  await page.keyboard.type('show/hide');
  await expect(options).toHaveCount(3);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  const second = (await options.nth(1).getAttribute('data-testid'))!.replace(
    'command-palette-item-view.',
    '',
  );
  const panelOf: Record<string, string> = {
    togglePalette: 'palette',
    toggleInspector: 'inspector',
    toggleDock: 'dock',
  };
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(panelOf[second])).toHaveCount(0);
  for (const [command, panel] of Object.entries(panelOf))
    if (command !== second) await expect(page.getByTestId(panel)).toBeVisible();
});

test('commands that cannot run now are dimmed in the palette and Enter does not run them', async ({
  page,
}) => {
  await page.keyboard.press('ControlOrMeta+K');
  await page.keyboard.type('undo');
  const undo = page.getByTestId('command-palette-item-edit.undo');
  await expect(undo).toHaveAttribute('aria-disabled', 'true');
  await expect(undo).toHaveCSS('opacity', '0.5');
  await expect(undo).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  // A real click too (forced: Playwright would otherwise wait for an aria-disabled item to enable).
  await undo.click({ force: true });
  // Still open: nothing ran.
  await expect(page.getByTestId('command-palette')).toBeVisible();

  // After an edit, undo is enabled and runs from the palette.
  await page.keyboard.press('Escape');
  await loadDesign(page);
  await select(page, {});
  const title = page.getByTestId('inspector-title');
  await title.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Renamed');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await documentOf(page)).meta.title).toBe('Renamed');
  await page.keyboard.press('ControlOrMeta+K');
  await page.keyboard.type('undo');
  await expect(page.getByTestId('command-palette-item-edit.undo')).toHaveAttribute('aria-disabled', 'false');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await documentOf(page)).meta.title).toBe('Checkout');
});

test('? opens the shortcut sheet with every registered command grouped by menu; Escape closes it', async ({
  page,
}) => {
  // Plain keys belong to the canvas, not to a text field: start from the page body.
  await page.locator('body').click({ position: { x: 600, y: 300 } });
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet).toBeVisible();
  const registered = await page.evaluate(() => window.__backpressure!.commands());
  await expect(sheet.locator('.shortcut-row')).toHaveCount(registered.length);
  await expect(page.getByTestId('shortcut-menu-edit')).toContainText('Undo');
  await expect(page.getByTestId('shortcut-edit.redo')).toContainText(/Ctrl\+Shift\+Z|⌘⇧Z/);
  await expect(page.getByTestId('shortcut-edit.redo')).toContainText(/Ctrl\+Y|⌘Y/);
  await expect(page.getByTestId('shortcut-menu-view')).toContainText('Command palette');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
});

test('toolbar buttons are disabled when their command cannot run, and show label and shortcut on hover', async ({
  page,
}) => {
  const undo = page.getByTestId('cmd-edit.undo');
  await expect(undo).toBeDisabled();
  await undo.hover({ force: true });
  await page.getByTestId('cmd-view.commandPalette').hover();
  await expect(page.getByRole('tooltip')).toHaveText(/Command palette \((Ctrl\+K|⌘K)\)/);

  await loadDesign(page);
  await select(page, { nodes: ['api-1'] });
  const workers = page.getByTestId('inspector-workers');
  await workers.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  await expect(undo).toBeEnabled();
  await expect(page.getByTestId('cmd-edit.redo')).toBeDisabled();
  await undo.click();
  await expect(undo).toBeDisabled();
  await expect(page.getByTestId('cmd-edit.redo')).toBeEnabled();
});
