import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronUnavailable } from './electron-binary';
import { userJourney } from './journeys/user-journey';
import { AppPage } from './pages/app-page';
import { electronShell } from './pages/shell';

const unavailable = electronUnavailable();

test.describe('desktop app (Electron)', () => {
  test.skip(unavailable !== null, `Electron e2e skipped: ${unavailable}`);

  const launch = (home: string, env: Record<string, string> = {}) =>
    _electron.launch({
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), resolve('.')],
      env: { ...process.env, WICM_HOME: home, ...env },
    });

  /** Runs `body` on a fresh app in its own data folder, with its window ready; closes and removes both. */
  const withApp = async (body: (app: ElectronApplication, page: Page, ui: AppPage) => Promise<void>): Promise<void> => {
    const home = await mkdtemp(join(tmpdir(), 'wicm-electron-'));
    const app = await launch(home);
    try {
      const page = await app.firstWindow();
      const ui = new AppPage(page);
      await ui.waitReady();
      await body(app, page, ui);
    } finally {
      await app.close();
      await rm(home, { recursive: true, force: true });
    }
  };

  test('opens the sample WAN in a sandboxed window over IPC', async () => {
    await withApp(async (_app, page, ui) => {
      await expect(ui.root).toHaveAttribute('data-transport', 'ipc');
      await expect(ui.mode).toHaveText('desktop');
      await expect(ui.graph).toHaveAttribute('aria-label', 'WAN topology graph: 3 bridges, 15 ports, 3 PoPs, 6 segments, 3 links');
      // Sandboxed, isolated page: no Node globals, and the bridge exposes exactly two functions.
      expect(await page.evaluate(() => [typeof (window as unknown as { require?: unknown }).require, typeof (window as unknown as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
      expect(await page.evaluate(() => Object.keys((window as unknown as { api: object }).api).sort())).toEqual(['invoke', 'onEvent']);
      // …and the close guard's two: report unapplied Inspector edits, apply them on "Apply and Save".
      expect(await page.evaluate(() => Object.keys((window as unknown as { desktopEdits: object }).desktopEdits).sort())).toEqual(['onApplyRequest', 'reportPendingEdits']);
      await ui.screenshot('electron-sample');
    });
  });

  test('closing the window with unapplied Inspector edits asks, in a saved project; Cancel keeps the window and the edits', async () => {
    await withApp(async (app, page, ui) => {
      await ui.selectBySearch('pop-athens');
      await page.getByRole('form', { name: 'Edit PoP pop-athens' }).getByLabel(/^Name/).fill('pop-athina');
      // The native dialog cannot be clicked: answer it in the main process and record the question.
      const askAndClose = (answer: number) =>
        app.evaluate(({ BrowserWindow, dialog }, button) => {
          const asked: string[] = [];
          (dialog as unknown as { showMessageBoxSync: (w: unknown, o: { message: string }) => number }).showMessageBoxSync = (_w, o) => (asked.push(o.message), button);
          BrowserWindow.getAllWindows()[0]!.close();
          return asked;
        }, answer);
      await expect.poll(async () => (await askAndClose(2))[0] ?? '').toContain('Apply your changes to PoP pop-athens');
      expect(page.isClosed()).toBe(false);
      await expect(page.getByRole('form', { name: 'Edit PoP pop-athens' }).getByLabel(/^Name/)).toHaveValue('pop-athina');
      // Don't Save from here on, so closing the app at the end does not wait on the question.
      await app.evaluate(({ dialog }) => {
        (dialog as unknown as { showMessageBoxSync: () => number }).showMessageBoxSync = () => 1;
      });
    });
  });

  test('journey: edit the sample, import an NSR, trace, push, export, save and reopen', async () => {
    const home = await mkdtemp(join(tmpdir(), 'wicm-electron-'));
    const app = await launch(home);
    try {
      const page = await app.firstWindow();
      await userJourney(page, electronShell(app, page), home, 'electron-journey');
    } finally {
      await app.close();
      await rm(home, { recursive: true, force: true });
    }
  });

  test('security (#12): app:// page with a CSP header, confined paths, guarded navigation and links', async () => {
    const home = await mkdtemp(join(tmpdir(), 'wicm-electron-'));
    const outside = await mkdtemp(join(tmpdir(), 'wicm-outside-'));
    // Not a local dev server: ignored even in development, so the built app:// page loads.
    const app = await launch(home, { ELECTRON_RENDERER_URL: 'https://evil.example/' });
    type Api = { invoke(method: string, req: unknown): Promise<{ ok: boolean; error?: { message: string } }> };
    const log: string[] = [];
    app.process().stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    try {
      const page = await app.firstWindow();
      const ui = new AppPage(page);
      await ui.waitReady();
      expect(page.url()).toBe('app://wicm/index.html');

      // The CSP arrives as a response header; nothing outside the renderer folder is served.
      const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(await page.evaluate(async () => (await fetch('app://wicm/..%2f..%2fpackage.json')).status)).toBe(404);

      // A path from the page alone is refused; nothing is written.
      const target = join(outside, 'pwned.wicm');
      const refused = await page.evaluate((path) => (window as unknown as { api: Api }).api.invoke('project.saveAs', { path }), target);
      expect(refused.ok).toBe(false);
      expect(refused.error?.message).toContain('File › Save As…');
      expect(existsSync(target)).toBe(false);
      // The data folder's projects directory is the page's own.
      const own = join(home, 'projects', 'own.wicm');
      expect((await page.evaluate((path) => (window as unknown as { api: Api }).api.invoke('project.saveAs', { path }), own)).ok).toBe(true);
      expect(existsSync(own)).toBe(true);

      // Links: only the documentation reaches the OS browser (the shell is stubbed in main).
      await app.evaluate(({ shell }) => {
        const opened: string[] = [];
        (globalThis as unknown as { opened: string[] }).opened = opened;
        // eslint-disable-next-line no-restricted-syntax -- a stub that records, in the test only
        shell.openExternal = async (url: string) => void opened.push(url);
      });
      expect(await page.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
      expect(await page.evaluate(() => window.open('https://github.com/wicm-studio/wicm-studio#readme') === null)).toBe(true);
      await expect.poll(() => app.evaluate(() => (globalThis as unknown as { opened: string[] }).opened)).toEqual(['https://github.com/wicm-studio/wicm-studio#readme']);
      expect(app.windows()).toHaveLength(1);

      // Navigation away is refused (main logs it): the page stays ours and keeps working.
      await page.evaluate(() => {
        location.href = 'http://127.0.0.1:9/';
      });
      await expect.poll(() => log.join('')).toContain('refused a navigation away from WICM Studio');
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.getURL())).toBe('app://wicm/index.html');
      await ui.waitReady();
      expect((await page.evaluate(() => (window as unknown as { api: Api }).api.invoke('project.info', {}))).ok).toBe(true);
    } finally {
      await app.close();
      await rm(home, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
    }
  });
});
