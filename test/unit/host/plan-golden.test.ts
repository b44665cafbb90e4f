import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/host/cli/index';
import type { CliIo } from '../../../electron/host/cli/command';
import { ProjectDb } from '../../../core/store/project-db';
import { parseTopologyJson } from '../../../core/store/documents';
import { previewImport } from '../../../core/import';
import { planProject, serviceFromRequest } from '../../../core/service/planning';
import { loadSqlEngine } from '../../../electron/host/platform/sqljs';
import { demiWimDb } from '../../helpers/demi-wim-db';
import { expectGoldenJson, goldenFilesUnder } from '../../helpers/golden';
import { useTempDirs } from '../../helpers/temp-dir';

// Golden tests of `wicm plan --export …` (UPDATE_GOLDEN=1 rewrites the expected files).
const root = 'test/fixtures/plan';
const tempDir = useTempDirs();

/** Case folders planned from their own topology.json (shared-interface first builds a project). */
const cases = readdirSync(root).filter((n) => existsSync(join(root, n, 'request.json')) && !existsSync(join(root, n, 'existing.json')));

/** The golden file of a plan export, named after the format written (`--export json` writes plan-json). */
function goldenName(format: string): string {
  return `expected.${format === 'json' ? 'plan-json' : format}.json`;
}

function capture(): CliIo & { stdout: string; stderr: string } {
  const box = { stdout: '', stderr: '' };
  return Object.assign(box, { out: (t: string) => void (box.stdout += t), err: (t: string) => void (box.stderr += t), env: {}, cwd: process.cwd() });
}

async function golden(dir: string, topology: string, request: string, format: string): Promise<unknown> {
  const io = capture();
  const code = await runCli(['plan', '--topology', topology, '--request', request, '--export', format], io);
  expect(io.stderr.split('\n').filter((l) => /: error:/.test(l))).toEqual([]);
  expect(code).toBe(0);
  // Provenance carries the import time: pin it so the golden file is stable.
  const actual = JSON.parse(io.stdout, (key, value: unknown) => (key === 'importedAt' ? '<import time>' : value)) as unknown;
  expectGoldenJson(resolve(dir, goldenName(format)), actual);
  return actual;
}

/** The (bridge, in, out) triples of a VTN request list, for readable assertions. */
function filters(doc: unknown): string[] {
  return (doc as { requests: { path: string; body: { input: Record<string, unknown> } }[] }).requests
    .filter((r) => r.path.endsWith('set-flow-filter'))
    .map((r) => {
      const f = (r.body.input['vtn-flow-filter'] as { index: number; 'vtn-redirect-filter': { 'redirect-destination': { 'interface-name': string } } }[])[0]!;
      return `${String(r.body.input['bridge-name'])} ${String(r.body.input['interface-name'])}>${f['vtn-redirect-filter']['redirect-destination']['interface-name']} #${f.index}`;
    });
}

describe('wicm plan golden cases', () => {
  const formatOf = (name: string): string => readFileSync(join(root, name, 'export.txt'), 'utf8').trim();
  for (const name of cases) {
    it(name, async () => {
      const dir = join(root, name);
      await golden(dir, join(dir, 'topology.json'), join(dir, 'request.json'), formatOf(name));
    });
  }

  it('worked example 1 gives exactly the documented redirects, forward then reverse', async () => {
    const doc = await golden(join(root, 'example-1'), join(root, 'example-1/topology.json'), join(root, 'example-1/request.json'), 'odl-vtn');
    // Push order: each direction's condition, then its filters from the last hop back.
    expect(filters(doc)).toEqual([
      'vbr1 if_popB>if_client #1',
      'vbr1 if_popA>if_popB #1',
      'vbr1 if_user>if_popA #1',
      'vbr1 if_popA>if_user #2',
      'vbr1 if_popB>if_popA #2',
      'vbr1 if_client>if_popB #1',
    ]);
  });

  it('a shared interface gets a second filter index instead of overwriting the first service', async () => {
    const dir = join(root, 'shared-interface');
    const sql = await loadSqlEngine();
    const db = ProjectDb.create(sql);
    db.topology.replace(parseTopologyJson(await readFile(join(dir, 'topology.json'), 'utf8')).topology);
    const existing = previewImport(await readFile(join(dir, 'existing.json'), 'utf8'), { now: '2026-11-21T00:00:00.000Z' });
    db.services.upsert(serviceFromRequest(existing.services[0]!, 'pushed'));
    planProject(db, ['svc-a']);
    const project = join(await tempDir(), 'shared.wicm');
    await writeFile(project, db.export());
    const doc = await golden(dir, project, join(dir, 'request.json'), 'odl-vtn');
    expect(filters(doc)).toContain('vbr2 if_exit2>if_popB #2');
  });

  it('plans over demi-wicm wim_info.db with the demi flows request', async () => {
    const sql = await loadSqlEngine();
    const demi = JSON.parse(await readFile('test/fixtures/reference/demi-flows.json', 'utf8')) as Record<string, unknown>;
    const rows = demi['wim_info.db connectivity rows (wicm/database/sqlalchemy_declaritive.py)'] as Parameters<typeof demiWimDb>[1];
    const dir = await tempDir();
    await writeFile(join(dir, 'wim_info.db'), demiWimDb(sql, rows, { user: '192.168.10.0/24', client: '10.20.0.0/24' }));
    await writeFile(join(dir, 'request.json'), JSON.stringify((demi['POST /api/v1/flows'] as { request: unknown }).request));
    const io = capture();
    expect(await runCli(['plan', '--topology', join(dir, 'wim_info.db'), '--request', join(dir, 'request.json'), '--export', 'odl-vtn'], io)).toBe(0);
    // vims order 0 = pop-athens (vbr1), 1 = pop-patras (vbr2): the uplinks carry traffic between the vBridges.
    expect(filters(JSON.parse(io.stdout))).toEqual([
      'vbr2 if_patras>if_internet #1',
      'vbr2 if_vbr2_uplink>if_patras #1',
      'vbr1 if_athens>if_vbr1_uplink #1',
      'vbr1 if_customer>if_athens #1',
      'vbr1 if_athens>if_customer #2',
      'vbr1 if_vbr1_uplink>if_athens #1',
      'vbr2 if_patras>if_vbr2_uplink #2',
      'vbr2 if_internet>if_patras #1',
    ]);
  });

  it('bad input exits 2 with one line per problem and no stack trace', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ instance_id: 'x', in_seg: '10.0.1.0/24', out_seg: '10.0.9.0/24', vims: [{ port: 'vimZ', order: 0 }] }));
    const io = capture();
    expect(await runCli(['plan', '--topology', join(root, 'example-1/topology.json'), '--request', join(dir, 'bad.json')], io)).toBe(2);
    expect(io.stderr).toMatch(/bad.json#\/vims\/0\/port: error: .*vimZ/);
    expect(io.stderr).not.toMatch(/\n\s+at /);
    const missing = capture();
    expect(await runCli(['plan', '--topology', join(dir, 'nope.json'), '--request', join(dir, 'bad.json')], missing)).toBe(2);
    expect(missing.stderr.trim()).toBe(`wicm plan: --topology ${join(dir, 'nope.json')}: no such file.`);
  });

  // Last, so that UPDATE_GOLDEN=1 has written every file before it looks.
  it('compares every golden file in test/fixtures/plan', () => {
    const compared = [...cases, 'shared-interface'].map((name) => `${name}/${goldenName(formatOf(name))}`);
    expect(goldenFilesUnder('plan')).toEqual(compared.sort());
  });
});
