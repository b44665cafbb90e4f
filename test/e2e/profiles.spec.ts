import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ServicesPage } from './pages/services-page';

const LAB_VTN = 'Lab controller (OpenDaylight VTN) (odl-vtn, built-in lab)';

/** The Push tab's target picker and its profile form. */
function pushTab(page: Page) {
  return {
    target: page.getByRole('combobox', { name: 'Target' }),
    services: page.getByRole('combobox', { name: 'Services' }),
    summary: page.getByTestId('profile-summary'),
    newForm: page.getByRole('form', { name: 'New controller profile' }),
    editForm: page.getByRole('form', { name: 'Edit controller profile' }),
  };
}

test('create, edit, rename, clear the password of a controller profile, and keep it across a reload', async ({ page, server }) => {
  const app = new AppPage(page);
  const push = pushTab(page);
  await app.load(server.url);
  await app.tab('Push');

  // A new ODL VTN profile: only the VTN's own field is offered, and the password is masked.
  await page.getByRole('button', { name: 'New profile' }).click();
  const form = push.newForm;
  await form.getByLabel(/^Name/).fill('lab-vtn');
  await expect(form.getByLabel('Controller')).toHaveValue('odl-vtn');
  await form.getByLabel(/^URL/).fill('http://127.0.0.1:1/');
  await form.getByLabel('User').fill('admin');
  await form.getByLabel('Password', { exact: true }).fill('s3cret');
  await expect(form.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'password');
  await expect(form.getByLabel('ONOS application id')).toHaveCount(0);
  await form.getByLabel('Controller').selectOption('onos');
  await expect(form.getByLabel('ONOS application id')).toBeVisible();
  await expect(form.getByLabel('VTN tenant')).toHaveCount(0);
  await form.getByLabel('Controller').selectOption('odl-vtn');
  await expect(form.getByLabel('VTN tenant')).toHaveAttribute('placeholder', 'vtn1');
  await form.getByLabel('VTN tenant').fill('vtn7');
  await app.screenshot('profiles-01-new');
  await form.getByRole('button', { name: 'Save profile' }).click();
  await expect(form).toBeHidden();
  await expect(push.target.locator('option:checked')).toHaveText('lab-vtn (odl-vtn)');
  await expect(push.summary).toHaveText('http://127.0.0.1:1/ as admin · tenant vtn7 · password sealed (local-key)');

  // Edit: prefilled, the password left empty to keep it; renamed (a new URL would drop the
  // password: test/e2e/profile-secrets.spec.ts).
  await page.getByRole('button', { name: 'Edit profile lab-vtn', exact: true }).click();
  const edit = push.editForm;
  await expect(edit.getByLabel(/^Name/)).toHaveValue('lab-vtn');
  await expect(edit.getByLabel('Controller')).toHaveValue('odl-vtn');
  await expect(edit.getByLabel(/^URL/)).toHaveValue('http://127.0.0.1:1/');
  await expect(edit.getByLabel('User')).toHaveValue('admin');
  await expect(edit.getByLabel('VTN tenant')).toHaveValue('vtn7');
  await expect(edit.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(edit.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/leave empty to keep the stored password/i);
  await expect(edit.getByRole('checkbox', { name: 'Clear the stored password' })).not.toBeChecked();
  await app.screenshot('profiles-02-edit');
  await edit.getByLabel(/^Name/).fill('lab-vtn-2');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(push.target.locator('option')).toHaveText([/^Lab controller/, /^Lab controller/, 'lab-vtn-2 (odl-vtn)']);
  await expect(push.target.locator('option:checked')).toHaveText('lab-vtn-2 (odl-vtn)');
  await expect(push.summary).toHaveText('http://127.0.0.1:1/ as admin · tenant vtn7 · password sealed (local-key)');

  // A second profile under the same name: the engine's CONFLICT shows next to the Name field.
  await page.getByRole('button', { name: 'New profile' }).click();
  await push.newForm.getByLabel(/^Name/).fill('lab-vtn-2');
  await push.newForm.getByLabel(/^URL/).fill('http://127.0.0.1:3/');
  await push.newForm.getByRole('button', { name: 'Save profile' }).click();
  await expect(push.newForm.getByLabel(/^Name/)).toHaveAttribute('aria-invalid', 'true');
  await expect(push.newForm.getByLabel(/^Name/)).toHaveAccessibleDescription("A profile named 'lab-vtn-2' exists already.");
  await app.screenshot('profiles-03-duplicate');
  await push.newForm.getByRole('button', { name: 'Cancel' }).click();
  await expect(push.newForm).toBeHidden();

  // Clear the stored password: the password field goes, and the summary says so.
  await page.getByRole('button', { name: 'Edit profile lab-vtn-2', exact: true }).click();
  await expect(edit.getByLabel(/^Name/)).toHaveAttribute('aria-invalid', 'false');
  await edit.getByRole('checkbox', { name: 'Clear the stored password' }).check();
  await expect(edit.getByLabel('Password', { exact: true })).toHaveCount(0);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(push.summary).toHaveText('http://127.0.0.1:1/ as admin · tenant vtn7 · no password');

  // The engine kept it: after a reload the edited profile is a target, prefilled as saved.
  await page.reload();
  await app.waitReady();
  await app.tab('Push');
  await expect(push.target.locator('option')).toHaveText([/^Lab controller/, /^Lab controller/, 'lab-vtn-2 (odl-vtn)']);
  await push.target.selectOption({ label: 'lab-vtn-2 (odl-vtn)' });
  await expect(push.summary).toHaveText('http://127.0.0.1:1/ as admin · tenant vtn7 · no password');
  await page.getByRole('button', { name: 'Edit profile lab-vtn-2', exact: true }).click();
  await expect(edit.getByLabel(/^URL/)).toHaveValue('http://127.0.0.1:1/');
  await expect(edit.getByRole('checkbox', { name: 'Clear the stored password' })).toHaveCount(0);
  await expect(edit.getByLabel('Password', { exact: true })).not.toHaveAccessibleDescription(/keep the stored password/i);
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(edit).toBeHidden();
});

test("push, check drift and tear down from the service's menu", async ({ page, server }) => {
  const app = new AppPage(page);
  const services = new ServicesPage(page);
  const push = pushTab(page);
  await app.load(server.url);
  await services.create({ name: 'athens-patras', ingress: '192.168.10.0/24', egress: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'] });
  await services.plan('athens-patras');
  const row = services.item('athens-patras');
  const state = row.getByTestId('service-state');
  await expect(state).toHaveText('planned');
  const more = row.getByRole('button', { name: 'More actions for athens-patras' });
  const menu = page.getByRole('menu', { name: 'Actions for athens-patras' });

  // Keyboard: the menu opens on its first item, arrows move, Escape closes and refocuses the button.
  await expect(more).toHaveAttribute('aria-haspopup', 'menu');
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expect(menu.getByRole('menuitem')).toHaveText(['Push…', 'Check drift', 'Tear down…', 'Export NSR…']);
  await expect(menu.getByRole('menuitem', { name: 'Push…' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Check drift' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Export NSR…' })).toBeFocused();
  await app.screenshot('profiles-04-menu');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(more).toBeFocused();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  // A click elsewhere closes it too.
  await more.click();
  await expect(menu).toBeVisible();
  await row.getByText('athens-patras', { exact: true }).click();
  await expect(menu).toBeHidden();

  // Push…: the Push tab, with this service chosen; push it to the built-in ODL VTN lab.
  await more.click();
  await menu.getByRole('menuitem', { name: 'Push…' }).click();
  await expect(page.getByRole('tab', { name: 'Push' })).toHaveAttribute('aria-selected', 'true');
  await expect(push.services.locator('option:checked')).toHaveText(/^athens-patras/);
  await push.target.selectOption({ label: LAB_VTN });
  await page.getByRole('checkbox', { name: /provision/ }).check();
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(page.getByTestId('push-message')).toContainText('applied and verified');
  await expect(state).toHaveText('pushed');

  // Check drift from the menu, while another tab shows: the Push tab comes back with the report.
  await app.tab('Inspector');
  await more.click();
  await menu.getByRole('menuitem', { name: 'Check drift' }).click();
  await expect(page.getByRole('region', { name: 'Drift report' })).toContainText('athens-patras: in-sync');
  await expect(page.getByRole('tab', { name: 'Push' })).toHaveAttribute('aria-selected', 'true');
  await app.screenshot('profiles-05-drift');

  // Tear down… only asks; nothing goes until "Yes, tear down".
  await app.tab('Plan');
  await more.click();
  await menu.getByRole('menuitem', { name: 'Tear down…' }).click();
  const confirm = page.getByRole('group', { name: 'Confirm tear-down' });
  await expect(confirm).toContainText('Tear down athens-patras on Lab controller (OpenDaylight VTN)?');
  await expect(confirm.getByRole('button', { name: 'Keep' })).toBeFocused();
  await expect(state).toHaveText('pushed');
  await app.screenshot('profiles-06-teardown-confirm');
  await confirm.getByRole('button', { name: 'Yes, tear down' }).click();
  await expect(confirm).toBeHidden();
  // A service torn down with its plan kept is planned again (core/service/handlers/push.ts stateAfter).
  await expect(state).toHaveText('planned');
  await expect(page.getByRole('region', { name: 'Push report' })).toContainText('teardown');
  await app.screenshot('profiles-07-torn-down');
});
