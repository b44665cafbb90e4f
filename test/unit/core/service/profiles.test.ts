import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ControllerProfileDto, PushReportDto } from '../../../../core/contract/api';
import { startEngineHost } from '../../../../electron/host/engine-host';
import { safeStorageSecretBox } from '../../../../electron/main/secrets';
import { okCaller } from '../../../helpers/ok-caller';
import { memoryLogger } from '../../../helpers/quiet-logger';
import { startAuthRecorder } from '../../../helpers/auth-recorder';
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

describe('a saved password belongs to its endpoint', () => {
  it('re-pointing a profile without the password drops it: the new controller never receives the old one', async () => {
    const oldPassword = 'old-s3cret';
    const basicOld = `Basic ${Buffer.from(`wicm:${oldPassword}`).toString('base64')}`;
    const first = await startLabController({ kind: 'odl-vtn', port: 0, user: 'wicm', password: oldPassword });
    const second = await startAuthRecorder();
    try {
      const { ok, h } = await host(await tempDir());
      const profile = await ok<ControllerProfileDto>('controllers.saveProfile', { name: 'Athens ODL', kind: 'odl-vtn', url: first.url, user: 'wicm', password: oldPassword });
      await ok('services.save', { name: 'web', inSegment: null, outSegment: null, chain: ['pop-athens'], reverseChain: null });
      await ok('plan.compute', {});
      expect((await ok<PushReportDto>('push.apply', { target: { profileId: profile.id }, provision: true })).ok).toBe(true);

      // The URL changes, the password is not typed again: it is dropped, not carried along.
      const moved = await ok<ControllerProfileDto>('controllers.saveProfile', { id: profile.id, name: 'Athens ODL', kind: 'odl-vtn', url: second.url, user: 'wicm' });
      expect(moved).toMatchObject({ hasPassword: false, passwordNeeded: true, passwordStorage: null });
      const refused = await h.dispatch('push.apply', { target: { profileId: profile.id }, provision: true });
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Enter the password for 'Athens ODL'/) } });
      expect(second.authorizations).toEqual([]);
      // Renaming it still asks; a typed password is sent, and only that one.
      expect(await ok<ControllerProfileDto>('controllers.saveProfile', { id: profile.id, name: 'Athens', kind: 'odl-vtn', url: second.url, user: 'wicm' })).toMatchObject({ passwordNeeded: true });
      await ok('controllers.saveProfile', { id: profile.id, name: 'Athens', kind: 'odl-vtn', url: second.url, user: 'wicm', password: 'new-pw' });
      await h.dispatch('push.apply', { target: { profileId: profile.id }, provision: true });
      expect(second.authorizations.length).toBeGreaterThan(0);
      expect(second.authorizations.every((a) => a === `Basic ${Buffer.from('wicm:new-pw').toString('base64')}`)).toBe(true);
      expect(second.authorizations).not.toContain(basicOld);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('a new user or controller kind drops it too; a new name keeps it; an explicit null means no password', async () => {
    const { ok } = await host(await tempDir());
    const base = { name: 'p', kind: 'odl-vtn', url: 'http://127.0.0.1:8181', user: 'admin' } as const;
    const save = async (change: Record<string, unknown>): Promise<ControllerProfileDto> => {
      const saved = await ok<ControllerProfileDto>('controllers.saveProfile', { ...base, password: 'pw' });
      return ok<ControllerProfileDto>('controllers.saveProfile', { ...base, id: saved.id, ...change, name: `${String(change.name ?? 'p')}-${saved.id}` });
    };
    expect(await save({ user: 'root' })).toMatchObject({ hasPassword: false, passwordNeeded: true });
    expect(await save({ kind: 'onos' })).toMatchObject({ hasPassword: false, passwordNeeded: true });
    expect(await save({ name: 'renamed', tenant: 'vtn2' })).toMatchObject({ hasPassword: true });
    expect(await save({ url: 'http://127.0.0.1:8282', password: null })).toMatchObject({ hasPassword: false });
    expect(await save({ url: 'http://127.0.0.1:8282', password: null })).not.toHaveProperty('passwordNeeded');
  });
});
