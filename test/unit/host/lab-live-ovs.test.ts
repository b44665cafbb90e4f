// The lab controllers drive a live lab on real Open vSwitch: a minimal live.json and one netdev
// bridge made here (not `wicm lab up`), then RESTCONF / ONOS REST writes to the lab controllers
// started with that data folder. The flows the compile installed are read back with dump-flows
// and a packet is followed with ofproto/trace.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControllerTargetDto } from '../../../core/contract/api';
import { flowKey, parseFlowLine } from '../../../core/drivers';
import { startLabController, type LabController } from '../../../electron/host/lab';
import { LIVE_LAB_VERSION, liveLabFile, type LiveLabLayout } from '../../../electron/host/live-lab/layout';
import { labRequest, vtnRpc } from '../../contract/drivers/lab-http';
import { netdevOvsUnavailable, startNetdevOvs, type NetdevOvs } from '../../helpers/ovs-netdev';

const unavailable = netdevOvsUnavailable();
if (unavailable) console.log(`SKIP lab controllers on a live Open vSwitch lab: ${unavailable}`);

describe.skipIf(unavailable !== null)('lab controllers drive the live data plane (real Open vSwitch)', () => {
  let ovs: NetdevOvs;
  let dataDir: string;
  let bridge: string;
  const labs: LabController[] = [];

  beforeAll(() => {
    ovs = startNetdevOvs();
    bridge = `${ovs.prefix}b1`;
    ovs.addBridge({ name: bridge, datapathId: '0000000000000001', ports: [1, 2, 3, 4] });
    dataDir = mkdtempSync(join(tmpdir(), 'wicm-live-'));
    const port = (n: number, name: string) => ({ portId: `p${n}`, name, ofport: n, ifname: `${bridge}p${n}`, peerIfname: `${bridge}q${n}`, peer: { kind: 'none' as const, id: null } });
    const layout: LiveLabLayout = {
      version: LIVE_LAB_VERSION,
      projectPath: '',
      runDir: ovs.dir,
      pids: [],
      bridges: [{ bridgeId: 'b1', name: 'Athens', ovsName: bridge, dpid: '0000000000000001', ports: [port(1, 'customer'), port(2, 'pop'), port(3, 'egress'), port(4, 'spare')] }],
      hosts: [],
      pops: [],
      links: [],
      devices: [],
      labId: 'x1',
      daemonNetns: '',
      coreBridge: null,
      hostTxChecksumOff: false,
      startedAt: new Date().toISOString(),
    };
    mkdirSync(join(dataDir, 'lab'), { recursive: true });
    writeFileSync(liveLabFile(dataDir), JSON.stringify(layout));
  });

  afterAll(async () => {
    for (const lab of labs) await lab.close();
    ovs?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const ours = (cookie: string): string[] =>
    ovs
      .dumpFlows(bridge)
      .map(parseFlowLine)
      .filter((f) => f !== undefined && f.cookie === cookie)
      .map((f) => flowKey(f!))
      .sort();

  it('VTN: redirects to the mapped destination with its VLAN, discards towards an unmapped one, floods the vBridge otherwise', async () => {
    const lab = await startLabController({ kind: 'odl-vtn', dataDir });
    labs.push(lab);
    const target: ControllerTargetDto = { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin' };
    const rpc = (name: string, input: unknown) => vtnRpc(lab, target, name, input);
    await rpc('vtn:update-vtn', { 'tenant-name': 'vtn1' });
    await rpc('vtn-vbridge:update-vbridge', { 'tenant-name': 'vtn1', 'bridge-name': 'vbr1' });
    for (const iface of ['if_cust', 'if_pop', 'if_egress', 'if_spare']) {
      await rpc('vtn-vinterface:update-vinterface', { 'tenant-name': 'vtn1', 'bridge-name': 'vbr1', 'interface-name': iface });
    }
    const map = (iface: string, port: string, vlan: number) =>
      rpc('vtn-port-map:set-port-map', { 'tenant-name': 'vtn1', 'bridge-name': 'vbr1', 'interface-name': iface, node: 'openflow:1', 'port-id': port, 'vlan-id': vlan });
    await map('if_cust', '1', 0);
    await map('if_pop', '2', 400);
    await map('if_egress', '3', 0);
    // if_spare stays unmapped.
    const cond = (name: string, src: string, dst: string) =>
      rpc('vtn-flow-condition:set-flow-condition', { name, 'vtn-flow-match': [{ index: 1, 'vtn-ether-match': { 'ether-type': 2048 }, 'vtn-inet-match': { 'source-network': src, 'destination-network': dst } }] });
    await cond('c_fwd', '192.168.10.0/24', '10.20.0.0/24');
    await cond('c_spare', '10.20.0.0/24', '192.168.10.0/24');
    const redirect = (iface: string, index: number, condition: string, to: string) =>
      rpc('vtn-flow-filter:set-flow-filter', {
        'tenant-name': 'vtn1',
        'bridge-name': 'vbr1',
        'interface-name': iface,
        'vtn-flow-filter': [{ index, condition, 'vtn-redirect-filter': { 'redirect-destination': { 'bridge-name': 'vbr1', 'interface-name': to }, output: true } }],
      });
    await redirect('if_cust', 10, 'c_fwd', 'if_pop');
    await redirect('if_egress', 11, 'c_spare', 'if_spare');
    await lab.dataPlane?.settled();
    expect(lab.dataPlane?.status()).toMatchObject({ liveLab: true, lastError: null });

    expect(ours('0x4c56000000000000')).toEqual(
      [
        // Redirect: customer (untagged) → PoP port, tagged with the PoP's port-map VLAN.
        't0 p29990 in_port=1,ip,nw_dst=10.20.0.0/24,nw_src=192.168.10.0/24,vlan_tci=0x0000/0x1fff -> mod_vlan_vid:400,output:2',
        // Redirect to an unmapped vInterface: discarded.
        't0 p29989 in_port=3,ip,nw_dst=192.168.10.0/24,nw_src=10.20.0.0/24,vlan_tci=0x0000/0x1fff -> drop',
        // vBridge L2 forwarding between mapped interfaces only (never to the unmapped port 4).
        't0 p1000 in_port=1,vlan_tci=0x0000/0x1fff -> mod_vlan_vid:400,output:2,strip_vlan,output:3',
        't0 p1000 dl_vlan=400,in_port=2 -> strip_vlan,output:1,output:3',
        't0 p1000 in_port=3,vlan_tci=0x0000/0x1fff -> output:1,mod_vlan_vid:400,output:2',
      ].sort(),
    );
    // A real packet: the customer's traffic to the egress segment goes to the PoP, tagged 400.
    // (Datapath port numbers differ from OpenFlow ones: the OpenFlow actions name port 2.)
    const trace = ovs.trace(bridge, 'in_port=1,ip,nw_src=192.168.10.5,nw_dst=10.20.0.9');
    expect(trace).toMatch(/cookie 0x4c56000000000000\n\s+push_vlan:0x8100\n\s+set_field:4496->vlan_vid\n\s+output:2\n/);
    expect(trace).toMatch(/Datapath actions: push_vlan\(vid=400,pcp=0\),\d+\n/);
    expect(ovs.trace(bridge, 'in_port=3,ip,nw_src=10.20.0.9,nw_dst=192.168.10.5')).toMatch(/Datapath actions: drop/);

    // Removing the port map of the PoP: the redirect now discards (VTN: "discarded if port mapping is not configured").
    await rpc('vtn-port-map:remove-port-map', { 'tenant-name': 'vtn1', 'bridge-name': 'vbr1', 'interface-name': 'if_pop' });
    await lab.dataPlane?.settled();
    expect(ours('0x4c56000000000000')).toContain('t0 p29990 in_port=1,ip,nw_dst=10.20.0.0/24,nw_src=192.168.10.0/24,vlan_tci=0x0000/0x1fff -> drop');
    expect(ovs.trace(bridge, 'in_port=1,ip,nw_src=192.168.10.5,nw_dst=10.20.0.9')).toMatch(/Datapath actions: drop/);
  });

  it('ONOS: flow rules go to the bridge whose datapath id is the deviceId; deleted rules leave it', async () => {
    const lab = await startLabController({ kind: 'onos', dataDir });
    labs.push(lab);
    const target: ControllerTargetDto = { kind: 'onos', url: lab.url, user: 'admin', password: 'karaf' };
    const flow = (device: string, src: string) => ({
      priority: 40096,
      isPermanent: true,
      timeout: 0,
      deviceId: device,
      selector: { criteria: [{ type: 'IN_PORT', port: 1 }, { type: 'ETH_TYPE', ethType: '0x800' }, { type: 'IPV4_SRC', ip: src }] },
      treatment: { instructions: [{ type: 'L2MODIFICATION', subtype: 'VLAN_PUSH' }, { type: 'L2MODIFICATION', subtype: 'VLAN_ID', vlanId: 401 }, { type: 'OUTPUT', port: '2' }] },
    });
    await labRequest(lab, target, 'POST', '/onos/v1/flows?appId=org.test', { flows: [flow('of:0000000000000001', '192.168.10.0/24'), flow('of:0000000000000002', '10.1.0.0/16')] });
    await lab.dataPlane?.settled();
    const onos = ovs
      .dumpFlows(bridge)
      .map(parseFlowLine)
      .filter((f) => f !== undefined && BigInt(f.cookie) >> 48n === 0x4c4fn);
    expect(onos.map((f) => flowKey(f!))).toEqual(['t0 p40096 in_port=1,ip,nw_src=192.168.10.0/24 -> mod_vlan_vid:401,output:2']);
    expect(lab.dataPlane?.status().notes).toEqual([expect.stringContaining('device of:0000000000000002 is no bridge of the live lab')]);
    const trace = ovs.trace(bridge, 'in_port=1,ip,nw_src=192.168.10.7,nw_dst=10.9.9.9');
    expect(trace).toMatch(/cookie 0x4c4f[0-9a-f]{12}\n\s+push_vlan:0x8100\n\s+set_field:4497->vlan_vid\n\s+output:2\n/);
    expect(trace).toMatch(/Datapath actions: push_vlan\(vid=401,pcp=0\),\d+\n/);

    await labRequest(lab, target, 'DELETE', '/onos/v1/flows/application/org.test');
    await lab.dataPlane?.settled();
    expect(ovs.dumpFlows(bridge).map(parseFlowLine).filter((f) => f !== undefined && BigInt(f.cookie) >> 48n === 0x4c4fn)).toEqual([]);
  });
});
