// The compile of the lab controllers' state to OpenFlow lines (pure): VTN port-map, redirect,
// drop/pass and vBridge L2 semantics, ONOS device → bridge by datapath id.
import { describe, expect, it } from 'vitest';
import { compileOnos } from '../../../electron/host/lab/live/compile-onos';
import { compileVtn } from '../../../electron/host/lab/live/compile-vtn';
import { LIVE_LAB_VERSION, type LiveLabLayout } from '../../../electron/host/live-lab/layout';

const port = (n: number) => ({ portId: `p${n}`, name: `port${n}`, ofport: n, ifname: `wox1p${n}`, peerIfname: `wox1q${n}`, peer: { kind: 'none' as const, id: null } });
const layout: LiveLabLayout = {
  version: LIVE_LAB_VERSION,
  projectPath: '',
  runDir: '/nonexistent',
  pids: [],
  bridges: [
    { bridgeId: 'b1', name: 'A', ovsName: 'wox1', dpid: '0000000000000001', ports: [1, 2, 3].map(port) },
    { bridgeId: 'b2', name: 'B', ovsName: 'wox2', dpid: '00000000000000ff', ports: [port(1)] },
  ],
  hosts: [],
  pops: [],
  links: [],
  devices: [],
  labId: 'x1',
  daemonNetns: 'wox1d',
  coreBridge: null,
  hostTxChecksumOff: false,
  startedAt: '2026-12-06T00:00:00.000Z',
};

const iface = (name: string, map?: { port: string; vlan: number; byName?: boolean; node?: string }, filters: unknown[] = [], enabled = true) => ({
  name,
  'vinterface-config': { enabled },
  ...(map ? { 'port-map-config': { node: map.node ?? 'openflow:1', ...(map.byName ? { 'port-name': map.port } : { 'port-id': map.port }), 'vlan-id': map.vlan } } : {}),
  ...(filters.length ? { 'vinterface-input-filter': { 'vtn-flow-filter': filters } } : {}),
});
const redirect = (index: number, condition: string, to: string) => ({ index, condition, 'vtn-redirect-filter': { 'redirect-destination': { 'bridge-name': 'vbr1', 'interface-name': to }, output: true } });
const cond = (name: string, src: string, dst: string) => ({ name, 'vtn-flow-match': [{ index: 1, 'vtn-inet-match': { 'source-network': src, 'destination-network': dst } }] });

describe('lab VTN compile', () => {
  it('re-tags between port-map VLANs, drops towards unmapped or by drop filter, passes to L2, ignores unmapped and disabled inputs', () => {
    const snapshot = {
      vtns: {
        vtn: [
          {
            name: 'vtn1',
            vbridge: [
              {
                name: 'vbr1',
                vinterface: [
                  iface('a', { port: '1', vlan: 300 }, [redirect(1, 'c1', 'b'), redirect(2, 'c2', 'gone'), { index: 3, condition: 'c3', 'vtn-drop-filter': {} }, { index: 4, condition: 'c1', 'vtn-pass-filter': {} }]),
                  iface('b', { port: 'wox1p2', vlan: 400, byName: true }),
                  iface('gone'),
                  iface('off', { port: '3', vlan: 0 }, [redirect(1, 'c1', 'b')], false),
                  iface('nowhere', { port: '9', vlan: 0 }),
                ],
              },
            ],
          },
        ],
      },
      'vtn-flow-conditions': { 'vtn-flow-condition': [cond('c1', '10.1.0.0/16', '10.2.0.0/16'), cond('c2', '10.3.0.0/16', '10.4.0.0/16'), cond('c3', '2001:db8::/32', '2001:db9::/32')] },
    };
    const { byBridge, notes } = compileVtn(snapshot, layout);
    expect(byBridge.get('wox1')).toEqual([
      'cookie=0x4c56000000000000,priority=29999,in_port=1,dl_vlan=300,ip,nw_src=10.1.0.0/16,nw_dst=10.2.0.0/16,actions=mod_vlan_vid:400,output:2',
      'cookie=0x4c56000000000000,priority=29998,in_port=1,dl_vlan=300,ip,nw_src=10.3.0.0/16,nw_dst=10.4.0.0/16,actions=drop',
      'cookie=0x4c56000000000000,priority=29997,in_port=1,dl_vlan=300,ipv6,ipv6_src=2001:db8::/32,ipv6_dst=2001:db9::/32,actions=drop',
      'cookie=0x4c56000000000000,priority=1000,in_port=1,dl_vlan=300,actions=mod_vlan_vid:400,output:2',
      'cookie=0x4c56000000000000,priority=1000,in_port=2,dl_vlan=400,actions=mod_vlan_vid:300,output:1',
    ]);
    expect(byBridge.get('wox2')).toEqual([]);
    expect(notes).toEqual(['vtn1/vbr1/nowhere: port map openflow:1 9 is no port of the live lab; it forwards nothing']);
  });

  it('says why a redirect across switches or to a missing condition has no flow', () => {
    const snapshot = {
      vtns: { vtn: [{ name: 't', vbridge: [{ name: 'vbr1', vinterface: [iface('a', { port: '1', vlan: 0 }, [redirect(5, 'c1', 'far'), redirect(6, 'nope', 'far')]), iface('far', { port: '1', vlan: 0, node: 'openflow:255' })] }] }] },
      'vtn-flow-conditions': { 'vtn-flow-condition': [cond('c1', '10.1.0.0/16', '10.2.0.0/16')] },
    };
    const { byBridge, notes } = compileVtn(snapshot, layout);
    expect(byBridge.get('wox1')).toEqual([]);
    expect(notes).toEqual([
      't/vbr1/a: filter 5 redirects to t/vbr1/far on another switch; the live lab compiles same-switch redirects only',
      't/vbr1/a: filter 6 names flow condition nope, which does not exist; VTN ignores it',
    ]);
  });
});

describe('lab ONOS compile', () => {
  it('puts each flow on the bridge whose datapath id is its device id, and names what it cannot install', () => {
    const flow = (id: string, deviceId: string, criteria: unknown[]) => ({ id, deviceId, priority: 40001, tableId: 0, selector: { criteria }, treatment: { instructions: [{ type: 'OUTPUT', port: 'IN_PORT' }] } });
    const snapshot = {
      flows: [
        flow('42', 'of:00000000000000ff', [{ type: 'IPV4_DST', ip: '10.0.0.0/8' }, { type: 'ETH_TYPE', ethType: '0x800' }, { type: 'IN_PORT', port: 1 }]),
        flow('43', 'of:0000000000000003', [{ type: 'IN_PORT', port: 1 }]),
        flow('44', 'of:0000000000000001', [{ type: 'TCP_DST', tcpPort: 80 }]),
      ],
    };
    const { byBridge, notes } = compileOnos(snapshot, layout);
    expect(byBridge.get('wox2')).toEqual(['cookie=0x4c4f00000000002a,table=0,priority=40001,in_port=1,ip,nw_dst=10.0.0.0/8,actions=in_port']);
    expect(byBridge.get('wox1')).toEqual([]);
    expect(notes).toEqual([
      'flow 43: device of:0000000000000003 is no bridge of the live lab',
      'flow 44 on of:0000000000000001: a criterion or instruction the live lab does not compile; not installed',
    ]);
  });
});
