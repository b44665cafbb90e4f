import type { Locator } from '@playwright/test';
import { wan2000 } from '../helpers/graph-topology';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { labelCounts, openGenerated } from './pages/generated-wan';

/**
 * The readable graph of issue #16: labels by level of detail, centring on search, box select
 * with bulk delete and one Undo, collapse, minimap, context menu, tooltips. Reduced motion is
 * asked for, so a reveal lands in one frame and positions can be read at once.
 */

/** Where an element the elements list selects is drawn, in page coordinates. */
async function selectFromList(app: AppPage, list: string, name: string | RegExp): Promise<{ x: number; y: number }> {
  await app.tab('Elements');
  await app.list(list).getByRole('button', { name }).first().click();
  await expect(app.graph).toHaveAttribute('data-selected-at', /^\d+,\d+$/);
  const [x, y] = (await app.graph.getAttribute('data-selected-at'))!.split(',').map(Number) as [number, number];
  const box = (await app.graph.boundingBox())!;
  return { x: box.x + x, y: box.y + y };
}

async function centreOf(graph: Locator): Promise<{ x: number; y: number }> {
  const box = (await graph.boundingBox())!;
  return { x: box.width / 2, y: box.height / 2 };
}

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

test('the sample at Fit shows every bridge, PoP and segment name, ports only once zoomed in', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await app.screenshot('graph-sample-fit');
  const atFit = labelCounts(await app.graph.getAttribute('data-labels'));
  expect(atFit.bridge).toEqual([3, 3]);
  expect(atFit.pop).toEqual([3, 3]);
  expect(atFit.segment).toEqual([6, 6]);
  expect(atFit.port![0]).toBe(0);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(async () => labelCounts(await app.graph.getAttribute('data-labels')).port?.[0] ?? 0).toBeGreaterThan(5);
  await app.screenshot('graph-sample-zoomed');
});

/** Segment names the 2,000-element WAN shows at Fit: all 160 (85 before the layout left room between bridges for them). */
const SEGMENTS_AT_FIT = 160;

test('a 2,000-element WAN at Fit shows every bridge name; zooming shows more; search centres and zooms', async ({ page }) => {
  const { app, stop } = await openGenerated(page, wan2000);
  try {
    await expect(app.graph).toHaveAttribute('aria-label', /40 bridges/);
    await app.screenshot('graph-2000-fit');
    const atFit = labelCounts(await app.graph.getAttribute('data-labels'));
    expect(atFit.bridge).toEqual([40, 40]);
    expect(atFit.pop![0]).toBeGreaterThanOrEqual(30);
    // Segment names too (by name alone, moved beside their node where below is taken).
    expect(atFit.segment).toEqual([SEGMENTS_AT_FIT, 160]);
    const fitLevel = Number(await app.graph.getAttribute('data-label-level'));
    await expect(page.getByLabel('Minimap: drag to move the view')).toBeVisible();

    // Search brings a far element to the middle, at a zoom where its port labels are drawn.
    await app.search.fill('pop-33');
    await app.search.press('Enter');
    await expect(app.graph).toHaveAttribute('data-focused-at', /^\d+:\d+,\d+$/);
    const [x, y] = (await app.graph.getAttribute('data-focused-at'))!.split(':')[1]!.split(',').map(Number) as [number, number];
    const centre = await centreOf(app.graph);
    expect(Math.abs(x - centre.x)).toBeLessThan(3);
    expect(Math.abs(y - centre.y)).toBeLessThan(3);
    await expect.poll(async () => Number(await app.graph.getAttribute('data-label-level'))).toBeGreaterThan(fitLevel);
    expect(labelCounts(await app.graph.getAttribute('data-labels')).port![0]).toBeGreaterThan(0);
    await app.screenshot('graph-2000-search');

    // The minimap: a click on its top-left corner moves the view there.
    const minimap = page.getByLabel('Minimap: drag to move the view');
    const before = await minimap.getAttribute('data-view-box');
    const box = (await minimap.boundingBox())!;
    await page.mouse.click(box.x + 12, box.y + 12);
    await expect(minimap).not.toHaveAttribute('data-view-box', before!);
    const [vx, vy, vw, vh] = (await minimap.getAttribute('data-view-box'))!.split(',').map(Number) as [number, number, number, number];
    // The view box is now centred on the clicked point.
    expect(Math.abs(vx + vw / 2 - 12)).toBeLessThan(4);
    expect(Math.abs(vy + vh / 2 - 12)).toBeLessThan(4);
  } finally {
    await stop();
  }
});

