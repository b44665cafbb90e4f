import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { MenuPage } from './pages/menu-page';

/** Issue #16: leaving unapplied Inspector edits asks first (Apply / Discard / Cancel). */
test('unapplied Inspector edits: another selection, a tab switch and closing the Inspector ask first; Cancel keeps them', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await app.selectBySearch('pop-athens');
  const editor = page.getByRole('form', { name: 'Edit PoP pop-athens' });
  const name = editor.getByLabel(/^Name/);
  await name.fill('pop-athina');

  // Another selection asks; Cancel (reached with the keyboard) keeps the edits and the selection.
  await app.search.fill('pop-patras');
  await app.search.press('Enter');
  const prompt = page.getByRole('dialog', { name: 'Apply your changes to PoP pop-athens?' });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('before you select another element');
  await expect(prompt.getByRole('button', { name: 'Apply' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(prompt.getByRole('button', { name: 'Discard' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(prompt.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(prompt).toBeHidden();
  await expect(name).toHaveValue('pop-athina');
  await expect(page.getByRole('form', { name: 'Edit PoP pop-patras' })).toHaveCount(0);
  await expect(app.graph).toHaveAttribute('data-selected-count', '1');

  // A click on the graph's background (closing the Inspector) asks too; Escape in the prompt is Cancel.
  // (The search's results list hangs over the graph's top: clear the search first.)
  await app.search.fill('');
  const box = (await app.graph.boundingBox())!;
  await page.mouse.click(box.x + 6, box.y + box.height - 6);
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('before you close the Inspector');
  await page.keyboard.press('Escape');
  await expect(prompt).toBeHidden();
  await expect(name).toHaveValue('pop-athina');

  // A tab switch made by a command (File › Push…) asks too; Cancel stays in the Inspector.
  await new MenuPage(page).choose('File', 'Push…');
  await expect(prompt).toContainText('before you switch tabs');
  await prompt.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('tab', { name: /^Inspector/ })).toHaveAttribute('aria-selected', 'true');
  await expect(name).toHaveValue('pop-athina');

  // A tab switch asks; Discard drops the edits and switches.
  await page.getByRole('tab', { name: /^Plan/ }).click();
  await expect(prompt).toContainText('before you switch tabs');
  await prompt.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('tab', { name: /^Plan/ })).toHaveAttribute('aria-selected', 'true');
  await app.tab('Inspector');
  await expect(name).toHaveValue('pop-athens');

  // Apply (the default button: Enter) applies, then goes where it was asked to.
  await name.fill('pop-athina');
  await app.search.fill('pop-patras');
  await app.search.press('Enter');
  await expect(prompt).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'Edit PoP pop-patras' })).toBeVisible();
  await expect(app.undoButton).toHaveAttribute('title', /Undo edit PoP pop-athens/);
  await app.tab('Elements');
  await expect(app.list('PoPs')).toContainText('pop-athina');
  await app.screenshot('inspector-leave');
});

/** Issue #16: closing or reloading the tab counts unapplied Inspector edits, even in a saved project. */
test('reload and tab close ask (beforeunload) while Inspector edits are unapplied, not once applied', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await expect(app.projectName).not.toHaveText(/^•/);
  await app.selectBySearch('pop-athens');
  const editor = page.getByRole('form', { name: 'Edit PoP pop-athens' });
  await editor.getByLabel(/^Name/).fill('pop-athina');
  // Nothing is applied yet: the project itself has no unsaved changes.
  await expect(app.projectName).not.toHaveText(/^•/);
  const asked = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);
  await expect(editor.getByLabel(/^Name/)).toHaveValue('pop-athina');

  // Discarding the edits (another selection, Discard) leaves nothing to lose: no question.
  await app.search.fill('pop-patras');
  await app.search.press('Enter');
  await page.getByRole('dialog', { name: 'Apply your changes to PoP pop-athens?' }).getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('form', { name: 'Edit PoP pop-patras' })).toBeVisible();
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    void d.accept();
  });
  await app.load(server.url);
  expect(dialogs).toBe(0);
});
