import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../core/contract/errors';
import { startEngineHost, type EngineHost } from '../../../electron/host/engine-host';
import { startHttpTransport, type HttpTransport } from '../../../electron/host/http';
import { loadSqlEngine } from '../../../electron/host/platform/sqljs';
import { memoryLogger } from '../../helpers/quiet-logger';
import { useTempDirs } from '../../helpers/temp-dir';
import { runCliCaptured, type CliRun } from '../../helpers/cli';

const tempDir = useTempDirs();
const transports: HttpTransport[] = [];
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
});

const cli = (...argv: string[]): Promise<CliRun> => runCliCaptured(argv);

async function ok<T>(host: EngineHost, method: string, req: unknown): Promise<T> {
  const reply: Envelope = await host.dispatch(method, req);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

/** A data folder whose projects folder holds `p.wicm`, a saved sample WAN with one service. */
async function savedProject(): Promise<{ dataDir: string; project: string; bytes: Uint8Array; host: EngineHost }> {
  const dataDir = await tempDir();
  const projects = join(dataDir, 'projects');
  await mkdir(projects, { recursive: true });
  const host = await startEngineHost({ mode: 'cli', logger: memoryLogger(), dataDir, template: 'sample' });
  await ok(host, 'services.save', { name: 'web', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athens'], reverseChain: null });
  const project = join(projects, 'p.wicm');
  await ok(host, 'project.saveAs', { path: project });
  return { dataDir, project, bytes: new Uint8Array(await readFile(project)), host };
}

/** `bytes` after raw SQL, as someone editing the file with sqlite3 would. */
async function edited(bytes: Uint8Array, ...statements: string[]): Promise<Uint8Array> {
  const sql = await loadSqlEngine();
  const raw = new sql.Database(bytes);
  for (const s of statements) raw.run(s);
  const out = raw.export();
  raw.close();
  return out;
}

const demiFlows = JSON.stringify({ instance_id: 'svc1', in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }] });

describe('a damaged or inconsistent project on the command line', () => {
  it('exits 2 naming the file, for truncated, bit-flipped, /33 and dangling-port files (never "internal error")', async () => {
    const { dataDir, bytes } = await savedProject();
    const request = join(dataDir, 'flows.json');
    await writeFile(request, demiFlows);
    const flipped = bytes.slice();
    // The first b-tree page header of page 2 (a table root): its page type byte.
    flipped[4096] = 0x99;
    const cases: [string, Uint8Array, RegExp][] = [
      ['truncated.wicm', bytes.subarray(0, Math.floor(bytes.length / 2)), /truncated\.wicm is damaged and cannot be opened/],
      ['flipped.wicm', flipped, /flipped\.wicm is damaged and cannot be opened/],
      ['slash33.wicm', await edited(bytes, "UPDATE segments SET prefix = '10.0.0.0/33' WHERE id = 'sg-customer'"), /slash33\.wicm was not opened.*\n {2}- segment 'customer LAN': prefix '10\.0\.0\.0\/33' is not valid/],
      ['dangling.wicm', await edited(bytes, 'PRAGMA foreign_keys = OFF', "UPDATE segments SET port_id = 'pt-gone' WHERE id = 'sg-customer'"), /dangling\.wicm was not opened.*\n {2}- segment 'customer LAN': its port 'pt-gone' does not exist/],
      ['badchain.wicm', await edited(bytes, "UPDATE services SET chain = '[\"pop-athens\",'"), /badchain\.wicm was not opened.*\n {2}- service 'web': the chain is not valid JSON/],
    ];
    for (const [name, content, message] of cases) {
      const file = join(dataDir, name);
      await writeFile(file, content);
      const planned = await cli('plan', '--topology', file, '--request', request);
      expect(planned.code, name).toBe(2);
      expect(planned.stdout, name).toBe('');
      expect(planned.stderr, name).toMatch(message);
      expect(planned.stderr, name).not.toMatch(/internal error|\n\s+at /);
      // The engine's open path (--project) says the same.
      const exported = await cli('export', '--project', file, '--format', 'plan-json');
      expect(exported.code, name).toBe(2);
      expect(exported.stderr, name).toMatch(message);
      // Nothing was written over the file.
      expect(new Uint8Array(await readFile(file))).toEqual(content);
    }
  });
});

describe('a damaged project over RPC', () => {
  it('project.open answers 400 INVALID_INPUT naming the file, and the open project stays', async () => {
    const { project, bytes, host } = await savedProject();
    const transport = await startHttpTransport({ dispatch: host.dispatch, onEvent: host.onEvent, rendererDir: null, port: 0 });
    transports.push(transport);
    const damaged = join(project, '..', 'damaged.wicm');
    await writeFile(damaged, bytes.subarray(0, 5000));
    const reply = await fetch(`${transport.url}rpc/project.open`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${transport.token}` },
      body: JSON.stringify({ path: damaged }),
    });
    expect(reply.status).toBe(400);
    const body = (await reply.json()) as Envelope;
    expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(`${damaged} is damaged and cannot be opened`) } });
    expect(await ok<{ path: string }>(host, 'project.info', {})).toMatchObject({ path: project });
  });
});

describe('temp files of interrupted saves', () => {
  it('are removed on the next open of that project, and nothing else is', async () => {
    const { project, host } = await savedProject();
    const dir = join(project, '..');
    // A process that has exited: its pid names a writer that no longer runs (as after kill -9).
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const leftovers = ['.p.wicm.0123456789ab.tmp', `.p.wicm.${dead}-abcdef012345.tmp`];
    const kept = [
      `.p.wicm.${process.pid}-abcdef012345.tmp`, // a save of this very process may be in flight
      '.q.wicm.0123456789ab.tmp', // another project's
      '.p.wicm.notes.tmp', // not our pattern
      'p.wicm.0123456789ab.tmp',
    ];
    for (const name of [...leftovers, ...kept]) await writeFile(join(dir, name), 'partial save');
    await ok(host, 'project.open', { path: project });
    const left = await readdir(dir);
    for (const name of leftovers) expect(left, name).not.toContain(name);
    for (const name of kept) expect(left, name).toContain(name);
  });

  it('are kept while the project does not open (they may be the last copy of the work)', async () => {
    const { project, bytes, host } = await savedProject();
    await writeFile(project, bytes.subarray(0, 3000));
    const temp = join(project, '..', '.p.wicm.0123456789ab.tmp');
    await writeFile(temp, bytes);
    expect(await host.dispatch('project.open', { path: project })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(existsSync(temp)).toBe(true);
  });

  it('a save leaves no temp file behind', async () => {
    const { project, host } = await savedProject();
    await ok(host, 'project.save', {});
    expect((await readdir(join(project, '..'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
