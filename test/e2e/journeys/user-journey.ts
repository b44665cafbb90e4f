import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { AppPage } from '../pages/app-page';
import { PalettePage } from '../pages/palette-page';
import { ServicesPage } from '../pages/services-page';
import type { ShellPage } from '../pages/shell';

const nsr = resolve('test/fixtures/reference/openbaton-nsr-instantiate.json');

/**
 * The journey a newcomer takes from `npm start`, in either window (browser mode or Electron):
 * open the sample, add a PoP and a link, undo/redo, import the Open Baton reference NSR, see its
 * path highlighted, trace it, dry-run and push it to the lab controller, export the ovs-ofctl
 * script, save and reopen. Screenshots of each step go to `test-results/<prefix>-NN-*.png`.
 */
export async function userJourney(page: Page, shell: ShellPage, dataDir: string, prefix: string): Promise<void> {
  const app = new AppPage(page);
  const palette = new PalettePage(page);
  const services = new ServicesPage(page);
  const shot = (name: string): Promise<void> => app.screenshot(`${prefix}-${name}`);

  await app.waitReady();
  await app.expectDrawn('3 bridges', '3 PoPs', '3 links');
  await shot('01-sample');

  // Add a PoP on vbr3's campus port, then a link from port to port. (Search now centres and
  // zooms on each port in turn, so the two ports are never both where a drag found them.)
  await palette.add('PoP', { Name: 'pop-crete', Port: 'vbr3 / if_crete_lan' });
  await app.expectDrawn('4 PoPs');
  await palette.add('Link', { 'From port': 'vbr1 / if_customer', 'To port': 'vbr3 / if_crete_lan' });
  await app.expectDrawn('4 links');
  await shot('02-edited');

  // Undo removes the link, redo brings it back.
  await app.undoButton.click();
  await app.expectDrawn('3 links', '4 PoPs');
  await app.redoButton.click();
  await app.expectDrawn('4 links');

  // Import NSR…: the format is detected and previewed before anything is stored.
  await app.tab('Services');
  await page.getByRole('button', { name: 'Import NSR…', exact: true }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import NSRs, service requests or a topology' });
  await importDialog.getByLabel('File').setInputFiles(nsr);
  await expect(importDialog.getByTestId('import-format')).toHaveText('openbaton');
  await expect(importDialog.getByRole('list', { name: 'Services to import' })).toContainText('demi-transit-chain');
  await shot('03-import-preview');
  await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(importDialog.getByTestId('import-result')).toContainText('1 created');
  await importDialog.getByRole('button', { name: 'Close' }).click();
  await expect(services.item('demi-transit-chain').getByTestId('service-state')).toHaveText('planned');

  // Its plan: both paths drawn on the graph, the rules listed, hops stepped through.
  await services.plan('demi-transit-chain');
  await expect(app.graph).toHaveAttribute('data-highlighted-path', /^forward: pt-vbr1-customer > pt-vbr1-athens > .*pt-vbr2-patras > .*; reverse: /);
  await expect(services.rules).toContainText('if_athens');
  await page.getByRole('button', { name: 'Next hop' }).click();
  await expect(services.hopPosition).toHaveText(/^Hop 2 of \d+$/);
  await shot('04-plan');

  // Trace… is prefilled from the service and the packet is delivered.
  await services.trace();
  await expect(services.disposition).toHaveText('DELIVERED');
  await expect(app.graph).toHaveAttribute('data-trace', 'DELIVERED');
  await shot('05-trace');

  // Dry run, then push to the built-in ODL VTN lab controller (provisioning the tenant).
  await app.tab('Push');
  await page.getByRole('checkbox', { name: /provision/ }).check();
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(page.getByTestId('push-message')).toContainText('would be sent');
  await shot('06-dry-run');
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(page.getByTestId('push-message')).toContainText('applied and verified');
  await expect(services.item('demi-transit-chain').getByTestId('service-state')).toHaveText('pushed');
  await shot('07-pushed');

  // Export… (from the plan view) the ovs-ofctl script.
  await app.tab('Plan');
  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await exportDialog.getByLabel('Format').selectOption('ovs-ofctl');
  await exportDialog.getByRole('button', { name: 'Generate' }).click();
  await expect(exportDialog.getByLabel('Exported file')).toHaveValue(/ovs-ofctl -O OpenFlow13 add-flow vbr1 'cookie=0x[0-9a-f]+,table=0,priority=\d+,in_port=1,ip/);
  await shot('08-export');
  await exportDialog.getByRole('button', { name: 'Close' }).click();

  // Save under a new path, start over, and open it again.
  const file = join(dataDir, 'journey.wicm');
  await shell.saveAs(file);
  await expect(app.projectName).not.toHaveText(/^•/);
  await shell.newEmpty();
  await app.expectDrawn('0 bridges');
  await shell.open(file);
  await app.expectDrawn('3 bridges', '4 PoPs', '4 links');
  await expect(services.item('demi-transit-chain').getByTestId('service-state')).toHaveText('pushed');
  await shot('09-reopened');
}
