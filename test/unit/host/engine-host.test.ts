import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEngineHost } from '../../../electron/host/engine-host';
import { memoryLogger } from '../../helpers/quiet-logger';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

async function snapshot(host: Awaited<ReturnType<typeof startEngineHost>>) {
  const reply = await host.dispatch('topology.get', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as { project: { name: string; path: string | null }; topology: { bridges: unknown[] } };
}

describe('engine host start-up', () => {
  it('on first start saves the sample WAN as a project file and opens it', async () => {
    const dataDir = await tempDir();
    const host = await startEngineHost({ mode: 'browser', logger: memoryLogger(), dataDir });
    const snap = await snapshot(host);
    expect(snap.project.path).toBe(join(dataDir, 'projects', 'sample-wan.wicm'));
    expect(existsSync(snap.project.path!)).toBe(true);
    expect(snap.topology.bridges).toHaveLength(3);
  });

  it('reopens the last saved project on the next start', async () => {
    const dataDir = await tempDir();
    const first = await startEngineHost({ mode: 'browser', logger: memoryLogger(), dataDir });
    const path = join(dataDir, 'mine.wicm');
    const saved = await first.dispatch('project.saveAs', { path });
    expect(saved.ok).toBe(true);
    // The recent-projects write is async; wait for it through the file itself.
    for (let i = 0; i < 50 && !existsSync(join(dataDir, 'recent.json')); i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(JSON.parse(await readFile(join(dataDir, 'recent.json'), 'utf8'))).toEqual([path]);
    const second = await startEngineHost({ mode: 'browser', logger: memoryLogger(), dataDir });
    expect((await snapshot(second)).project.path).toBe(path);
  });

  it('falls back to the sample with a warning when the last project is unreadable', async () => {
    const dataDir = await tempDir();
    const broken = join(dataDir, 'broken.wicm');
    await writeFile(broken, 'not a database'.repeat(20));
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ lastProject: broken }));
    const logger = memoryLogger();
    const host = await startEngineHost({ mode: 'browser', logger, dataDir });
    expect((await snapshot(host)).project.path).toBe(join(dataDir, 'projects', 'sample-wan.wicm'));
    expect(logger.lines.join('\n')).toMatch(/could not reopen the last project/);
  });

  it('a --project that does not exist is a clear NOT_FOUND error', async () => {
    const dataDir = await tempDir();
    await expect(startEngineHost({ mode: 'cli', logger: memoryLogger(), dataDir, projectPath: join(dataDir, 'missing.wicm') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('missing.wicm'),
    });
  });
});
