// The pure planning of a live lab: names, addresses, port numbers and roles from a topology,
// and the parsing of ovs-ofctl dumps the probe reads its counters from.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TopologyDto } from '../../../core/contract/dto';
import { labUnavailable } from '../../../electron/host/live-lab/exec';
import { parseDumpFlows } from '../../../electron/host/live-lab/flow-table';
import { dpidOf, firstOutside, firstUsable, labIdOf, parseHostOptions, planLab } from '../../../electron/host/live-lab/lab-plan';

const sample = (JSON.parse(readFileSync('resources/sample/sample-wan.json', 'utf8')) as { topology: TopologyDto }).topology;

describe('planLab', () => {
  const plan = planLab(sample, 'a1b2');

  it('puts one WAN host behind the WAN core for the default-route uplinks, outside every other segment, or where --host says', () => {
    const wan = plan.hosts.filter((h) => h.coreIfname !== undefined);
    expect(wan.map((h) => `${h.segmentName}=${h.address}/${h.prefixLength} ${h.netns} ${h.coreIfname}`)).toEqual([
      'vbr1 uplink=1.0.0.1/32 wla1b2w wla1b2x',
      'vbr2 uplink=1.0.0.1/32 wla1b2w wla1b2x',
      'vbr3 uplink=1.0.0.1/32 wla1b2w wla1b2x',
    ]);
    // Each entry is on its uplink port, so a probe whose destination is 0.0.0.0/0 finds it there.
    expect(wan.map((h) => h.portId)).toEqual(['pt-vbr1-uplink', 'pt-vbr2-uplink', 'pt-vbr3-uplink']);
    expect(new Set([...plan.hosts.map((h) => h.mac)]).size).toBe(4);
    const given = planLab(sample, 'a1b2', parseHostOptions(['vbr2 uplink=203.0.113.9'], sample.segments));
    expect(given.hosts.find((h) => h.segmentName === 'vbr2 uplink')).toMatchObject({ address: '203.0.113.9', given: true, netns: 'wla1b2w' });
    expect(firstOutside(['10.0.0.0/8'])).toBe('1.0.0.1');
    expect(firstOutside(['1.0.0.0/24', '1.0.1.0/24'])).toBe('1.0.2.1');
    expect(firstOutside(['1.0.0.0/8', '2.0.0.0/7'])).toBe('4.0.0.1');
    expect(firstOutside(['0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/3'])).toBeUndefined();
  });

  it('gives every device a unique name of at most 15 characters carrying the lab id', () => {
    const all = [plan.daemonNetns, plan.coreBridge!, ...plan.bridges.flatMap((b) => [b.ovsName, ...b.ports.flatMap((p) => [p.ifname, p.peerIfname])]), ...plan.pops.map((p) => p.ovsName)];
    for (const n of all) {
      expect(n.length).toBeLessThanOrEqual(15);
      expect(n.startsWith('wla1b2')).toBe(true);
    }
    const ifnames = plan.bridges.flatMap((b) => b.ports.flatMap((p) => [p.ifname, p.peerIfname]));
    const linkEnds = plan.links.filter((l) => l.kind === 'link').length * 2;
    expect(new Set(ifnames).size).toBe(ifnames.length - linkEnds); // a link's two ends are each other's peer
  });

  it('pins the project\'s OpenFlow ports and datapath ids, and gives each port its role', () => {
    expect(plan.bridges.map((b) => b.dpid)).toEqual(['0000000000000001', '0000000000000002', '0000000000000003']);
    expect(plan.bridges[1]!.ports.map((p) => `${p.name}:${p.ofport}:${p.peer.kind}`)).toEqual(['if_patras:1:pop', 'if_vbr2_uplink:2:uplink', 'if_internet:3:host', 'if_vbr2_vbr1:4:link', 'if_vbr2_vbr3:5:link']);
    expect(plan.pops.map((p) => p.popName)).toEqual(['pop-athens', 'pop-patras', 'pop-heraklion']);
    expect(plan.links.map((l) => l.linkId).sort()).toEqual(['ln-athens-heraklion', 'ln-athens-patras', 'ln-patras-heraklion', 'uplink:pt-vbr1-uplink', 'uplink:pt-vbr2-uplink', 'uplink:pt-vbr3-uplink']);
    expect(plan.notes).toEqual([]);
  });

  it('puts a host on each segment at its first usable address, or the one --host gives', () => {
    expect(plan.hosts.filter((h) => h.coreIfname === undefined).map((h) => `${h.segmentName}=${h.address}/${h.prefixLength}`)).toEqual(['customer LAN=192.168.10.1/24', 'internet gateway=10.20.0.1/24', 'Crete campus=10.30.0.1/24']);
    const given = planLab(sample, 'a1b2', parseHostOptions(['customer LAN=192.168.10.7'], sample.segments));
    expect(given.hosts[0]).toMatchObject({ address: '192.168.10.7', given: true });
    expect(() => parseHostOptions(['customer LAN=10.0.0.1'], sample.segments)).toThrow(/not an address inside segment "customer LAN"/);
    expect(() => parseHostOptions(['nowhere=10.0.0.1'], sample.segments)).toThrow(/no segment named "nowhere"/);
  });

  it('gives a port without an OpenFlow number the lowest free one and refuses duplicate datapath ids', () => {
    const t: TopologyDto = { ...sample, ports: sample.ports.map((p) => (p.id === 'pt-vbr1-customer' ? { ...p, ofPort: null } : p)) };
    expect(planLab(t, 'a1b2').bridges[0]!.ports[0]!.ofport).toBe(1);
    const taken: TopologyDto = { ...t, ports: t.ports.map((p) => (p.id === 'pt-vbr1-uplink' ? { ...p, ofPort: 1 } : p)) };
    expect(planLab(taken, 'a1b2').bridges[0]!.ports[0]!.ofport).toBe(2);
    const dup: TopologyDto = { ...sample, bridges: sample.bridges.map((b) => ({ ...b, datapathId: 'openflow:1' })) };
    expect(() => planLab(dup, 'a1b2')).toThrow(/same datapath id/);
  });
});

