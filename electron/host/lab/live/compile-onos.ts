/**
 * The lab ONOS's flow rules as OpenFlow on the live lab: each rule goes to the bridge whose
 * datapath id is its deviceId (as ONOS's OpenFlow provider does), with its priority and table.
 * Pure: ONOS's flow JSON (the lab snapshot) and the live layout in, flow lines out.
 */
import type { LiveLabLayout } from '../../live-lab/layout';
import { bridgeOfNode, emptyPerBridge, LAB_ONOS_COOKIE, type CompiledFlows } from './flow-lines';

type Json = Readonly<Record<string, unknown>>;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

function criterionField(c: Json): string | undefined {
  switch (String(c.type)) {
    case 'IN_PORT':
      return `in_port=${Number(c.port)}`;
    case 'VLAN_VID':
      return `dl_vlan=${Number(c.vlanId)}`;
    case 'ETH_TYPE': {
      const n = Number(c.ethType);
      return n === 0x800 ? 'ip' : n === 0x86dd ? 'ipv6' : `dl_type=0x${n.toString(16).padStart(4, '0')}`;
    }
    case 'IPV4_SRC':
      return `nw_src=${String(c.ip)}`;
    case 'IPV4_DST':
      return `nw_dst=${String(c.ip)}`;
    case 'IPV6_SRC':
      return `ipv6_src=${String(c.ip)}`;
    case 'IPV6_DST':
      return `ipv6_dst=${String(c.ip)}`;
    case 'IP_PROTO':
      return `nw_proto=${Number(c.protocol)}`;
    default:
      return undefined;
  }
}

function instructionAction(i: Json): string | undefined {
  const type = String(i.type);
  if (type === 'OUTPUT') {
    const port = String(i.port).toUpperCase();
    return port === 'IN_PORT' ? 'in_port' : /^\d+$/.test(port) ? `output:${port}` : undefined;
  }
  if (type !== 'L2MODIFICATION') return undefined;
  switch (String(i.subtype)) {
    case 'VLAN_PUSH':
      return 'push_vlan:0x8100';
    case 'VLAN_ID':
      return `set_field:${4096 + Number(i.vlanId)}->vlan_vid`;
    case 'VLAN_POP':
      return 'pop_vlan';
    default:
      return undefined;
  }
}

/** The cookie of an ONOS flow: "LO" + the low 48 bits of its flow id. */
export function onosFlowCookie(flowId: unknown): string {
  let id: bigint;
  try {
    id = BigInt(String(flowId));
  } catch {
    id = 0n;
  }
  return `0x${(BigInt(LAB_ONOS_COOKIE) | (BigInt.asUintN(64, id) & ((1n << 48n) - 1n))).toString(16).padStart(16, '0')}`;
}

/** Compiles the lab ONOS snapshot (`{ flows: [...] }`) to flow lines per live bridge. */
export function compileOnos(snapshot: unknown, layout: LiveLabLayout): CompiledFlows {
  const byBridge = emptyPerBridge(layout);
  const notes: string[] = [];
  for (const flow of arr(rec(snapshot).flows).map(rec)) {
    const deviceId = String(flow.deviceId);
    const bridge = bridgeOfNode(layout, deviceId);
    if (bridge === undefined) {
      notes.push(`flow ${String(flow.id)}: device ${deviceId} is no bridge of the live lab`);
      continue;
    }
    const criteria = arr(rec(flow.selector).criteria).map(rec);
    const fields = criteria.map(criterionField);
    const actions = arr(rec(flow.treatment).instructions).map((i) => instructionAction(rec(i)));
    if (fields.includes(undefined) || actions.includes(undefined)) {
      notes.push(`flow ${String(flow.id)} on ${deviceId}: a criterion or instruction the live lab does not compile; not installed`);
      continue;
    }
    // OpenFlow needs the EtherType before L3 fields: order ETH_TYPE first.
    const ordered = [...(fields as string[])].sort((a, b) => rank(a) - rank(b));
    const head = [`cookie=${onosFlowCookie(flow.id)}`, `table=${Number(flow.tableId ?? 0)}`, `priority=${Number(flow.priority)}`, ...ordered].join(',');
    (byBridge.get(bridge.ovsName) as string[]).push(`${head},actions=${(actions as string[]).join(',') || 'drop'}`);
  }
  return { byBridge, notes };
}

function rank(field: string): number {
  if (field.startsWith('in_port')) return 0;
  if (field.startsWith('dl_vlan')) return 1;
  if (field === 'ip' || field === 'ipv6' || field.startsWith('dl_type')) return 2;
  return 3;
}
