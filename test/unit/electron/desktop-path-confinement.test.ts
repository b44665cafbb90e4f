import { existsSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requestSchemas } from '../../../core/contract/validate';
import type { Envelope } from '../../../core/contract/errors';
import { startEngineHost } from '../../../electron/host/engine-host';
import { APP_ENTRY_URL } from '../../../electron/main/app-protocol';
import { registerIpc } from '../../../electron/main/ipc';
import { isInside, realLocation } from '../../../electron/host/platform/real-path';
import { PATH_METHODS, PathGrants } from '../../../electron/main/path-grants';
import { memoryLogger } from '../../helpers/quiet-logger';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
// Each open/save queues a write of the data folder's recent.json; let it land before the temp
// folders go (after-hooks run in reverse order, so this one runs first).
const pendingHosts: { recent: { list(): Promise<unknown> } }[] = [];
afterEach(async () => {
  await Promise.all(pendingHosts.splice(0).map((host) => host.recent.list()));
});

type Invoke = (frame: { url: string; parent?: unknown } | null, method: unknown, req: unknown) => Promise<Envelope>;

/** The desktop engine behind the real IPC adapter, with a fake ipcMain that hands us the handler. */
async function desktop(): Promise<{ dataDir: string; outside: string; invoke: Invoke; grants: PathGrants; logger: ReturnType<typeof memoryLogger> }> {
  const dataDir = await tempDir();
  const outside = await tempDir();
  const logger = memoryLogger();
  const host = await startEngineHost({ mode: 'desktop', logger, dataDir });
  pendingHosts.push(host);
  const grants = new PathGrants(join(dataDir, 'projects'), () => host.recent.list());
  let handler: ((event: { senderFrame: unknown }, method: unknown, req: unknown) => Promise<Envelope>) | undefined;
  registerIpc({ handle: (_channel: string, h: typeof handler) => (handler = h) } as never, host.dispatch, { appUrl: () => APP_ENTRY_URL, paths: grants, logger });
  const page = (frame: { url: string; parent?: unknown } | null, method: unknown, req: unknown) => handler!({ senderFrame: frame }, method, req);
  return { dataDir, outside, invoke: page, grants, logger };
}

const top = { url: APP_ENTRY_URL, parent: null };

describe('desktop path confinement over IPC', () => {
  it('refuses project.saveAs from the page to a path the user did not pick: nothing is written', async () => {
    const { outside, invoke, logger } = await desktop();
    const target = join(outside, 'pwned.wicm');
    const reply = await invoke(top, 'project.saveAs', { path: target });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('INVALID_INPUT');
    expect(reply.error.message).toContain(target);
    expect(reply.error.message).toContain('File › Save As…');
    expect(reply.error.message).toContain('only when you choose them yourself');
    expect(reply.error.details).toEqual({ issues: [{ pointer: '/path', message: reply.error.message }] });
    expect(existsSync(target)).toBe(false);
    expect(logger.lines.some((l) => l.startsWith('warn refused project.saveAs from the page'))).toBe(true);
  });

  it('refuses project.open of an arbitrary file, including via .. out of the projects folder', async () => {
    const { dataDir, invoke } = await desktop();
    for (const path of ['/etc/passwd', join(dataDir, 'projects', '..', 'recent.json'), join(dataDir, 'projects', '..', '..', 'x.wicm'), 'relative.wicm']) {
      const reply = await invoke(top, 'project.open', { path });
      expect(reply.ok, path).toBe(false);
      if (!reply.ok) expect(reply.error.message, path).toContain('File › Open…');
    }
  });

  it('allows the data folder projects directory', async () => {
    const { dataDir, invoke } = await desktop();
    const inside = join(dataDir, 'projects', 'mine.wicm');
    const saved = await invoke(top, 'project.saveAs', { path: inside });
    expect(saved.ok).toBe(true);
    expect(existsSync(inside)).toBe(true);
    const opened = await invoke(top, 'project.open', { path: inside });
    expect(opened.ok).toBe(true);
  });

  it('a symlink in the projects folder is judged by where it leads', async () => {
    const { dataDir, outside, invoke } = await desktop();
    await symlink(outside, join(dataDir, 'projects', 'escape'));
    const target = join(dataDir, 'projects', 'escape', 'pwned.wicm');
    const reply = await invoke(top, 'project.saveAs', { path: target });
    expect(reply.ok).toBe(false);
    expect(existsSync(join(outside, 'pwned.wicm'))).toBe(false);
  });

  it('allows a path the user picked in a native dialog, then reopening it (recent projects)', async () => {
    const { outside, invoke, grants } = await desktop();
    const picked = join(outside, 'picked.wicm');
    // The open dialog grants reading only: the page may not write there on its own.
    grants.grant(picked, 'read');
    expect((await invoke(top, 'project.saveAs', { path: picked })).ok).toBe(false);
    expect(existsSync(picked)).toBe(false);
    // The Save As dialog grants writing.
    grants.grant(picked, 'write');
    const saved = await invoke(top, 'project.saveAs', { path: picked });
    expect(saved.ok).toBe(true);
    expect(existsSync(picked)).toBe(true);
    // A fresh registry (the next start) still lets the page reopen a recent project.
    const again = await invoke(top, 'project.open', { path: picked });
    expect(again.ok).toBe(true);
    expect(await new PathGrants(join(outside, 'none'), async () => [picked]).allows(picked, 'read')).toBe(true);
    expect(await new PathGrants(join(outside, 'none'), async () => [picked]).allows(join(outside, 'other.wicm'), 'read')).toBe(false);
  });

  it('refuses any call from a frame that is not our page, before looking at the request', async () => {
    const { outside, invoke } = await desktop();
    for (const frame of [null, { url: 'https://evil.example/' }, { url: 'file:///tmp/evil.html' }, { url: APP_ENTRY_URL, parent: top }]) {
      const reply = await invoke(frame, 'project.saveAs', { path: join(outside, 'x.wicm') });
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.message).toMatch(/Untrusted sender/);
    }
    expect(existsSync(join(outside, 'x.wicm'))).toBe(false);
  });

  it('leaves calls without a file path alone, and mistyped paths to the contract check', async () => {
    const { invoke } = await desktop();
    const info = await invoke(top, 'project.info', {});
    expect(info.ok).toBe(true);
    const wrong = await invoke(top, 'project.open', { path: 42 });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toMatch(/Invalid request for project.open: \/path/);
  });
});

describe('path rules', () => {
  it('every method whose request carries a path is confined', () => {
    const withPath = Object.entries(requestSchemas)
      .filter(([, schema]) => 'shape' in schema && typeof schema.shape === 'object' && schema.shape !== null && 'path' in schema.shape)
      .map(([method]) => method)
      .sort();
    expect(withPath.length).toBeGreaterThan(0);
    expect(Object.keys(PATH_METHODS).sort()).toEqual(withPath);
  });

  it('isInside and realLocation', async () => {
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/b')).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a')).toBe(false);
    const dir = await tempDir();
    await mkdir(join(dir, 'real'));
    await symlink(join(dir, 'real'), join(dir, 'link'));
    expect(await realLocation(join(dir, 'link', 'new', 'x.wicm'))).toBe(join(await realLocation(dir), 'real', 'new', 'x.wicm'));
    expect(isInside('/a/b', '/a/b/..c')).toBe(true);
  });
});
