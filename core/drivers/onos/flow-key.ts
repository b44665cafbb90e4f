import { asNumber, canonicalJson, list, record } from '../canonical';

/** A flow's identity in ONOS: device, table, priority and selector (the treatment is not part of it). */
export interface FlowIdentity {
  readonly deviceId: string;
  readonly tableId: number;
  readonly priority: number;
  readonly criteria: readonly unknown[];
}

function hex(value: unknown): string {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  return Number.isInteger(n) ? `0x${n.toString(16)}` : String(value).toLowerCase();
}

/** One criterion as text, in the form ONOS reads it back (`ETH_TYPE=0x800`, `IN_PORT=1`). */
export function criterionText(criterion: unknown): string {
  const { type, ...rest } = record(criterion);
  const name = String(type).toUpperCase();
  switch (name) {
    case 'IN_PORT':
    case 'IN_PHY_PORT':
      return `${name}=${asNumber(rest.port) ?? String(rest.port)}`;
    case 'ETH_TYPE':
      return `${name}=${hex(rest.ethType)}`;
    case 'VLAN_VID':
      return `${name}=${asNumber(rest.vlanId) ?? String(rest.vlanId)}`;
    case 'IPV4_SRC':
    case 'IPV4_DST':
    case 'IPV6_SRC':
    case 'IPV6_DST':
      return `${name}=${String(rest.ip).toLowerCase()}`;
    default:
      return `${name}=${canonicalJson(rest)}`;
  }
}

/** The object id of a flow: `flow:<device>/t<table>/p<priority>/<sorted criteria>`. */
export function flowObjectId(flow: FlowIdentity): string {
  const criteria = flow.criteria.map(criterionText).sort().join(',');
  return `flow:${flow.deviceId}/t${flow.tableId}/p${flow.priority}/${criteria}`;
}

/** One instruction in a comparable form (VLAN_PUSH with the default 0x8100 drops its type, ports as upper-case text). */
export function normaliseInstruction(instruction: unknown): unknown {
  const r = record(instruction);
  const type = String(r.type).toUpperCase();
  if (type === 'OUTPUT') return { type, port: String(r.port).toUpperCase() };
  if (type !== 'L2MODIFICATION') return { ...r, type };
  const subtype = String(r.subtype).toUpperCase();
  switch (subtype) {
    case 'VLAN_PUSH': {
      const ethernetType = r.ethernetType === undefined ? '0x8100' : hex(r.ethernetType);
      return ethernetType === '0x8100' ? { type, subtype } : { type, subtype, ethernetType };
    }
    case 'VLAN_ID':
      return { type, subtype, vlanId: asNumber(r.vlanId) ?? r.vlanId };
    default:
      return { ...r, type, subtype };
  }
}

/** Content of a flow: what the treatment does and how long the flow lives. */
export function flowContent(flow: unknown): unknown {
  const r = record(flow);
  return {
    isPermanent: r.isPermanent === true || r.isPermanent === 'true',
    timeout: asNumber(r.timeout) ?? 0,
    instructions: list(record(r.treatment).instructions).map(normaliseInstruction),
  };
}

/** A short text of a flow for reports: `of:…01 IN_PORT=1,… -> OUTPUT 3`. */
export function flowSummary(flow: FlowIdentity, content: unknown): string {
  const actions = list(record(content).instructions)
    .map((i) => {
      const r = record(i);
      return r.type === 'OUTPUT' ? `output ${String(r.port)}` : String(r.subtype ?? r.type).toLowerCase() + (r.vlanId !== undefined ? ` ${String(r.vlanId)}` : '');
    })
    .join(', ');
  const match = flow.criteria
    .map(criterionText)
    .filter((c) => !c.startsWith('ETH_TYPE='))
    .map((c) => c.replace(/^IN_PORT=/, 'in ').replace(/^VLAN_VID=/, 'vlan ').replace(/^IPV[46]_SRC=/, 'src ').replace(/^IPV[46]_DST=/, 'dst '))
    .join(' ');
  return `flow ${flow.deviceId} ${match} -> ${actions || 'drop'}`;
}
