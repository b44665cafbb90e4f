import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ServicesPage } from './pages/services-page';

test('lint and trace name services by name, never by id', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const services = new ServicesPage(page);
  // Two services over the same segments: lint reports overlapping conditions naming both.
  await services.create({ name: 'web-a', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens'] });
  await services.create({ name: 'web-b', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens'] });
  await services.plan('web-b');
  const lint = page.getByRole('list', { name: 'Lint findings' });
  await expect(lint).toContainText("'web-a'");
  await expect(lint).toContainText("'web-b'");
  await expect(lint).not.toContainText('svc-');

  await app.tab('Inspector');
  await app.selectBySearch('if_athens');
  await page.getByRole('button', { name: 'Mark down' }).click();
  await services.trace();
  await expect(page.getByText(/'web-[ab]' forward rule/).first()).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Details' })).not.toContainText('svc-');
  await app.screenshot('names-01-trace');
});
