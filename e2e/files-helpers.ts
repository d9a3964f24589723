// Shared steps of the file e2e tests.
import { expect, type Page } from '@playwright/test';

/** Renames the design in the inspector (with nothing selected it edits the document itself). */
export async function renameDesign(page: Page, title: string) {
  const field = page.getByTestId('inspector-title');
  await field.click();
  await field.fill(title);
  await field.press('Enter');
  await expect(page.getByTestId('toolbar-title')).toContainText(title);
}