test('box select the PoPs and LANs under the bridges, delete them, and one Undo brings them back', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await expect(app.graph).toHaveAttribute('aria-label', /3 PoPs/);
  const summary = await app.graph.getAttribute('aria-label');
  // At Fit the sample's PoPs and their LANs hang below the bridges: Shift + drag a box over the
  // bottom quarter of the canvas, from empty background.
  const box = (await app.graph.boundingBox())!;
  await page.keyboard.down('Shift');
  await app.drag({ x: box.x + 8, y: box.y + box.height - 8 }, { x: box.x + box.width - 8, y: box.y + box.height * 0.73 });
  await page.keyboard.up('Shift');
  await expect.poll(async () => Number(await app.graph.getAttribute('data-selected-count'))).toBeGreaterThanOrEqual(2);
  const selected = Number(await app.graph.getAttribute('data-selected-count'));
  await app.screenshot('graph-box-select');
  await page.locator('body').press('Delete');
  await expect(app.graph).not.toHaveAttribute('aria-label', summary!);
  await expect(app.undoButton).toHaveAttribute('title', new RegExp(`Undo delete ${selected} elements`));
  await app.undoButton.click();
  await expect(app.graph).toHaveAttribute('aria-label', summary!);
});

test('right-click opens the context menu; the keyboard opens it too, collapses and expands a bridge', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const nodes = Number(await app.graph.getAttribute('data-node-count'));
  const pop = await selectFromList(app, 'PoPs', /^pop-athens/);
  await page.mouse.click(pop.x, pop.y, { button: 'right' });
  const popMenu = page.getByRole('menu', { name: 'Actions on the pop' });
  await expect(popMenu).toBeVisible();
  await expect(popMenu.getByRole('menuitem').first()).toBeFocused();
  await expect(popMenu.getByRole('menuitem', { name: 'Mark down (what-if)' })).toBeVisible();
  await expect(popMenu.getByRole('group', { name: 'Services through here' })).toContainText('none planned');
  await page.keyboard.press('ArrowDown');
  await expect(popMenu.getByRole('menuitem', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(popMenu).toBeHidden();

  await selectFromList(app, 'Bridges', /^vbr1/);
  await page.locator('body').press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions on the bridge' });
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: 'Collapse bridge' }).click();
  await expect(menu).toBeHidden();
  // vbr1's five ports are hidden; its links and attachments now end on the bridge.
  await expect(app.graph).toHaveAttribute('data-node-count', String(nodes - 5));
  await app.screenshot('graph-collapsed');
  await page.getByRole('button', { name: 'Actions…' }).click();
  await menu.getByRole('menuitem', { name: 'Expand bridge' }).click();
  await expect(app.graph).toHaveAttribute('data-node-count', String(nodes));
});

test('hovering a port shows its key facts', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const at = await selectFromList(app, 'Ports', /^vbr1 \/ if_athens/);
  await page.mouse.move(at.x - 40, at.y - 40);
  await page.mouse.move(at.x, at.y, { steps: 4 });
  const tip = page.getByRole('tooltip');
  await expect(tip).toContainText('Port vbr1 / if_athens');
  await expect(tip).toContainText('VLAN pool');
  await expect(tip).toContainText('PoP');
  await expect(tip).toContainText('pop-athens');
});
