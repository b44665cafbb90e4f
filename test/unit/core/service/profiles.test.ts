import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ControllerProfileDto, PushReportDto } from '../../../../core/contract/api';
import { startEngineHost } from '../../../../electron/host/engine-host';
import { safeStorageSecretBox } from '../../../../electron/main/secrets';
import { okCaller } from '../../../helpers/ok-caller';
import { memoryLogger } from '../../../helpers/quiet-logger';
import { useTempDirs } from '../../../helpers/temp-dir';
import { startLabController } from '../../../../electron/host/lab';

const tempDir = useTempDirs();

async function host(dataDir: string) {
  const h = await startEngineHost({ mode: 'cli', logger: memoryLogger(), dataDir, template: 'sample' });
  return { h, ok: okCaller(h.dispatch) };
}

describe('controller profiles', () => {
  it('keeps the password sealed on disk and never returns it; the lab profiles are built in', async () => {
    const dir = await tempDir();
    const { ok, h } = await host(dir);
    const before = await ok<ControllerProfileDto[]>('controllers.profiles', {});
    expect(before.map((p) => [p.id, p.builtIn])).toEqual([
      ['lab-odl-vtn', true],
      ['lab-onos', true],
    ]);
    const saved = await ok<ControllerProfileDto>('controllers.saveProfile', { name: 'Athens ODL', kind: 'odl-vtn', url: 'http://127.0.0.1:8181', user: 'admin', password: 's3cret-pw' });
    expect(saved).toMatchObject({ hasPassword: true, passwordStorage: 'local-key', builtIn: false });
    expect(JSON.stringify(saved)).not.toContain('s3cret-pw');
    const onDisk = await readFile(join(dir, 'controllers.json'), 'utf8');
    expect(onDisk).toContain('Athens ODL');
    expect(onDisk).not.toContain('s3cret-pw');
    const renamed = await ok<ControllerProfileDto>('controllers.saveProfile', { id: saved.id, name: 'Athens VTN', kind: 'odl-vtn', url: 'http://127.0.0.1:8181', user: 'admin' });
    expect(renamed.hasPassword).toBe(true);
    expect(await h.dispatch('controllers.saveProfile', { name: 'Athens VTN', kind: 'onos', url: 'http://x:8181', user: 'a' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await h.dispatch('controllers.saveProfile', { name: 'bad', kind: 'onos', url: 'not a url', user: 'a' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const after = await ok<ControllerProfileDto[]>('controllers.removeProfile', { id: saved.id });
    expect(after.map((p) => p.id)).toEqual(['lab-odl-vtn', 'lab-onos']);
  });

  it('pushes through a saved profile: the sealed password opens and authenticates', async () => {
    const lab = await startLabController({ kind: 'odl-vtn', port: 0, user: 'wicm', password: 'pa$$ "word"' });
    try {
      const { ok, h } = await host(await tempDir());
      const progress: { done: number; total: number }[] = [];
      h.onEvent((e) => {
        if (e.name === 'push.didProgress') progress.push(e.payload);
      });
      const profile = await ok<ControllerProfileDto>('controllers.saveProfile', { name: 'lab', kind: 'odl-vtn', url: lab.url, user: 'wicm', password: 'pa$$ "word"' });
      await ok('services.save', { name: 'web', inSegment: null, outSegment: null, chain: ['pop-athens'], reverseChain: null });
      await ok('plan.compute', {});
      const report = await ok<PushReportDto>('push.apply', { target: { profileId: profile.id }, provision: true });
      expect(report.ok).toBe(true);
      expect(lab.requests().every((r) => r.status !== 401)).toBe(true);
      // The UI's progress bar: events up to the last applied step.
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.at(-1)).toMatchObject({ done: report.steps.length, total: report.steps.length });
    } finally {
      await lab.close();
    }
  });

  it('seals with Electron safeStorage when the OS offers it', async () => {
    const fake = {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from([...Buffer.from(s)].reverse()),
      decryptString: (b: Buffer) => Buffer.from([...b].reverse()).toString(),
    };
    const box = safeStorageSecretBox(fake)!;
    expect(box.kind).toBe('safeStorage');
    const sealed = await box.seal('hunter2');
    expect(sealed).not.toContain('hunter2');
    expect(await box.open(sealed)).toBe('hunter2');
    expect(safeStorageSecretBox({ ...fake, isEncryptionAvailable: () => false })).toBeUndefined();
  });
});
