import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { MenuPage } from './pages/menu-page';
import { PalettePage } from './pages/palette-page';
import { ServicesPage } from './pages/services-page';

test('journey: edit the sample, plan and trace a service, save and reopen', async ({ page, server }) => {
  const app = new AppPage(page);
  const menu = new MenuPage(page);
  const palette = new PalettePage(page);
  const services = new ServicesPage(page);

  await page.goto(server.url);
  await app.waitReady();
  await app.expectDrawn('3 bridges', '3 PoPs', '3 links');
  await app.screenshot('journey-01-sample');

  // Add a PoP on vbr3's campus port, then draw a link by dragging from port to port.
  await palette.add('PoP', { Name: 'pop-crete', Port: 'vbr3 / if_crete_lan' });
  await app.expectDrawn('4 PoPs');
  const from = await app.selectBySearch('if_customer');
  const to = await app.selectBySearch('if_crete_lan');
  await page.getByRole('button', { name: 'Link mode' }).click();
  await app.drag(from, to);
  await app.expectDrawn('4 links');
  await page.getByRole('button', { name: 'Link mode' }).click();
  await app.screenshot('journey-02-edited');

  // Undo removes the link, redo brings it back.
  await app.undoButton.click();
  await app.expectDrawn('3 links', '4 PoPs');
  await app.redoButton.click();
  await app.expectDrawn('4 links');

  // A service from Athens to Patras, planned: its paths are drawn and its rules listed.
  await services.create({ name: 'athens-patras', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'] });
  await services.plan('athens-patras');
  await expect(services.item('athens-patras').getByTestId('service-state')).toHaveText('planned');
  await expect(app.graph).toHaveAttribute('data-highlighted-path', /^forward: pt-vbr1-customer > pt-vbr1-athens > .*pt-vbr2-patras > pt-vbr2-internet; reverse: pt-vbr2-internet > /);
  await expect(services.rules.getByRole('row')).not.toHaveCount(1);
  await expect(services.rules).toContainText(/192\.168\.10\.0\/24 →\s*10\.20\.0\.0\/24/);
  await page.getByRole('button', { name: 'Next hop' }).click();
  await expect(services.hopPosition).toHaveText(/^Hop 2 of \d+$/);
  await app.screenshot('journey-03-plan');

  // Trace… is prefilled from the service's segments and the packet is delivered.
  await services.trace();
  await expect(page.getByLabel('Source address')).toHaveValue('192.168.10.1');
  await expect(services.disposition).toHaveText('DELIVERED');
  await expect(app.graph).toHaveAttribute('data-trace', 'DELIVERED');
  await app.screenshot('journey-04-trace');

  // Save under a new path, start over, and open it again through the menu.
  const file = join(server.dataDir, 'journey.wicm');
  await menu.saveAs(file);
  await expect(app.projectName).not.toHaveText(/^•/);
  await app.screenshot('journey-05-saved');
  await menu.newEmpty();
  await app.expectDrawn('0 bridges');
  await menu.open(file);
  await app.expectDrawn('3 bridges', '4 PoPs', '4 links');
  await expect(services.item('athens-patras')).toBeVisible();
  await expect(services.item('athens-patras').getByTestId('service-state')).toHaveText('planned');
  await app.screenshot('journey-06-reopened');
});
