import { mkdir, mkdtemp, realpath, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectListDto, RecentProjectsDto } from '../../../core/contract/files-dto';
import type { Envelope } from '../../../core/contract/errors';
import { confineFileAccess, fileConfinement } from '../../../electron/host/confined-files';
import { startEngineHost, type EngineHost } from '../../../electron/host/engine-host';
import { startHttpTransport } from '../../../electron/host/http';
import { memoryLogger } from '../../helpers/quiet-logger';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done();
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Browser mode as `wicm serve --editor` wires it: confined paths, the library over the allowed folders. */
async function serve(): Promise<{ host: EngineHost; rpc: <T>(method: string) => Promise<T>; dataDir: string; projects: string; outside: string }> {
  const dataDir = await tempDir('wicm-library-');
  const outside = await tempDir('wicm-library-outside-');
  const confinement = await fileConfinement(join(dataDir, 'projects'));
  const host = await startEngineHost({ mode: 'browser', logger: memoryLogger(), dataDir, template: 'sample', projectDirs: confinement.dirs });
  cleanup.push(() => host.recent.list().then(() => undefined));
  const transport = await startHttpTransport({ dispatch: confineFileAccess(host.dispatch, confinement), onEvent: host.onEvent, rendererDir: null, port: 0 });
  cleanup.push(() => transport.close());
  const rpc = async <T>(method: string): Promise<T> => {
    const res = await fetch(`${transport.url}rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${transport.token}` }, body: '{}' });
    const body = (await res.json()) as Envelope;
    if (!body.ok) throw new Error(body.error.message);
    return body.value as T;
  };
  return { host, rpc, dataDir, projects: confinement.dirs[0]!, outside };
}

describe('the project library of browser mode', () => {
  it('lists the .wicm files of the projects folder, newest first, with size and service count', async () => {
    const { host, rpc, projects, outside } = await serve();
    const ok = async (method: string, req: unknown) => {
      const r = await host.dispatch(method, req);
      if (!r.ok) throw new Error(r.error.message);
    };
    await ok('project.saveAs', { path: join(projects, 'older.wicm') });
    await ok('services.save', { name: 'web', inSegment: null, outSegment: null, chain: [], reverseChain: null });
    await ok('services.save', { name: 'mail', inSegment: null, outSegment: null, chain: [], reverseChain: null });
    await ok('project.saveAs', { path: join(projects, 'newer.wicm') });
    await utimes(join(projects, 'older.wicm'), new Date('2026-01-01'), new Date('2026-01-01'));
    await writeFile(join(projects, 'notes.txt'), 'not a project');
    await writeFile(join(projects, 'broken.wicm'), 'not sqlite');
    await utimes(join(projects, 'broken.wicm'), new Date('2025-01-01'), new Date('2025-01-01'));
    await mkdir(join(projects, 'folder.wicm'));
    // A link that leads out of the allowed folder is not offered.
    await writeFile(join(outside, 'secret.wicm'), 'x');
    await symlink(join(outside, 'secret.wicm'), join(projects, 'link.wicm'));

    const list = await rpc<ProjectListDto>('files.projects');
    expect(list.folders).toEqual([projects]);
    expect(list.truncated).toBe(false);
    expect(list.projects.map((p) => p.name)).toEqual(['newer', 'older', 'broken']);
    const [newer, older, broken] = list.projects;
    const snapshot = await host.dispatch('topology.get', {});
    if (!snapshot.ok) throw new Error(snapshot.error.message);
    const services = (snapshot.value as { services: unknown[] }).services.length;
    expect(services).toBe(2);
    expect(newer).toMatchObject({ path: join(projects, 'newer.wicm'), services });
    expect(newer!.size).toBeGreaterThan(1000);
    expect(older).toMatchObject({ modifiedAt: '2026-01-01T00:00:00.000Z', services: 0 });
    expect(broken).toMatchObject({ services: null, size: 10 });
  });

  it('offers the recent projects that still exist inside the allowed folders, and counts the rest', async () => {
    const { host, rpc, projects, outside } = await serve();
    await host.dispatch('project.saveAs', { path: join(projects, 'kept.wicm') });
    await host.dispatch('project.saveAs', { path: join(projects, 'gone.wicm') });
    // The desktop app, on the same data folder, opened a project outside the served folders.
    await host.recent.add(join(outside, 'desktop-only.wicm'));
    await writeFile(join(outside, 'desktop-only.wicm'), 'x');
    await rm(join(projects, 'gone.wicm'));
    const recent = await rpc<RecentProjectsDto>('files.recent');
    expect(recent.projects.map((p) => p.name)).toEqual(['kept']);
    expect(recent.projects[0]!.services).toEqual(expect.any(Number));
    expect(recent.hidden).toBe(2);
  });
});

describe('the project library of the desktop app', () => {
  it('lists the data folder projects and every recent project (the desktop grants those paths)', async () => {
    const dataDir = await tempDir('wicm-library-desktop-');
    const outside = await tempDir('wicm-library-desktop-out-');
    const host = await startEngineHost({ mode: 'desktop', logger: memoryLogger(), dataDir, template: 'sample' });
    cleanup.push(() => host.recent.list().then(() => undefined));
    await host.dispatch('project.saveAs', { path: join(outside, 'mine.wicm') });
    const recent = await host.dispatch('files.recent', {});
    expect(recent).toMatchObject({ ok: true, value: { projects: [{ name: 'mine', path: join(outside, 'mine.wicm') }], hidden: 0 } });
    const list = await host.dispatch('files.projects', {});
    expect(list).toMatchObject({ ok: true, value: { folders: [join(dataDir, 'projects')], projects: [] } });
  });
});
