import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { MenuPage } from './pages/menu-page';

// A browser without WebGL (blocklisted GPU, WebGL turned off by policy).
test.use({ launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, '--disable-webgl'] } });

test('choosing the WebGL renderer where there is no WebGL says why and keeps drawing with the canvas', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await new MenuPage(page).choose('View', 'WebGL renderer');
  await expect(page.getByRole('alert')).toContainText('WebGL renderer unavailable');
  await expect(app.graph).toHaveAttribute('data-renderer', 'canvas');
  await app.expectDrawn('3 bridges', '3 PoPs', '3 links');
  // The menu tells the truth, and the next start does not try again.
  await page.getByRole('menubar').getByRole('menuitem', { name: 'View', exact: true }).click();
  await expect(page.getByRole('menu', { name: 'View' }).getByRole('menuitem', { name: /^WebGL renderer/ })).toContainText('off');
  await page.keyboard.press('Escape');
  await page.reload();
  await app.waitReady();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(app.graph).toHaveAttribute('data-renderer', 'canvas');
});
