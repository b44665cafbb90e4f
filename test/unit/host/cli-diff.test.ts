// `wicm diff A B [--json]` over topology files and .wicm projects, its exit codes (0 identical,
// 1 different, 2 bad input naming the file) and the `project.compare` RPC over the same diff.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectDiffDto } from '../../../core/contract/diff-dto';
import { startEngineHost } from '../../../electron/host/engine-host';
import { memoryLogger } from '../../helpers/quiet-logger';
import { useTempDirs } from '../../helpers/temp-dir';
import { runCliCaptured, type CliRun } from '../../helpers/cli';

const tempDir = useTempDirs();
const A = 'test/fixtures/diff/a.json';
const B = 'test/fixtures/diff/b.json';
const ref = (f: string): string => `test/fixtures/reference/${f}`;

const cli = async (...argv: string[]): Promise<CliRun> => runCliCaptured(argv, { WICM_HOME: await tempDir() });

/** A project made from the sample WAN and one NSR, planned and saved. */
async function project(nsr: string): Promise<string> {
  const path = join(await tempDir(), `${nsr.replace(/\W/g, '_')}.wicm`);
  const made = await cli('import', 'resources/sample/sample-wan.json', ref(nsr), '--project', path, '--create', '--plan');
  expect(made.code).toBe(0);
  return path;
}

describe('wicm diff', () => {
  it('exits 1 with the text diff when the files differ, 0 when identical', async () => {
    const differ = await cli('diff', A, B);
    expect(differ.code).toBe(1);
    expect(differ.stderr).toBe('');
    expect(differ.stdout).toMatch(/^Comparing a\.json \(A\) with b\.json \(B\): 11 topology, 0 service and 0 rule changes\.\n\nTopology\n/);
    expect(differ.stdout).toContain('  ~ PoP pop-achaia\n      name: pop-patras → pop-achaia\n');
    const same = await cli('diff', A, A);
    expect(same).toEqual({ code: 0, stdout: 'a.json and a.json are identical.\n', stderr: '' });
  });

  it('reads topology YAML too: the YAML export of A is identical to A and differs from B alike', async () => {
    const dir = await tempDir();
    const projectA = join(dir, 'a.wicm');
    expect((await cli('import', A, '--project', projectA, '--create')).code).toBe(0);
    const yamlA = join(dir, 'a.yaml');
    expect((await cli('export', '--project', projectA, '--format', 'topology-yaml', '--out', yamlA)).code).toBe(0);
    expect(await cli('diff', A, yamlA)).toEqual({ code: 0, stdout: 'a.json and a.yaml are identical.\n', stderr: '' });
    const differ = await cli('diff', yamlA, B);
    expect(differ.code).toBe(1);
    expect(differ.stdout).toMatch(/^Comparing a\.yaml \(A\) with b\.json \(B\): 11 topology, 0 service and 0 rule changes\.\n/);
  });

  it('--json gives the diff DTO for tools', async () => {
    const r = await cli('diff', A, B, '--json');
    expect(r.code).toBe(1);
    const diff = JSON.parse(r.stdout) as ProjectDiffDto;
    expect(Object.keys(diff)).toEqual(['a', 'b', 'identical', 'topology', 'services', 'rules', 'counts']);
    expect(diff.a).toEqual({ label: 'a.json', kind: 'topology-file' });
    expect(diff.topology.map((e) => `${e.change} ${e.kind} ${e.name}`)).toContain('changed segment 10.31.0.0/24 on vbr3/if_crete_lan');
    expect(diff.topology.every((e) => Object.keys(e).join() === 'kind,change,name,aId,bId,fields')).toBe(true);
  });

  it('compares projects: services and the rules per bridge', async () => {
    const openbaton = await project('openbaton-nsr-instantiate.json');
    const osm = await project('osm-nsr.json');
    const r = await cli('diff', openbaton, osm);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\nServices\n {2}[+-] /);
    expect(r.stdout).toMatch(/\nRules per bridge\n {2}vbr\d\n {4}[+-] /);
    const vsTopology = JSON.parse((await cli('diff', openbaton, 'resources/sample/sample-wan.json', '--json')).stdout) as ProjectDiffDto;
    expect(vsTopology.topology).toEqual([]);
    expect(vsTopology.services.map((s) => s.change)).toEqual(['removed']);
    expect(vsTopology.rules.flatMap((g) => g.rules.map((x) => x.change))).not.toContain('added');
    expect((await cli('diff', openbaton, openbaton)).code).toBe(0);
  });

  it('exits 2 naming the file for missing, unreadable or invalid input', async () => {
    const dir = await tempDir();
    const missing = await cli('diff', A, join(dir, 'nope.wicm'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.wicm: no such file/);
    await writeFile(join(dir, 'broken.json'), '{"schema": "wicm-topology/1", "topology": [');
    const broken = await cli('diff', join(dir, 'broken.json'), A);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^wicm diff: broken\.json: Cannot read the WICM topology file: Not JSON at line 1/);
    await writeFile(join(dir, 'bad-ref.json'), JSON.stringify({ schema: 'wicm-topology/1', topology: { bridges: [], ports: [{ id: 'p', bridgeId: 'nope', name: 'x', ofPort: null }], links: [], segments: [], pops: [], naps: [], vlanPools: [], defaults: { sourceSegment: null, targetSegment: null } } }));
    const badRef = await cli('diff', A, join(dir, 'bad-ref.json'));
    expect(badRef.code).toBe(2);
    expect(badRef.stderr).toMatch(/bad-ref\.json: .*Unknown bridge "nope"/);
    expect((await cli('diff', A)).code).toBe(2);
  });
});

describe('project.compare', () => {
  it('compares a file (A) with the open project (B)', async () => {
    const dataDir = await tempDir();
    const host = await startEngineHost({ mode: 'browser', logger: memoryLogger(), dataDir });
    const reply = await host.dispatch('project.compare', { path: join(process.cwd(), B) });
    if (!reply.ok) throw new Error(reply.error.message);
    const diff = reply.value as ProjectDiffDto;
    expect(diff.b).toEqual({ label: 'Sample WAN', kind: 'project' });
    // The open project is the sample WAN, i.e. a.json: the edits of b.json show reversed.
    expect(diff.topology.find((e) => e.kind === 'pop' && e.change === 'changed' && e.name === 'pop-patras')?.fields).toEqual([{ field: 'name', before: 'pop-achaia', after: 'pop-patras' }]);
    expect(diff.topology.filter((e) => e.change === 'added').map((e) => e.bId)).toEqual(expect.arrayContaining(['pt-vbr1-to-vbr3', 'ln-athens-heraklion']));
    const bad = await host.dispatch('project.compare', { path: '' });
    expect(bad.ok).toBe(false);
  });
});
