// `wicm export --format nsr-…`: exit codes, --service by id or name, one file, and --out DIR/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { runCliCaptured, type CliRun } from '../../helpers/cli';

const tempDir = useTempDirs();
const ref = (f: string): string => `test/fixtures/reference/${f}`;

const cli = async (...argv: string[]): Promise<CliRun> => runCliCaptured(argv, { WICM_HOME: await tempDir() });

async function project(): Promise<string> {
  const path = join(await tempDir(), 'wan.wicm');
  const created = await cli('import', 'resources/sample/sample-wan.json', ref('openbaton-nsr-instantiate.json'), ref('osm-nsr.json'), '--project', path, '--create');
  expect(created.code).toBe(0);
  return path;
}

describe('wicm export --format nsr-*', () => {
  it('writes all services as a JSON array, or one by id or by name, with warnings on stderr', async () => {
    const p = await project();
    const all = await cli('export', '--project', p, '--format', 'nsr-sol005');
    expect(all.code).toBe(0);
    const docs = JSON.parse(all.stdout) as { id: string; nsState: string }[];
    expect(docs.map((d) => d.id).sort()).toEqual(['7c1e4a90-3b2f-4d8e-9a61-0f5d2c8b7e13', 'd4f1a2b3-5c6d-4e7f-8a9b-0c1d2e3f4a5b']);
    const byName = await cli('export', '--project', p, '--format', 'nsr-openbaton', '--service', 'TRANSIT-CHAIN-OSM');
    expect(byName.code).toBe(0);
    expect(JSON.parse(byName.stdout)).toMatchObject({ action: 'INSTANTIATE_FINISH', payload: { id: 'd4f1a2b3-5c6d-4e7f-8a9b-0c1d2e3f4a5b' } });
    expect(byName.stderr).toMatch(/Service "transit-chain-osm": an Open Baton NSR cannot carry the ingress segment \(192\.168\.10\.10\/32\)/);
    const byId = await cli('export', '--project', p, '--format', 'nsr-demi', '--service', '7c1e4a90-3b2f-4d8e-9a61-0f5d2c8b7e13');
    expect(JSON.parse(byId.stdout)).toMatchObject({ instance_id: '7c1e4a90-3b2f-4d8e-9a61-0f5d2c8b7e13', vims: [{ port: 'pop-athens', order: 0 }, { port: 'pop-patras', order: 1 }] });
  });

  it('writes one file per service with --out DIR/, and the file itself with --out FILE', async () => {
    const p = await project();
    const dir = join(await tempDir(), 'nsrs/');
    const r = await cli('export', '--project', p, '--format', 'nsr-osm', '--out', dir);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['7c1e4a90-3b2f-4d8e-9a61-0f5d2c8b7e13.nsr-osm.json', 'd4f1a2b3-5c6d-4e7f-8a9b-0c1d2e3f4a5b.nsr-osm.json']);
    const one = JSON.parse(readFileSync(join(dir, 'd4f1a2b3-5c6d-4e7f-8a9b-0c1d2e3f4a5b.nsr-osm.json'), 'utf8')) as { nsr: { _id: string } };
    expect(one.nsr._id).toBe('d4f1a2b3-5c6d-4e7f-8a9b-0c1d2e3f4a5b');
    const file = join(await tempDir(), 'tnova.json');
    expect((await cli('export', '--project', p, '--format', 'nsr-tnova', '--out', file)).code).toBe(0);
    const bodies = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    expect(bodies.filter((b) => 'service' in b)).toHaveLength(2);
  });

  it('exits 2 for an unknown service, and for an NSR format without a project', async () => {
    const p = await project();
    const unknown = await cli('export', '--project', p, '--format', 'nsr-katana', '--service', 'nope');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/--service 'nope' is neither the id nor the name.*transit-chain-osm/s);
    const noProject = await cli('export', '--topology', 'resources/sample/sample-wan.json', '--format', 'nsr-demi');
    expect(noProject).toMatchObject({ code: 2, stderr: expect.stringContaining('give --project') });
  });
});
