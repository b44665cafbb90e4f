/**
 * The physical network a lab controller pretends to manage.
 *
 * Seed format (ONOS-like; every field but ids optional):
 * ```
 * { "devices": [{ "id": "of:0000000000000001" | "openflow:1",
 *                 "ports": [{ "port": "1" | 1, "name": "s1-eth1", "isEnabled": true, "portSpeed": 10000 }],
 *                 …other ONOS device fields override the defaults… }],
 *   "links":   [{ "src": { "device": "of:…1", "port": "3" }, "dst": { "device": "of:…2", "port": "2" } }],
 *   "hosts":   [{ "mac": "00:00:00:00:00:01", "vlan": "None", "ipAddresses": ["10.0.0.1"],
 *                 "locations": [{ "elementId": "of:…1", "port": "1" }] }] }
 * ```
 * A link given in one direction is served in both. ONOS port objects (`annotations.portName`)
 * are accepted as well.
 */

/** One switch port. */
export interface LabPort {
  readonly number: number;
  readonly name: string;
  readonly enabled: boolean;
  readonly speed: number;
  readonly type: string;
}

/** One switch. */
export interface LabDevice {
  /** ONOS id, `of:` + 16 hex digits. */
  readonly id: string;
  readonly dpid: bigint;
  /** Extra ONOS device fields given in the seed (override the defaults). */
  readonly extra: Readonly<Record<string, unknown>>;
  readonly ports: readonly LabPort[];
}

/** One connect point. */
export interface LabConnectPoint {
  readonly device: string;
  readonly port: string;
}

/** One unidirectional link. */
export interface LabLink {
  readonly src: LabConnectPoint;
  readonly dst: LabConnectPoint;
  readonly type: string;
  readonly state: string;
}

/** One end host. */
export interface LabHost {
  readonly mac: string;
  readonly vlan: string;
  readonly ipAddresses: readonly string[];
  readonly locations: readonly { readonly elementId: string; readonly port: string }[];
}

/** A parsed seed topology. */
export interface LabTopology {
  readonly devices: readonly LabDevice[];
  readonly links: readonly LabLink[];
  readonly hosts: readonly LabHost[];
}

/**
 * The topology used when none is given: two switches joined by one link, an ingress site and an
 * egress site, and one PoP behind each switch (the running example of the controller notes).
 */
