/**
 * The lab VTN's state as OpenFlow on the live lab, with VTN Manager's semantics:
 *
 * - a vInterface forwards only when port-mapped; its VLAN comes from the port map (0 = untagged);
 * - a redirect filter (vInterface or vBridge input filter) sends matching input to the
 *   destination vInterface's mapped port, re-tagged with that port map's VLAN; when the
 *   destination is not port-mapped the packet is discarded (vtn-flow-filter.yang);
 * - a drop filter discards, a pass filter lets the packet on to L2;
 * - otherwise vBridge L2 forwarding applies: a frame from a mapped interface goes to the other
 *   mapped interfaces of its vBridge (flooding; the lab learns no MAC addresses).
 *
 * Pure: the RESTCONF operational tree (the lab snapshot) and the live layout in, flow lines out.
 */
import type { LiveBridge, LiveLabLayout } from '../../live-lab/layout';
import { bridgeOfNode, emptyPerBridge, LAB_VTN_COOKIE, type CompiledFlows } from './flow-lines';

type Json = Readonly<Record<string, unknown>>;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** Priority of vBridge L2 forwarding; filters sit above it. */
export const VTN_L2_PRIORITY = 1000;
/** Priority of filter index 1 (lower indices are evaluated first, so they get higher priorities). */
export const VTN_FILTER_PRIORITY_TOP = 30000;

/** Where a port-mapped vInterface is on the live lab. */
interface Mapped {
  readonly bridge: LiveBridge;
  readonly ofport: number;
  readonly vlan: number;
}

interface Iface {
  readonly path: string;
  readonly json: Json;
  readonly mapped: Mapped | undefined;
}

function mappingOf(iface: Json, layout: LiveLabLayout, notes: string[], path: string): Mapped | undefined {
  const map = rec(iface['port-map-config']);
  if (map.node === undefined) return undefined;
  const bridge = bridgeOfNode(layout, String(map.node));
  const port =
    bridge === undefined
      ? undefined
      : map['port-id'] !== undefined
        ? bridge.ports.find((p) => String(p.ofport) === String(map['port-id']))
        : bridge.ports.find((p) => p.ifname === map['port-name'] || p.name === map['port-name']);
  if (bridge === undefined || port === undefined) {
    notes.push(`${path}: port map ${String(map.node)} ${String(map['port-id'] ?? map['port-name'])} is no port of the live lab; it forwards nothing`);
    return undefined;
  }
  return { bridge, ofport: port.ofport, vlan: Number(map['vlan-id'] ?? 0) };
}

/** A port towards another switch or a PoP VNF (not the edge of the WAN). */
function isInner(m: Mapped): boolean {
  const kind = m.bridge.ports.find((p) => p.ofport === m.ofport)?.peer.kind;
  return kind === 'link' || kind === 'pop' || kind === 'uplink';
}

/** The match of frames arriving on a mapped interface (its port and VLAN; 0 = untagged). */
function ingress(m: Mapped): string[] {
  return [`in_port=${m.ofport}`, m.vlan === 0 ? 'vlan_tci=0x0000/0x1fff' : `dl_vlan=${m.vlan}`];
}

/** Actions that deliver a frame tagged `from` out of a mapped interface (re-tagging as its port map says). */
function deliver(from: number, to: Mapped, inPort: number): { actions: string[]; tag: number } {
  const actions: string[] = [];
  if (to.vlan !== from) actions.push(to.vlan === 0 ? 'strip_vlan' : `mod_vlan_vid:${to.vlan}`);
  actions.push(to.ofport === inPort ? 'in_port' : `output:${to.ofport}`);
  return { actions, tag: to.vlan };
}

/** The flow-condition matches as ovs-ofctl fields (one list per vtn-flow-match). */
function conditionMatches(condition: Json): string[][] {
  return arr(condition['vtn-flow-match']).map((raw) => {
    const m = rec(raw);
    const ether = rec(m['vtn-ether-match']);
    const inet = rec(m['vtn-inet-match']);
    const fields: string[] = [];
    const src = inet['source-network'];
    const dst = inet['destination-network'];
    const isV6 = String(src ?? dst ?? '').includes(':');
    const ethType = ether['ether-type'] !== undefined ? Number(ether['ether-type']) : Object.keys(inet).length > 0 ? (isV6 ? 0x86dd : 0x800) : undefined;
    if (ethType === 0x800) fields.push('ip');
    else if (ethType === 0x86dd) fields.push('ipv6');
    else if (ethType !== undefined) fields.push(`dl_type=0x${ethType.toString(16).padStart(4, '0')}`);
    if (src !== undefined) fields.push(`${isV6 ? 'ipv6_src' : 'nw_src'}=${String(src)}`);
    if (dst !== undefined) fields.push(`${isV6 ? 'ipv6_dst' : 'nw_dst'}=${String(dst)}`);
    if (inet.protocol !== undefined) fields.push(`nw_proto=${Number(inet.protocol)}`);
    return fields;
  });
}

