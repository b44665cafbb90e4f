import type { Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineHost } from '../../../electron/host/engine-host';
import { generateWan, type GeneratedWan } from '../../helpers/graph-topology';
import { memoryLogger } from '../../helpers/quiet-logger';
import { startServer } from '../fixtures';
import { AppPage } from './app-page';

/** `bridge 40/40, pop 31/40` (the graph's `data-labels`) → { bridge: [40, 40], pop: [31, 40] }. */
export function labelCounts(text: string | null): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const part of (text ?? '').split(', ').filter(Boolean)) {
    const [kind, ratio] = part.split(' ') as [string, string];
    const [shown, of] = ratio.split('/').map(Number) as [number, number];
    out[kind] = [shown, of];
  }
  return out;
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

/** Saves a generated WAN as a project, serves it on its own server and opens it; `stop` removes both. */
export async function openGenerated(page: Page, shape: GeneratedWan): Promise<{ app: AppPage; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'wicm-e2e-graph-'));
  const host = await startEngineHost({ mode: 'cli', logger: memoryLogger(), dataDir: dir, template: 'empty' });
  const path = join(dir, 'generated.wicm');
  for (const [method, req] of [['topology.import', { text: JSON.stringify({ schema: 'wicm-topology/1', topology: generateWan(shape), positions: [] }) }], ['project.saveAs', { path }]] as const) {
    const reply = await host.dispatch(method, req);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  }
  const { url, child } = await startServer(dir, ['--project', path]);
  const app = await AppPage.open(page, url);
  return {
    app,
    stop: async () => {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
