import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { MenuPage } from './pages/menu-page';

/**
 * Accessibility basics, checked by behaviour: keyboard reachable controls, a visible focus
 * ring, the tabs and dialog keyboard patterns, and a name on every form control.
 */

/** What Tab landed on: a key to compare with the toolbar's controls, and its focus ring. */
interface Focused {
  readonly key: string;
  readonly inToolbar: boolean;
  readonly outlineStyle: string;
  readonly outlineWidth: string;
}

async function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
      key: el.id || el.getAttribute('aria-label') || (el.textContent ?? '').trim(),
      inToolbar: el.closest('[role="toolbar"]') !== null,
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
    };
  });
}

/** Visible inputs, selects and textareas under `scope`, and the ones among them with no accessible name. */
async function unnamedControls(scope: Locator): Promise<{ checked: number; unnamed: string[] }> {
  return scope.locator('input, select, textarea').evaluateAll((elements) => {
    const visible = elements.filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
    const named = (el: Element): boolean => {
      const labels = (el as HTMLInputElement).labels;
      if (labels && [...labels].some((l) => (l.textContent ?? '').trim() !== '')) return true;
      if ((el.getAttribute('aria-label') ?? '').trim() !== '') return true;
      const ids = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
      return ids.some((id) => (document.getElementById(id)?.textContent ?? '').trim() !== '');
    };
    return { checked: visible.length, unnamed: visible.filter((el) => !named(el)).map((el) => el.outerHTML.slice(0, 160)) };
  });
}

async function expectAllNamed(scope: Locator): Promise<void> {
  const { checked, unnamed } = await unnamedControls(scope);
  expect(unnamed).toEqual([]);
  expect(checked).toBeGreaterThan(0);
}

for (const theme of ['dark', 'light'] as const) {
  test(`Tab from the page start reaches the toolbar buttons and the search in order, with a focus ring (${theme})`, async ({ page, server }) => {
    const app = await AppPage.open(page, server.url);
    const html = page.locator('html');
    if ((await html.getAttribute('data-theme')) !== theme) {
      await page.getByRole('button', { name: 'Light theme' }).click();
      await expect(html).toHaveAttribute('data-theme', theme);
      await page.reload();
      await app.waitReady();
    }
    await expect(html).toHaveAttribute('data-theme', theme);

    const toolbar = page.getByRole('toolbar', { name: 'Editor' });
    const all = await toolbar
      .locator('button:not(:disabled), input, select')
      .evaluateAll((els) => els.map((el) => el.id || el.getAttribute('aria-label') || (el.textContent ?? '').trim()));
    const expected = all.slice(0, all.indexOf('graph-search') + 1);
    expect(expected).toEqual(expect.arrayContaining(['Save', 'Fit', 'Zoom in', 'Zoom out', 'Auto-layout', 'Link mode', 'graph-search']));

    const visited: Focused[] = [];
    for (let i = 0; i < 40 && visited.at(-1)?.key !== 'graph-search'; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (now) visited.push(now);
    }
    expect(visited.filter((f) => f.inToolbar).map((f) => f.key)).toEqual(expected);
    for (const f of visited) {
      expect.soft(f.outlineStyle, `focus ring on ${f.key}`).not.toBe('none');
      expect.soft(f.outlineWidth, `focus ring on ${f.key}`).not.toBe('0px');
    }
    await expect(app.search).toBeFocused();
  });
}

