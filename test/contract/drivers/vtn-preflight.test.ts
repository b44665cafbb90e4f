// Issue 16 "a push that works the first time" / issue 14 item 5: a dry run against a VTN that
// would refuse the push, or discard what it redirects, says so and names the project's elements.
import { afterEach, describe, expect, it } from 'vitest';
import type { ControllerTargetDto, PushReportDto } from '../../../core/contract/api';
import type { Envelope } from '../../../core/contract/errors';
import { startLabController, type LabController } from '../../../electron/host/lab';
import { startTestHost } from '../rpc/engine-fixture';
import { vtnRpc } from './lab-http';

function ok<T>(reply: Envelope): T {
  if (!reply.ok) throw new Error(`${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

describe('VTN dry run warns about what the controller would refuse or discard', () => {
  let lab: LabController | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  async function setup(): Promise<{ dispatch: (m: string, r: unknown) => Promise<Envelope>; target: ControllerTargetDto; serviceId: string }> {
    const { host } = await startTestHost();
    lab = await startLabController({ kind: 'odl-vtn' });
    const target: ControllerTargetDto = { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin' };
    const saved = await host.dispatch('services.save', { name: 'S', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athens'], reverseChain: null });
    ok(await host.dispatch('plan.compute', {}));
    return { dispatch: (m, r) => host.dispatch(m as never, r as never), target, serviceId: ok<{ id: string }>(saved).id };
  }

  it('without provisioning on an empty VTN: the tenant is missing, the push would be refused', async () => {
    const { dispatch, target } = await setup();
    const report = ok<PushReportDto>(await dispatch('push.diff', { target }));
    expect(report.warnings).toEqual([expect.stringMatching(/^The controller would refuse the push: VTN tenant "vtn1" does not exist; tick "provision"/)]);
  });

  it('names the ports and PoPs whose vInterfaces are not port-mapped, by name', async () => {
    const { dispatch, target } = await setup();
    await vtnRpc(lab!, target, 'vtn:update-vtn', { 'tenant-name': 'vtn1' });
    await vtnRpc(lab!, target, 'vtn-vbridge:update-vbridge', { 'tenant-name': 'vtn1', 'bridge-name': 'vbr1' });
    for (const iface of ['if_customer', 'if_athens', 'if_vbr1_vbr2']) {
      await vtnRpc(lab!, target, 'vtn-vinterface:update-vinterface', { 'tenant-name': 'vtn1', 'bridge-name': 'vbr1', 'interface-name': iface });
    }
    await vtnRpc(lab!, target, 'vtn-port-map:set-port-map', { 'tenant-name': 'vtn1', 'bridge-name': 'vbr1', 'interface-name': 'if_customer', node: 'openflow:1', 'port-id': '1' });
    const report = ok<PushReportDto>(await dispatch('push.diff', { target }));
    const text = (report.warnings ?? []).join('\n');
    expect(text).toMatch(/Redirects would discard traffic: port "if_athens" of PoP "pop-athens" on bridge "vbr1" is not port-mapped/);
    expect(text).toMatch(/vBridge "vbr2" does not exist in tenant "vtn1"/);
    expect(text).not.toMatch(/if_customer/);
    expect(text).not.toMatch(/vinterface:|port-map:/);
  });

  it('a push of named services (a scoped read) sees the tenant made on the controller and still names the unmapped PoP', async () => {
    const { dispatch, target, serviceId } = await setup();
    await vtnRpc(lab!, target, 'vtn:update-vtn', { 'tenant-name': 'vtn1' });
    for (const bridge of ['vbr1', 'vbr2']) await vtnRpc(lab!, target, 'vtn-vbridge:update-vbridge', { 'tenant-name': 'vtn1', 'bridge-name': bridge });
    for (const [bridge, iface] of [['vbr1', 'if_customer'], ['vbr1', 'if_athens'], ['vbr1', 'if_vbr1_vbr2'], ['vbr2', 'if_vbr2_vbr1'], ['vbr2', 'if_internet']]) {
      await vtnRpc(lab!, target, 'vtn-vinterface:update-vinterface', { 'tenant-name': 'vtn1', 'bridge-name': bridge, 'interface-name': iface });
    }
    const report = ok<PushReportDto>(await dispatch('push.diff', { target, serviceIds: [serviceId] }));
    const text = (report.warnings ?? []).join('\n');
    expect(text).not.toMatch(/tenant "vtn1" does not exist/);
    expect(text).toMatch(/Redirects would discard traffic: port "if_athens" of PoP "pop-athens" on bridge "vbr1" is not port-mapped/);
  });

  it('with provisioning nothing is missing: no warnings, and the push succeeds', async () => {
    const { dispatch, target } = await setup();
    const dry = ok<PushReportDto>(await dispatch('push.diff', { target, provision: true }));
    expect(dry.warnings).toBeUndefined();
    const pushed = ok<PushReportDto>(await dispatch('push.apply', { target, provision: true }));
    expect(pushed.ok).toBe(true);
  });

  it('ONOS: a flow for a device the controller does not know is reported, naming the bridge', async () => {
    const { host } = await startTestHost();
    lab = await startLabController({ kind: 'onos' });
    const target: ControllerTargetDto = { kind: 'onos', url: lab.url, user: 'admin', password: 'karaf' };
    // pop-heraklion sits behind vbr3 (openflow:3); the lab ONOS has devices 1 and 2 only.
    ok(await host.dispatch('services.save', { name: 'H', inSegment: '192.168.10.0/24', outSegment: '10.30.0.0/24', chain: ['pop-heraklion'], reverseChain: null }));
    ok(await host.dispatch('plan.compute', {}));
    const report = ok<PushReportDto>(await host.dispatch('push.diff', { target }));
    expect(report.warnings).toEqual([expect.stringMatching(/^Redirects would not happen: ONOS has no device "of:0000000000000003" \(bridge "vbr3"\)/)]);
  });
});
