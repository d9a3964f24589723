// The toolbar at screen-share sizes: nothing overlaps, and groups that do not fit fold into a More
// menu built from the same commands (renderer/panels/Toolbar.tsx).
import { expect, test, type Page } from '@playwright/test';
import { loadDesign, openApp, REFERENCE_DESIGN } from './panels-fixtures';

const LONG_TITLE = 'Checkout platform redesign for the holiday peak, with regional failover (draft 3)';

/** Every button, select and the title block in the toolbar, as page boxes. */
async function toolbarBoxes(page: Page) {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'header.toolbar .toolbar-brand, header.toolbar button, header.toolbar select',
      ),
    ]
      .filter((element) => element.offsetParent !== null && !element.closest('[role="menu"]'))
      .map((element) => {
        const box = element.getBoundingClientRect();
        const name = element.dataset.testid ?? element.getAttribute('aria-label') ?? element.className;
        return { name, left: box.left, right: box.right, top: box.top, bottom: box.bottom };
      }),
  );
}

async function expectNoOverlap(page: Page, width: number) {
  const boxes = await toolbarBoxes(page);
  expect(boxes.length).toBeGreaterThan(8);
  const overlaps: string[] = [];
  for (const [i, a] of boxes.entries()) {
    expect(a.left, a.name).toBeGreaterThanOrEqual(0);
    expect(a.right, a.name).toBeLessThanOrEqual(width);
    for (const b of boxes.slice(i + 1)) {
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      if (!apart) overlaps.push(`${a.name} × ${b.name}`);
    }
  }
  expect(overlaps).toEqual([]);
}

test('at 1280×720 with a long title no toolbar element overlaps another; the title ends in an ellipsis', async ({
  page,
}) => {
  await openApp(page);
  await loadDesign(page, { ...REFERENCE_DESIGN, meta: { title: LONG_TITLE, notes: '' } });
  const title = page.getByTestId('toolbar-title');
  await expect(title).toContainText('Checkout platform');
  await expect(title).toHaveAttribute('title', LONG_TITLE);
  expect(await title.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  await expect(page.getByTestId('cmd-run.toggle')).toBeVisible();
  await expectNoOverlap(page, 1280);
});

test('groups that do not fit wait in the More menu and run from there', async ({ page }) => {
  await openApp(page);
  await loadDesign(page, { ...REFERENCE_DESIGN, meta: { title: LONG_TITLE, notes: '' } });
  // The panel toggles fold first; the file commands always stay.
  await expect(page.getByTestId('cmd-file.save')).toBeVisible();
  await expect(page.getByTestId('cmd-view.togglePalette')).toHaveCount(0);
  const more = page.getByTestId('toolbar-more');
  await more.click();
  const menu = page.getByTestId('toolbar-more-menu');
  await expect(menu).toBeVisible();
  const palette = menu.getByTestId('cmd-view.togglePalette');
  await expect(palette).toContainText('Show/hide palette');
  await expect(palette).toContainText(/Ctrl\+B|⌘B/);
  await expect(palette).toHaveAttribute('aria-checked', 'true');
  await palette.click();
  await expect(menu).toHaveCount(0);
  await expect(page.getByTestId('palette')).toHaveCount(0);

  // Keyboard: the first item has focus, arrows move, Enter runs, Escape closes.
  await more.click();
  await expect(menu.getByTestId('cmd-view.togglePalette')).toBeFocused();
  await expect(menu.getByTestId('cmd-view.togglePalette')).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toBeVisible();
  await more.click();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByTestId('cmd-view.toggleInspector')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(more).toBeFocused();
  await expect(page.getByTestId('inspector')).toBeVisible();
});

test('a narrower window folds more groups and still nothing overlaps; a wide one folds none', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  await openApp(page);
  await loadDesign(page, { ...REFERENCE_DESIGN, meta: { title: LONG_TITLE, notes: '' } });
  await expectNoOverlap(page, 1024);
  await page.getByTestId('toolbar-more').click();
  await expect(page.getByTestId('toolbar-more-menu').getByTestId('cmd-help.shortcuts')).toBeVisible();

  await page.setViewportSize({ width: 1600, height: 900 });
  await expect(page.getByTestId('toolbar-more')).toHaveCount(0);
  await expect(page.getByTestId('cmd-view.togglePalette')).toBeVisible();
  await expectNoOverlap(page, 1600);
});
