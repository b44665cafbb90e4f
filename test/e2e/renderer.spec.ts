import type { Page } from '@playwright/test';
import { palettes, type Theme } from '../../renderer/graph/style';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { MenuPage } from './pages/menu-page';
import { colourCounts } from './pages/pixels';
import { ServicesPage } from './pages/services-page';

/** Plans an Athens → Patras service on the sample and returns how much of each path colour the graph shows. */
async function planAndCountPathColours(page: Page): Promise<void> {
  const app = new AppPage(page);
  const services = new ServicesPage(page);
  await services.create({ name: 'athens-patras', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'] });
  await services.plan('athens-patras');
  await expect(app.graph).toHaveAttribute('data-highlighted-path', /^forward: .+; reverse: .+/);
  const palette = palettes[(await page.locator('html').getAttribute('data-theme')) as Theme];
  // Meaning is carried by colour: both paths must show in their own colour whatever the renderer
  // (the WebGL renderer draws every edge solid, so dashes cannot be what tells them apart).
  await expect
    .poll(async () => {
      const counts = await colourCounts(app.graph, { forward: palette.forward, reverse: palette.reverse });
      return Math.min(counts.forward!, counts.reverse!);
    }, { message: 'pixels in the forward and in the reverse path colour' })
    .toBeGreaterThan(150);
}

test('the canvas renderer draws the forward and reverse paths in their own colours', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await expect(app.graph).toHaveAttribute('data-renderer', 'canvas');
  await planAndCountPathColours(page);
});

test('View → WebGL renderer redraws the graph with WebGL, keeps the paths in colour, and is remembered', async ({ page, server }) => {
  const app = new AppPage(page);
  const menu = new MenuPage(page);
  await app.load(server.url);
  await menu.choose('View', 'WebGL renderer');
  await expect(app.graph).toHaveAttribute('data-renderer', 'webgl');
  await expect(app.graph.locator('canvas[data-id="layer3-webgl"]')).toHaveCount(1);
  await app.expectDrawn('3 bridges', '3 PoPs', '3 links');
  await planAndCountPathColours(page);
  await app.screenshot('renderer-webgl-plan');

  // Selection still works through WebGL picking.
  await app.tab('Inspector');
  const at = await app.selectBySearch('if_customer');
  await page.mouse.click(at.x, at.y);
  await expect(page.getByRole('form', { name: /^Edit Port/ })).toBeVisible();

  await page.reload();
  await app.waitReady();
  await expect(app.graph).toHaveAttribute('data-renderer', 'webgl');
  await menu.choose('View', 'WebGL renderer');
  await expect(app.graph).toHaveAttribute('data-renderer', 'canvas');
});
