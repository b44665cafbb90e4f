import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EditResultDto, ProjectInfoDto, RecoveryDto, TopologySnapshotDto } from '../../../core/contract/api';
import { startEngineHost, type EngineHost } from '../../../electron/host/engine-host';
import { okCaller } from '../../helpers/ok-caller';
import { memoryLogger } from '../../helpers/quiet-logger';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

const start = (dataDir: string, projectPath?: string): Promise<EngineHost> =>
  startEngineHost({ mode: 'browser', logger: memoryLogger(), dataDir, ...(projectPath ? { projectPath } : { template: 'sample' as const }) });

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 10));

/** This process's copy (`run-<pid>-<hex>`, without extension) once both its files exist. */
async function ownCopy(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'recovery');
  for (let i = 0; i < 300; i++) {
    const names = existsSync(dir) ? await readdir(dir) : [];
    const base = names.find((n) => n.startsWith(`run-${process.pid}-`) && n.endsWith('.json'))?.replace(/\.json$/, '');
    if (base && names.includes(`${base}.wicm`)) return join(dir, base);
    await tick();
  }
  throw new Error('no recovery copy was written');
}

/** Waits until no write of a copy is in flight (so the temp folder can go). */
async function settled(dataDir: string): Promise<void> {
  const dir = join(dataDir, 'recovery');
  for (let i = 0; i < 300 && (await readdir(dir)).some((n) => n.endsWith('.tmp')); i++) await tick();
}

/** Renames a copy as if its process had been killed (kill -9 leaves it; the pid is gone). */
async function orphan(base: string): Promise<string> {
  const dead = deadPid();
  const to = base.replace(`run-${process.pid}-`, `run-${dead}-`);
  await rename(`${base}.wicm`, `${to}.wicm`);
  await rename(`${base}.json`, `${to}.json`);
  return to;
}

/** A pid that no longer runs: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('crash recovery: a copy of unsaved work, offered once at the next start', () => {
  it('keeps a copy while dirty; a run whose process died is offered and restored as unsaved work', async () => {
    const dataDir = await tempDir();
    const first = await start(dataDir);
    const ok1 = okCaller(first.dispatch);
    await ok1<EditResultDto>('topology.addBridge', { name: 'kept-after-crash', kind: 'vtn-vbridge' });
    const own = await ownCopy(dataDir);
    // The same process's own copy is never offered as left behind.
    expect(await ok1<RecoveryDto | null>('recovery.status', {})).toBeNull();
    const left = await orphan(own);

    const second = await start(dataDir);
    const ok2 = okCaller(second.dispatch);
    const offered = await ok2<RecoveryDto | null>('recovery.status', {});
    expect(offered).toMatchObject({ name: 'Sample WAN', path: null });
    const info = await ok2<ProjectInfoDto>('recovery.restore', {});
    expect(info).toMatchObject({ name: 'Sample WAN', dirty: true, path: null });
    const snap = await ok2<TopologySnapshotDto>('topology.get', {});
    expect(snap.topology.bridges.map((b) => b.name)).toContain('kept-after-crash');
    expect(await ok2<RecoveryDto | null>('recovery.status', {})).toBeNull();
    expect(existsSync(`${left}.json`) || existsSync(`${left}.wicm`)).toBe(false);
    expect(await second.dispatch('recovery.restore', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await ownCopy(dataDir);
    await settled(dataDir);
  });

  it('removes the copy once the project is saved, and Discard removes a left-behind one', async () => {
    const dataDir = await tempDir();
    const host = await start(dataDir);
    const ok = okCaller(host.dispatch);
    await ok('topology.addBridge', { name: 'b-new', kind: 'vtn-vbridge' });
    const own = await ownCopy(dataDir);
    await ok('project.saveAs', { path: join(dataDir, 'projects', 'saved.wicm') });
    for (let i = 0; i < 300 && existsSync(`${own}.wicm`); i++) await tick();
    expect(existsSync(`${own}.json`)).toBe(false);
    expect(existsSync(`${own}.wicm`)).toBe(false);

    await ok('topology.addBridge', { name: 'b-later', kind: 'vtn-vbridge' });
    await orphan(await ownCopy(dataDir));
    const next = await start(dataDir);
    expect(await next.dispatch('recovery.status', {})).toMatchObject({ ok: true, value: { name: 'Sample WAN', path: join(dataDir, 'projects', 'saved.wicm') } });
    expect(await next.dispatch('recovery.discard', {})).toMatchObject({ ok: true, value: { discarded: true } });
    expect(await next.dispatch('recovery.status', {})).toMatchObject({ ok: true, value: null });
    await settled(dataDir);
  });

  it('CLI runs keep no copy', async () => {
    const dataDir = await tempDir();
    const host = await startEngineHost({ mode: 'cli', logger: memoryLogger(), dataDir, template: 'sample' });
    await okCaller(host.dispatch)('topology.addBridge', { name: 'x1', kind: 'vtn-vbridge' });
    expect(existsSync(join(dataDir, 'recovery'))).toBe(false);
    expect(await host.dispatch('recovery.status', {})).toMatchObject({ ok: true, value: null });
  });
});
