import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { PalettePage } from './pages/palette-page';

test('an overlapping or duplicate segment is flagged when entered, naming the other one', async ({ page, server }) => {
  await AppPage.open(page, server.url);
  const palette = new PalettePage(page);
  await palette.add('Segment', { Prefix: '10.20.0.0/24' });
  const form = page.getByRole('form', { name: 'Add Segment' });
  await expect(form.getByRole('status').filter({ hasText: /^10\.20\.0\.0\/24 is already segment .* on port '\w+' of bridge '\w+'\.$/ })).toBeVisible();
  await palette.add('Segment', { Prefix: '10.0.0.0/8' });
  await expect(form.getByRole('status').filter({ hasText: /^10\.0\.0\.0\/8 overlaps segment/ }).first()).toBeVisible();
});

test('the service form refuses an empty PoP chain and says why', async ({ page, server }) => {
  await AppPage.open(page, server.url);
  await page.getByRole('tab', { name: /^Services/ }).click();
  await page.getByRole('button', { name: 'New service' }).click();
  const form = page.getByRole('form', { name: 'New service' });
  await form.getByLabel('Name').fill('no-pops');
  await form.getByRole('button', { name: 'Save service' }).click();
  await expect(form.getByRole('alert')).toContainText('List at least one PoP');
  await expect(page.getByRole('list', { name: 'Services' }).getByRole('listitem', { name: 'no-pops' })).toHaveCount(0);
});
