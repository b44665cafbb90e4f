import { describe, expect, it } from 'vitest';
import type { ControllerTargetDto, PushReportDto } from '../../../core/contract/api';
import { vtnRequests } from '../../../core/drivers';
import { conditionNamePrefix } from '../../../core/plan/naming';
import { startLabController } from '../../../electron/host/lab';
import { startTestHost } from '../rpc/engine-fixture';
import { runDriverContract } from './driver-contract';
import { vtnRequestLines, vtnRpc, vtnView } from './lab-http';

runDriverContract('OpenDaylight VTN (lab controller)', () => ({
  kind: 'odl-vtn',
  provision: true,
  async start() {
    const lab = await startLabController({ kind: 'odl-vtn' });
    const target: ControllerTargetDto = { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin' };
    return { lab, target };
  },
  view: (lab) => vtnView(lab.state()),
  expected: (input) => vtnRequestLines(vtnRequests(input).requests),
  async createForeign(lab, target) {
    // Someone else's condition and filter, on an interface the project also uses.
    await vtnRpc(lab, target, 'vtn:update-vtn', { 'tenant-name': 'vtn1' });
    await vtnRpc(lab, target, 'vtn-vbridge:update-vbridge', { 'tenant-name': 'vtn1', 'bridge-name': 'vbr1' });
    for (const iface of ['if_customer', 'if_athens']) {
      await vtnRpc(lab, target, 'vtn-vinterface:update-vinterface', { 'tenant-name': 'vtn1', 'bridge-name': 'vbr1', 'interface-name': iface });
    }
    await vtnRpc(lab, target, 'vtn-flow-condition:set-flow-condition', {
      name: 'foreign_cond',
      'vtn-flow-match': [{ index: 1, 'vtn-ether-match': { 'ether-type': 2048 }, 'vtn-inet-match': { 'source-network': '10.99.0.0/24', 'destination-network': '10.98.0.0/24' } }],
    });
    await vtnRpc(lab, target, 'vtn-flow-filter:set-flow-filter', {
      'tenant-name': 'vtn1',
      'bridge-name': 'vbr1',
      'interface-name': 'if_customer',
      'vtn-flow-filter': [{ index: 900, condition: 'foreign_cond', 'vtn-redirect-filter': { 'redirect-destination': { 'bridge-name': 'vbr1', 'interface-name': 'if_athens' }, output: true } }],
    });
    return ['cond foreign_cond 10.99.0.0/24->10.98.0.0/24', 'filter vtn1/vbr1/if_customer#900 foreign_cond -> vbr1/if_athens'];
  },
  async tamper(lab, target, _pushed, serviceId) {
    // Point the service's forward condition at another destination network.
    const names = vtnView(lab.state()).map((l) => l.split(' ')).filter(([what]) => what === 'cond').map(([, n]) => n ?? '');
    const name = names.find((n) => n.startsWith(conditionNamePrefix(serviceId)) && n.endsWith('F'));
    if (name === undefined) throw new Error(`no condition of ${serviceId} on the lab controller`);
    await vtnRpc(lab, target, 'vtn-flow-condition:set-flow-condition', {
      name,
      operation: 'SET',
      'vtn-flow-match': [{ index: 1, 'vtn-ether-match': { 'ether-type': 2048 }, 'vtn-inet-match': { 'source-network': '192.168.10.0/24', 'destination-network': '10.31.0.0/24' } }],
    });
  },
}));

describe('OpenDaylight VTN: objects the project did not create', () => {
  it('refuses to push over a foreign filter in a slot the plan uses, sending no write', async () => {
    const { host } = await startTestHost();
    const lab = await startLabController({ kind: 'odl-vtn' });
    try {
      const target: ControllerTargetDto = { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin' };
      const saved = await host.dispatch('services.save', { name: 'S', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athens'], reverseChain: null });
      expect(saved.ok).toBe(true);
      await host.dispatch('plan.compute', {});
      for (const [rpc, input] of [
        ['vtn:update-vtn', { 'tenant-name': 'vtn1' }],
        ['vtn-vbridge:update-vbridge', { 'tenant-name': 'vtn1', 'bridge-name': 'vbr1' }],
        ['vtn-vinterface:update-vinterface', { 'tenant-name': 'vtn1', 'bridge-name': 'vbr1', 'interface-name': 'if_customer' }],
      ] as const) await vtnRpc(lab, target, rpc, input);
      // Index 1 of if_customer's input list is what the planner allocates first.
      await vtnRpc(lab, target, 'vtn-flow-filter:set-flow-filter', {
        'tenant-name': 'vtn1',
        'bridge-name': 'vbr1',
        'interface-name': 'if_customer',
        'vtn-flow-filter': [{ index: 1, condition: 'someone_else', 'vtn-pass-filter': {} }],
      });
      const before = JSON.stringify(lab.state());
      const writes = lab.requests().length;
      const reply = await host.dispatch('push.apply', { target, provision: true });
      expect(reply.ok).toBe(true);
      const report = (reply as { value: PushReportDto }).value;
      expect(report.ok).toBe(false);
      expect(report.failedStep).toMatchObject({ objectId: 'filter:vtn1/vbr1/if_customer#1', status: 'skipped', error: expect.stringMatching(/not created by this project/) });
      expect(report.message).toMatch(/^Nothing was sent/);
      expect(lab.requests().slice(writes).filter((r) => r.method !== 'GET')).toEqual([]);
      expect(JSON.stringify(lab.state())).toBe(before);
    } finally {
      await lab.close();
    }
  });
});
