// The lab VTN side of bench/peer-demi-wicm.bench.ts: the layout both contenders push through,
// the operator set-up demi-wicm expects (it never creates VTN nodes itself), and the read-back
// of what each contender left on the stand-in.

/** Basic credentials of the lab VTN stand-in (its defaults). */
export const VTN_USER = 'admin';
export const VTN_PASSWORD = 'admin';
export const VTN_TENANT = 'vtn1';

/**
 * The VTN layout `wicm` provisions for its bundled sample WAN (customer site → PoP Athens on vbr1,
 * PoP Patras → Internet on vbr2, one inter-bridge link). The bench checks it against what our
 * own first push created, so a change to the sample WAN fails loudly instead of comparing
 * different networks.
 */
export const LAYOUT: Readonly<Record<string, readonly (readonly [iface: string, node: string, port: string])[]>> = {
  vbr1: [
    ['if_customer', 'openflow:1', '1'],
    ['if_athens', 'openflow:1', '3'],
    ['if_vbr1_vbr2', 'openflow:1', '4'],
  ],
  vbr2: [
    ['if_vbr2_vbr1', 'openflow:2', '4'],
    ['if_patras', 'openflow:2', '1'],
    ['if_internet', 'openflow:2', '3'],
  ],
};

/**
 * demi-wicm's `connectivity` table for the same layout: (segment, vBridge, vInterface, PoP name
 * as the flows name it). `0.0.0.0/0` rows are each vBridge's exit towards the other one
 * (demi-wicm's `get_exit`).
 */
export const CONNECTIVITY: readonly (readonly [string, string, string, string])[] = [
  ['192.168.10.0/24', 'vbr1', 'if_customer', ''],
  ['10.0.3.0/24', 'vbr1', 'if_athens', 'pop-athens'],
  ['0.0.0.0/0', 'vbr1', 'if_vbr1_vbr2', ''],
  ['0.0.0.0/0', 'vbr2', 'if_vbr2_vbr1', ''],
  ['10.0.4.0/24', 'vbr2', 'if_patras', 'pop-patras'],
  ['10.20.0.0/24', 'vbr2', 'if_internet', ''],
];

/** One flow of the workload, as a demi-wicm client sends it (orchestrator-clients.md §1). */
export function flowBody(id: string): Record<string, unknown> {
  return { instance_id: id, in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }, { port: 'pop-patras', order: 1 }] };
}

const auth = `Basic ${Buffer.from(`${VTN_USER}:${VTN_PASSWORD}`).toString('base64')}`;

async function rpc(base: string, name: string, input: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${base}/restconf/operations/${name}`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  if (res.status !== 200) throw new Error(`provisioning the lab VTN: ${name} answered ${res.status} ${(await res.text()).slice(0, 300)}`);
}

/** Creates the tenant, vBridges, vInterfaces and port maps of {@link LAYOUT}, as demi-wicm's operator does by hand. */
export async function provisionLayout(base: string): Promise<void> {
  await rpc(base, 'vtn:update-vtn', { 'tenant-name': VTN_TENANT, 'update-mode': 'UPDATE' });
  for (const [bridge, ifaces] of Object.entries(LAYOUT)) {
    await rpc(base, 'vtn-vbridge:update-vbridge', { 'tenant-name': VTN_TENANT, 'bridge-name': bridge, 'update-mode': 'UPDATE' });
    for (const [iface, node, port] of ifaces) {
      const path = { 'tenant-name': VTN_TENANT, 'bridge-name': bridge, 'interface-name': iface };
      await rpc(base, 'vtn-vinterface:update-vinterface', { ...path, 'update-mode': 'UPDATE' });
      await rpc(base, 'vtn-port-map:set-port-map', { ...path, node, 'port-id': port });
    }
  }
}

/** What a contender left on the stand-in. */
export interface VtnCounts {
  /** Flow filters in every list (interface, vBridge, tenant; input and output). */
  readonly filters: number;
  readonly conditions: number;
  /** `vbridge/vinterface` names, sorted. */
  readonly interfaces: readonly string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function countFilters(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((sum: number, item) => sum + countFilters(item), 0);
  if (!isRecord(node)) return 0;
  let sum = 0;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'vtn-flow-filter' && Array.isArray(value)) sum += value.length;
    else sum += countFilters(value);
  }
  return sum;
}

/** Reads the stand-in's state (`GET /__lab/state`) and counts filters, conditions and interfaces. */
export async function readCounts(base: string): Promise<VtnCounts> {
  const res = await fetch(`${base}/__lab/state`, { headers: { authorization: auth } });
  if (res.status !== 200) throw new Error(`reading the lab VTN state: ${res.status}`);
  const state = (await res.json()) as Record<string, unknown>;
  const vtns = isRecord(state.vtns) && Array.isArray(state.vtns.vtn) ? (state.vtns.vtn as unknown[]) : [];
  const interfaces: string[] = [];
  for (const tenant of vtns.filter(isRecord)) {
    for (const bridge of (Array.isArray(tenant.vbridge) ? tenant.vbridge : []).filter(isRecord)) {
      for (const iface of (Array.isArray(bridge.vinterface) ? bridge.vinterface : []).filter(isRecord)) interfaces.push(`${String(bridge.name)}/${String(iface.name)}`);
    }
  }
  const conditions = isRecord(state['vtn-flow-conditions']) ? state['vtn-flow-conditions']['vtn-flow-condition'] : undefined;
  return { filters: countFilters(state.vtns), conditions: Array.isArray(conditions) ? conditions.length : 0, interfaces: interfaces.sort() };
}

/** Throws when the interfaces our push created are not {@link LAYOUT}'s (the sample WAN changed). */
export function checkLayout(counts: VtnCounts): void {
  const expected = Object.entries(LAYOUT)
    .flatMap(([bridge, ifaces]) => ifaces.map(([iface]) => `${bridge}/${iface}`))
    .sort();
  if (JSON.stringify(expected) !== JSON.stringify(counts.interfaces)) {
    throw new Error(`our push of the sample WAN created the vInterfaces ${counts.interfaces.join(', ')}, not ${expected.join(', ')}: update LAYOUT and CONNECTIVITY in bench/peer-vtn.ts so demi-wicm gets the same network`);
  }
}
