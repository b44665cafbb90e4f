import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTopologyJson } from '../../../core/store/documents';
import { canonical } from '../core/export/topology-yaml-arbitrary';
import { useTempDirs } from '../../helpers/temp-dir';
import { runCliCaptured, type CliRun } from '../../helpers/cli';

const tempDir = useTempDirs();

const cli = async (...argv: string[]): Promise<CliRun> => runCliCaptured(argv, { WICM_HOME: await tempDir() });

describe('wicm export/import --format topology-yaml', () => {
  it('round-trips a project through a YAML file, and updates that file in place', async () => {
    const dir = await tempDir();
    const first = join(dir, 'first.wicm');
    const second = join(dir, 'second.wicm');
    const yaml = join(dir, 'wan.yaml');
    expect((await cli('import', 'resources/sample/sample-wan.json', '--project', first, '--create')).code).toBe(0);
    const exported = await cli('export', '--project', first, '--format', 'topology-yaml', '--out', yaml);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    const imported = await cli('import', yaml, '--project', second, '--create');
    expect(imported).toMatchObject({ code: 0, stdout: `${yaml}: topology imported\n` });
    // The second project holds the same topology and layout (lists in another order: the file's).
    const json = async (project: string): Promise<unknown> => canonical(parseTopologyJson((await cli('export', '--project', project, '--format', 'topology-json')).stdout));
    expect(await json(second)).toEqual(await json(first));
    expect((await cli('export', '--project', second, '--format', 'topology-yaml')).stdout).toBe(await readFile(yaml, 'utf8'));

    // A reviewer's comment survives the next export into the same file.
    const text = (await readFile(yaml, 'utf8')).replace('  vbr2:\n', '  # Patras: moved to the new rack\n  vbr2:\n');
    await writeFile(yaml, text);
    expect((await cli('export', '--project', second, '--format', 'topology-yaml', '--out', yaml)).code).toBe(0);
    expect(await readFile(yaml, 'utf8')).toBe(text);
  });

  it('refuses a YAML topology with an unknown port, naming it and its line', async () => {
    const dir = await tempDir();
    const yaml = join(dir, 'bad.yaml');
    await writeFile(yaml, 'schema: wicm-topology-yaml/1\nbridges:\n  vbr1: { kind: ovs, controllerId: vbr1, ports: { eth1: {} } }\nlinks:\n  - { a: vbr1/eth1, b: vbr2/eth1 }\n');
    const r = await cli('import', yaml, '--project', join(dir, 'p.wicm'), '--create');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown port "vbr2\/eth1" \(line 5\)/);
  });
});
