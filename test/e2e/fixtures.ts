import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumPath } from '../../playwright.config';

/** A running browser-mode server with its own data folder. */
export interface BrowserModeServer {
  readonly url: string;
  readonly dataDir: string;
}

/** Starts `out/main/serve.js` on a free port (plus any `wicm serve` options) and resolves once it prints its URL. */
export async function startServer(dataDir: string, extraArgs: readonly string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const entry = resolve('out/main/serve.js');
  if (!existsSync(entry)) throw new Error('The app is not built: run `npm run build` before `npm run test:e2e`.');
  const child = spawn(process.execPath, [entry, '--port', '0', '--data-dir', dataDir, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match?.[1]) resolveUrl(match[1]);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return { url, child };
}

export const test = base.extend<{ server: BrowserModeServer }>({
  // Playwright requires the object pattern even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install chromium, or set WICM_CHROMIUM.`);
    const dataDir = await mkdtemp(join(tmpdir(), 'wicm-e2e-'));
    const { url, child } = await startServer(dataDir);
    await use({ url, dataDir });
    // The server writes its settings as it stops: remove its folder only once it has exited.
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  },
});

export { expect };
