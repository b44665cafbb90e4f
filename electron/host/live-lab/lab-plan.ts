/**
 * The pure planning of a live lab: from a project topology to every name, address, veth pair
 * and OpenFlow port number `wicm lab up` creates. No I/O here; build.ts runs the commands.
 *
 * Names: `wl` + the 4-hex lab id (from the data folder) + a kind letter + an index, at most 15
 * characters (a Linux interface name), so labs of different data folders never collide:
 *   daemon namespace `wl1a2bd`, bridge `wl1a2bb0`, WAN core `wl1a2bc`, PoP VNF `wl1a2bp0`,
 *   bridge-side veth end of port k `wl1a2bv<k>`, its peer: host `wl1a2bh<k>`, PoP `wl1a2bp<j>i`,
 *   core `wl1a2bu<k>`, unplugged `wl1a2bn<k>`; host namespace `wl1a2bh<k>`; the WAN host behind
 *   the core (the far end of uplinks / default routes): namespace `wl1a2bw`, its core-side veth `wl1a2bx`.
 */
import type { BridgeDto, PortDto, SegmentDto, TopologyDto } from '../../../core/contract/dto';
import { isAddressInPrefix, parsePrefix } from '../../../core/net';
import { CoreError } from '../../../core/util/core-error';
import type { LiveBridge, LiveHost, LiveLink, LivePop, LivePort } from './layout';

/** Every OVS bridge, namespace and veth of a lab, before anything runs. */
export interface LabPlan {
  readonly labId: string;
  readonly daemonNetns: string;
  readonly coreBridge: string | null;
  readonly bridges: readonly LiveBridge[];
  readonly hosts: readonly LiveHost[];
  readonly pops: readonly LivePop[];
  readonly links: readonly LiveLink[];
  /** What the lab leaves out, and why (printed by `wicm lab up`). */
  readonly notes: readonly string[];
}

const MAX_NAME = 15;

/** 4 hex digits of the FNV-1a hash of the data folder's path: the lab id in every name. */
export function labIdOf(dataDir: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < dataDir.length; i += 1) {
    hash ^= dataDir.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return ((hash ^ (hash >>> 16)) & 0xffff).toString(16).padStart(4, '0');
}

/** Datapath id (16 hex digits) of a bridge: from `openflow:N`, `of:HEX` or 16 hex digits, else its position. */
export function dpidOf(bridge: BridgeDto, index: number): string {
  const id = bridge.datapathId?.trim() ?? '';
  const openflow = /^openflow:(\d+)$/.exec(id);
  if (openflow?.[1] !== undefined) return BigInt(openflow[1]).toString(16).padStart(16, '0').slice(-16);
  const hex = /^(?:of:)?([0-9a-fA-F]{1,16})$/.exec(id);
  if (hex?.[1] !== undefined) return hex[1].toLowerCase().padStart(16, '0');
  return (index + 1).toString(16).padStart(16, '0');
}

/** The first usable address of a prefix (the network address + 1; the address itself for /32, /128, /31). */
export function firstUsable(prefix: string): string {
  const p = parsePrefix(prefix);
  const [network] = p.prefix.split('/') as [string];
  if (p.family === 4) {
    if (p.length >= 31) return network;
    const octets = network.split('.').map(Number);
    const value = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
    const next = value + 1;
    return [next >>> 24, (next >>> 16) & 255, (next >>> 8) & 255, next & 255].join('.');
  }
  if (p.length >= 127) return network;
  if (network.endsWith('::')) return `${network}1`;
  return network.replace(/:0$/, ':1');
}

