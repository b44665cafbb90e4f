import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ServicesPage } from './pages/services-page';

test('rehearse a failure: the lab fails the 5th write, the push rolls back what it applied, then a clean push goes through', async ({ page, server }) => {
  const app = new AppPage(page);
  const services = new ServicesPage(page);
  await app.load(server.url);
  await services.create({ name: 'athens-patras', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'] });
  await services.plan('athens-patras');

  await app.tab('Push');
  await expect(page.getByRole('combobox', { name: 'Target' })).toHaveValue('lab-odl-vtn');
  await page.getByRole('checkbox', { name: /provision/ }).check();
  await page.getByText('Rehearse a failure').click();
  await page.getByLabel('Fail write request #').fill('5');
  await page.getByLabel('How it fails').selectOption('error-500');
  await page.getByRole('button', { name: 'Arm failure' }).click();
  await expect(page.getByTestId('lab-fault')).toHaveText('Armed: write request #5 of the next push or tear-down fails (HTTP 500 error).');

  await page.getByRole('button', { name: 'Push', exact: true }).click();
  const message = page.getByTestId('push-message');
  // Independent steps run concurrently, so which step sent the 5th write can vary: read it back.
  await expect(message).toContainText(/^Step \d+ \(.+\) failed: HTTP 500 .*fault injected by WICM Studio/);
  await expect(message).toContainText(/Rolled back: \d+ applied step\(s\) undone; the controller is as before the push\.$/);
  const [, failedStep, undone] = /^Step (\d+) .* Rolled back: (\d+) applied/.exec((await message.textContent()) ?? '')!;
  expect(Number(undone)).toBeGreaterThanOrEqual(4);
  const steps = page.getByRole('table', { name: 'Push steps' }).locator('tbody tr');
  await expect(steps.filter({ hasText: /undone$/ })).toHaveCount(Number(undone));
  await expect(steps.filter({ hasText: /failed$/ })).toHaveCount(1);
  await expect(steps.filter({ hasText: /failed$/ })).toContainText(failedStep!);
  await expect(page.getByTestId('lab-fault')).toHaveText('No failure armed.');
  await expect(services.item('athens-patras').getByTestId('service-state')).toHaveText('push failed');
  await app.screenshot('rollback-01-failed');

  // The lab holds nothing of the failed push: the next push starts from scratch and succeeds.
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(message).toContainText('applied and verified');
  await expect(services.item('athens-patras').getByTestId('service-state')).toHaveText('pushed');
  await page.getByRole('button', { name: 'Check drift' }).click();
  await expect(message).toHaveText('The controller matches the last pushed state.');
});