/** Compiles the lab VTN snapshot to flow lines per live bridge. */
export function compileVtn(snapshot: unknown, layout: LiveLabLayout): CompiledFlows {
  const byBridge = emptyPerBridge(layout);
  const notes: string[] = [];
  const add = (bridge: LiveBridge, priority: number, match: readonly string[], actions: readonly string[]): void => {
    (byBridge.get(bridge.ovsName) as string[]).push(`cookie=${LAB_VTN_COOKIE},priority=${priority},${match.join(',')},actions=${actions.join(',') || 'drop'}`);
  };
  const state = rec(snapshot);
  const conditions = new Map(arr(rec(state['vtn-flow-conditions'])['vtn-flow-condition']).map((c) => [String(rec(c).name), rec(c)]));

  for (const tenant of arr(rec(state.vtns).vtn).map(rec)) {
    const nodes = [...arr(tenant.vbridge), ...arr(tenant.vterminal)].map(rec);
    const ifaces = new Map<string, Map<string, Iface>>();
    for (const node of nodes) {
      const byName = new Map<string, Iface>();
      for (const i of arr(node.vinterface).map(rec)) {
        const path = `${String(tenant.name)}/${String(node.name)}/${String(i.name)}`;
        const enabled = rec(i['vinterface-config']).enabled !== false;
        byName.set(String(i.name), { path, json: i, mapped: enabled ? mappingOf(i, layout, notes, path) : undefined });
      }
      ifaces.set(String(node.name), byName);
    }

    for (const node of nodes) {
      const members = [...(ifaces.get(String(node.name))?.values() ?? [])];
      const bridgeFilters = arr(rec(node['vbridge-input-filter'])['vtn-flow-filter']).map(rec);
      for (const iface of members) {
        const from = iface.mapped;
        if (from === undefined) continue; // an unmapped vInterface receives nothing
        const filters = [...arr(rec(iface.json['vinterface-input-filter'])['vtn-flow-filter']).map(rec), ...bridgeFilters];
        for (const filter of filters) {
          const condition = conditions.get(String(filter.condition));
          if (condition === undefined) {
            notes.push(`${iface.path}: filter ${String(filter.index)} names flow condition ${String(filter.condition)}, which does not exist; VTN ignores it`);
            continue;
          }
          const priority = Math.max(VTN_L2_PRIORITY + 1, VTN_FILTER_PRIORITY_TOP - Number(filter.index));
          const redirect = rec(filter['vtn-redirect-filter']);
          let actions: string[] | undefined;
          if (filter['vtn-drop-filter'] !== undefined) actions = [];
          else if (filter['vtn-redirect-filter'] !== undefined) {
            const dest = rec(redirect['redirect-destination']);
            const target = ifaces.get(String(dest['bridge-name'] ?? dest['terminal-name']))?.get(String(dest['interface-name']));
            const to = target?.mapped;
            if (to === undefined) actions = []; // "discarded if port mapping is not configured"
            else if (to.bridge.ovsName !== from.bridge.ovsName) {
              notes.push(`${iface.path}: filter ${String(filter.index)} redirects to ${target?.path ?? ''} on another switch; the live lab compiles same-switch redirects only`);
              continue;
            } else actions = deliver(from.vlan, to, from.ofport).actions;
          } else continue; // pass filter: on to L2
          for (const fields of conditionMatches(condition)) add(from.bridge, priority, [...ingress(from), ...fields], actions);
        }
        // vBridge L2 forwarding: flood to the other mapped interfaces of the vBridge on this switch.
        // Split horizon: what comes in from another switch or back from a PoP VNF (which hands
        // every frame back) is flooded to the edge only, as VTN floods a vBridge over a tree and
        // never back into the fabric; flooding it on would loop broadcasts between the switches.
        let tag = from.vlan;
        const flood: string[] = [];
        const inner = isInner(from);
        for (const other of members) {
          if (other === iface || other.mapped === undefined || other.mapped.bridge.ovsName !== from.bridge.ovsName) continue;
          if (inner && isInner(other.mapped)) continue;
          if (other.mapped.ofport === from.ofport && other.mapped.vlan === from.vlan) continue;
          const step = deliver(tag, other.mapped, from.ofport);
          flood.push(...step.actions);
          tag = step.tag;
        }
        if (flood.length > 0) add(from.bridge, VTN_L2_PRIORITY, ingress(from), flood);
      }
    }
  }
  return { byBridge, notes };
}
