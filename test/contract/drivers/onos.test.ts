import { expect } from 'vitest';
import type { ControllerTargetDto } from '../../../core/contract/api';
import { DEFAULT_ONOS_APP_ID, onosFlows } from '../../../core/drivers';
import { startLabController } from '../../../electron/host/lab';
import { runDriverContract } from './driver-contract';
import { labRequest, onosFlowsOf, onosLine, onosView } from './lab-http';

const FOREIGN_APP = 'org.other.app';
const foreignFlow = {
  priority: 41000,
  isPermanent: true,
  timeout: 0,
  selector: { criteria: [{ type: 'IN_PORT', port: 1 }, { type: 'ETH_TYPE', ethType: '0x800' }, { type: 'IPV4_SRC', ip: '192.168.10.0/24' }] },
  treatment: { instructions: [{ type: 'OUTPUT', port: '2' }] },
};

runDriverContract('ONOS (lab controller)', () => ({
  kind: 'onos',
  provision: false,
  async start() {
    const lab = await startLabController({ kind: 'onos' });
    const target: ControllerTargetDto = { kind: 'onos', url: lab.url, user: 'admin', password: 'karaf' };
    return { lab, target };
  },
  view: (lab) => onosView(lab.state()),
  // The project's own application id (the reports say which), not the exporter's default.
  expected: (input, pushed) => {
    expect(pushed.appId).toMatch(new RegExp(`^${DEFAULT_ONOS_APP_ID.replace(/\./g, '\\.')}\\.p[0-9a-f]+$`));
    return onosFlows(input, { appId: pushed.appId ?? '' }).flows.map((f) => onosLine(f));
  },
  async createForeign(lab, target) {
    // Another application's flow on a switch and port the project also uses.
    await labRequest(lab, target, 'POST', `/onos/v1/flows/of:0000000000000001?appId=${FOREIGN_APP}`, foreignFlow);
    return [onosLine({ ...foreignFlow, deviceId: 'of:0000000000000001' }, FOREIGN_APP)];
  },
  async tamper(lab, target, pushed, serviceId, services) {
    // Remove one of the service's flows behind the project's back.
    const service = services.find((s) => s.id === serviceId);
    const flow = onosFlowsOf(lab.state(), pushed.appId ?? '').find((f) => {
      const criteria = JSON.stringify((f.selector as { criteria: unknown[] }).criteria);
      return criteria.includes(`"IPV4_SRC","ip":"${service?.inSegment}"`) && criteria.includes(`"IPV4_DST","ip":"${service?.outSegment}"`);
    });
    if (flow === undefined) throw new Error(`no flow of ${serviceId} on the lab controller`);
    await labRequest(lab, target, 'DELETE', `/onos/v1/flows/${String(flow.deviceId)}/${String(flow.id)}`);
  },
}));
