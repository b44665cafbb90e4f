import type { TraceDto, TraceHopDto } from '../contract/api';
import type { PlanDto, PopDto, PortDto, RuleDto, TopologyDto } from '../contract/dto';
import { TopologyIndex } from '../model';
import { cachedPrefixKeys, keyContains, parsePrefixKey, tryParsePrefix } from '../net';
import type { PrefixKey } from '../net';
import { LinkPaths, MAX_REDIRECTIONS, ruleInVlan, SegmentIndex } from '../plan';
import type { SegmentMatch } from '../plan';
import { CoreError } from '../util/core-error';

/** How a traced packet ends. */
export type Disposition = TraceDto['disposition'];

/** One step of a trace. `redirect` / `forward` name the port the packet is sent out of. */
export type TraceHop = TraceHopDto;

/** Outcome of a trace: how it ended, every hop, and where it left the network. */
export type TraceResult = TraceDto;

/** A packet: source and destination addresses (a prefix stands for its first address). */
export interface Packet {
  readonly src: string;
  readonly dst: string;
}

interface Filter {
  readonly rule: RuleDto;
  /** The rule's whole path, in seq order: the WAN hands a packet to the next rule's bridge. */
  readonly path: readonly RuleDto[];
  readonly inVlan: number | null;
  readonly src: PrefixKey;
  readonly dst: PrefixKey;
}

interface Address {
  readonly key: PrefixKey;
  readonly text: string;
}

/** State of one packet's walk. */
interface Walk {
  readonly src: Address;
  readonly dst: Address;
  readonly dstMatch: SegmentMatch;
  readonly hops: TraceHop[];
  tag: number | null;
  last: Filter | undefined;
  redirections: number;
}

type Step = { readonly enter: PortDto; readonly note: string } | { readonly leave: PortDto };

/** Steps after which a trace that has not ended is a loop, redirections or not. */
const MAX_STEPS = 10 * MAX_REDIRECTIONS;

/**
 * Walks packets through a topology with the redirect rules of a set of plans installed, the way
 * VTN would: input filters of the port a packet enters, in index order, first match wins (the
 * match's src/dst contain the packet's addresses and, with VLANs, the packet carries the tag the
 * rule expects); a redirect sends the packet out of the target port. Out of a PoP port it comes
 * back in (the PoP hairpins it); over a link it enters the peer port; out of an uplink the WAN
 * hands it to the uplink of the bridge of the path's next rule, else of the bridge owning the
 * destination; out of the destination's port it is delivered. Without a matching filter the
 * bridge forwards towards the destination (its port on this bridge, else over links, else the
 * uplink). More than 100 redirections is a LOOP, as VTN drops such packets. Ports, bridges,
 * links and PoPs listed in `down` are out of service.
 *
 * Build once per (topology, plans, down set) and trace many packets.
 */
export class Simulator {
  private readonly index: TopologyIndex;
  private readonly segments: SegmentIndex;
  private readonly links: LinkPaths;
  private readonly down: ReadonlySet<string>;
  private readonly filters = new Map<string, Filter[]>();
  private readonly popByPort = new Map<string, PopDto>();
  private readonly uplinkPorts = new Set<string>();
  private readonly firstRules: Filter[] = [];
  /** Service names for messages (rules carry ids). */
  private readonly serviceNames: ReadonlyMap<string, string> | undefined;

  constructor(topology: TopologyDto, plans: readonly PlanDto[], options: { readonly down?: readonly string[]; readonly serviceNames?: ReadonlyMap<string, string> } = {}) {
    this.index = new TopologyIndex(topology);
    this.segments = new SegmentIndex(this.index);
    this.down = new Set(options.down ?? []);
    this.serviceNames = options.serviceNames;
    this.links = new LinkPaths(this.index, this.down);
    for (const pop of topology.pops) if (!this.popByPort.has(pop.portId)) this.popByPort.set(pop.portId, pop);
    for (const bridge of topology.bridges) {
      for (const family of [4, 6] as const) {
        const up = this.index.uplinkOf(bridge.id, family);
        if (up) this.uplinkPorts.add(up.id);
      }
    }
    const key = cachedPrefixKeys();
    for (const plan of plans) {
      for (const path of [plan.forward, plan.reverse]) {
        for (const rule of path.rules) {
          const filter = { rule, path: path.rules, inVlan: ruleInVlan(path.rules, rule), src: key(rule.match.src), dst: key(rule.match.dst) };
          const list = this.filters.get(rule.inPortId);
          if (list) list.push(filter);
          else this.filters.set(rule.inPortId, [filter]);
          if (rule.seq === 0) this.firstRules.push(filter);
        }
      }
    }
    for (const list of this.filters.values()) list.sort((a, b) => a.rule.filterIndex - b.rule.filterIndex);
  }