/** Parses `--host SEGMENT=ADDR` options (SEGMENT: name, id or prefix of a segment). */
export function parseHostOptions(values: readonly string[], segments: readonly SegmentDto[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const value of values) {
    const eq = value.lastIndexOf('=');
    if (eq <= 0) throw new CoreError('INVALID_INPUT', `--host '${value}': write SEGMENT=ADDRESS, e.g. --host "customer LAN=192.168.10.7".`);
    const key = value.slice(0, eq).trim();
    const address = value.slice(eq + 1).trim();
    const segment = segments.find((s) => s.name === key || s.id === key || s.prefix === key);
    if (!segment) {
      throw new CoreError('INVALID_INPUT', `--host '${value}': no segment named "${key}". Segments: ${segments.map((s) => s.name ?? s.prefix).join(', ')}.`);
    }
    if (!isAddressInPrefix(address, segment.prefix)) {
      throw new CoreError('INVALID_INPUT', `--host '${value}': ${address} is not an address inside segment "${segment.name ?? segment.prefix}" (${segment.prefix}).`);
    }
    out.set(segment.id, address);
  }
  return out;
}

type Role = { kind: 'link'; linkId: string } | { kind: 'pop'; popIndex: number } | { kind: 'uplink' } | { kind: 'host'; segments: SegmentDto[] } | { kind: 'none' };

/**
 * Plans the lab of a topology. Each port plays one role, first that applies: an end of a link,
 * a PoP's port, an uplink (a `0.0.0.0/0` or `::/0` segment), a segment host, else unplugged.
 * `hostAddresses` maps segment ids to the addresses `--host` gave.
 */
