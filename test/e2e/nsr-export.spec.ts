import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ServicesPage } from './pages/services-page';

test("export one service as an NSR from the service's menu", async ({ page, server }) => {
  const app = new AppPage(page);
  const services = new ServicesPage(page);
  await app.load(server.url);
  await services.create({ name: 'athens-patras', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'] });

  // No plan needed: an NSR describes the service, not its rules.
  await services.item('athens-patras').getByRole('button', { name: 'More actions for athens-patras' }).click();
  await page.getByRole('menu', { name: 'Actions for athens-patras' }).getByRole('menuitem', { name: 'Export NSR…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByLabel('Format')).toHaveValue('nsr-openbaton');
  await expect(dialog.getByLabel('Services')).toHaveValue(/.+/);
  await dialog.getByLabel('Format').selectOption('nsr-sol005');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(dialog.getByLabel('Exported file')).toHaveValue(/"nsState": "INSTANTIATED"/);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.nsr-sol005\.json$/);
  const doc = JSON.parse(readFileSync(await file.path(), 'utf8')) as { nsInstanceName: string; vnfInstance: { vimId: string }[] };
  expect(doc.nsInstanceName).toBe('athens-patras');
  expect(doc.vnfInstance.map((v) => v.vimId)).toEqual(['pop-athens', 'pop-patras']);

  // Open Baton carries no segments: the dialog says so, naming the service and the field.
  await dialog.getByLabel('Format').selectOption('nsr-openbaton');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(dialog.getByText('warning: Service "athens-patras": an Open Baton NSR cannot carry the ingress segment', { exact: false })).toBeVisible();
});