describe('lab helpers', () => {
  it('derives distinct 4-hex lab ids from data folders', () => {
    expect(labIdOf('/tmp/a')).toMatch(/^[0-9a-f]{4}$/);
    expect(labIdOf('/tmp/a')).not.toBe(labIdOf('/tmp/b'));
  });

  it('computes first usable addresses and datapath ids', () => {
    expect(firstUsable('10.20.0.0/24')).toBe('10.20.0.1');
    expect(firstUsable('192.168.10.10/32')).toBe('192.168.10.10');
    expect(firstUsable('2001:db8::/64')).toBe('2001:db8::1');
    expect(dpidOf({ id: 'b', name: 'b', kind: 'ovs', controllerId: 'b', datapathId: 'of:00000000000000aB' }, 0)).toBe('00000000000000ab');
    expect(dpidOf({ id: 'b', name: 'b', kind: 'ovs', controllerId: 'b' }, 4)).toBe('0000000000000005');
  });

  it('parses ovs-ofctl dump-flows lines with counters, cookies and matches', () => {
    const flows = parseDumpFlows(
      'NXST_FLOW reply (xid=0x4):\n cookie=0x5743aa, duration=1.5s, table=0, n_packets=3, n_bytes=294, idle_age=0, priority=40096,ip,in_port=1,nw_src=192.168.10.0/24,nw_dst=10.20.0.0/24 actions=output:3\n cookie=0x0, duration=2s, table=0, n_packets=7, n_bytes=0, in_port=1 actions=IN_PORT\n',
    );
    expect(flows).toEqual([
      { cookie: '0x00000000005743aa', table: 0, priority: 40096, packets: 3, bytes: 294, match: { ip: '', in_port: '1', nw_src: '192.168.10.0/24', nw_dst: '10.20.0.0/24' }, actions: 'output:3' },
      { cookie: '0x0000000000000000', table: 0, priority: 32768, packets: 7, bytes: 0, match: { in_port: '1' }, actions: 'IN_PORT' },
    ]);
  });
});

describe('labUnavailable', () => {
  it('says why a machine cannot host a lab: not Linux, not root, tools missing', () => {
    expect(labUnavailable({ platform: 'darwin' })).toMatch(/needs Linux network namespaces; this is darwin/);
    expect(labUnavailable({ platform: 'linux', uid: 1000 })).toMatch(/needs root/);
    expect(labUnavailable({ platform: 'linux', uid: 0, path: '/nonexistent' })).toMatch(/^missing ip, ovsdb-tool, ovsdb-server, ovs-vswitchd, ovs-vsctl, ovs-ofctl, ovs-appctl \(apt-get install/);
  });
});