  /** Traces one packet; throws CoreError INVALID_INPUT when an address does not parse. */
  trace(packet: Packet): TraceResult {
    const src = firstAddress(packet.src, 'src');
    const dst = firstAddress(packet.dst, 'dst');
    if (src.key.family !== dst.key.family) {
      throw new CoreError('INVALID_INPUT', `packet goes from IPv${src.key.family} ${packet.src} to IPv${dst.key.family} ${packet.dst}; use one address family`, { packet });
    }
    const srcMatch = this.segments.match(src.key);
    const dstMatch = this.segments.match(dst.key);
    const hops: TraceHop[] = [];
    if (!srcMatch) return end(hops, 'NO_MATCHING_SEGMENT', `source ${src.text} matches no segment, so the packet has no way in`);
    if (!dstMatch) return end(hops, 'NO_MATCHING_SEGMENT', `destination ${dst.text} matches no segment`);
    const walk: Walk = { src, dst, dstMatch, hops, tag: null, last: undefined, redirections: 0 };
    let step: Step = srcMatch.isDefault
      ? { enter: this.wanIngress(walk, srcMatch.port), note: 'from the WAN (the source matches only the default route)' }
      : { enter: srcMatch.port, note: `from source segment ${srcMatch.segment.prefix}` };
    for (let n = 0; n < MAX_STEPS; n++) {
      const next: Step | TraceResult = 'enter' in step ? this.enter(walk, step.enter, step.note) : this.leave(walk, step.leave);
      if ('disposition' in next) return next;
      step = next;
    }
    return end(hops, 'LOOP', `the packet was still moving after ${MAX_STEPS} steps`);
  }

  /** The packet enters a port: its input filters, else plain forwarding. */
  private enter(walk: Walk, port: PortDto, note: string): Step | TraceResult {
    if (this.isDown(port)) return drop(walk, port, 'REDIRECT_TO_MISSING_PORT', `port '${port.name}' (bridge '${this.bridgeName(port.bridgeId)}') is down`);
    walk.hops.push({ bridgeId: port.bridgeId, portId: port.id, action: 'enter', note });
    const filter = this.filters
      .get(port.id)
      ?.find((f) => f.inVlan === walk.tag && keyContains(f.src, walk.src.key) && keyContains(f.dst, walk.dst.key));
    if (filter) return this.redirect(walk, port, filter);
    walk.last = undefined;
    const dst = walk.dst.text;
    const target = walk.dstMatch.isDefault ? null : walk.dstMatch.port;
    if (target && target.bridgeId === port.bridgeId) {
      if (target.id === port.id) return drop(walk, port, 'DROPPED', `destination ${dst} is behind port '${port.name}', where the packet came in; bridges do not hairpin`);
      if (this.isDown(target)) return drop(walk, target, 'REDIRECT_TO_MISSING_PORT', `destination port '${target.name}' is down`);
      return deliver(walk, target);
    }
    const exit = this.exitToward(port.bridgeId, target?.bridgeId ?? null, walk.dst.key.family);
    if (!exit) return drop(walk, port, 'DROPPED', `bridge '${this.bridgeName(port.bridgeId)}' has neither a link nor an uplink towards ${dst}`);
    if (exit.id === port.id) return drop(walk, port, 'DROPPED', `no filter matched on '${port.name}' and the way towards ${dst} is back out of that same port`);
    if (this.isDown(exit)) return drop(walk, exit, 'REDIRECT_TO_MISSING_PORT', `port '${exit.name}' towards ${dst} is down`);
    walk.hops.push({ bridgeId: exit.bridgeId, portId: exit.id, action: 'forward', note: `no filter matched; forwarded towards ${dst}` });
    return { leave: exit };
  }

  private redirect(walk: Walk, from: PortDto, filter: Filter): Step | TraceResult {
    const rule = filter.rule;
    const by = `'${this.serviceNames?.get(rule.serviceId) ?? rule.serviceId}' ${rule.direction} rule ${rule.seq} (index ${rule.filterIndex}) on '${from.name}'`;
    walk.redirections++;
    if (walk.redirections > MAX_REDIRECTIONS) return drop(walk, from, 'LOOP', `more than ${MAX_REDIRECTIONS} redirections (the last by ${by}); VTN drops the packet`);
    const out = this.index.portById.get(rule.outPortId);
    if (!out) return drop(walk, from, 'REDIRECT_TO_MISSING_PORT', `${by} redirects to port '${rule.outPortId}', which does not exist`);
    if (this.isDown(out)) {
      return drop(walk, from, 'REDIRECT_TO_MISSING_PORT', `${by} redirects to port '${out.name}' (bridge '${this.bridgeName(out.bridgeId)}'), which is down`);
    }
    walk.hops.push({
      bridgeId: out.bridgeId,
      portId: out.id,
      action: 'redirect',
      ruleServiceId: rule.serviceId,
      filterIndex: rule.filterIndex,
      note: `${by}${rule.vlan !== null ? `, tagged VLAN ${rule.vlan}` : ''}`,
    });
    walk.tag = rule.vlan;
    walk.last = filter;
    return { leave: out };
  }

