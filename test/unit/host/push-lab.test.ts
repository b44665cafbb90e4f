import { describe, expect, it } from 'vitest';
import type { ControllerDriverDto, EditResultDto, LabControllerDto, PushReportDto } from '../../../core/contract/api';
import { startTestHost } from '../../contract/rpc/engine-fixture';

describe('built-in lab controllers through the contract', () => {
  it('starts one lab per kind per process and pushes to it with the credentials it returns', async () => {
    const { host } = await startTestHost();
    const first = await host.dispatch('controllers.startLab', { kind: 'onos' });
    expect(first).toMatchObject({ ok: true, value: { kind: 'onos', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), user: 'admin', password: 'karaf' } });
    const again = await (await startTestHost()).host.dispatch('controllers.startLab', { kind: 'onos' });
    expect(again).toEqual(first);
    const lab = (first as { value: LabControllerDto }).value;
    const saved = await host.dispatch('services.save', { name: 'S', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-patras'], reverseChain: null });
    const id = (saved as { value: EditResultDto }).value.id;
    const diff = await host.dispatch('push.diff', { target: { kind: lab.kind, url: lab.url, user: lab.user, password: lab.password }, serviceIds: [id] });
    expect(diff).toMatchObject({ ok: true, value: { ok: true, dryRun: true } });
    expect((diff as { value: PushReportDto }).value.steps.length).toBeGreaterThan(0);
  });

  it('lists the drivers, and rejects a request for an unknown kind', async () => {
    const { host } = await startTestHost();
    const drivers = await host.dispatch('controllers.drivers', {});
    expect((drivers as { value: ControllerDriverDto[] }).value.map((d) => d.id)).toEqual(['odl-vtn', 'onos', 'ovs']);
    expect(await host.dispatch('controllers.startLab', { kind: 'ovs' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
