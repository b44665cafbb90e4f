import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, it } from 'vitest';
import type { Envelope } from '../../../core/contract/errors';
import { runRpcContract } from './rpc-contract';

/** The Electron executable, or null (with why) when this machine has none. */
function electronBinary(): { path: string | null; reason: string } {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    const exe = existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
    if (!exe || !existsSync(exe)) return { path: null, reason: 'no Electron binary in node_modules/electron/dist (run `npm run install-electron` where downloads work)' };
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { path: null, reason: 'no display (DISPLAY / WAYLAND_DISPLAY unset)' };
  if (!existsSync(resolve('out/main/index.js'))) return { path: null, reason: 'the app is not built (run `npm run build`)' };
  return { path: 'electron', reason: '' };
}

const electron = electronBinary();
if (!electron.path) {
  console.log(`SKIP RPC contract over IPC: ${electron.reason}`);
  describe.skip(`RPC contract over IPC (skipped: ${electron.reason})`, () => {
    it('needs Electron', () => undefined);
  });
} else {
  const { _electron } = await import('@playwright/test');
  const apps: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });
  runRpcContract('IPC (Electron)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wicm-ipc-'));
    const app = await _electron.launch({
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), resolve('.')],
      env: { ...process.env, WICM_HOME: dir },
    });
    apps.push(app);
    const page = await app.firstWindow();
    await page.waitForSelector('[data-app-state="ready"]');
    // Same unsaved sample state as the other transports: start from a fresh sample project.
    await page.evaluate(() => (window as unknown as { api: { invoke(m: string, r: unknown): Promise<unknown> } }).api.invoke('project.new', { template: 'sample' }));
    return {
      dir,
      call: (method, req) =>
        page.evaluate(([m, r]) => (window as unknown as { api: { invoke(m: string, r: unknown): Promise<Envelope> } }).api.invoke(m as string, r), [method, req] as const),
    };
  });
}