test('the panel tabs follow the ARIA tabs pattern: arrow keys, Home / End, roving tabindex', async ({ page, server }) => {
  await AppPage.open(page, server.url);
  const side = page.getByRole('tablist', { name: 'Side panel' });
  const tab = (name: string): Locator => side.getByRole('tab', { name: new RegExp(`^${name}`) });

  await tab('Elements').focus();
  await expect(tab('Elements')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(tab('Add')).toBeFocused();
  await expect(tab('Add')).toHaveAttribute('aria-selected', 'true');
  await expect(tab('Add')).toHaveAttribute('tabindex', '0');
  await expect(tab('Elements')).toHaveAttribute('aria-selected', 'false');
  await expect(tab('Elements')).toHaveAttribute('tabindex', '-1');
  const panelId = await tab('Add').getAttribute('aria-controls');
  await expect(page.locator(`[id="${panelId}"]`)).toHaveAttribute('role', 'tabpanel');
  await expect(page.getByRole('tabpanel', { name: 'Add' })).toBeVisible();

  await page.keyboard.press('ArrowLeft');
  await expect(tab('Elements')).toBeFocused();
  await expect(tab('Elements')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Services')).toBeFocused();
  await expect(tab('Services')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(tab('Elements')).toBeFocused();
  await page.keyboard.press('End');
  await expect(tab('Services')).toBeFocused();
  await expect(side.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);

  const details = page.getByRole('tablist', { name: 'Details' });
  await details.getByRole('tab', { name: 'Inspector' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(details.getByRole('tab', { name: 'Plan' })).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Plan' })).toBeVisible();
});

test('a dialog takes focus, keeps Tab inside, closes on Escape and gives focus back to its opener', async ({ page, server }) => {
  await AppPage.open(page, server.url);
  const file = page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true });
  await file.click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: 'Import NSR…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import NSRs, service requests or a topology' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.locator(':focus')).toHaveCount(1);

  const stops = await dialog.locator('button:not(:disabled), input, select, textarea').count();
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < stops + 2; i++) {
      await page.keyboard.press(key);
      await expect(dialog.locator(':focus'), `${key} #${i + 1} stays in the dialog`).toHaveCount(1);
    }
  }

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(file).toBeFocused();
});

test('every visible input, select and textarea has an accessible name, on the main screen and in each dialog', async ({ page, server }) => {
  const app = new AppPage(page);
  const menu = new MenuPage(page);
  await app.load(server.url);
  const body = page.locator('body');
  await expectAllNamed(body);
  await app.tab('Add');
  await expectAllNamed(page.getByRole('tabpanel', { name: 'Add' }));
  await app.tab('Elements');
  await app.list('Segments').getByRole('button', { name: /^10\.30\.0\.0\/24/ }).click();
  await expectAllNamed(page.getByRole('form', { name: /^Edit Segment/ }));
  await app.tab('Trace');
  await expectAllNamed(page.getByRole('form', { name: 'Packet trace' }));
  await app.tab('Inspector');
  await app.selectBySearch('if_athens');
  await page.getByText('VLAN pool (default 400–500)').click();
  await expectAllNamed(page.getByRole('form', { name: 'VLAN pool' }));
  await app.tab('Push');
  await page.getByText('Rehearse a failure').click();
  await expectAllNamed(page.getByRole('complementary', { name: 'Details' }));

  const dialogs = [
    { item: 'Import NSR…', title: 'Import NSRs, service requests or a topology' },
    { item: 'Export…', title: 'Export' },
    { item: 'New', title: 'New project' },
    { item: 'Open…', title: 'Open project' },
    { item: 'Save As…', title: 'Save project as' },
  ];
  for (const { item, title } of dialogs) {
    await menu.choose('File', item);
    const dialog = page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    // The tenant field only shows for the VTN formats.
    if (item === 'Export…') await dialog.getByLabel('Format').selectOption('odl-vtn');
    if (item === 'Export…') await expect(dialog.getByLabel('VTN tenant')).toBeVisible();
    await expectAllNamed(dialog);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
});

test('the unsaved-changes prompt, shortcut sheet, push journal and Help menu: named, focus inside, Escape closes', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const menu = new MenuPage(page);
  await page.getByRole('tab', { name: 'Add' }).click();
  const add = page.getByRole('form', { name: 'Add Bridge / switch' });
  await add.getByLabel(/^Name/).fill('a11y-bridge');
  await add.getByRole('button', { name: 'Add Bridge / switch' }).click();
  await expect(app.projectName).toHaveText(/^• /);

  const checks = [
    { open: () => menu.choose('File', 'New'), title: /^Save changes to/, focused: 'Save', named: false },
    { open: () => menu.choose('Help', 'Keyboard shortcuts'), title: 'Keyboard shortcuts', focused: 'Close', named: false },
    { open: () => menu.choose('File', 'Push journal…'), title: 'Push journal', focused: null, named: true },
  ];
  for (const { open, title, focused, named } of checks) {
    await open();
    const dialog = page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    if (focused) await expect(dialog.getByRole('button', { name: focused, exact: true })).toBeFocused();
    if (named) await expectAllNamed(dialog);
    // Tab stays inside the dialog.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
  // Escape on the prompt was Cancel: the edit is still there, unsaved.
  await expect(app.projectName).toHaveText(/^• /);
  // The Help menu is a keyboard menu like the others.
  const help = page.getByRole('menubar').getByRole('menuitem', { name: 'Help', exact: true });
  await help.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menu', { name: 'Help' }).getByRole('menuitem', { name: 'Keyboard shortcuts' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(help).toBeFocused();
});

test('the graph context menu follows the ARIA menu pattern: keyboard opens it, arrows move, Escape gives focus back', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await app.tab('Elements');
  const opener = app.list('Bridges').getByRole('button', { name: /^vbr2/ });
  await opener.click();
  await expect(opener).toBeFocused();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions on the bridge' });
  await expect(menu).toBeVisible();
  const items = menu.getByRole('menuitem');
  const count = await items.count();
  expect(count).toBeGreaterThanOrEqual(4);
  await expect(items.first()).toBeFocused();
  for (let i = 1; i < count; i++) {
    await page.keyboard.press('ArrowDown');
    await expect(items.nth(i)).toBeFocused();
  }
  await page.keyboard.press('ArrowDown');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(items.last()).toBeFocused();
  // Each item has a name and a visible focus ring.
  for (let i = 0; i < count; i++) {
    await items.nth(i).focus();
    const ring = await items.nth(i).evaluate((el) => ({ name: (el.textContent ?? '').trim(), outline: getComputedStyle(el).outlineStyle }));
    expect(ring.name).not.toBe('');
    expect.soft(ring.outline, `focus ring on ${ring.name}`).not.toBe('none');
  }
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(opener).toBeFocused();
});

