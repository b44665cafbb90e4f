import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ServicesPage } from './pages/services-page';

/**
 * Issue #16, names not ids: lint and trace messages name services, PoPs and ports; the id is
 * on hover (the title of the "Show" buttons).
 */
test('lint and trace name services and ports by name, never by id; the id is on hover', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const services = new ServicesPage(page);
  // Two services over the same segments: lint reports overlapping conditions naming both.
  await services.create({ name: 'web-a', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens'] });
  await services.create({ name: 'web-b', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens'] });
  await services.plan('web-a');
  await services.plan('web-b');
  const lint = page.getByRole('list', { name: 'Lint findings' });
  const overlap = lint.getByRole('listitem').filter({ hasText: 'OVERLAPPING_CONDITIONS' }).filter({ hasText: "port 'if_customer' of bridge 'vbr1'" });
  await expect(overlap).toContainText("'web-a' forward");
  await expect(overlap).toContainText("'web-b' forward");
  // The Show button names the port; its id is on hover.
  const show = overlap.getByRole('button', { name: /^Show / });
  await expect(show).toHaveText('Show vbr1 / if_customer');
  await expect(show).toHaveAttribute('title', 'id pt-vbr1-customer');
  await expect(lint).not.toContainText('svc-');

  // Mark pop-athens' port down and trace: the drop names the service rule and the port.
  await app.selectBySearch('if_athens');
  await page.getByRole('button', { name: 'Mark down', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Marked down' })).toBeVisible();
  await services.trace();
  const details = page.getByRole('complementary', { name: 'Details' });
  await expect(details.getByText(/'web-[ab]' forward rule \d+ \(index \d+\) on 'if_customer'/).first()).toBeVisible();
  await expect(details).toContainText("port 'if_athens' (bridge 'vbr1'), which is down");
  const hop = page.getByRole('list', { name: 'Trace hops' }).getByRole('button').first();
  await expect(hop).toHaveText('vbr1 / if_customer');
  await expect(hop).toHaveAttribute('title', 'Show on the graph (id pt-vbr1-customer)');
  await expect(details).not.toContainText('svc-');
  await app.screenshot('names-01-trace');
});