export const DEFAULT_LAB_TOPOLOGY = {
  devices: [
    { id: 'of:0000000000000001', ports: [1, 2, 3, 4].map((port) => ({ port, name: `s1-eth${port}` })) },
    { id: 'of:0000000000000002', ports: [1, 2, 3, 4].map((port) => ({ port, name: `s2-eth${port}` })) },
  ],
  links: [{ src: { device: 'of:0000000000000001', port: '4' }, dst: { device: 'of:0000000000000002', port: '1' } }],
  hosts: [
    { mac: '00:00:00:00:00:01', ipAddresses: ['192.168.10.1'], locations: [{ elementId: 'of:0000000000000001', port: '1' }] },
    { mac: '00:00:00:00:00:02', ipAddresses: ['10.20.0.1'], locations: [{ elementId: 'of:0000000000000002', port: '2' }] },
    { mac: '00:00:00:00:00:03', ipAddresses: ['10.0.3.1'], locations: [{ elementId: 'of:0000000000000001', port: '3' }] },
    { mac: '00:00:00:00:00:04', ipAddresses: ['10.0.4.1'], locations: [{ elementId: 'of:0000000000000002', port: '3' }] },
  ],
} as const;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown, where: string): readonly unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${where}: must be an array`);
  return value;
}

/** `of:000…1` or `openflow:1` → `of:` + 16 lower-case hex digits. */
function deviceId(value: unknown, where: string): { id: string; dpid: bigint } {
  const text = typeof value === 'string' ? value : '';
  const of = /^of:([0-9a-fA-F]{1,16})$/.exec(text);
  const openflow = /^openflow:(\d{1,20})$/.exec(text);
  const dpid = of?.[1] !== undefined ? BigInt(`0x${of[1]}`) : openflow?.[1] !== undefined ? BigInt(openflow[1]) : undefined;
  if (dpid === undefined || dpid >= 1n << 64n) throw new Error(`${where}: must be "of:<16 hex digits>" or "openflow:<decimal dpid>", got ${JSON.stringify(value)}`);
  return { id: `of:${dpid.toString(16).padStart(16, '0')}`, dpid };
}

function portNumber(value: unknown, where: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`${where}: must be a port number, got ${JSON.stringify(value)}`);
  return n;
}

function parsePort(value: unknown, where: string, switchIndex: number): LabPort {
  const raw = isRecord(value) ? value : { port: value };
  const number = portNumber(raw.port, `${where}.port`);
  const annotations = isRecord(raw.annotations) ? raw.annotations : {};
  const name = typeof raw.name === 'string' ? raw.name : typeof annotations.portName === 'string' ? annotations.portName : `s${switchIndex}-eth${number}`;
  return {
    number,
    name,
    enabled: typeof raw.isEnabled === 'boolean' ? raw.isEnabled : true,
    speed: typeof raw.portSpeed === 'number' ? raw.portSpeed : 10000,
    type: typeof raw.type === 'string' ? raw.type : 'copper',
  };
}

function parseDevice(value: unknown, where: string, index: number): LabDevice {
  if (!isRecord(value)) throw new Error(`${where}: must be an object with an "id"`);
  const { id, dpid } = deviceId(value.id, `${where}.id`);
  const ports = list(value.ports, `${where}.ports`).map((p, i) => parsePort(p, `${where}.ports[${i}]`, index + 1));
  const extra = Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'id' && key !== 'ports'));
  return { id, dpid, extra, ports };
}

function connectPoint(value: unknown, where: string): LabConnectPoint {
  if (!isRecord(value)) throw new Error(`${where}: must be {"device","port"}`);
  return { device: deviceId(value.device ?? value.elementId, `${where}.device`).id, port: String(portNumber(value.port, `${where}.port`)) };
}

function parseLink(value: unknown, where: string): LabLink {
  if (!isRecord(value)) throw new Error(`${where}: must be {"src","dst"}`);
  return {
    src: connectPoint(value.src, `${where}.src`),
    dst: connectPoint(value.dst, `${where}.dst`),
    type: typeof value.type === 'string' ? value.type : 'DIRECT',
    state: typeof value.state === 'string' ? value.state : 'ACTIVE',
  };
}

function parseHost(value: unknown, where: string): LabHost {
  if (!isRecord(value) || typeof value.mac !== 'string' || !/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/.test(value.mac)) {
    throw new Error(`${where}.mac: must be a MAC address "xx:xx:xx:xx:xx:xx"`);
  }
  const ips = list(value.ipAddresses, `${where}.ipAddresses`).map((ip, i) => {
    if (typeof ip !== 'string') throw new Error(`${where}.ipAddresses[${i}]: must be a string`);
    return ip;
  });
  // ONOS 1.x served one `location`, 2.x a `locations` list.
  const rawLocations = value.locations !== undefined ? list(value.locations, `${where}.locations`) : value.location !== undefined ? [value.location] : [];
  const locations = rawLocations.map((l, i) => {
    const point = connectPoint(l, `${where}.locations[${i}]`);
    return { elementId: point.device, port: point.port };
  });
  return { mac: value.mac.toUpperCase(), vlan: typeof value.vlan === 'string' ? value.vlan : 'None', ipAddresses: ips, locations };
}

function sameLink(a: LabLink, b: LabLink): boolean {
  return a.src.device === b.src.device && a.src.port === b.src.port && a.dst.device === b.dst.device && a.dst.port === b.dst.port;
}

/** Adds the missing reverse of every link: the real controllers report links per direction. */
function bothDirections(links: readonly LabLink[]): readonly LabLink[] {
  const out: LabLink[] = [];
  for (const link of links) {
    const reverse = { ...link, src: link.dst, dst: link.src };
    for (const candidate of [link, reverse]) if (!out.some((l) => sameLink(l, candidate))) out.push(candidate);
  }
  return out;
}

/** Validates a seed topology; throws an Error naming the offending element. */
export function parseSeedTopology(seed: unknown): LabTopology {
  if (!isRecord(seed)) throw new Error('seedTopology: must be an object {devices, links?, hosts?}');
  const devices = list(seed.devices, 'seedTopology.devices').map((d, i) => parseDevice(d, `seedTopology.devices[${i}]`, i));
  const duplicate = devices.find((d, i) => devices.findIndex((o) => o.id === d.id) !== i);
  if (duplicate !== undefined) throw new Error(`seedTopology.devices: ${duplicate.id} appears twice`);
  return {
    devices,
    links: bothDirections(list(seed.links, 'seedTopology.links').map((l, i) => parseLink(l, `seedTopology.links[${i}]`))),
    hosts: list(seed.hosts, 'seedTopology.hosts').map((h, i) => parseHost(h, `seedTopology.hosts[${i}]`)),
  };
}

/** The OpenDaylight inventory id of a device (`openflow:<decimal dpid>`). */
export function openflowNodeId(device: LabDevice): string {
  return `openflow:${device.dpid.toString(10)}`;
}
