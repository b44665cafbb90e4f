import type { Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSqlEngine } from '../../electron/host/platform/sqljs';
import { demiWimDb } from '../helpers/demi-wim-db';
import { expect, startServer, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { MenuPage } from './pages/menu-page';
import { PalettePage } from './pages/palette-page';

/**
 * Never lose work: everything that replaces a project with unsaved changes asks first
 * (Save / Don't save / Cancel), reload and tab close ask too, and after a killed server the
 * next start offers the unsaved work back.
 */

async function edit(page: Page, app: AppPage, name: string): Promise<void> {
  await new PalettePage(page).add('Bridge / switch', { Name: name });
  await expect(app.projectName).toHaveText(/^• /);
}

const prompt = (page: Page) => page.getByRole('dialog', { name: /^Save changes to/ });

test('New: Cancel keeps the edits, Don’t save goes on to the new project', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const menu = new MenuPage(page);
  await edit(page, app, 'br-unsaved');
  await app.expectDrawn('4 bridges');

  await menu.choose('File', 'New');
  await expect(prompt(page)).toBeVisible();
  await expect(prompt(page)).toContainText('create a new project');
  await prompt(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(prompt(page)).toBeHidden();
  await expect(page.getByRole('dialog', { name: 'New project' })).toBeHidden();
  await expect(app.projectName).toHaveText(/^• /);
  await app.expectDrawn('4 bridges');

  // Escape is Cancel too.
  await menu.choose('File', 'New');
  await expect(prompt(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(prompt(page)).toBeHidden();
  await expect(page.getByRole('dialog', { name: 'New project' })).toBeHidden();

  await menu.choose('File', 'New');
  await prompt(page).getByRole('button', { name: 'Don’t save' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByRole('button', { name: 'Create' }).click();
  await app.expectDrawn('0 bridges');
  await expect(app.projectName).not.toHaveText(/^•/);
});

test('Open: Save writes the edits to the project file first, then opens', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const menu = new MenuPage(page);
  await edit(page, app, 'br-saved-first');
  await menu.choose('File', 'Open…');
  await prompt(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.projectName).not.toHaveText(/^•/);
  const dialog = page.getByRole('dialog', { name: 'Open project' });
  await expect(dialog).toBeVisible();
  // What was saved is on disk: reopening the file shows the edit.
  await dialog.getByLabel(/Path on the server/).fill(join(server.dataDir, 'projects', 'sample-wan.wicm'));
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();
  await app.expectDrawn('4 bridges');
  await app.selectBySearch('br-saved-first');
});

test('import into a new project (a demi-wicm database): a never-saved project is saved as first', async ({ page, server }) => {
  const sql = await loadSqlEngine();
  const wimDb = join(server.dataDir, 'projects', 'wim_info.db');
  await writeFile(wimDb, demiWimDb(sql, [{ id: 1, segment: '10.9.0.0/24', pop_name: 'pop-x', bridge_name: 'br-demi', port_id: 'p1' }], { user: 'u', client: 'c' }));
  const app = await AppPage.open(page, server.url);
  const menu = new MenuPage(page);
  await menu.newEmpty();
  await edit(page, app, 'br-untitled');

  await menu.choose('File', 'Open…');
  await expect(prompt(page)).toContainText('It has no file yet');
  await prompt(page).getByRole('button', { name: 'Save As…' }).click();
  const saveAs = page.getByRole('dialog', { name: 'Save project as' });
  await saveAs.getByLabel(/Path on the server/).fill('kept-untitled');
  await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
  // Saved, then the Open that waited for it goes on.
  const open = page.getByRole('dialog', { name: 'Open project' });
  await expect(open).toBeVisible();
  expect(existsSync(join(server.dataDir, 'projects', 'kept-untitled.wicm'))).toBe(true);
  await open.getByLabel(/Path on the server/).fill(wimDb);
  await open.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(open).toBeHidden();
  await expect(app.projectName).toContainText('(imported)');
  await app.selectBySearch('br-demi');
});

test('reload and tab close ask while there are unsaved changes (beforeunload), not once saved', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await edit(page, app, 'br-before-unload');
  const asked = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);

  await page.keyboard.press('Control+s');
  await expect(app.projectName).not.toHaveText(/^•/);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    void d.accept();
  });
  await app.load(server.url);
  await app.selectBySearch('br-before-unload');
  expect(dialogs).toBe(0);
});

test('restore after a killed server: the next start offers the unsaved work back', async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'wicm-e2e-recovery-'));
  let { url, child } = await startServer(dataDir);
  try {
    const app = await AppPage.open(page, url);
    await edit(page, app, 'br-survives-kill');
    // The server keeps a copy of unsaved work in <dataDir>/recovery as soon as the project is dirty.
    const recovery = join(dataDir, 'recovery');
    await expect.poll(async () => (existsSync(recovery) ? (await readdir(recovery)).filter((f) => /^run-\d+-[0-9a-f]{8}\.json$/.test(f)).length : 0)).toBe(1);
    const killed = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await killed;

    ({ url, child } = await startServer(dataDir));
    await app.load(url);
    const offer = page.getByRole('dialog', { name: 'Restore unsaved work?' });
    await expect(offer).toBeVisible();
    await expect(offer).toContainText('sample-wan.wicm');
    await offer.getByRole('button', { name: 'Restore' }).click();
    await expect(offer).toBeHidden();
    await expect(app.projectName).toHaveText(/^• /);
    await app.expectDrawn('4 bridges');
    await app.selectBySearch('br-survives-kill');

    // Offered once: after a restore the next load has nothing to offer.
    await page.keyboard.press('Control+s');
    await expect(app.projectName).not.toHaveText(/^•/);
    await app.load(url);
    await expect(offer).toBeHidden();
  } finally {
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
});
