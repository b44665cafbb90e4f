import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppPage } from './pages/app-page';
import { MenuPage } from './pages/menu-page';
import { expect, startServer, test } from './fixtures';

const API_TOKEN = 'e2e-api-token-0123456789abcdef';

/** GET with a chosen Host header (a browser cannot forge one). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: target.port, path: '/', method: 'GET', headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Stops a server started by the test and removes its folder once it has exited. */
async function stop(child: ChildProcess, dir: string): Promise<void> {
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
  await rm(dir, { recursive: true, force: true });
}

test('a browser on this machine gets the UI and its page token', async ({ page, server }) => {
  await page.goto(server.url);
  await new AppPage(page).waitReady();
  await expect(page.locator('meta[name="wicm-token"]')).toHaveAttribute('content', /^[A-Za-z0-9_-]{20,}$/);
});

test('Save As outside the projects folder is refused with the allowed folder named; inside it saves', async ({ page, server }) => {
  const outside = await mkdtemp(join(tmpdir(), 'wicm-e2e-outside-'));
  try {
    await page.goto(server.url);
    const app = new AppPage(page);
    await app.waitReady();
    const menu = new MenuPage(page);
    const pwned = join(outside, 'pwned.wicm');

    await menu.choose('File', 'Save As…');
    const dialog = page.getByRole('dialog', { name: 'Save project as' });
    await dialog.getByLabel(/Path on the server/).fill(pwned);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog).toContainText('is outside the folders this server may save in');
    await expect(dialog).toContainText(join(server.dataDir, 'projects'));
    expect(existsSync(pwned)).toBe(false);

    // A bare name lands in the projects folder.
    await dialog.getByLabel(/Path on the server/).fill('my-wan');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog).toBeHidden();
    expect(existsSync(join(server.dataDir, 'projects', 'my-wan.wicm'))).toBe(true);

    // The page's own token does not reach further over plain RPC either.
    const token = await page.locator('meta[name="wicm-token"]').getAttribute('content');
    const rpc = await page.request.post(`${server.url}rpc/project.saveAs`, { headers: { Authorization: `Bearer ${token}` }, data: { path: pwned } });
    expect(rpc.status()).toBe(403);
    expect(await rpc.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(existsSync(pwned)).toBe(false);
  } finally {
    await rm(outside, { recursive: true, force: true });
  }
});

test('with --api-token-file every browser signs in first, and a forged Host header gets no token', async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'wicm-e2e-token-'));
  await writeFile(join(dataDir, 'api-token'), `${API_TOKEN}\n`, { mode: 0o600 });
  const { url, child } = await startServer(dataDir, ['--api-token-file', join(dataDir, 'api-token')]);
  try {
    const port = new URL(url).port;
    const forged = await getWithHost(url, `127.0.0.1:${port}`);
    expect(forged.status).toBe(401);
    expect(forged.body).not.toContain('wicm-token');

    await page.goto(url);
    await expect(page.getByRole('heading', { name: 'WICM Studio' })).toBeVisible();
    await page.getByLabel('API token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText(/not the API token/);

    await page.getByLabel('API token').fill(API_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const app = new AppPage(page);
    await app.waitReady();
    await expect(app.projectName).toHaveText('Sample WAN');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === `wicm_session_${port}`)).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    // The REST API takes the same token as a bearer header, on loopback too.
    expect((await page.request.get(`${url}api/v1/flows`)).status()).toBe(401);
    expect((await page.request.get(`${url}api/v1/flows`, { headers: { Authorization: `Bearer ${API_TOKEN}` } })).status()).toBe(200);
  } finally {
    await stop(child, dataDir);
  }
});
