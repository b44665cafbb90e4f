import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { runCliCaptured, type CliRun } from '../../helpers/cli';

const tempDir = useTempDirs();
const ref = (f: string): string => `test/fixtures/reference/${f}`;

const cli = async (...argv: string[]): Promise<CliRun> => runCliCaptured(argv, { WICM_HOME: await tempDir() });

describe('wicm inspect', () => {
  it('prints format, services and diagnostics, exit 0 when importable', async () => {
    const r = await cli('inspect', ref('openbaton-nsr-instantiate.json'), '--topology', 'resources/sample/sample-wan.json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { format: string; services: { chain: string[]; reverseChain: unknown }[]; diagnostics: unknown[] };
    expect(out.format).toBe('openbaton');
    expect(out.services).toEqual([expect.objectContaining({ chain: ['pop-athens', 'pop-patras'], reverseChain: null })]);
    expect(Object.keys(out.services[0]!).sort()).toEqual(['chain', 'id', 'inSegment', 'name', 'outSegment', 'reverseChain']);
  });

  it('exits 2 naming the formats tried for an unknown document, and flags unknown PoPs against the project', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'odd.json'), '{"hello": "world"}');
    const unknown = await cli('inspect', join(dir, 'odd.json'));
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toMatch(/openbaton.*demi-flows.*tnova.*katana.*sol005.*osm/s);
    await writeFile(join(dir, 'flows.json'), JSON.stringify({ instance_id: 'x1', in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athen', order: 0 }] }));
    const typo = await cli('inspect', join(dir, 'flows.json'), '--topology', 'resources/sample/sample-wan.json');
    expect(typo.code).toBe(2);
    expect(typo.stdout).toMatch(/pop-athens/);
    // The id limit of core/contract/limits.ts holds on the CLI as on REST and RPC.
    await writeFile(join(dir, 'long.json'), JSON.stringify({ instance_id: 'x'.repeat(201), in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }] }));
    const long = await cli('inspect', join(dir, 'long.json'), '--topology', 'resources/sample/sample-wan.json');
    expect(long.code).toBe(2);
    expect(long.stdout).toMatch(/201 characters long; ids are at most 200/);
    const notJson = join(dir, 'broken.json');
    await writeFile(notJson, '{"a": [1, 2,');
    const broken = await cli('inspect', notJson);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe('');
  });
});

describe('wicm import and export', () => {
  it('builds a project from a topology and NSRs, honours a release, and exports it', async () => {
    const dir = await tempDir();
    const project = join(dir, 'wan.wicm');
    const created = await cli('import', 'resources/sample/sample-wan.json', ref('openbaton-nsr-instantiate.json'), ref('osm-nsr.json'), '--project', project, '--create', '--plan');
    expect(created.stderr.split('\n').filter((l) => / error: /.test(l))).toEqual([]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/openbaton: 1 created, 0 updated, 0 deleted, 1 planned, 0 failed/);
    expect(existsSync(project)).toBe(true);
    const again = await cli('import', ref('openbaton-nsr-instantiate.json'), '--project', project);
    expect(again.stdout).toMatch(/0 created, 1 updated/);
    const released = await cli('import', ref('openbaton-nsr-release.json'), '--project', project);
    expect(released.stdout).toMatch(/1 deleted/);
    const vtn = await cli('export', '--project', project, '--format', 'odl-vtn');
    expect(vtn.code).toBe(0);
    const requests = (JSON.parse(vtn.stdout) as { requests: { path: string }[] }).requests;
    expect(requests[0]?.path).toBe('/restconf/operations/vtn-flow-condition:set-flow-condition');
    const ovs = await cli('export', '--project', project, '--format', 'ovs-ofctl', '--teardown');
    expect(ovs.stdout).toMatch(/del-flows vbr1 'cookie=0x[0-9a-f]+\/-1'/);
  });

  it('refuses a missing project without --create, and an unknown export format', async () => {
    const dir = await tempDir();
    const missing = await cli('import', ref('openbaton-nsr-instantiate.json'), '--project', join(dir, 'none.wicm'));
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('Add --create') });
    const format = await cli('export', '--topology', 'resources/sample/sample-wan.json', '--format', 'pdf');
    expect(format).toMatchObject({ code: 2, stderr: expect.stringContaining('plan-json, odl-vtn, curl, ovs-ofctl, onos, topology-json') });
  });
});
