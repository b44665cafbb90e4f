import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { MenuPage } from './pages/menu-page';

/** Issue #16: hand-placed nodes are pinned; Unpin (context menu, multi-selection) and Unpin all release them, undoably. */

type Stored = { elementId: string; x: number; y: number; pinned?: boolean };

/** The positions the engine stores (what Save writes), read over the page's own RPC. */
function stored(page: Page): Promise<Stored[]> {
  return page.evaluate(async () => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="wicm-token"]')!.content;
    const reply = await fetch('/rpc/topology.get', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
    return ((await reply.json()) as { value: { positions: Stored[] } }).value.positions;
  });
}

const pinnedOf = async (page: Page, id: string): Promise<boolean> => (await stored(page)).find((p) => p.elementId === id)?.pinned === true;

test('a dragged node is drawn pinned; Unpin on its context menu releases it (undoable) and auto-layout moves it again', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await expect(app.graph).toHaveAttribute('data-pinned-count', '0');
  const unpinAll = page.getByRole('button', { name: 'Unpin all' });
  await expect(unpinAll).toBeDisabled();

  const from = await app.selectBySearch('pop-patras');
  const to = { x: from.x + 160, y: from.y + 40 };
  await app.drag(from, to);
  await expect.poll(() => pinnedOf(page, 'pop-patras')).toBe(true);
  await expect(app.graph).toHaveAttribute('data-pinned-count', '1');
  await expect(unpinAll).toBeEnabled();
  await expect(unpinAll).toHaveAttribute('title', /Unpin the 1 node placed by hand/);
  await app.search.fill('');
  // The tooltip says it is pinned.
  await page.mouse.move(to.x + 1, to.y + 1);
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText('pop-patras');
  await expect(tooltip).toContainText('pinned: placed by hand, auto-layout keeps it');
  await app.screenshot('unpin-pinned-tooltip');
  // The pointer leaves the graph: the tooltip goes, and the node shows its double ring (selected:
  // in the selection colour; search cleared so its highlight does not cover it).
  await page.mouse.move(1, 1);
  await expect(tooltip).toHaveCount(0);
  await app.screenshot('unpin-pinned-marker');
  await page.mouse.move(to.x + 1, to.y + 1);

  // Right-click › Unpin: stored unpinned where it is, drawn without the marker, one undo step.
  const placed = (await stored(page)).find((p) => p.elementId === 'pop-patras')!;
  await page.mouse.click(to.x, to.y, { button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions on the pop' });
  await menu.getByRole('menuitem', { name: 'Unpin', exact: true }).click();
  await expect.poll(() => pinnedOf(page, 'pop-patras')).toBe(false);
  expect((await stored(page)).find((p) => p.elementId === 'pop-patras')).toMatchObject({ x: placed.x, y: placed.y });
  await expect(app.graph).toHaveAttribute('data-pinned-count', '0');
  await expect(app.undoButton).toHaveAttribute('title', /Undo unpin 1 node/);
  // An unpinned node's menu offers no Unpin.
  await page.mouse.click(to.x, to.y, { button: 'right' });
  await expect(menu.getByRole('menuitem', { name: 'Edit…' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Unpin', exact: true })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Undo pins it again; Redo unpins it.
  await app.undoButton.click();
  await expect.poll(() => pinnedOf(page, 'pop-patras')).toBe(true);
  await expect(app.graph).toHaveAttribute('data-pinned-count', '1');
  await app.redoButton.click();
  await expect.poll(() => pinnedOf(page, 'pop-patras')).toBe(false);

  // Auto-layout now moves it (while pinned it stayed put: open-files.spec.ts).
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(app.undoButton).toHaveAttribute('title', /Undo auto-layout/);
  const after = (await stored(page)).find((p) => p.elementId === 'pop-patras')!;
  expect([after.x, after.y]).not.toEqual([placed.x, placed.y]);
  expect(after.pinned).toBeUndefined();
});

test('Unpin on a multi-selection and View › Unpin all release every hand-placed node in one undo step', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const menuBar = new MenuPage(page);
  // Nudge two PoPs by hand (they stay in the bottom band, under the bridges, at Fit).
  for (const name of ['pop-patras', 'pop-athens']) {
    const from = await app.selectBySearch(name);
    await app.drag(from, { x: from.x + 12, y: from.y + 4 });
    await expect.poll(() => pinnedOf(page, name)).toBe(true);
  }
  await expect(app.graph).toHaveAttribute('data-pinned-count', '2');

  // Box select the bottom band at Fit (the PoPs and their LANs, two of them pinned); the
  // selection's context menu unpins the two pinned ones at once.
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  const box = (await app.graph.boundingBox())!;
  await page.keyboard.down('Shift');
  await app.drag({ x: box.x + 8, y: box.y + box.height - 8 }, { x: box.x + box.width - 8, y: box.y + box.height * 0.7 });
  await page.keyboard.up('Shift');
  await expect.poll(async () => Number(await app.graph.getAttribute('data-selected-count'))).toBeGreaterThanOrEqual(3);
  await page.getByRole('button', { name: 'Actions…' }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: 'Unpin 2 elements' }).click();
  await expect(app.graph).toHaveAttribute('data-pinned-count', '0');
  await expect(app.undoButton).toHaveAttribute('title', /Undo unpin 2 nodes/);
  await app.undoButton.click();
  await expect(app.graph).toHaveAttribute('data-pinned-count', '2');

  // View › Unpin all.
  await menuBar.choose('View', 'Unpin all');
  await expect(app.graph).toHaveAttribute('data-pinned-count', '0');
  expect((await stored(page)).filter((p) => p.pinned)).toEqual([]);
  await expect(app.undoButton).toHaveAttribute('title', /Undo unpin 2 nodes/);
  await expect(page.getByRole('button', { name: 'Unpin all' })).toBeDisabled();
});
