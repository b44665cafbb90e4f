import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { MenuPage } from './pages/menu-page';

test('"Compare with…" marks the elements that differ from a topology file, and lists what it cannot draw', async ({ page, server }) => {
  // The open project is the sample WAN; b.json is it hand-edited (test/fixtures/diff).
  await copyFile('test/fixtures/diff/b.json', join(server.dataDir, 'projects', 'b.json'));
  const app = new AppPage(page);
  await app.load(server.url);
  await new MenuPage(page).choose('File', 'Compare with…');
  const dialog = page.getByRole('dialog', { name: 'Compare with…' });
  await dialog.getByLabel(/Project or topology file/).fill('b.json');
  await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(dialog.getByRole('region', { name: 'Differences' })).toContainText('11 topology, 0 service and 0 rule changes');
  await expect(dialog.getByRole('region', { name: 'Differences' })).toContainText('name: pop-achaia → pop-patras');

  // Read back from cytoscape: added (only in the open project) and changed, three colours.
  await expect(app.graph).toHaveAttribute(
    'data-diff-marks',
    'added: ln-athens-heraklion,pt-vbr1-to-vbr3,pt-vbr3-to-vbr1; changed: pop-athens,pop-patras,pt-vbr2-internet,sg-crete',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  const legend = page.getByRole('complementary', { name: 'Comparison legend' });
  await expect(legend).toContainText('added');
  await expect(legend).toContainText('changed');
  await expect(legend).toContainText('removed');
  // Only in b.json: listed, not drawn.
  await legend.getByText('4 not drawn').click();
  await expect(legend.getByRole('list', { name: 'Differences not drawn' })).toContainText('removed link vbr2/if_vbr2_lab — vbr3/if_vbr3_lab');
  await app.screenshot('compare-with');
  await legend.getByRole('button', { name: 'Clear' }).click();
  await expect(app.graph).toHaveAttribute('data-diff-marks', '');
});
