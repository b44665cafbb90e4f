import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ServicesPage } from './pages/services-page';

test('a port\'s VLAN pool: set in the inspector, its tags allocated by the plan, then pushed to the ONOS lab', async ({ page, server }) => {
  const app = new AppPage(page);
  const services = new ServicesPage(page);
  await app.load(server.url);

  const inspectAthensPort = async (): Promise<void> => {
    await app.tab('Inspector');
    await app.selectBySearch('if_athens');
    await expect(page.getByRole('form', { name: /^Edit Port/ })).toBeVisible();
  };
  await inspectAthensPort();
  await page.getByText('VLAN pool (default 400–500)').click();
  const pool = page.getByRole('form', { name: 'VLAN pool' });

  // The engine refuses a backwards range next to the field it is about.
  await pool.getByLabel('First VLAN').fill('300');
  await pool.getByLabel('Last VLAN').fill('200');
  await pool.getByRole('button', { name: 'Set pool' }).click();
  await expect(pool.getByText(/last must not be below first/)).toBeVisible();
  await pool.getByLabel('Last VLAN').fill('309');
  await pool.getByRole('button', { name: 'Set pool' }).click();
  await expect(page.getByText('VLAN pool 300–309', { exact: true })).toBeVisible();

  // Planning a chain through pop-athens takes a tag there each way.
  await services.create({ name: 'athens-patras', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'] });
  await services.plan('athens-patras');
  await expect(services.rules).toContainText('300');
  await inspectAthensPort();
  const strip = page.getByRole('list', { name: 'VLAN tags 300 to 309' });
  await expect(page.getByText(/VLAN pool 300–309:\s+0 pushed,\s+2 allocated,\s+8 free/)).toBeVisible();
  await expect(strip.getByRole('listitem', { name: 'VLAN 300 allocated to athens-patras' })).toHaveCount(1);

  // Pushed to a controller, the same tags show as pushed.
  await app.tab('Push');
  await page.getByRole('combobox', { name: 'Target' }).selectOption('lab-onos');
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(page.getByTestId('push-message')).toContainText('applied and verified');
  await inspectAthensPort();
  await expect(page.getByText(/VLAN pool 300–309:\s+2 pushed,\s+0 allocated,\s+8 free/)).toBeVisible();
  await expect(strip.getByRole('listitem', { name: 'VLAN 301 pushed to athens-patras' })).toHaveCount(1);
  await app.screenshot('vlan-pool-pushed');
});
