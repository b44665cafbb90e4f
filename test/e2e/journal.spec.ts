import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { MenuPage } from './pages/menu-page';
import { ServicesPage } from './pages/services-page';

test('the push journal lists a push with its steps and outcome, by service name, for the project and per service', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const services = new ServicesPage(page);
  const menu = new MenuPage(page);

  await menu.choose('File', 'Push journal…');
  const journal = page.getByRole('dialog', { name: 'Push journal' });
  await expect(journal.getByRole('status')).toHaveText('No push has been recorded in this project yet.');
  await journal.getByRole('button', { name: 'Close' }).click();

  await services.create({ name: 'athens-patras', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'] });
  await services.plan('athens-patras');
  await app.tab('Push');
  const provision = page.getByRole('checkbox', { name: /provision/ });
  if ((await provision.count()) > 0 && !(await provision.isChecked())) await provision.check();
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(page.getByTestId('push-message')).toContainText('applied and verified');

  await menu.choose('File', 'Push journal…');
  const list = journal.getByRole('list', { name: 'Push transactions' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  const tx = list.getByRole('listitem').first();
  await expect(tx).toContainText('Push');
  await expect(tx).toContainText('Committed');
  await expect(tx).toContainText('athens-patras');
  await tx.locator('summary').click();
  const steps = tx.getByRole('table', { name: 'Steps' }).locator('tbody tr');
  expect(await steps.count()).toBeGreaterThan(0);
  await expect(steps.filter({ hasText: 'athens-patras' }).first()).toBeVisible();
  await app.screenshot('journal-01-push');

  // Per service: the service filter narrows the list.
  await journal.getByLabel('Service').selectOption({ label: 'athens-patras' });
  await expect(page.getByRole('dialog', { name: 'Push journal of “athens-patras”' }).getByRole('list', { name: 'Push transactions' }).getByRole('listitem')).toHaveCount(1);
});
