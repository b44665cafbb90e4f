import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { MenuPage } from './pages/menu-page';
import { ServicesPage } from './pages/services-page';

const nsr = resolve('test/fixtures/reference/openbaton-nsr-instantiate.json');

test('import an NSR, export its plan, push it to the lab controller and check drift', async ({ page, server }) => {
  const app = new AppPage(page);
  const menu = new MenuPage(page);
  const services = new ServicesPage(page);
  await app.load(server.url);

  // Import: the format is detected and previewed before anything is stored.
  await menu.choose('File', 'Import NSR…');
  const importDialog = page.getByRole('dialog', { name: 'Import NSRs, service requests or a topology' });
  await importDialog.getByLabel('File').setInputFiles(nsr);
  await expect(importDialog.getByTestId('import-format')).toHaveText('openbaton');
  await expect(importDialog.getByRole('list', { name: 'Services to import' })).toContainText('demi-transit-chain');
  await app.screenshot('workflow-01-import-preview');
  await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(importDialog.getByTestId('import-result')).toContainText('1 created');
  await importDialog.getByRole('button', { name: 'Close' }).click();
  await app.tab('Services');
  await expect(services.item('demi-transit-chain').getByTestId('service-state')).toHaveText('planned');

  // Export the plan as JSON, then the ovs-ofctl script, and download them.
  await services.plan('demi-transit-chain');
  await page.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await exportDialog.getByLabel('Format').selectOption('plan-json');
  await exportDialog.getByRole('button', { name: 'Generate' }).click();
  await expect(exportDialog.getByLabel('Exported file')).toHaveValue(/"serviceId"/);
  const download = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Download' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
  await exportDialog.getByLabel('Format').selectOption('ovs-ofctl');
  await exportDialog.getByRole('button', { name: 'Generate' }).click();
  await expect(exportDialog.getByLabel('Exported file')).toHaveValue(/ovs-ofctl -O OpenFlow13 add-flow vbr1 'cookie=0x[0-9a-f]+,table=0,priority=\d+,in_port=1,ip,nw_src=192\.168\.10\.0\/24/);
  const script = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Download' }).click();
  expect((await script).suggestedFilename()).toBe('wicm-ovs-flows.sh');
  // The graph itself, as SVG and PNG.
  for (const format of ['SVG', 'PNG'] as const) {
    const image = page.waitForEvent('download');
    await exportDialog.getByRole('button', { name: `Graph as ${format}` }).click();
    const file = await image;
    expect(file.suggestedFilename()).toMatch(new RegExp(`-graph\\.${format.toLowerCase()}$`));
    const saved = await file.path();
    const head = (await import('node:fs')).readFileSync(saved).subarray(0, 200).toString('latin1');
    expect(head).toContain(format === 'SVG' ? '<svg' : 'PNG');
  }
  await exportDialog.getByRole('button', { name: 'Close' }).click();

  // Push to the built-in ODL VTN lab controller (provisioning the tenant), then check drift.
  await app.tab('Push');
  await page.getByRole('checkbox', { name: /provision/ }).check();
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(page.getByTestId('push-message')).toContainText('would be sent');
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(page.getByTestId('push-message')).toContainText('applied and verified');
  await expect(services.item('demi-transit-chain').getByTestId('service-state')).toHaveText('pushed');
  await page.getByRole('button', { name: 'Check drift' }).click();
  await expect(page.getByRole('region', { name: 'Drift report' })).toContainText('in-sync');
  await app.screenshot('workflow-02-pushed');
});
