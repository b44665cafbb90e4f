import { describe, expect, it } from 'vitest';
import { addLine, flowKey, parseFlowLine } from '../../../../core/drivers/ovs/flow-text';
import { parseOvsTarget } from '../../../../core/drivers/ovs/address';

// Dump lines as ovs-ofctl 3.1 prints them (OpenFlow 1.0 + NXM, and OpenFlow 1.3), and the add spec they came from.
const SPEC = 'cookie=0x5743000000000001,table=0,priority=40097,in_port=2,dl_vlan=401,ip,nw_src=192.168.10.0/24,nw_dst=10.20.0.0/24,actions=set_field:4497->vlan_vid,in_port';
const OF10 = ' cookie=0x5743000000000001, duration=0.009s, table=0, n_packets=3, n_bytes=294, idle_age=1, priority=40097,ip,in_port=2,dl_vlan=401,nw_src=192.168.10.0/24,nw_dst=10.20.0.0/24 actions=mod_vlan_vid:401,IN_PORT';
const OF13 = ' cookie=0x5743000000000001, duration=0.009s, table=0, n_packets=0, n_bytes=0, reset_counts priority=40097,ip,in_port=2,dl_vlan=401,nw_src=192.168.10.0/24,nw_dst=10.20.0.0/24 actions=set_field:4497->vlan_vid,IN_PORT';

describe('ovs-ofctl flow text', () => {
  it('reads an add spec and both dump dialects as the same flow, counters apart', () => {
    const [spec, of10, of13] = [SPEC, OF10, OF13].map((l) => parseFlowLine(l));
    expect(flowKey(spec!)).toBe('t0 p40097 dl_vlan=401,in_port=2,ip,nw_dst=10.20.0.0/24,nw_src=192.168.10.0/24 -> mod_vlan_vid:401,in_port');
    expect(flowKey(of10!)).toBe(flowKey(spec!));
    expect(flowKey(of13!)).toBe(flowKey(spec!));
    expect(of10).toMatchObject({ cookie: '0x5743000000000001', packets: 3, bytes: 294 });
  });

  it('normalises push+set_field, pop_vlan, untagged and present-bit vlan_tci, /32 and EtherTypes', () => {
    const flow = parseFlowLine('cookie=0x1, priority=5,dl_type=0x0800,in_port=1,vlan_tci=0x1190/0x1fff,nw_src=10.0.0.1/32 actions=push_vlan:0x8100,set_field:4496->vlan_vid,output:2,pop_vlan,3');
    expect(flowKey(flow!)).toBe('t0 p5 dl_vlan=400,in_port=1,ip,nw_src=10.0.0.1 -> mod_vlan_vid:400,output:2,strip_vlan,output:3');
    expect(flowKey(parseFlowLine('priority=1,in_port=1,vlan_tci=0x0000/0x1fff actions=drop')!)).toBe('t0 p1 in_port=1,vlan_tci=0x0000/0x1fff -> drop');
    expect(parseFlowLine('OFPST_FLOW reply (OF1.3) (xid=0x2):')).toBeUndefined();
  });

  it('writes back an add line that re-creates a dumped flow', () => {
    const again = parseFlowLine(addLine(parseFlowLine(OF13)!).slice('add '.length));
    expect(flowKey(again!)).toBe(flowKey(parseFlowLine(OF13)!));
    expect(again?.cookie).toBe('0x5743000000000001');
  });
});

describe('Open vSwitch target addresses', () => {
  it('takes a run directory, a bridge socket or tcp:HOST:PORT, and names the forms otherwise', () => {
    expect(parseOvsTarget('unix:/var/run/openvswitch/')).toEqual({ form: 'rundir', dir: '/var/run/openvswitch' });
    expect(parseOvsTarget('unix:/run/wo/br0.mgmt')).toEqual({ form: 'socket', address: 'unix:/run/wo/br0.mgmt' });
    expect(parseOvsTarget('tcp:127.0.0.1:6653')).toEqual({ form: 'tcp', address: 'tcp:127.0.0.1:6653' });
    expect(() => parseOvsTarget('http://127.0.0.1:8181')).toThrow(/is not an Open vSwitch target: use unix:\/run\/dir/);
    expect(() => parseOvsTarget('tcp:127.0.0.1:70000')).toThrow(/not an Open vSwitch target/);
  });
});