  /** The packet is sent out of a port: to a PoP, a link, the destination or the WAN. */
  private leave(walk: Walk, port: PortDto): Step | TraceResult {
    const dst = walk.dst.text;
    const pop = this.popByPort.get(port.id);
    if (pop) {
      if (this.down.has(pop.id)) return drop(walk, port, 'DROPPED', `PoP '${pop.name}' is down and does not return the packet`);
      return { enter: port, note: `back from PoP '${pop.name}'${walk.tag !== null ? ` on VLAN ${walk.tag}` : ''}` };
    }
    const link = this.peerOf(port);
    if (link.peer) return { enter: link.peer, note: `over the link from '${port.name}'` };
    if (link.downLink !== undefined) return drop(walk, port, 'DROPPED', `link '${link.downLink}' out of port '${port.name}' is down`);
    const dstMatch = walk.dstMatch;
    if (!dstMatch.isDefault && dstMatch.port.id === port.id) return deliver(walk, port);
    if (!this.uplinkPorts.has(port.id)) {
      return drop(walk, port, 'DROPPED', `sent out of port '${port.name}', which leads neither to ${dst} nor to a PoP, link or uplink`);
    }
    const nextRule = walk.last ? walk.last.path[walk.last.rule.seq + 1] : undefined;
    const targetBridge =
      nextRule && nextRule.bridgeId !== port.bridgeId ? nextRule.bridgeId : dstMatch.isDefault ? null : dstMatch.port.bridgeId;
    if (targetBridge === null) return deliver(walk, port, `left through uplink '${port.name}' to the WAN, where ${dst} is`);
    if (targetBridge === port.bridgeId) return drop(walk, port, 'DROPPED', `sent out of uplink '${port.name}' though ${dst} is on this same bridge`);
    if (this.down.has(targetBridge)) return drop(walk, port, 'REDIRECT_TO_MISSING_PORT', `bridge '${this.bridgeName(targetBridge)}' across the WAN is down`);
    const up = this.index.uplinkOf(targetBridge, walk.dst.key.family);
    if (!up) return drop(walk, port, 'DROPPED', `bridge '${this.bridgeName(targetBridge)}' has no uplink to take the packet from the WAN`);
    return { enter: up, note: `from the WAN, out of '${port.name}'` };
  }

  /** The uplink a packet from outside arrives on: where a path's first rule waits for it, else the destination's bridge. */
  private wanIngress(walk: Walk, fallback: PortDto): PortDto {
    const steered = this.firstRules.find(
      (f) => this.uplinkPorts.has(f.rule.inPortId) && keyContains(f.src, walk.src.key) && keyContains(f.dst, walk.dst.key),
    );
    const port = steered && this.index.portById.get(steered.rule.inPortId);
    if (port) return port;
    const m = walk.dstMatch;
    return (!m.isDefault && this.index.uplinkOf(m.port.bridgeId, walk.dst.key.family)) || fallback;
  }

  /** The port a bridge sends traffic for another bridge out of: a link, else its uplink. */
  private exitToward(bridgeId: string, targetBridgeId: string | null, family: 4 | 6): PortDto | undefined {
    const step = targetBridgeId === null ? undefined : this.links.between(bridgeId, targetBridgeId)?.[0];
    return step ? this.index.portById.get(step.fromPortId) : this.index.uplinkOf(bridgeId, family);
  }

  /** The port at the other end of a port's link, skipping links marked down. */
  private peerOf(port: PortDto): { readonly peer?: PortDto; readonly downLink?: string } {
    let downLink: string | undefined;
    for (const link of this.index.linksByPort.get(port.id) ?? []) {
      const peer = this.index.portById.get(link.aPortId === port.id ? link.bPortId : link.aPortId);
      if (!peer || peer.bridgeId === port.bridgeId) continue;
      if (!this.down.has(link.id)) return { peer };
      downLink = link.id;
    }
    return downLink !== undefined ? { downLink } : {};
  }

  private isDown(port: PortDto): boolean {
    return this.down.has(port.id) || this.down.has(port.bridgeId);
  }

  private bridgeName(id: string): string {
    return this.index.bridgeById.get(id)?.name ?? id;
  }
}

function firstAddress(text: string, field: string): Address {
  const parsed = tryParsePrefix(text, 'address');
  if (!parsed.ok) throw new CoreError('INVALID_INPUT', `Packet ${field === 'src' ? 'source' : field === 'dst' ? 'destination' : field}: ${parsed.message}.`, { field, input: text });
  const canonical = parsed.value.prefix;
  const address = canonical.slice(0, canonical.indexOf('/'));
  return { key: parsePrefixKey(address), text: address };
}

function deliver(walk: Walk, port: PortDto, reason?: string): TraceResult {
  walk.hops.push({ bridgeId: port.bridgeId, portId: port.id, action: 'deliver' });
  return end(walk.hops, 'DELIVERED', reason ?? `delivered to ${walk.dst.text} out of port '${port.name}'`, port.id);
}

function drop(walk: Walk, port: PortDto, disposition: Disposition, reason: string): TraceResult {
  walk.hops.push({ bridgeId: port.bridgeId, portId: port.id, action: 'drop', note: reason });
  return end(walk.hops, disposition, reason);
}

function end(hops: readonly TraceHop[], disposition: Disposition, reason: string, egressPortId: string | null = null): TraceResult {
  return { disposition, hops, egressPortId, reason };
}
