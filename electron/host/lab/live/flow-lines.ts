/**
 * What the lab controllers install on the live lab's bridges: `ovs-ofctl` flow lines per OVS
 * bridge, under a cookie of their own (never the 0x5743 cookies the OVS push driver owns), so
 * each recompile replaces exactly the previous one: `delete cookie=C/MASK` + the adds.
 */
import type { LiveBridge, LiveLabLayout } from '../../live-lab/layout';

/** Cookie of the flows the lab VTN compiles ("LV"). */
export const LAB_VTN_COOKIE = '0x4c56000000000000';
/** Cookie prefix of the flows the lab ONOS compiles ("LO" + the low 48 bits of the ONOS flow id). */
export const LAB_ONOS_COOKIE = '0x4c4f000000000000';
/** Mask that selects a lab cookie family by its top 16 bits. */
export const LAB_COOKIE_MASK = '0xffff000000000000';

/** The flows of one compile: OVS bridge name → `add` flow specs (without the `add`). */
export interface CompiledFlows {
  readonly byBridge: ReadonlyMap<string, readonly string[]>;
  /** Why parts of the controller state have no flows (shown by the lab, never silent). */
  readonly notes: readonly string[];
}

/** The live bridge of an OpenFlow node id (`openflow:N` or ONOS `of:<16 hex>`), by datapath id. */
export function bridgeOfNode(layout: LiveLabLayout, node: string): LiveBridge | undefined {
  const openflow = /^openflow:(\d{1,20})$/.exec(node);
  const ofHex = /^of:([0-9a-fA-F]{16})$/.exec(node);
  const dpid = openflow?.[1] ? BigInt(openflow[1]) : ofHex?.[1] ? BigInt(`0x${ofHex[1]}`) : undefined;
  if (dpid === undefined) return undefined;
  return layout.bridges.find((b) => BigInt(`0x${b.dpid}`) === dpid);
}

/** An empty flow list for every live bridge (so a recompile also clears bridges left without flows). */
export function emptyPerBridge(layout: LiveLabLayout): Map<string, string[]> {
  return new Map(layout.bridges.map((b) => [b.ovsName, []]));
}

/** The bundle that replaces one family of lab flows on a bridge. */
export function replaceBundle(cookieFamily: string, specs: readonly string[]): string[] {
  return [`delete cookie=${cookieFamily}/${LAB_COOKIE_MASK}`, ...specs.map((s) => `add ${s}`)];
}
