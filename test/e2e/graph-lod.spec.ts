import type { Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineHost } from '../../electron/host/engine-host';
import { generateWan, type GeneratedWan } from '../helpers/graph-topology';
import { expect, startServer, test } from './fixtures';
import { AppPage } from './pages/app-page';

/**
 * Labels by level of detail on big projects (issue #16, "a readable graph"): segment names at
 * Fit, and a 100-bridge WAN zoomed in 4× from Fit, where each label that is drawn keeps clear
 * of its neighbours (labels.ts places it below, above, beside or at a corner of its node).
 */

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** `bridge 40/40, pop 31/40` → { bridge: [40, 40], pop: [31, 40] }. */
function labelCounts(text: string | null): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const part of (text ?? '').split(', ').filter(Boolean)) {
    const [kind, ratio] = part.split(' ') as [string, string];
    const [shown, of] = ratio.split('/').map(Number) as [number, number];
    out[kind] = [shown, of];
  }
  return out;
}

async function openGenerated(page: Page, shape: GeneratedWan): Promise<{ app: AppPage; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'wicm-e2e-lod-'));
  const host = await startEngineHost({ mode: 'cli', logger: quiet, dataDir: dir, template: 'empty' });
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

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

test('a 100-bridge WAN zoomed in 4× from Fit: bridge, PoP and segment names drawn, none overlapping', async ({ page }) => {
  const { app, stop } = await openGenerated(page, { bridges: 100, portsPerBridge: 8, segmentsPerBridge: 3, links: 300, seed: 11 });
  try {
    await expect(app.graph).toHaveAttribute('aria-label', /100 bridges/);
    await app.screenshot('graph-100-fit');
    const fitLevel = Number(await app.graph.getAttribute('data-label-level'));
    // Six Zoom in steps of 1.25 each: about 4× the Fit zoom (3.8×).
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(async () => Number(await app.graph.getAttribute('data-label-level'))).toBe(fitLevel + 6);
    await app.screenshot('graph-100-zoom4x');
    const counts = labelCounts(await app.graph.getAttribute('data-labels'));
    expect(counts.bridge).toEqual([100, 100]);
    expect(counts.pop).toEqual([100, 100]);
    expect(counts.segment![0]).toBe(counts.segment![1]);
  } finally {
    await stop();
  }
});
