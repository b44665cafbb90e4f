import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { startAuthRecorder } from '../helpers/auth-recorder';

test('re-pointing a profile without retyping the password drops it, and the push asks for it', async ({ page, server }) => {
  const first = await startAuthRecorder();
  const second = await startAuthRecorder();
  try {
    const app = new AppPage(page);
    await page.goto(server.url);
    await app.waitReady();
    await app.tab('Push');
    const summary = page.getByTestId('profile-summary');

    await page.getByRole('button', { name: 'New profile' }).click();
    const form = page.getByRole('form', { name: 'New controller profile' });
    await form.getByLabel(/^Name/).fill('athens');
    await form.getByLabel(/^URL/).fill(first.url);
    await form.getByLabel('User').fill('admin');
    await form.getByLabel('Password', { exact: true }).fill('old-s3cret');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await expect(form).toBeHidden();
    await expect(summary).toHaveText(`${first.url} as admin · password sealed (local-key)`);

    // Edit the URL only: the form says the stored password will be dropped.
    await page.getByRole('button', { name: 'Edit profile athens', exact: true }).click();
    const edit = page.getByRole('form', { name: 'Edit controller profile' });
    const password = edit.getByLabel('Password', { exact: true });
    await expect(password).toHaveAccessibleDescription(/leave empty to keep the stored password/i);
    await edit.getByLabel(/^URL/).fill(second.url);
    await expect(password).toHaveAccessibleDescription(/the stored password will be dropped/i);
    await app.screenshot('profile-secrets-01-drop-warning');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
    await expect(summary).toHaveText(`${second.url} as admin · password needed: edit the profile to enter it`);

    // The push asks for the password; the new controller never hears from us.
    await page.getByRole('button', { name: 'Push', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Enter the password for' })).toContainText("Enter the password for 'athens'");
    await app.screenshot('profile-secrets-02-push-asks');
    expect(second.authorizations).toEqual([]);

    // The form asks for it too; once typed, it is the one sent, never the old one.
    await page.getByRole('button', { name: 'Edit profile athens', exact: true }).click();
    await expect(password).toHaveAccessibleDescription(/enter the password: it was dropped/i);
    await password.fill('new-pw');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(summary).toHaveText(`${second.url} as admin · password sealed (local-key)`);
    await page.getByRole('button', { name: 'Push', exact: true }).click();
    await expect.poll(() => second.authorizations.length).toBeGreaterThan(0);
    expect(new Set(second.authorizations)).toEqual(new Set([`Basic ${Buffer.from('admin:new-pw').toString('base64')}`]));
    expect(first.authorizations).toEqual([]);
  } finally {
    await first.close();
    await second.close();
  }
});
