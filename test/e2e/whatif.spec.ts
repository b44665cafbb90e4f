import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ServicesPage } from './pages/services-page';

/**
 * What-if on the graph (issue #16): marking an element down from the graph's menu lists the
 * affected services right there, and their paths are drawn broken where the failure cuts them.
 */
test('marking a bridge down lists the broken service on the graph and draws its path cut', async ({ page, server }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const app = await AppPage.open(page, server.url);
  const services = new ServicesPage(page);
  await services.create({ name: 'athens-patras', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'] });
  await services.plan('athens-patras');

  await app.tab('Elements');
  await app.list('Bridges').getByRole('button', { name: /^vbr2/ }).click();
  await page.locator('body').press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions on the bridge' });
  await expect(menu.getByRole('group', { name: 'Services through here' })).toContainText('athens-patras');
  await menu.getByRole('menuitem', { name: 'Mark down (what-if)' }).click();

  const card = page.getByRole('region', { name: 'What-if on the graph' });
  await expect(card.getByRole('list', { name: 'Elements marked down' })).toContainText('vbr2');
  await expect(card.getByRole('list', { name: 'Affected services' })).toContainText('athens-patras');
  // Both directions are cut where they enter vbr2's ports.
  await expect(app.graph).toHaveAttribute('data-broken-paths', /forward: .+ x .+/);
  await expect(app.graph).toHaveAttribute('data-broken-paths', /reverse: /);
  await app.screenshot('whatif-on-graph');

  await card.getByRole('button', { name: 'Restore vbr2' }).click();
  await expect(card).toBeHidden();
  await expect(app.graph).toHaveAttribute('data-broken-paths', '');
});
