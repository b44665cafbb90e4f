import { describe, expect, it } from 'vitest';
import type { ControllerProfileDto, EditResultDto, JournalTransactionDto, PushReportDto } from '../../../../core/contract/api';
import { startEngineHost } from '../../../../electron/host/engine-host';
import { startLabController } from '../../../../electron/host/lab';
import { okCaller } from '../../../helpers/ok-caller';
import { memoryLogger } from '../../../helpers/quiet-logger';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('journal.list: the push history the Journal view shows', () => {
  it('lists a committed push and a rolled-back one, by service name, newest first, per service', async () => {
    const lab = await startLabController({ kind: 'odl-vtn', port: 0, user: 'wicm', password: 'pw' });
    try {
      const h = await startEngineHost({ mode: 'cli', logger: memoryLogger(), dataDir: await tempDir(), template: 'sample' });
      const ok = okCaller(h.dispatch);
      expect(await ok<JournalTransactionDto[]>('journal.list', {})).toEqual([]);
      const profile = await ok<ControllerProfileDto>('controllers.saveProfile', { name: 'lab', kind: 'odl-vtn', url: lab.url, user: 'wicm', password: 'pw' });
      const web = await ok<EditResultDto>('services.save', { name: 'web', inSegment: null, outSegment: null, chain: ['pop-athens'], reverseChain: null });
      await ok('plan.compute', {});
      expect((await ok<PushReportDto>('push.apply', { target: { profileId: profile.id }, provision: true, serviceIds: [web.id] })).ok).toBe(true);

      const mail = await ok<EditResultDto>('services.save', { name: 'mail', inSegment: null, outSegment: null, chain: ['pop-athens'], reverseChain: null });
      await ok('plan.compute', {});
      // The second write of the next push fails: the first is rolled back.
      lab.setFaults([{ nth: 2, action: { kind: 'status', status: 500, body: { error: 'injected' } } }]);
      expect((await ok<PushReportDto>('push.apply', { target: { profileId: profile.id }, provision: true, serviceIds: [mail.id] })).ok).toBe(false);

      const all = await ok<JournalTransactionDto[]>('journal.list', {});
      expect(all.map((tx) => [tx.op, tx.outcome, tx.services.map((s) => s.name)])).toEqual([
        ['push', expect.stringMatching(/^rolled-back|rollback-incomplete$/), ['mail']],
        ['push', 'committed', ['web']],
      ]);
      const [failed, committed] = all as [JournalTransactionDto, JournalTransactionDto];
      expect(committed.steps.length).toBeGreaterThan(0);
      expect(committed.steps.every((s) => s.state === 'applied')).toBe(true);
      // Steps name their service, never by id alone.
      expect(committed.steps.filter((s) => s.serviceId === web.id).every((s) => s.service === 'web')).toBe(true);
      expect(failed.steps.some((s) => s.state === 'undone')).toBe(true);
      expect(JSON.stringify(all)).not.toContain('password');

      const ofWeb = await ok<JournalTransactionDto[]>('journal.list', { serviceId: web.id });
      expect(ofWeb.map((tx) => tx.tx)).toEqual([committed.tx]);
      expect(await ok<JournalTransactionDto[]>('journal.list', { serviceId: 'no-such-service' })).toEqual([]);
    } finally {
      await lab.close();
    }
  });
});
