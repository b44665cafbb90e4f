import { _electron, expect, test } from '@playwright/test';
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

  const launch = (home: string) =>
    _electron.launch({
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), resolve('.')],
      env: { ...process.env, WICM_HOME: home },
    });

  test('opens the sample WAN in a sandboxed window over IPC', async () => {
    const home = await mkdtemp(join(tmpdir(), 'wicm-electron-'));
    const app = await launch(home);
    try {
      const page = await app.firstWindow();
      const ui = new AppPage(page);
      await ui.waitReady();
      await expect(ui.root).toHaveAttribute('data-transport', 'ipc');
      await expect(ui.mode).toHaveText('desktop');
      await expect(ui.graph).toHaveAttribute('aria-label', 'WAN topology graph: 3 bridges, 15 ports, 3 PoPs, 6 segments, 3 links');
      // Sandboxed, isolated page: no Node globals, and the bridge exposes exactly two functions.
      expect(await page.evaluate(() => [typeof (window as unknown as { require?: unknown }).require, typeof (window as unknown as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
      expect(await page.evaluate(() => Object.keys((window as unknown as { api: object }).api).sort())).toEqual(['invoke', 'onEvent']);
      await ui.screenshot('electron-sample');
    } finally {
      await app.close();
      await rm(home, { recursive: true, force: true });
    }
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
});
