import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, it } from 'vitest';
import type { Envelope } from '../../../core/contract/errors';
import { electronUnavailable } from '../../e2e/electron-binary';
import { runRpcContract } from './rpc-contract';

const unavailable = electronUnavailable();
if (unavailable) {
  console.log(`SKIP RPC contract over IPC: ${unavailable}`);
  describe.skip(`RPC contract over IPC (skipped: ${unavailable})`, () => {
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
