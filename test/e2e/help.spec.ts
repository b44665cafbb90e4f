import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { MenuPage } from './pages/menu-page';

test('? opens the keyboard-shortcut sheet; the getting-started panel shows on first run until dismissed', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const intro = page.getByRole('complementary', { name: 'Getting started' });
  await expect(intro).toBeVisible();
  await app.screenshot('help-01-getting-started');

  await app.graph.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('table', { name: 'Project shortcuts' })).toContainText('Ctrl+S');
  await expect(sheet.getByRole('button', { name: 'Close' })).toBeFocused();
  await app.screenshot('help-02-shortcuts');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  // Typing ? in a text field is text, not the sheet.
  await app.search.fill('');
  await app.search.press('?');
  await expect(sheet).toBeHidden();

  await intro.getByRole('button', { name: 'Got it' }).click();
  await expect(intro).toBeHidden();
  await app.load(server.url);
  await expect(intro).toBeHidden();
  // Help › Getting started brings it back; Help › Keyboard shortcuts opens the sheet too.
  const menu = new MenuPage(page);
  await menu.choose('Help', 'Getting started');
  await expect(intro).toBeVisible();
  await menu.choose('Help', 'Keyboard shortcuts');
  await expect(sheet).toBeVisible();
});