export function planLab(topology: TopologyDto, labId: string, hostAddresses: ReadonlyMap<string, string> = new Map()): LabPlan {
  if (!/^[0-9a-f]{4}$/.test(labId)) throw new CoreError('INVALID_INPUT', `lab id "${labId}" must be 4 hex digits.`);
  const prefix = `wl${labId}`;
  const notes: string[] = [];
  const portIndex = new Map(topology.ports.map((p, k) => [p.id, k]));
  const bridgeById = new Map(topology.bridges.map((b, i) => [b.id, { bridge: b, index: i }]));
  const portById = new Map(topology.ports.map((p) => [p.id, p]));
  const bridgeName = (i: number): string => name(`${prefix}b${i}`);
  const portTitle = (p: PortDto): string => `${bridgeById.get(p.bridgeId)?.bridge.name ?? p.bridgeId}/${p.name}`;

  const roles = new Map<string, Role>();
  for (const link of topology.links) {
    for (const end of [link.aPortId, link.bPortId]) {
      if (!portById.has(end)) throw new CoreError('INVALID_INPUT', `Link ${link.id} names port ${end}, which is not in the topology.`);
      if (roles.has(end)) notes.push(`Port ${portTitle(portById.get(end)!)} is on more than one link: only the first is built.`);
    }
    if (roles.has(link.aPortId) || roles.has(link.bPortId)) continue;
    roles.set(link.aPortId, { kind: 'link', linkId: link.id });
    roles.set(link.bPortId, { kind: 'link', linkId: link.id });
  }
  topology.pops.forEach((pop, j) => {
    const role = roles.get(pop.portId);
    const where = portById.get(pop.portId);
    if (!where) throw new CoreError('INVALID_INPUT', `PoP ${pop.name} names port ${pop.portId}, which is not in the topology.`);
    if (role?.kind === 'link') notes.push(`PoP ${pop.name} is on port ${portTitle(where)}, which is a link end: no VNF built for it.`);
    else if (role) notes.push(`PoP ${pop.name} shares port ${portTitle(where)} with another PoP: no VNF built for it.`);
    else roles.set(pop.portId, { kind: 'pop', popIndex: j });
  });
  for (const segment of topology.segments) {
    const role = roles.get(segment.portId);
    const isDefault = segment.prefix === '0.0.0.0/0' || segment.prefix === '::/0';
    if (isDefault) {
      if (!role) roles.set(segment.portId, { kind: 'uplink' });
      continue;
    }
    if (!role) roles.set(segment.portId, { kind: 'host', segments: [segment] });
    else if (role.kind === 'host') role.segments.push(segment);
    else if (role.kind !== 'pop') notes.push(`Segment ${segment.name ?? segment.prefix} is on port ${portTitle(portById.get(segment.portId)!)} (a ${role.kind}): no host built for it.`);
  }

  const hosts: LiveHost[] = [];
  const pops: LivePop[] = [];
  const links: LiveLink[] = [];
  const bridges: LiveBridge[] = topology.bridges.map((bridge, i) => {
    const own = topology.ports.filter((p) => p.bridgeId === bridge.id);
    const used = new Set(own.flatMap((p) => (p.ofPort !== null ? [p.ofPort] : [])));
    let next = 1;
    const ports: LivePort[] = own.map((port) => {
      let ofport = port.ofPort;
      if (ofport === null) {
        while (used.has(next)) next += 1;
        ofport = next;
        used.add(next);
      }
      const k = portIndex.get(port.id)!;
      const ifname = name(`${prefix}v${k}`);
      const role = roles.get(port.id) ?? { kind: 'none' as const };
      switch (role.kind) {
        case 'link': {
          const link = topology.links.find((l) => l.id === role.linkId)!;
          const other = link.aPortId === port.id ? link.bPortId : link.aPortId;
          return { portId: port.id, name: port.name, ofport, ifname, peer: { kind: 'link', id: role.linkId }, peerIfname: name(`${prefix}v${portIndex.get(other)!}`) };
        }
        case 'pop': {
          const pop = topology.pops[role.popIndex]!;
          const vnf = name(`${prefix}p${role.popIndex}`);
          pops.push({ popId: pop.id, popName: pop.name, ovsName: vnf, bridgeId: bridge.id, portId: port.id, ifname: name(`${vnf}i`) });
          return { portId: port.id, name: port.name, ofport, ifname, peer: { kind: 'pop', id: pop.id }, peerIfname: name(`${vnf}i`) };
        }
        case 'uplink': {
          const peerIfname = name(`${prefix}u${k}`);
          links.push({ linkId: `uplink:${port.id}`, kind: 'uplink', veth: [ifname, peerIfname], up: true, portIds: [port.id, null], title: `${portTitle(port)} - WAN core` });
          return { portId: port.id, name: port.name, ofport, ifname, peer: { kind: 'uplink', id: port.id }, peerIfname };
        }
        case 'host': {
          const netns = name(`${prefix}h${k}`);
          const mac = macOf(labId, k);
          for (const segment of role.segments) {
            const given = hostAddresses.get(segment.id);
            hosts.push({
              segmentId: segment.id,
              segmentName: segment.name ?? segment.prefix,
              netns,
              ifname: netns,
              address: given ?? firstUsable(segment.prefix),
              prefixLength: parsePrefix(segment.prefix).length,
              mac,
              bridgeId: bridge.id,
              portId: port.id,
              given: given !== undefined,
            });
          }
          return { portId: port.id, name: port.name, ofport, ifname, peer: { kind: 'host', id: role.segments[0]!.id }, peerIfname: netns };
        }
        case 'none':
          return { portId: port.id, name: port.name, ofport, ifname, peer: { kind: 'none', id: null }, peerIfname: name(`${prefix}n${k}`) };
      }
    });
    return { bridgeId: bridge.id, name: bridge.name, ovsName: bridgeName(i), dpid: dpidOf(bridge, i), controllerId: bridge.controllerId, ports };
  });
  for (const link of topology.links) {
    const role = roles.get(link.aPortId);
    if (role?.kind !== 'link' || role.linkId !== link.id) continue;
    const a = portById.get(link.aPortId)!;
    const b = portById.get(link.bPortId)!;
    links.push({ linkId: link.id, kind: 'link', veth: [name(`${prefix}v${portIndex.get(a.id)!}`), name(`${prefix}v${portIndex.get(b.id)!}`)], up: true, portIds: [a.id, b.id], title: `${portTitle(a)} - ${portTitle(b)}` });
  }
  const dpids = new Map<string, string>();
  for (const b of bridges) {
    const other = dpids.get(b.dpid);
    if (other) throw new CoreError('INVALID_INPUT', `Bridges "${other}" and "${b.name}" have the same datapath id ${b.dpid}: give each bridge its own datapath id.`);
    dpids.set(b.dpid, b.name);
  }
  const coreBridge = links.some((l) => l.kind === 'uplink') ? name(`${prefix}c`) : null;
  if (coreBridge !== null) hosts.push(...wanHosts(topology, labId, prefix, roles, hostAddresses, notes));
  return { labId, daemonNetns: name(`${prefix}d`), coreBridge, bridges, hosts, pops, links, notes };
}

