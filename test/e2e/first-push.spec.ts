import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ServicesPage } from './pages/services-page';

// Issue 16 "a push that works the first time": a fresh project, a built-in lab profile with its
// defaults, dry run then push; the same for ONOS after ticking VTN's provision box.
test('first push with the built-in lab profiles and their defaults: dry run, then push, on VTN and ONOS', async ({ page, server }) => {
  const app = new AppPage(page);
  const services = new ServicesPage(page);
  await app.load(server.url);
  await services.create({ name: 'athens-patras', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'] });
  await services.plan('athens-patras');
  const badge = services.item('athens-patras').getByTestId('service-state');
  await expect(badge).toHaveText('planned');

  await app.tab('Push');
  const target = page.getByRole('combobox', { name: 'Target' });
  await expect(target).toHaveValue('lab-odl-vtn');
  const provision = page.getByRole('checkbox', { name: /provision/ });
  await expect(provision).toBeChecked();
  const message = page.getByTestId('push-message');
  const warnings = page.getByRole('list', { name: 'Controller warnings' });

  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(message).toHaveText(/^\d+ change\(s\)( in \d+ request\(s\))? would be sent\.$/);
  await expect(warnings).toHaveCount(0);
  const rows = page.getByRole('table', { name: 'Push steps' }).locator('tbody tr');
  await expect(rows.filter({ hasText: /port map vbr1\/if_athens/ })).toHaveCount(1);
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(message).toContainText('applied and verified');
  await expect(badge).toHaveText('pushed');
  await app.screenshot('first-push-01-vtn');

  // Unticked, a dry run on the (now provisioned) lab still works and names nothing missing;
  // ticked again, the box keeps its state for this profile only.
  await provision.uncheck();
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(message).toHaveText('The controller already matches: nothing to send.');
  await provision.check();

  // Another target: the VTN report is not about it.
  await target.selectOption('lab-onos');
  await expect(message).toHaveCount(0);
  // ONOS has no provisioning: the option is neither shown nor sent.
  await expect(provision).toHaveCount(0);
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(message).toHaveText(/^\d+ change\(s\)( in \d+ request\(s\))? would be sent\.$/);
  await expect(warnings).toHaveCount(0);
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(message).toContainText('applied and verified');
  await expect(badge).toHaveText('pushed');
  await app.screenshot('first-push-02-onos');

  // Another service scope: the report is cleared too.
  const scope = page.getByRole('combobox', { name: 'Services' });
  const other = (await scope.inputValue()) === '' ? { label: 'athens-patras (pushed)' } : { label: 'Every planned service' };
  await scope.selectOption(other);
  await expect(message).toHaveCount(0);
});
