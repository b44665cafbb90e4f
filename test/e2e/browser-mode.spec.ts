import { AppPage } from './pages/app-page';
import { expect, test } from './fixtures';

test('browser mode shows the sample WAN graph on first start', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await expect(app.mode).toHaveText('browser');
  await expect(app.projectName).toHaveText('Sample WAN');
  await expect(app.graph).toHaveAttribute('aria-label', 'WAN topology graph: 3 bridges, 15 ports, 3 PoPs, 6 segments, 3 links');
  await expect(app.list('Bridges').getByRole('button')).toHaveText([/vbr1/, /vbr2/, /vbr3/]);
  await expect(app.list('PoPs').getByRole('button')).toHaveText([/pop-athens/, /pop-patras/, /pop-heraklion/]);
  await expect(app.list('Segments').getByRole('button')).toHaveCount(9);
  await app.screenshot('browser-mode-sample');
});

test('selecting a PoP in the side panel selects it in the graph', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const pop = app.list('PoPs').getByRole('button', { name: /pop-patras/ });
  await pop.click();
  await expect(pop).toHaveClass(/selected/);
  await app.screenshot('browser-mode-selected');
});
