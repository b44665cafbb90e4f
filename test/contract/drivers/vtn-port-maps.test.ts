// Issue 14 item 5: a redirect to a vInterface without a port map is discarded by VTN
// (vtn-flow-filter.yang), so a provisioning push must port-map every vInterface on the path.
import { afterEach, describe, expect, it } from 'vitest';
import type { ControllerTargetDto, PushReportDto } from '../../../core/contract/api';
import type { PlanDto } from '../../../core/contract/dto';
import type { Envelope } from '../../../core/contract/errors';
import { startLabController, type LabController } from '../../../electron/host/lab';
import { startTestHost } from '../rpc/engine-fixture';

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** `bridge/iface` → its port-map-config (or null) on the lab VTN. */
function portMaps(state: unknown): Map<string, Json | null> {
  const out = new Map<string, Json | null>();
  for (const t of arr(rec(rec(state).vtns).vtn)) {
    for (const b of arr(rec(t).vbridge)) {
      for (const i of arr(rec(b).vinterface)) {
        const config = rec(i)['port-map-config'];
        out.set(`${String(rec(b).name)}/${String(rec(i).name)}`, config === undefined ? null : rec(config));
      }
    }
  }
  return out;
}

function ok<T>(reply: Envelope): T {
  if (!reply.ok) throw new Error(`${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

describe('VTN push with provisioning writes port maps', () => {
  let lab: LabController | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('every vInterface a redirect enters or leaves by is port-mapped on the lab VTN, with the plan\'s VLAN', async () => {
    const { host } = await startTestHost();
    lab = await startLabController({ kind: 'odl-vtn' });
    const target: ControllerTargetDto = { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin' };
    const saved = await host.dispatch('services.save', { name: 'S', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athens', 'pop-patras'], reverseChain: null });
    const serviceId = ok<{ id: string }>(saved).id;
    ok(await host.dispatch('plan.compute', {}));
    const report = ok<PushReportDto>(await host.dispatch('push.apply', { target, serviceIds: [serviceId], provision: true }));
    expect(report.message).toMatch(/applied and verified/);
    expect(report.ok).toBe(true);
    expect(report.steps.filter((s) => s.objectId.startsWith('port-map:')).length).toBeGreaterThan(0);

    const { plans } = ok<{ plans: PlanDto[] }>(await host.dispatch('plan.get', {}));
    const plan = plans.find((p) => p.serviceId === serviceId);
    const snap = ok<{ topology: { ports: { id: string; name: string; bridgeId: string; ofPort: number | null }[]; bridges: { id: string; controllerId: string; datapathId: string | null }[] } }>(await host.dispatch('topology.get', {}));
    const ports = new Map(snap.topology.ports.map((p) => [p.id, p]));
    const bridges = new Map(snap.topology.bridges.map((b) => [b.id, b]));
    const maps = portMaps(lab.state());
    const rules = [...(plan?.forward.rules ?? []), ...(plan?.reverse.rules ?? [])];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      for (const portId of [rule.inPortId, rule.outPortId]) {
        const port = ports.get(portId);
        const bridge = bridges.get(port?.bridgeId ?? '');
        const key = `${bridge?.controllerId}/${port?.name}`;
        expect(maps.get(key), `port map of ${key}`).toEqual(expect.objectContaining({ node: bridge?.datapathId, 'port-id': String(port?.ofPort), 'vlan-id': 0 }));
      }
    }
  });
});
