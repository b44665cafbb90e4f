import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ServicesPage } from './pages/services-page';
import { MenuPage } from './pages/menu-page';

test('a prefix typo shows the engine’s error next to the field; host bits come back as a warning', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await app.list('Segments').getByRole('button', { name: /^10\.30\.0\.0\/24/ }).click();
  const form = page.getByRole('form', { name: /^Edit Segment/ });
  const prefix = form.getByLabel(/^Prefix/);
  await prefix.fill('10.30.0.300/24');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(prefix).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#edit-segment-prefix-error')).toContainText('octet 300');
  await app.screenshot('editor-prefix-error');

  await prefix.fill('10.30.0.77/24');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(form.getByRole('status')).toContainText('host bits set; stored as 10.30.0.0/24');
  await expect(prefix).toHaveValue('10.30.0.0/24');
  await expect(prefix).toHaveAttribute('aria-invalid', 'false');
});

test('Delete removes the selection and Ctrl+Z / Ctrl+Shift+Z undo and redo it', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await app.list('PoPs').getByRole('button', { name: /pop-heraklion/ }).click();
  await page.keyboard.press('Delete');
  await app.expectDrawn('2 PoPs');
  await expect(app.undoButton).toHaveAttribute('title', 'Undo delete PoP pop-heraklion (Ctrl+Z)');
  await page.keyboard.press('Control+z');
  await app.expectDrawn('3 PoPs');
  await expect(app.redoButton).toHaveAttribute('title', 'Redo delete PoP pop-heraklion (Ctrl+Shift+Z)');
  await page.keyboard.press('Control+Shift+Z');
  await app.expectDrawn('2 PoPs');
  await expect(app.redoButton).toBeDisabled();
});

test('the theme toggle switches light and dark and is remembered', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const html = page.locator('html');
  const before = await html.getAttribute('data-theme');
  await page.getByRole('button', { name: 'Light theme' }).click();
  const after = before === 'dark' ? 'light' : 'dark';
  await expect(html).toHaveAttribute('data-theme', after);
  await page.reload();
  await app.waitReady();
  await expect(html).toHaveAttribute('data-theme', after);
});

test('the menu bar works from the keyboard', async ({ page, server }) => {
  await AppPage.open(page, server.url);
  const file = page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true });
  await file.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: 'New', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('menu', { name: 'Edit' }).getByRole('menuitem', { name: 'Undo', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(page.getByRole('menubar').getByRole('menuitem', { name: 'Edit', exact: true })).toBeFocused();
  await page.getByRole('menubar').getByRole('menuitem', { name: 'Help', exact: true }).click();
  await page.getByRole('menuitem', { name: 'About', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'About WICM Studio' })).toContainText('browser');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('search finds segments by prefix and says how many', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await app.search.fill('172.16');
  await expect(page.locator('#graph-search-status')).toHaveText('3 matches');
  await app.search.press('Enter');
  await expect(page.locator('#graph-search-status')).toHaveText('1 of 3 matches');
  await expect(page.getByRole('form', { name: /^Edit Segment/ }).getByLabel(/^Prefix/)).toHaveValue(/^172\.16\./);
});

test('search takes an address and finds the segment it lands in by longest prefix', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await app.search.fill('10.20.0.9');
  await expect(page.locator('#graph-search-status')).toHaveText('→ 10.20.0.0/24 on vbr2 / if_internet');
  await app.search.press('Enter');
  await expect(page.getByRole('form', { name: /^Edit Segment/ }).getByLabel(/^Prefix/)).toHaveValue('10.20.0.0/24');
  // An address off the WAN's segments lands on an uplink's default route.
  await app.search.fill('8.8.8.8');
  await expect(page.locator('#graph-search-status')).toHaveText(/^→ 0\.0\.0\.0\/0 \(uplink default route\) on vbr\d \/ if_vbr\d_uplink \(and 2 more\)$/);
  await app.search.press('Enter');
  await expect(page.getByRole('form', { name: /^Edit Segment/ }).getByLabel(/^Prefix/)).toHaveValue('0.0.0.0/0');
  await app.search.fill('10.20.0.300');
  await expect(page.locator('#graph-search-status')).toHaveText('No match');
});

test('the PoP chain reorders with buttons and by drag and drop; what-if names the broken service', async ({ page, server }) => {
  const app = new AppPage(page);
  const services = new ServicesPage(page);
  await app.load(server.url);
  await page.getByRole('tab', { name: /^Services/ }).click();
  await page.getByRole('button', { name: 'New service' }).click();
  const form = page.getByRole('form', { name: 'New service' });
  await form.getByLabel('Name').fill('via-crete');
  for (const pop of ['pop-patras', 'pop-athens', 'pop-heraklion']) {
    await form.getByLabel('PoP to add to the PoP chain').selectOption(pop);
    await form.getByRole('button', { name: 'Add to PoP chain' }).click();
  }
  const chain = form.getByRole('list', { name: 'PoP chain' }).getByRole('listitem');
  await form.getByRole('button', { name: 'Move pop-athens up' }).click();
  await expect(chain).toHaveText([/pop-athens/, /pop-patras/, /pop-heraklion/]);
  await chain.nth(2).dragTo(chain.nth(1));
  await expect(chain).toHaveText([/pop-athens/, /pop-heraklion/, /pop-patras/]);
  await form.getByRole('button', { name: 'Save service' }).click();
  await services.plan('via-crete');
  await app.screenshot('editor-chain-planned');

  await app.tab('Inspector');
  await app.selectBySearch('if_heraklion');
  await page.getByRole('button', { name: 'Mark down' }).click();
  await app.tab('Trace');
  await expect(page.getByRole('list', { name: 'Affected services' })).toContainText('via-crete');
  await app.screenshot('editor-what-if');
});

