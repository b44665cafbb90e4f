import type { Page } from '@playwright/test';
import type { TopologySnapshotDto } from '../../core/contract/api';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';

/**
 * Issue #16: copy and paste. The clipboard is the app's own (the copied elements' ids), not the
 * system clipboard. Pasted elements get fresh names, land beside the originals in view, bring
 * the links between them, and one Undo removes a paste.
 */
/** The project as the engine holds it, read through the page's own RPC endpoint and token. */
async function engineSnapshot(page: Page): Promise<TopologySnapshotDto> {
  return page.evaluate(async () => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="wicm-token"]')?.content ?? '';
    const response = await fetch('/rpc/topology.get', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
    const envelope = (await response.json()) as { ok: boolean; value: TopologySnapshotDto };
    return envelope.value;
  });
}

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

test('Ctrl+C / Ctrl+V copies a box selection with its links; the context menu pastes again; one Undo per paste', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await app.expectDrawn('3 bridges', '3 PoPs', '3 links');
  // Shift + drag a box over the whole drawing, from the empty corners.
  const box = (await app.graph.boundingBox())!;
  await page.keyboard.down('Shift');
  await app.drag({ x: box.x + 6, y: box.y + 6 }, { x: box.x + box.width - 6, y: box.y + box.height - 6 });
  await page.keyboard.up('Shift');
  await expect.poll(async () => Number(await app.graph.getAttribute('data-selected-count'))).toBeGreaterThan(10);

  await page.locator('body').press('Control+c');
  await page.locator('body').press('Control+v');
  await app.expectDrawn('6 bridges', '6 PoPs', '6 links');
  await expect(app.undoButton).toHaveAttribute('title', /^Undo paste \d+ elements/);
  await app.tab('Elements');
  for (const name of ['vbr1-copy', 'vbr2-copy', 'vbr3-copy']) await expect(app.list('Bridges')).toContainText(name);
  await expect(app.list('PoPs')).toContainText('pop-athens-copy');
  // The copies are selected and drawn in view.
  await expect.poll(async () => Number(await app.graph.getAttribute('data-selected-count'))).toBeGreaterThan(3);
  // Copies of the LANs duplicate the originals' prefixes: the paste says so, naming them.
  await expect(page.getByRole('alert').filter({ hasText: 'Pasted, with warnings' })).toContainText("is already segment 'customer LAN' 192.168.10.0/24 on port 'if_customer' of bridge 'vbr1'");
  await app.screenshot('clipboard-01-pasted');

  // The context menu on the selection pastes once more: names go on with -copy-2.
  await page.locator('body').press('Shift+F10');
  const menu = page.getByRole('menu');
  await menu.getByRole('menuitem', { name: /^Paste \d+ elements$/ }).click();
  await app.expectDrawn('9 bridges', '9 links');
  await expect(app.list('Bridges')).toContainText('vbr1-copy-2');

  await app.undoButton.click();
  await app.expectDrawn('6 bridges', '6 links');
  await app.undoButton.click();
  await app.expectDrawn('3 bridges', '3 PoPs', '3 links');
});

test('a copied bridge lands beside the original, never on top, and is brought into view', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await app.tab('Elements');
  await app.list('Bridges').getByRole('button', { name: /^vbr3/ }).first().click();
  await expect(app.graph).toHaveAttribute('data-selected-at', /^\d+,\d+$/);
  await page.locator('body').press('Control+c');
  await page.locator('body').press('Control+v');
  await expect(app.list('Bridges')).toContainText('vbr3-copy');
  await expect(page.getByRole('form', { name: 'Edit Bridge vbr3-copy' })).toBeVisible();
  // Selected, and once the view settles, drawn inside the canvas at another spot than the original.
  await expect(app.graph).toHaveAttribute('data-selected-at', /^\d+,\d+$/);
  const [x, y] = (await app.graph.getAttribute('data-selected-at'))!.split(',').map(Number) as [number, number];
  const size = (await app.graph.boundingBox())!;
  expect(x).toBeGreaterThan(0);
  expect(y).toBeGreaterThan(0);
  expect(x).toBeLessThan(size.width);
  expect(y).toBeLessThan(size.height);
  await app.screenshot('clipboard-02-bridge');
  // Stored positions: the copy and its ports keep the original's shape, near it, and none sits
  // on another node.
  const { topology, positions } = await engineSnapshot(page);
  const at = new Map(positions.map((p) => [p.elementId, p]));
  const vbr3 = topology.bridges.find((b) => b.name === 'vbr3')!;
  const copy = topology.bridges.find((b) => b.name === 'vbr3-copy')!;
  const copied = [copy.id, ...topology.ports.filter((p) => p.bridgeId === copy.id).map((p) => p.id)];
  expect(copied.every((id) => at.has(id))).toBe(true);
  const others = positions.filter((p) => !copied.includes(p.elementId));
  for (const id of copied) {
    const p = at.get(id)!;
    for (const o of others) expect(Math.hypot(p.x - o.x, p.y - o.y), `${id} vs ${o.elementId}`).toBeGreaterThanOrEqual(100);
  }
  // Near: the copied bridge sits within a couple of bridge widths of the original's ports.
  const ports = topology.ports.filter((p) => p.bridgeId === vbr3.id && at.has(p.id)).map((p) => at.get(p.id)!);
  expect(ports.length).toBeGreaterThan(0);
  const centre = { x: ports.reduce((s, p) => s + p.x, 0) / ports.length, y: ports.reduce((s, p) => s + p.y, 0) / ports.length };
  const b = at.get(copy.id)!;
  expect(Math.hypot(centre.x - b.x, centre.y - b.y)).toBeLessThan(1500);
});