test('the port picker follows the ARIA combobox pattern: named, arrow keys move the active option, Escape closes', async ({ page, server }) => {
  await AppPage.open(page, server.url);
  await page.getByRole('tab', { name: 'Add' }).click();
  await page.getByRole('radio', { name: 'Link', exact: true }).check();
  const form = page.getByRole('form', { name: 'Add Link' });
  const from = form.getByRole('combobox', { name: 'From port' });
  await expect(form.getByRole('combobox', { name: 'To port' })).toBeVisible();
  await expectAllNamed(form);
  await from.focus();
  const chosen = await from.inputValue();
  await expect(from).toHaveAttribute('aria-autocomplete', 'list');
  await expect(from).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowDown');
  await expect(from).toHaveAttribute('aria-expanded', 'true');
  const list = page.getByRole('listbox', { name: 'Ports' });
  await expect(list).toBeVisible();
  expect(await list.getAttribute('id')).toBe(await from.getAttribute('aria-controls'));
  // Each group of options is named by its heading.
  await expect(list.getByRole('group', { name: 'In use' })).toBeVisible();
  const first = await from.getAttribute('aria-activedescendant');
  await expect(list.locator(`#${first!}`)).toHaveAttribute('role', 'option');
  await page.keyboard.press('ArrowDown');
  const second = await from.getAttribute('aria-activedescendant');
  expect(second).not.toBe(first);
  await expect(list.locator(`#${second!}`)).toHaveClass(/active/);
  // Focus never leaves the input; Escape closes and keeps the chosen port.
  await expect(from).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(from).toHaveAttribute('aria-expanded', 'false');
  await expect(list).toBeHidden();
  await expect(from).toHaveValue(chosen);
  await expect(from).toBeFocused();
});

test('placeholders read as examples, muted and italic, never as values', async ({ page, server }) => {
  await AppPage.open(page, server.url);
  await page.getByRole('tab', { name: 'Add' }).click();
  for (const kind of ['Bridge / switch', 'Port', 'Segment', 'PoP', 'NAP']) {
    await page.getByRole('radio', { name: kind, exact: true }).check();
    const fields = page.getByRole('form', { name: `Add ${kind}` }).locator('input[placeholder]:not([role="combobox"])');
    const shown = await fields.evaluateAll((els) =>
      els.map((el) => {
        const style = getComputedStyle(el, '::placeholder');
        return { text: (el as HTMLInputElement).placeholder, italic: style.fontStyle, colour: style.color, value: getComputedStyle(el).color };
      }),
    );
    expect(shown.length, kind).toBeGreaterThan(0);
    for (const p of shown) {
      expect(p.text, kind).toMatch(/^(e\.g\. |optional|empty = )/);
      expect(p.italic, p.text).toBe('italic');
      expect(p.colour, p.text).not.toBe(p.value);
    }
  }
});

