import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ControllerProfileDto, PushReportDto } from '../../../../core/contract/api';
import { startEngineHost } from '../../../../electron/host/engine-host';
import { startLabController, type LabController } from '../../../../electron/host/lab';
import { okCaller } from '../../../helpers/ok-caller';
import { memoryLogger } from '../../../helpers/quiet-logger';
import { useTempDirs } from '../../../helpers/temp-dir';

/** A controller profile carries its request deadline, and a push through it (as the UI does) uses it. */

const tempDir = useTempDirs();
const labs: LabController[] = [];
afterAll(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

async function host(dataDir: string) {
  const h = await startEngineHost({ mode: 'cli', logger: memoryLogger(), dataDir, template: 'sample' });
  return { h, ok: okCaller(h.dispatch) };
}

describe('controller timeout of a profile', () => {
  it('is saved, returned and validated (50..600000 ms, a whole number), with where and how to fix it', async () => {
    const dir = await tempDir();
    const { h, ok } = await host(dir);
    const base = { name: 'slow ODL', kind: 'odl-vtn', url: 'http://127.0.0.1:8181', user: 'admin', password: 'pw' };
    const saved = await ok<ControllerProfileDto>('controllers.saveProfile', { ...base, timeoutMs: 2500 });
    expect(saved.timeoutMs).toBe(2500);
    expect(JSON.parse(await readFile(join(dir, 'controllers.json'), 'utf8')).profiles[0].timeoutMs).toBe(2500);
    const cleared = await ok<ControllerProfileDto>('controllers.saveProfile', { ...base, id: saved.id });
    expect(cleared).not.toHaveProperty('timeoutMs');
    for (const bad of [49, 600_001, 1.5]) {
      const reply = await h.dispatch('controllers.saveProfile', { ...base, name: `bad ${bad}`, timeoutMs: bad });
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('from 50 to 600000') } });
      expect(JSON.stringify(reply)).toContain('/timeoutMs');
    }
  });

  it('bounds each controller request of a push through the profile', async () => {
    const lab = await startLabController({ kind: 'odl-vtn', faults: [{ match: { method: 'POST', pathIncludes: 'set-flow-filter' }, action: { kind: 'hang' } }] });
    labs.push(lab);
    const { ok } = await host(await tempDir());
    const profile = await ok<ControllerProfileDto>('controllers.saveProfile', { name: 'hanging lab', kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin', timeoutMs: 200 });
    await ok('services.save', { name: 'web', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athens'], reverseChain: null });
    await ok('plan.compute', {});
    const report = await ok<PushReportDto>('push.apply', { target: { profileId: profile.id }, provision: true });
    expect(report.ok).toBe(false);
    expect(report.failedStep?.error).toContain('answer within 200 ms');
  }, 30_000);

  it('refuses a hand-edited timeout out of range, naming the profile, instead of guessing one', async () => {
    const dir = await tempDir();
    const { h, ok } = await host(dir);
    const profile = await ok<ControllerProfileDto>('controllers.saveProfile', { name: 'edited', kind: 'onos', url: 'http://127.0.0.1:8181', user: 'onos', password: 'rocks', timeoutMs: 1000 });
    const file = join(dir, 'controllers.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"timeoutMs": 1000', '"timeoutMs": 5'));
    const reply = await h.dispatch('push.diff', { target: { profileId: profile.id } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining("profile 'edited' (5)") } });
  });
});
