import { describe, expect, it } from 'vitest';
import type { ControllerProfileDto, PushReportDto } from '../../../../core/contract/api';
import { startEngineHost } from '../../../../electron/host/engine-host';
import { LAB_DEFAULT_CREDENTIALS, startLabController } from '../../../../electron/host/lab';
import { counterIds } from '../../../helpers/counter-ids';
import { okCaller } from '../../../helpers/ok-caller';
import { memoryLogger } from '../../../helpers/quiet-logger';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

async function host() {
  const h = await startEngineHost({ mode: 'cli', logger: memoryLogger(), dataDir: await tempDir(), template: 'sample', ids: counterIds() });
  return { h, ok: okCaller(h.dispatch) };
}

describe('ids come from the engine ports', () => {
  it('names saved controller profiles with the ids port', async () => {
    const { ok } = await host();
    const saved = await ok<ControllerProfileDto>('controllers.saveProfile', { name: 'Athens ODL', kind: 'odl-vtn', url: 'http://127.0.0.1:8181', user: 'admin' });
    expect(saved.id).toBe('ctl-0000000001');
  });

  it("makes the project's ONOS application id once, from the ids port, and keeps it", async () => {
    const lab = await startLabController({ kind: 'onos', port: 0 });
    try {
      const { h, ok } = await host();
      const target = { kind: 'onos', url: lab.url, ...LAB_DEFAULT_CREDENTIALS.onos };
      const first = await ok<PushReportDto>('push.diff', { target });
      const second = await ok<PushReportDto>('push.diff', { target });
      expect(first.target.appId).toBe('org.wicm.studio.p0000000001');
      expect(second.target.appId).toBe(first.target.appId);
      expect(h.engine.session.db.meta.get('onos_app_id')).toBe(first.target.appId);
    } finally {
      await lab.close();
    }
  });
});