test('the unapplied-edits prompt is a modal dialog: focus on Apply, Tab stays inside, Escape cancels and keeps the edits', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  await app.selectBySearch('pop-patras');
  const name = page.getByRole('form', { name: 'Edit PoP pop-patras' }).getByLabel(/^Name/);
  await name.fill('pop-patra');
  await page.getByRole('tab', { name: /^Trace/ }).click();
  const prompt = page.getByRole('dialog', { name: 'Apply your changes to PoP pop-patras?' });
  await expect(prompt).toBeVisible();
  const buttons = prompt.getByRole('button');
  await expect(buttons).toHaveText(['Cancel', 'Discard', 'Apply']);
  await expect(prompt.getByRole('button', { name: 'Apply' })).toBeFocused();
  for (const next of ['Cancel', 'Discard', 'Apply']) {
    await page.keyboard.press('Tab');
    await expect(prompt.getByRole('button', { name: next })).toBeFocused();
  }
  await page.keyboard.press('Escape');
  await expect(prompt).toBeHidden();
  await expect(page.getByRole('tab', { name: /^Inspector/ })).toHaveAttribute('aria-selected', 'true');
  await expect(name).toHaveValue('pop-patra');
});

test('the Open dialog: named, focus in its search box, a listbox of named options, Tab stays inside, Escape closes', async ({ page, server }) => {
  await AppPage.open(page, server.url);
  const menu = new MenuPage(page);
  const opener = page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true });
  await menu.choose('File', 'Open…');
  const dialog = page.getByRole('dialog', { name: 'Open project' });
  await expect(dialog).toBeVisible();
  const search = dialog.getByRole('combobox', { name: 'Search projects' });
  await expect(search).toBeFocused();
  await expect(search).toHaveAttribute('aria-controls', (await dialog.getByRole('listbox', { name: 'Projects' }).getAttribute('id'))!);
  const options = dialog.getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  // The active option is announced through the search box (combobox pattern), with its name.
  await expect(search).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id'))!);
  await expect(options.first()).toHaveAccessibleName(/sample-wan/);
  await expectAllNamed(dialog);
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('Unpin (context menu), Unpin all (toolbar, View menu): named, described, keyboard reachable, disabled when nothing is pinned', async ({ page, server }) => {
  const app = await AppPage.open(page, server.url);
  const view = page.getByRole('menubar').getByRole('menuitem', { name: 'View', exact: true });
  const unpinAllItem = page.getByRole('menu', { name: 'View' }).getByRole('menuitem', { name: 'Unpin all' });
  await view.click();
  await expect(unpinAllItem).toHaveAttribute('aria-disabled', 'true');
  await expect(unpinAllItem).toHaveAttribute('title', /No node is pinned/);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Unpin all' })).toBeDisabled();

  const from = await app.selectBySearch('pop-patras');
  await app.drag(from, { x: from.x + 150, y: from.y + 30 });
  await expect(app.graph).toHaveAttribute('data-pinned-count', '1');
  const toolbarButton = page.getByRole('button', { name: 'Unpin all' });
  await expect(toolbarButton).toBeEnabled();
  await expect(toolbarButton).toHaveAttribute('title', /auto-layout moves them again/);

  // The keyboard reaches Unpin in the selection's context menu (Shift+F10, arrows).
  await app.tab('Elements');
  const opener = app.list('PoPs').getByRole('button', { name: /^pop-patras/ });
  await opener.click();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions on the pop' });
  const unpin = menu.getByRole('menuitem', { name: 'Unpin', exact: true });
  await expect(unpin).toHaveAttribute('title', /auto-layout keeps it/);
  for (let i = 0; i < 8 && !(await unpin.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
  await expect(unpin).toBeFocused();
  expect(await unpin.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(app.graph).toHaveAttribute('data-pinned-count', '0');
  await expect(opener).toBeFocused();

  // View › Unpin all is enabled again once something is pinned, and runs from the keyboard.
  await app.undoButton.click();
  await expect(app.graph).toHaveAttribute('data-pinned-count', '1');
  await view.focus();
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 12 && !(await unpinAllItem.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
  await expect(unpinAllItem).toBeFocused();
  await expect(unpinAllItem).not.toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  await expect(app.graph).toHaveAttribute('data-pinned-count', '0');
});
