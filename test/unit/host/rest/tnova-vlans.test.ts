// Issue 14 item 5: T-NOVA activations over VTN apply the VLANs (one vInterface per hop,
// port-mapped with the hop's VLAN, as T-NOVA's vtn.py chain_create) or are refused with the
// reason: never a 201 with untagged traffic.
import { afterEach, describe, expect, it } from 'vitest';
import { startLabController, type LabController } from '../../../../electron/host/lab';
import type { PushConfig } from '../../../../electron/host/rest';
import { fixture, startRest } from './rest-fixture';

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const labs: LabController[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

async function vtnLab(provision: boolean): Promise<{ lab: LabController; push: PushConfig }> {
  const lab = await startLabController({ kind: 'odl-vtn' });
  labs.push(lab);
  return { lab, push: { mode: 'controller', target: { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin' }, label: 'lab', ...(provision ? { provision: true } : {}) } };
}

/** Every VLAN a vInterface on the lab VTN is port-mapped with. */
function mappedVlans(state: unknown): number[] {
  const out: number[] = [];
  for (const t of arr(rec(rec(state).vtns).vtn)) {
    for (const b of arr(rec(t).vbridge)) {
      for (const i of arr(rec(b).vinterface)) {
        const vlan = rec(rec(i)['port-map-config'])['vlan-id'];
        if (typeof vlan === 'number' && vlan > 0) out.push(vlan);
      }
    }
  }
  return out.sort((a, b) => a - b);
}

const tnova = (): unknown => (fixture('tnova-service.json')['POST /vnf-connectivity'] as { request: unknown }).request;

describe('T-NOVA activation over VTN', () => {
  it('port-maps one vInterface per hop with the VLAN the POST allocated', async () => {
    const { lab, push } = await vtnLab(true);
    const h = await startRest({ push });
    expect((await h.call('POST', '/vnf-connectivity', tnova())).status).toBe(201);
    const plan = (await h.rpc<{ plans: { forward: { rules: { vlan: number | null }[] }; reverse: { rules: { vlan: number | null }[] } }[] }>('plan.get')).plans[0]!;
    const allocated = [...plan.forward.rules, ...plan.reverse.rules].flatMap((r) => (r.vlan === null ? [] : [r.vlan])).sort((a, b) => a - b);
    expect(allocated.length).toBeGreaterThan(0);
    const put = await h.call('PUT', '/vnf-connectivity/service1');
    expect(put.status).toBe(201);
    expect(mappedVlans(lab.state())).toEqual(allocated);
  });

  it('refuses with 409 and the reason when the server would push without provisioning (nothing would tag)', async () => {
    const { lab, push } = await vtnLab(false);
    const h = await startRest({ push });
    expect((await h.call('POST', '/vnf-connectivity', tnova())).status).toBe(201);
    const writes = (lab.state() as Json)['vtns'];
    const put = await h.call('PUT', '/vnf-connectivity/service1');
    expect(put.status).toBe(409);
    expect(JSON.stringify(put.body)).toMatch(/VLANs? .*port map.*--controller-provision/);
    expect((lab.state() as Json)['vtns']).toEqual(writes);
    expect((await h.call('GET', '/vnf-connectivity/service1')).body.services[0].status).toBe('ALLOCATED');
  });
});
