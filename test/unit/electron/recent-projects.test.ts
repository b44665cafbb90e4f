import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RECENT_PROJECTS, recentProjectsStore } from '../../../electron/host/recent-projects';
import { memoryLogger } from '../../helpers/quiet-logger';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const onDisk = async (dir: string): Promise<unknown> => JSON.parse(await readFile(join(dir, 'recent.json'), 'utf8'));

describe('recent projects store', () => {
  it('puts the newest project first and keeps it in recent.json', async () => {
    const dir = await tempDir();
    const recent = recentProjectsStore(dir, memoryLogger());
    await recent.add('/p/a.wicm');
    await recent.add('/p/b.wicm');
    expect(await recent.list()).toEqual(['/p/b.wicm', '/p/a.wicm']);
    expect(await recent.last()).toBe('/p/b.wicm');
    expect(await onDisk(dir)).toEqual(['/p/b.wicm', '/p/a.wicm']);
    // A second store on the same folder (the next start) reads the same list.
    expect(await recentProjectsStore(dir, memoryLogger()).last()).toBe('/p/b.wicm');
  });

  it('lists a project once, moving it to the front when opened again', async () => {
    const recent = recentProjectsStore(await tempDir(), memoryLogger());
    for (const p of ['/p/a.wicm', '/p/b.wicm', '/p/a.wicm', '/p/a.wicm']) await recent.add(p);
    expect(await recent.list()).toEqual(['/p/a.wicm', '/p/b.wicm']);
  });

  it(`keeps the ${MAX_RECENT_PROJECTS} newest`, async () => {
    const recent = recentProjectsStore(await tempDir(), memoryLogger());
    for (let i = 0; i < MAX_RECENT_PROJECTS + 3; i += 1) await recent.add(`/p/${i}.wicm`);
    const list = await recent.list();
    expect(list).toHaveLength(MAX_RECENT_PROJECTS);
    expect(list[0]).toBe(`/p/${MAX_RECENT_PROJECTS + 2}.wicm`);
    expect(list).not.toContain('/p/2.wicm');
  });

  it('keeps every add made at the same time', async () => {
    const recent = recentProjectsStore(await tempDir(), memoryLogger());
    await Promise.all(['/p/a.wicm', '/p/b.wicm', '/p/c.wicm'].map((p) => recent.add(p)));
    expect([...(await recent.list())].sort()).toEqual(['/p/a.wicm', '/p/b.wicm', '/p/c.wicm']);
  });

  it('is empty when there is no file yet', async () => {
    const recent = recentProjectsStore(await tempDir(), memoryLogger());
    expect(await recent.list()).toEqual([]);
    expect(await recent.last()).toBeNull();
  });

  it('reads a corrupt or foreign file as empty, keeping only path strings', async () => {
    const dir = await tempDir();
    const recent = recentProjectsStore(dir, memoryLogger());
    await writeFile(join(dir, 'recent.json'), '{ not json');
    expect(await recent.list()).toEqual([]);
    await writeFile(join(dir, 'recent.json'), JSON.stringify({ lastProject: '/p/a.wicm' }));
    expect(await recent.list()).toEqual([]);
    await writeFile(join(dir, 'recent.json'), JSON.stringify(['/p/a.wicm', 7, null, '/p/b.wicm']));
    expect(await recent.list()).toEqual(['/p/a.wicm', '/p/b.wicm']);
    await recent.add('/p/c.wicm');
    expect(await onDisk(dir)).toEqual(['/p/c.wicm', '/p/a.wicm', '/p/b.wicm']);
  });

  it('still reopens the last project an older version kept in settings.json', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ lastProject: '/p/old.wicm' }));
    const recent = recentProjectsStore(dir, memoryLogger());
    expect(await recent.last()).toBe('/p/old.wicm');
    await recent.add('/p/new.wicm');
    expect(await onDisk(dir)).toEqual(['/p/new.wicm', '/p/old.wicm']);
  });

  it('clears the list, and tells listeners only about real changes', async () => {
    const dir = await tempDir();
    const recent = recentProjectsStore(dir, memoryLogger());
    const seen: (readonly string[])[] = [];
    const stop = recent.onChange((list) => seen.push(list));
    await recent.add('/p/a.wicm');
    await recent.add('/p/a.wicm');
    await recent.clear();
    expect(seen).toEqual([['/p/a.wicm'], []]);
    expect(await onDisk(dir)).toEqual([]);
    stop();
    await recent.add('/p/b.wicm');
    expect(seen).toHaveLength(2);
  });

  it('logs a failed write instead of throwing', async () => {
    const dir = await tempDir();
    // The data folder path is a file: nothing can be written under it.
    await writeFile(join(dir, 'blocked'), '');
    const logger = memoryLogger();
    const recent = recentProjectsStore(join(dir, 'blocked'), logger);
    await expect(recent.add('/p/a.wicm')).resolves.toEqual(['/p/a.wicm']);
    expect(logger.lines.join('\n')).toMatch(/could not write .*recent\.json/);
  });
});