test('dragging a node stores its new position in the project', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const storedX = (): Promise<number | undefined> =>
    page.evaluate(async () => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="wicm-token"]')!.content;
      const reply = await fetch('/rpc/topology.get', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
      const { value } = (await reply.json()) as { value: { positions: { elementId: string; x: number }[] } };
      return value.positions.find((p) => p.elementId === 'pop-patras')?.x;
    });
  const before = await storedX();
  const from = await app.selectBySearch('pop-patras');
  // The search zooms in (up to 2×), so 200 px on screen are at least 100 in the model.
  await app.drag(from, { x: from.x + 200, y: from.y + 30 });
  await expect.poll(storedX).toBeGreaterThan((before ?? 0) + 60);
});

test('an edit fetches the topology once, though both its reply and its change event ask for it', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  let fetches = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/rpc/topology.get')) fetches += 1;
  });
  await app.list('PoPs').getByRole('button', { name: /pop-heraklion/ }).click();
  await page.keyboard.press('Delete');
  await app.expectDrawn('2 PoPs');
  await app.undoButton.click();
  await app.expectDrawn('3 PoPs');
  await expect(app.redoButton).toBeEnabled();
  // One more edit's round trip: by its end the events of the first two have long been handled.
  await app.list('PoPs').getByRole('button', { name: /pop-patras/ }).click();
  await page.keyboard.press('Delete');
  await app.expectDrawn('2 PoPs');
  await expect.poll(() => fetches).toBeGreaterThanOrEqual(3);
  expect(fetches).toBe(3);
});

test('filter by service dims everything but the chosen service’s elements', async ({ page, server }) => {
  const app = new AppPage(page);
  const services = new ServicesPage(page);
  await app.load(server.url);
  await services.create({ name: 'athens-only', ingress: '192.168.10.0/24', egress: '172.16.1.0/24', chain: ['pop-athens'] });
  await services.create({ name: 'patras-heraklion', ingress: '10.20.0.0/24', egress: '10.30.0.0/24', chain: ['pop-patras', 'pop-heraklion'] });
  await expect(app.graph).toHaveAttribute('data-focused-pops', '');
  const filter = page.getByLabel('Filter by service');
  await filter.selectOption({ label: 'patras-heraklion' });
  await expect(app.graph).toHaveAttribute('data-focused-pops', 'pop-heraklion,pop-patras');
  await app.screenshot('editor-filter-by-service');
  await filter.selectOption({ label: 'athens-only' });
  await expect(app.graph).toHaveAttribute('data-focused-pops', 'pop-athens');
  await filter.selectOption({ label: 'All services' });
  await expect(app.graph).toHaveAttribute('data-focused-pops', '');
});

test('the panels beside the graph resize by drag or keyboard, fold away, and keep their layout across a reload', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const side = page.getByRole('complementary', { name: 'Topology elements' });
  const details = page.getByRole('complementary', { name: 'Details' });
  const sideSplitter = page.getByRole('separator', { name: 'Resize the side panel' });
  const detailsSplitter = page.getByRole('separator', { name: 'Resize the details panel' });
  const widthOf = async (target: typeof side): Promise<number> => Math.round((await target.boundingBox())!.width);

  await expect(sideSplitter).toHaveAttribute('aria-valuenow', '266');
  const graphBefore = await widthOf(app.graph);
  const box = (await sideSplitter.boundingBox())!;
  await app.drag({ x: box.x + box.width / 2, y: box.y + 200 }, { x: box.x + box.width / 2 - 60, y: box.y + 200 });
  await expect(sideSplitter).toHaveAttribute('aria-valuenow', '206');
  await expect.poll(() => widthOf(side)).toBe(206);
  // cytoscape follows its container: the canvas got the room the panel gave up.
  await expect.poll(() => widthOf(app.graph)).toBe(graphBefore + 60);

  await sideSplitter.focus();
  await page.keyboard.press('ArrowRight');
  await expect(sideSplitter).toHaveAttribute('aria-valuenow', '222');
  await page.keyboard.press('Enter');
  await expect(side).toBeHidden();
  await expect(sideSplitter).toHaveAttribute('aria-valuetext', 'folded away');
  await detailsSplitter.focus();
  await page.keyboard.press('End');
  await expect.poll(() => widthOf(details)).toBe(720);
  await page.keyboard.press('Home');
  await expect.poll(() => widthOf(details)).toBe(280);

  await page.reload();
  await app.waitReady();
  await expect(side).toBeHidden();
  await expect.poll(() => widthOf(details)).toBe(280);
  await new MenuPage(page).choose('View', 'Side panel');
  await expect.poll(() => widthOf(side)).toBe(222);
});
