// The CI check on a real Open vSwitch: the bundled sample WAN's bridges and ports are built on
// a dummy-datapath OVS, the Open Baton reference NSR is imported and planned, the exported
// ovs-ofctl script is applied, and a packet is followed hop by hop with ofproto/trace (the
// test plays the wire: link peers and PoPs that hand the packet back on the same port).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFileDto, ImportCommitDto } from '../../../core/contract/api';
import type { TopologyDto } from '../../../core/contract/dto';
import type { Envelope } from '../../../core/contract/errors';
import { startTestHost } from '../../contract/rpc/engine-fixture';
import { ovsUnavailable, startDummyOvs, type DummyOvs } from '../../helpers/ovs-dummy';

const unavailable = ovsUnavailable();
if (unavailable) console.log(`SKIP sample WAN on a dummy Open vSwitch: ${unavailable}`);

let ovs: DummyOvs;
let call: (method: string, req: unknown) => Promise<Envelope>;
async function ok<T>(method: string, req: unknown): Promise<T> {
  const reply = await call(method, req);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.value as T;
}

/** Follows a packet from an ingress port until it leaves at a port with no peer and no PoP. */
function follow(topology: TopologyDto, startPortId: string, match: string): { pops: string[]; egress: string; hops: number } {
  const port = (id: string) => topology.ports.find((p) => p.id === id)!;
  const bridge = (id: string) => topology.bridges.find((b) => b.id === id)!;
  const peer = (id: string) => {
    const link = topology.links.find((l) => l.aPortId === id || l.bPortId === id);
    return link ? (link.aPortId === id ? link.bPortId : link.aPortId) : null;
  };
  const pops: string[] = [];
  let at = port(startPortId);
  for (let hops = 1; hops <= 20; hops += 1) {
    const { actions } = ovs.trace(bridge(at.bridgeId).controllerId, `in_port=${at.ofPort},${match}`);
    const out = actions.find((a) => a.startsWith('output:'));
    if (!out) throw new Error(`no WICM flow for ${match} entering ${at.name}: ${actions.join(' ') || 'dropped'}`);
    const next = topology.ports.find((p) => p.bridgeId === at.bridgeId && p.ofPort === Number(out.slice('output:'.length)))!;
    const pop = topology.pops.find((p) => p.portId === next.id);
    const linked = peer(next.id);
    if (pop) {
      pops.push(pop.name);
      at = next; // the VNF hands the packet back on the same port
    } else if (linked) {
      at = port(linked);
    } else {
      return { pops, egress: next.name, hops };
    }
  }
  throw new Error('more than 20 hops: loop');
}

describe.skipIf(unavailable !== null)('sample WAN on a dummy-datapath Open vSwitch', () => {
  beforeAll(async () => {
    ovs = startDummyOvs();
    call = (await startTestHost()).host.dispatch;
  });
  afterAll(() => ovs?.stop());

  it('steers the Open Baton chain through pop-athens then pop-patras, and back, then tears down clean', async () => {
    const imported = await ok<ImportCommitDto>('import.commit', { text: readFileSync('test/fixtures/reference/openbaton-nsr-instantiate.json', 'utf8'), plan: true });
    expect(imported.plans[0]?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const script = await ok<ExportFileDto>('export.run', { format: 'ovs-ofctl', labPrelude: true });
    const applied = ovs.runScript(script.text);
    expect(applied.stderr).toBe('');
    expect(applied.status).toBe(0);
    const { topology } = await ok<{ topology: TopologyDto }>('topology.get', {});

    const forward = follow(topology, 'pt-vbr1-customer', 'ip,nw_src=192.168.10.7,nw_dst=10.20.0.9');
    expect(forward).toMatchObject({ pops: ['pop-athens', 'pop-patras'], egress: 'if_internet' });
    const reverse = follow(topology, 'pt-vbr2-internet', 'ip,nw_src=10.20.0.9,nw_dst=192.168.10.7');
    expect(reverse).toMatchObject({ pops: ['pop-patras', 'pop-athens'], egress: 'if_customer' });

    const teardown = await ok<ExportFileDto>('export.run', { format: 'ovs-ofctl', teardown: true });
    expect(ovs.runScript(teardown.text).status).toBe(0);
    const built = ovs.run('ovs-vsctl', ['list-br']).trim().split('\n');
    expect(built).toEqual(['vbr1', 'vbr2']);
    for (const b of built) expect(ovs.dumpFlows(b)).toBe('');
  });
});
