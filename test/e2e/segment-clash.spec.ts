import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { PalettePage } from './pages/palette-page';

/** Issue #16, edit-time validation: an overlapping or duplicate segment is flagged as it is entered, naming the other one. */
test('adding a duplicate or overlapping segment warns at once, naming the other segment, its port and bridge', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const palette = new PalettePage(page);
  await palette.add('Segment', { Port: 'vbr3 / if_heraklion', Prefix: '10.20.0.0/24' });
  const form = page.getByRole('form', { name: 'Add Segment' });
  await expect(form.getByRole('status').filter({ hasText: "10.20.0.0/24 is already segment 'internet gateway' 10.20.0.0/24 on port 'if_internet' of bridge 'vbr2'." })).toBeVisible();
  // It was still added (a warning, not a refusal), and the Undo names it.
  await expect(app.undoButton).toHaveAttribute('title', /Undo add segment 10\.20\.0\.0\/24/);

  await palette.add('Segment', { Port: 'vbr3 / if_heraklion', Prefix: '172.16.0.0/16' });
  const overlaps = form.getByRole('status').filter({ hasText: /^172\.16\.0\.0\/16 overlaps segment/ });
  await expect(overlaps.filter({ hasText: "segment 'pop-athens LAN' 172.16.1.0/24 on port 'if_athens' of bridge 'vbr1'" })).toBeVisible();
  await expect(overlaps.filter({ hasText: "segment 'pop-patras LAN' 172.16.2.0/24 on port 'if_patras' of bridge 'vbr2'" })).toBeVisible();
  await expect(form).not.toContainText('sg-');
});

test('changing a segment in the Inspector to an overlapping prefix warns, naming the other segment', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await app.selectBySearch('172.16.2.0/24');
  const inspector = page.getByRole('form', { name: /^Edit Segment on vbr2 \/ if_patras$/ });
  await inspector.getByLabel(/^Prefix/).fill('172.16.1.0/25');
  await inspector.getByRole('button', { name: 'Apply' }).click();
  await expect(inspector.getByRole('status').filter({ hasText: "172.16.1.0/25 overlaps segment 'pop-athens LAN' 172.16.1.0/24 on port 'if_athens' of bridge 'vbr1'." })).toBeVisible();
  await expect(inspector.getByLabel(/^Prefix/)).toHaveValue('172.16.1.0/25');
});
