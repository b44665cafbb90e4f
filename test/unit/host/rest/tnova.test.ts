import { describe, expect, it } from 'vitest';
import { fixture, services, startRest } from './rest-fixture';

const tnova = fixture('tnova-service.json') as Record<string, { request?: unknown; requests?: unknown[]; response_201?: unknown; response_200?: unknown }>;
const napBody = tnova['POST /nap']!.request as { nap: Record<string, unknown> };
const nfviBodies = tnova['POST /nfvi']!.requests!;
const serviceBody = tnova['POST /vnf-connectivity']!.request as { service: Record<string, unknown> };

async function registered(fakePush?: 'ok' | 'refuse') {
  const h = await startRest(fakePush ? { fakePush } : {});
  expect((await h.call('POST', '/nap', napBody)).status).toBe(201);
  for (const body of nfviBodies) expect((await h.call('POST', '/nfvi', body)).status).toBe(201);
  return h;
}

describe('T-NOVA API: registrations', () => {
  it('registers NAPs and NFVIs on the project\'s switch ports and lists them in T-NOVA\'s shape', async () => {
    const h = await startRest();
    const nap = await h.call('POST', '/nap', { nap: { ...napBody.nap, mkt_id: 'c2_nap1', client_mkt_id: 'c2' } });
    expect(nap.status).toBe(201);
    expect(nap.body).toEqual({ inserted: 1 });
    const naps = await h.call('GET', '/nap/c2_nap1');
    expect(naps.body).toEqual({
      naps: [{ mkt_id: 'c2_nap1', client_mkt_id: 'c2', switch: 'openflow:1', ce_port: 1, pe_port: 2, ce_transport: { type: 'vlan', vlan_id: 100 }, pe_transport: { type: 'vlan', vlan_id: 100 } }],
    });
    // nfvi1 is already an alias of pop-athens on openflow:1 port 3: registering it again changes nothing.
    const same = await h.call('POST', '/nfvi', nfviBodies[0]);
    expect(same.status).toBe(201);
    expect(same.body).toEqual({ inserted: 0 });
    const fresh = await h.call('POST', '/nfvi', { nfvi: { mkt_id: 'nfvi3', switch: 'openflow:3', port: 1 } });
    expect(fresh.body).toEqual({ inserted: 1 });
    expect((await h.call('GET', '/nfvi/nfvi3')).body).toEqual({ nfvis: [{ mkt_id: 'nfvi3', switch: 'openflow:3', port: 1, aliases: ['core', 'core-vim', 'nfvi3'] }] });
    const all = await h.call('GET', '/nfvi');
    expect(all.body.nfvis.map((n: { mkt_id: string }) => n.mkt_id)).toEqual(['pop-athens', 'pop-patras', 'pop-heraklion']);
    const topology = await h.rpc<{ topology: { naps: { name: string }[] } }>('topology.get');
    expect(topology.topology.naps.map((n) => n.name)).toContain('c2_nap1');
  });

  it('answers T-NOVA error bodies: missing keys, unknown switch port, unknown ids', async () => {
    const h = await startRest();
    const missing = await h.call('POST', '/nap', { nap: { mkt_id: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: "Request must include 'switch'", code: 'INVALID_INPUT', pointer: '/nap/switch' });
    const noNap = await h.call('POST', '/nap', { nfvi: {} });
    expect(noNap.body.error).toBe("Request must include 'nap'");
    const port = await h.call('POST', '/nfvi', { nfvi: { mkt_id: 'nfvi9', switch: 'openflow:3', port: 77 } });
    expect(port.status).toBe(400);
    expect(port.body.error).toMatch(/no port with OpenFlow number 77/);
    expect((await h.call('GET', '/nap/none')).status).toBe(404);
    expect((await h.call('GET', '/nfvi/none')).body).toEqual({ error: 'NFVI none not found!', code: 'NOT_FOUND' });
  });

  it('deletes NFVI aliases and NAPs, refusing while a service uses them', async () => {
    const h = await registered();
    expect((await h.call('POST', '/vnf-connectivity', serviceBody)).status).toBe(201);
    const busy = await h.call('DELETE', '/nfvi/nfvi2');
    expect(busy.status).toBe(409);
    expect((await h.call('DELETE', '/nap/c1_nap1')).status).toBe(409);
    expect((await h.call('DELETE', '/vnf-connectivity/service1')).status).toBe(200);
    const alias = await h.call('DELETE', '/nfvi/nfvi2');
    expect(alias.body).toEqual({ deleted: 1 });
    const pops = (await h.rpc<{ topology: { pops: { name: string; aliases: string[] }[] } }>('topology.get')).topology.pops;
    expect(pops.find((p) => p.name === 'pop-patras')?.aliases).not.toContain('nfvi2');
    expect((await h.call('DELETE', '/nap/c1_nap1')).body).toEqual({ deleted: 1 });
    expect((await h.call('DELETE', '/nap/c1_nap1')).body).toEqual({ deleted: 0 });
  });
  it('deletes every NAP or NFVI with DELETE /nap, /nfvi unless one is in use', async () => {
    const h = await registered();
    await h.call('POST', '/vnf-connectivity', serviceBody);
    expect((await h.call('DELETE', '/nfvi')).status).toBe(409);
    expect((await h.call('DELETE', '/nap')).status).toBe(409);
    await h.call('DELETE', '/vnf-connectivity/service1');
    expect((await h.call('DELETE', '/nap')).body).toEqual({ deleted: 1 });
    expect((await h.call('GET', '/nap')).body).toEqual({ naps: [] });
    expect((await h.call('DELETE', '/nfvi')).body).toEqual({ deleted: 3 });
    expect((await h.call('GET', '/nfvi')).body).toEqual({ nfvis: [] });
  });
});

describe('T-NOVA API: two-phase VNF connectivity', () => {
  it('allocates VLANs per PoP per direction exactly as T-NOVA does (ALLOCATED)', async () => {
    const h = await registered();
    const res = await h.call('POST', '/vnf-connectivity', serviceBody);
    expect(res.status).toBe(201);
    expect(res.body).toEqual(tnova['POST /vnf-connectivity']!.response_201);
    const listed = await h.call('GET', '/vnf-connectivity/service1');
    expect(listed.body.services[0]).toMatchObject({
      ns_instance_id: 'service1',
      client_mkt_id: 'c1',
      status: 'ALLOCATED',
      nap_mkt_id: 'c1_nap1',
      ce_pe: [
        { nfvi_mkt_id: 'nfvi1', transport: { type: 'vlan', vlan_id: 400 } },
        { nfvi_mkt_id: 'nfvi2', transport: { type: 'vlan', vlan_id: 400 } },
      ],
      pe_ce: [{ nfvi_mkt_id: 'nfvi1', transport: { type: 'vlan', vlan_id: 401 } }],
    });
    expect(listed.body.services[0].created).toMatch(/GMT$/);
    const plans = await h.rpc<{ plans: { forward: { rules: { vlan: number | null }[] } }[] }>('plan.get');
    expect(plans.plans[0]!.forward.rules.map((r) => r.vlan).filter((v) => v !== null)).toEqual([400, 400]);
  });

  it('activates with PUT (push, ACTIVE) and deletes with DELETE (teardown)', async () => {
    const h = await registered('ok');
    await h.call('POST', '/vnf-connectivity', serviceBody);
    expect(h.pushCalls).toEqual([]);
    const put = await h.call('PUT', '/vnf-connectivity/service1');
    expect(put.status).toBe(201);
    expect(put.body).toEqual({ activated: { ns_instance_id: 'service1' } });
    expect((await h.call('GET', '/vnf-connectivity')).body.services[0].status).toBe('ACTIVE');
    const again = await h.call('PUT', '/vnf-connectivity/service1');
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('Service service1 is not in ALLOCATED state!');
    const del = await h.call('DELETE', '/vnf-connectivity/service1');
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ deleted: { ns_instance_id: 'service1' } });
    expect(h.pushCalls.map((c) => c.method)).toEqual(['push.apply', 'push.teardown']);
    expect(await services(h)).toEqual([]);
    expect((await h.call('DELETE', '/vnf-connectivity/service1')).body).toEqual({ error: 'Service service1 not found!', code: 'NOT_FOUND' });
  });

  it('stays ALLOCATED when the controller refuses the activation', async () => {
    const h = await registered('refuse');
    await h.call('POST', '/vnf-connectivity', serviceBody);
    const put = await h.call('PUT', '/vnf-connectivity/service1');
    expect(put.status).toBe(502);
    expect(put.body.error).toBe('Unable to put redirection in place!');
    expect((await h.call('GET', '/vnf-connectivity/service1')).body.services[0].status).toBe('ALLOCATED');
  });

  it('refuses activation without a controller (503) but still allocates', async () => {
    const h = await startRest({ push: { mode: 'none' } });
    expect((await h.call('POST', '/vnf-connectivity', serviceBody)).status).toBe(201);
    const put = await h.call('PUT', '/vnf-connectivity/service1');
    expect(put.status).toBe(503);
    expect(put.body.code).toBe('CONTROLLER_NOT_CONFIGURED');
  });

  it('answers T-NOVA\'s errors: missing key, bad ids, id in use, one service per NAP', async () => {
    const h = await registered();
    const { pe_ce: _drop, ...partial } = serviceBody.service;
    const missing = await h.call('POST', '/vnf-connectivity', { service: partial });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe("Request must include 'pe_ce'");
    const badNfvi = await h.call('POST', '/vnf-connectivity', { service: { ...serviceBody.service, ce_pe: ['nfvi1', 'nfvi7'] } });
    expect(badNfvi.status).toBe(400);
    expect(badNfvi.body).toMatchObject({ code: 'INVALID_INPUT', pointer: '/service/ce_pe/1' });
    expect(badNfvi.body.error).toMatch(/^Bad value for nap_mkt_id or nfvi_mkt_id/);
    const badNap = await h.call('POST', '/vnf-connectivity', { service: { ...serviceBody.service, nap_mkt_id: 'nowhere' } });
    expect(badNap.body.pointer).toBe('/service/nap_mkt_id');
    expect((await h.call('POST', '/vnf-connectivity', serviceBody)).status).toBe(201);
    const dup = await h.call('POST', '/vnf-connectivity', serviceBody);
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe('ns_instance_id "service1" already in use!');
    const sameNap = await h.call('POST', '/vnf-connectivity', { service: { ...serviceBody.service, ns_instance_id: 'service2' } });
    expect(sameNap.status).toBe(409);
    expect(sameNap.body.error).toMatch(/one service per NAP/);
    expect((await services(h)).map((s) => s.id)).toEqual(['service1']);
  });

  it('gives each service its own VLANs and answers "No vlans available" when a port\'s pool (400–500) is used up', async () => {
    const h = await registered();
    const seen = new Set<number>();
    // nfvi1 is visited twice per service (ce_pe and pe_ce): 101 tags serve 50 services.
    for (let i = 0; i < 50; i++) {
      await h.call('POST', '/nap', { nap: { ...napBody.nap, mkt_id: `nap${i}` } });
      const res = await h.call('POST', '/vnf-connectivity', { service: { ...serviceBody.service, ns_instance_id: `s${i}`, nap_mkt_id: `nap${i}` } });
      expect(res.status).toBe(201);
      for (const hop of [...res.body.allocated.ce_pe, ...res.body.allocated.pe_ce].filter((x: { nfvi_id: string }) => x.nfvi_id === 'nfvi1')) {
        expect(seen.has(hop.transport.vlan_id)).toBe(false);
        seen.add(hop.transport.vlan_id);
      }
    }
    await h.call('POST', '/nap', { nap: { ...napBody.nap, mkt_id: 'nap-last' } });
    const full = await h.call('POST', '/vnf-connectivity', { service: { ...serviceBody.service, ns_instance_id: 'one-too-many', nap_mkt_id: 'nap-last' } });
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ error: 'No vlans available', code: 'VLAN_EXHAUSTED' });
    expect((await services(h)).some((s) => s.id === 'one-too-many')).toBe(false);
  });
});
