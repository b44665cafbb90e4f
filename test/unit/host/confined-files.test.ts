import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../core/contract/errors';
import type { CliIo } from '../../../electron/host/cli/command';
import { runCli } from '../../../electron/host/cli/index';
import { confineFileAccess, fileConfinement } from '../../../electron/host/confined-files';
import { startEngineHost } from '../../../electron/host/engine-host';
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

/** A real engine behind the HTTP transport with confined file access, as `wicm serve` wires it. */
async function serve(extraDirs: string[] = []) {
  const dataDir = await tempDir('wicm-confine-');
  const outside = await tempDir('wicm-outside-');
  const confinement = await fileConfinement(join(dataDir, 'projects'), extraDirs);
  const host = await startEngineHost({ mode: 'cli', logger: memoryLogger(), dataDir, template: 'sample' });
  const transport = await startHttpTransport({ dispatch: confineFileAccess(host.dispatch, confinement), onEvent: host.onEvent, rendererDir: null, port: 0 });
  cleanup.push(() => transport.close());
  const rpc = async (method: string, req: unknown): Promise<{ status: number; body: Envelope }> => {
    const res = await fetch(`${transport.url}rpc/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${transport.token}` },
      body: JSON.stringify(req),
    });
    return { status: res.status, body: (await res.json()) as Envelope };
  };
  return { rpc, projects: join(dataDir, 'projects'), outside, dataDir };
}

describe('project files over HTTP stay in the allowed folders', () => {
  it('repro: project.saveAs to a path outside the projects folder is 403 and writes nothing', async () => {
    const s = await serve();
    const pwned = join(s.outside, 'pwned.wicm');
    const res = await s.rpc('project.saveAs', { path: pwned });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { pointer: '/path', allowedDirs: [s.projects] } } });
    if (!res.body.ok) {
      expect(res.body.error.message).toContain(pwned);
      expect(res.body.error.message).toContain(s.projects);
      expect(res.body.error.message).toMatch(/--projects-dir/);
    }
    expect(existsSync(pwned)).toBe(false);
  });

  it('saves under the projects folder, and a bare name goes there', async () => {
    const s = await serve();
    const inside = await s.rpc('project.saveAs', { path: join(s.projects, 'wan.wicm') });
    expect(inside.status).toBe(200);
    expect(existsSync(join(s.projects, 'wan.wicm'))).toBe(true);
    const bare = await s.rpc('project.saveAs', { path: 'mine' });
    expect(bare).toMatchObject({ status: 200, body: { ok: true, value: { path: join(s.projects, 'mine.wicm') } } });
    expect(existsSync(join(s.projects, 'mine.wicm'))).toBe(true);
    const sub = await s.rpc('project.saveAs', { path: 'lab/one.wicm' });
    expect(sub.status).toBe(200);
    expect(existsSync(join(s.projects, 'lab', 'one.wicm'))).toBe(true);
    expect((await s.rpc('project.open', { path: 'wan.wicm' })).status).toBe(200);
  });

  it('resolves ".." and symlinks before the check', async () => {
    const s = await serve();
    expect((await s.rpc('project.saveAs', { path: join(s.projects, '..', 'escape.wicm') })).status).toBe(403);
    expect((await s.rpc('project.saveAs', { path: '../escape' })).status).toBe(403);
    expect(existsSync(join(s.dataDir, 'escape.wicm'))).toBe(false);
    // A folder link inside projects/ that points outside.
    await symlink(s.outside, join(s.projects, 'link'));
    expect((await s.rpc('project.saveAs', { path: join(s.projects, 'link', 'x.wicm') })).status).toBe(403);
    expect(existsSync(join(s.outside, 'x.wicm'))).toBe(false);
    // A file link inside projects/ to a project outside: opening it is refused too.
    expect((await s.rpc('project.saveAs', { path: join(s.projects, 'real.wicm') })).status).toBe(200);
    await mkdir(join(s.outside, 'p'));
    const target = join(s.outside, 'p', 'secret.wicm');
    const { copyFile } = await import('node:fs/promises');
    await copyFile(join(s.projects, 'real.wicm'), target);
    await symlink(target, join(s.projects, 'alias.wicm'));
    const opened = await s.rpc('project.open', { path: join(s.projects, 'alias.wicm') });
    expect(opened.status).toBe(403);
    if (!opened.body.ok) expect(opened.body.error.message).toContain(`resolves to '${target}'`);
  });

  it('refuses to open files outside (no matter whether they exist) and leaves missing files inside to NOT_FOUND', async () => {
    const s = await serve();
    expect((await s.rpc('project.open', { path: '/etc/passwd' })).status).toBe(403);
    expect((await s.rpc('project.open', { path: join(s.outside, 'nope.wicm') })).status).toBe(403);
    expect(await s.rpc('project.open', { path: join(s.projects, 'nope.wicm') })).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect((await s.rpc('project.compare', { path: '/etc/passwd' })).status).toBe(403);
    expect(await s.rpc('project.compare', { path: join(s.projects, 'nope.wicm') })).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('allows the folders given with --projects-dir', async () => {
    const extra = await tempDir('wicm-extra-');
    const s = await serve([extra]);
    expect((await s.rpc('project.saveAs', { path: join(extra, 'shared.wicm') })).status).toBe(200);
    expect(existsSync(join(extra, 'shared.wicm'))).toBe(true);
    expect((await s.rpc('project.open', { path: join(extra, 'shared.wicm') })).status).toBe(200);
  });

  it('leaves malformed paths to the request schema (400 with a pointer, not 403)', async () => {
    const s = await serve();
    expect(await s.rpc('project.saveAs', { path: '' })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
    expect(await s.rpc('project.open', { path: 7 })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
    expect(await s.rpc('project.open', { path: 'a\u0000b' })).toMatchObject({ status: 400 });
  });
});

describe('--projects-dir on the command line', () => {
  it('refuses a folder that does not exist, before serving anything (exit 2)', async () => {
    const dataDir = await tempDir('wicm-cli-');
    const box = { out: '', err: '' };
    const io: CliIo = { out: (t) => (box.out += t), err: (t) => (box.err += t), env: {}, cwd: dataDir };
    const code = await runCli(['serve', '--port', '0', '--no-ui', '--data-dir', dataDir, '--projects-dir', 'no-such-folder'], io);
    expect(code).toBe(2);
    expect(box.err).toMatch(/--projects-dir 'no-such-folder': no such folder/);
    expect(box.out).toBe('');
  });
});
