import type { Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineHost } from '../../electron/host/engine-host';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { MenuPage } from './pages/menu-page';
import { PalettePage } from './pages/palette-page';

/**
 * Files in browser mode (issue #16, History and files): the Open dialog lists and searches the
 * projects folder, File › Open Recent reopens what was opened before (only inside the folders
 * the server may open), and pins placed by hand survive Save, reopen and auto-layout.
 */

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** Saves copies of the sample WAN named `names` as `names`.wicm in `projectsDir`, one after the other (the last is the newest). */
async function saveProjects(projectsDir: string, names: readonly string[]): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'wicm-e2e-files-'));
  try {
    const host = await startEngineHost({ mode: 'cli', logger: quiet, dataDir: scratch, template: 'sample' });
    for (const name of names) {
      for (const [method, req] of [['project.new', { name, template: 'sample' }], ['project.saveAs', { path: join(projectsDir, `${name}.wicm`) }]] as const) {
        const reply = await host.dispatch(method, req);
        if (!reply.ok) throw new Error(reply.error.message);
      }
      // Distinct modification times, so "newest first" has one answer.
      await new Promise((done) => setTimeout(done, 20));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const prompt = (page: Page) => page.getByRole('dialog', { name: /^Save changes to/ });
const openDialog = (page: Page) => page.getByRole('dialog', { name: 'Open project' });

test('File › Open asks about unsaved changes, then lists the projects folder; typing filters, arrows choose, Enter opens', async ({ page, server }) => {
  await saveProjects(join(server.dataDir, 'projects'), ['zeta-north', 'zeta-south', 'omega']);
  await writeFile(join(server.dataDir, 'recent.json'), JSON.stringify([join(server.dataDir, 'projects', 'sample-wan.wicm')]));
  const app = await AppPage.open(page, server.url);
  const menu = new MenuPage(page);
  await new PalettePage(page).add('Bridge / switch', { Name: 'br-unsaved' });
  await expect(app.projectName).toHaveText(/^• /);

  await menu.choose('File', 'Open…');
  await expect(prompt(page)).toContainText('open another project');
  await expect(openDialog(page)).toBeHidden();
  await prompt(page).getByRole('button', { name: 'Don’t save' }).click();

  const dialog = openDialog(page);
  const search = dialog.getByRole('combobox', { name: 'Search projects' });
  await expect(search).toBeFocused();
  const options = dialog.getByRole('listbox', { name: 'Projects' }).getByRole('option');
  // The open project is the recent one and comes first; the others newest first.
  await expect(options).toHaveCount(4);
  await expect(options.nth(0)).toContainText('sample-wan');
  await expect(options.nth(0)).toContainText('recent');
  await expect(options.nth(1)).toContainText('omega');
  await expect(options.nth(2)).toContainText('zeta-south');
  await expect(options.nth(1)).toContainText(/\d+ KB · 0 services/);
  await app.screenshot('open-dialog');

  await search.pressSequentially('zeta');
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await search.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(search).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id'))!);
  await expect(options.nth(1)).toContainText('zeta-north');
  await search.fill('no such project');
  await expect(options).toHaveCount(0);
  await expect(dialog.getByRole('status')).toContainText('No project matches “no such project”');
  await search.fill('zeta');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(app.projectName).toHaveText('zeta-north');
  // The unsaved bridge was let go, as asked.
  await app.expectDrawn('3 bridges');
});

test('File › Open Recent reopens a project; recent projects outside the allowed folders are not offered', async ({ page, server }) => {
  const projects = join(server.dataDir, 'projects');
  await saveProjects(projects, ['east']);
  const outside = await mkdtemp(join(tmpdir(), 'wicm-e2e-outside-'));
  try {
    // The desktop app (same data folder) opened a project outside what this server may open.
    await writeFile(join(outside, 'desktop-only.wicm'), 'x');
    await writeFile(join(server.dataDir, 'recent.json'), JSON.stringify([join(projects, 'sample-wan.wicm'), join(outside, 'desktop-only.wicm')]));
    const app = await AppPage.open(page, server.url);
    const menu = new MenuPage(page);
    await menu.open(join(projects, 'east.wicm'));
    await expect(app.projectName).toHaveText('east');

    await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
    const file = page.getByRole('menu', { name: 'File' });
    await expect(file.getByRole('menuitem', { name: /^Open Recent: / })).toHaveCount(1);
    await expect(file.getByRole('menuitem', { name: 'Open Recent: sample-wan' })).toBeVisible();
    await expect(file).not.toContainText('desktop-only');
    await app.screenshot('open-recent-menu');
    await file.getByRole('menuitem', { name: 'Open Recent: sample-wan' }).click();
    await expect(app.projectName).toHaveText('Sample WAN');

    // Now east is recent, and the dialog says a recent project is left out.
    await expect(async () => {
      await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
      await expect(page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: 'Open Recent: east' })).toBeVisible({ timeout: 1000 });
    }).toPass();
    await page.keyboard.press('Escape');
    await menu.choose('File', 'Open…');
    await expect(openDialog(page).getByRole('status')).toContainText('1 recent project is not listed: gone, or outside the folders this server may open');
    await expect(openDialog(page).getByRole('option')).toHaveCount(2);
  } finally {
    await rm(outside, { recursive: true, force: true });
  }
});

test('a node placed by hand stays put after Save, reopen and auto-layout', async ({ page, server }) => {
  await saveProjects(join(server.dataDir, 'projects'), ['other']);
  const app = await AppPage.open(page, server.url);
  const menu = new MenuPage(page);
  const stored = (): Promise<{ elementId: string; x: number; y: number; pinned?: boolean }[]> =>
    page.evaluate(async () => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="wicm-token"]')!.content;
      const reply = await fetch('/rpc/topology.get', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
      return ((await reply.json()) as { value: { positions: { elementId: string; x: number; y: number; pinned?: boolean }[] } }).value.positions;
    });
  const before = await stored();
  const from = await app.selectBySearch('pop-patras');
  await app.drag(from, { x: from.x + 200, y: from.y + 40 });
  await expect.poll(async () => (await stored()).find((p) => p.elementId === 'pop-patras')?.pinned).toBe(true);
  const placed = (await stored()).find((p) => p.elementId === 'pop-patras')!;
  expect(placed.x).toBeGreaterThan(before.find((p) => p.elementId === 'pop-patras')!.x + 60);
  await menu.choose('File', 'Save');
  await expect(app.projectName).toHaveText('Sample WAN');

  // Reopen from disk: another project, then the sample again.
  await menu.open('other.wicm');
  await expect(app.projectName).toHaveText('other');
  await menu.open('sample-wan.wicm');
  await expect(app.projectName).toHaveText('Sample WAN');
  expect((await stored()).find((p) => p.elementId === 'pop-patras')).toEqual(placed);

  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(app.projectName).toHaveText(/^• /);
  const after = await stored();
  expect(after.find((p) => p.elementId === 'pop-patras')).toEqual(placed);
  // Everything else was laid out again (moved off the hand-placed part).
  const moved = after.filter((p) => p.elementId !== 'pop-patras' && before.some((b) => b.elementId === p.elementId && (b.x !== p.x || b.y !== p.y)));
  expect(moved.length).toBeGreaterThan(5);
  await app.screenshot('open-files-pinned-after-auto-layout');
});