/**
 * The WAN host: one namespace on the WAN core standing for "the rest of the network" behind the
 * uplinks, one entry per default-route segment on an uplink port (so a probe whose destination
 * is 0.0.0.0/0 has someone to answer). Its address: the one `--host` gives, else the first usable
 * IPv4 address outside every other segment and outside 0/8, 127/8 and 224/3; an IPv6 default
 * route needs `--host` (a note says so). Host routes (/32, /128): the prefix is a default route.
 */
function wanHosts(topology: TopologyDto, labId: string, prefix: string, roles: ReadonlyMap<string, Role>, given: ReadonlyMap<string, string>, notes: string[]): LiveHost[] {
  const netns = name(`${prefix}w`);
  const coreIfname = name(`${prefix}x`);
  const others = topology.segments.filter((s) => s.prefix !== '0.0.0.0/0' && s.prefix !== '::/0').map((s) => s.prefix);
  const out: LiveHost[] = [];
  for (const segment of topology.segments) {
    if (roles.get(segment.portId)?.kind !== 'uplink' || (segment.prefix !== '0.0.0.0/0' && segment.prefix !== '::/0')) continue;
    const address = given.get(segment.id) ?? (segment.prefix === '0.0.0.0/0' ? firstOutside(others) : undefined);
    if (address === undefined) {
      notes.push(`Segment ${segment.name ?? segment.prefix} (${segment.prefix}) is an uplink: give the WAN host an address for it with --host "${segment.name ?? segment.prefix}=ADDRESS" to probe services that leave there.`);
      continue;
    }
    const bridgeId = topology.ports.find((p) => p.id === segment.portId)?.bridgeId ?? '';
    out.push({ segmentId: segment.id, segmentName: segment.name ?? segment.prefix, netns, ifname: netns, address, prefixLength: address.includes(':') ? 128 : 32, mac: wanHostMac(labId), bridgeId, portId: segment.portId, given: given.has(segment.id), coreIfname });
  }
  return out;
}

/** The first usable IPv4 address outside these prefixes and outside 0/8, 127/8 and 224/3; undefined when none is left. */
export function firstOutside(prefixes: readonly string[]): string | undefined {
  const ranges = [['0.0.0.0/8'], ['127.0.0.0/8'], prefixes.filter((p) => !p.includes(':'))].flat().map((p) => {
    const [net = '', len = '32'] = p.split('/');
    const start = ipv4ToInt(net) & (Number(len) === 0 ? 0 : (~0 << (32 - Number(len))) >>> 0);
    return [start >>> 0, (start >>> 0) + 2 ** (32 - Number(len)) - 1] as const;
  });
  let candidate = 1;
  for (let moved = true; moved && candidate < 0xe0000000; ) {
    moved = false;
    for (const [start, end] of ranges) {
      if (candidate >= start && candidate <= end) {
        candidate = end + 1;
        if ((candidate & 0xff) === 0) candidate += 1;
        moved = true;
      }
    }
  }
  return candidate < 0xe0000000 ? [candidate >>> 24, (candidate >>> 16) & 255, (candidate >>> 8) & 255, candidate & 255].join('.') : undefined;
}

function ipv4ToInt(address: string): number {
  return address.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

/** Locally administered MAC of the WAN host: `02:<lab id>:01:00:00` (host MACs have 00 in the fourth byte). */
export function wanHostMac(labId: string): string {
  return `02:${labId.slice(0, 2)}:${labId.slice(2, 4)}:01:00:00`;
}

/** Locally administered MAC of the host on port k: `02:<lab id>:00:<k>`. */
export function macOf(labId: string, k: number): string {
  const hex = (k & 0xffff).toString(16).padStart(4, '0');
  return `02:${labId.slice(0, 2)}:${labId.slice(2, 4)}:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}`;
}

function name(text: string): string {
  if (text.length > MAX_NAME) throw new CoreError('INVALID_INPUT', `the lab would need the name "${text}", longer than ${MAX_NAME} characters: the topology has too many ports for one lab.`);
  return text;
}
