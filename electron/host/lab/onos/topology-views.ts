import type { LabDevice, LabHost, LabLink, LabTopology } from '../seed-topology';

type Json = Readonly<Record<string, unknown>>;

/** When the lab "connected" the devices (a fixed instant keeps responses deterministic). */
const CONNECTED_AT = 1_700_000_000_000;

/** A device as `GET /onos/v1/devices` shows it (seed fields override the defaults). */
export function encodeDevice(device: LabDevice): Json {
  return {
    id: device.id,
    type: 'SWITCH',
    available: true,
    role: 'MASTER',
    mfr: 'Nicira, Inc.',
    hw: 'Open vSwitch',
    sw: '2.17.9',
    serial: 'None',
    driver: 'ovs',
    chassisId: device.dpid.toString(16),
    lastUpdate: String(CONNECTED_AT),
    humanReadableLastUpdate: 'connected 1h ago',
    annotations: { channelId: `127.0.0.1:${40000 + Number(device.dpid % 20000n)}`, managementAddress: '127.0.0.1', protocol: 'OF_13' },
    ...device.extra,
  };
}

function portMac(device: LabDevice, port: number): string {
  const bytes = [0x02, Number(device.dpid & 0xffn), (port >> 24) & 0xff, (port >> 16) & 0xff, (port >> 8) & 0xff, port & 0xff];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** `GET /onos/v1/devices/{id}/ports`: the device plus its ports. */
export function encodeDevicePorts(device: LabDevice): Json {
  return {
    ...encodeDevice(device),
    ports: device.ports.map((p) => ({
      element: device.id,
      port: String(p.number),
      isEnabled: p.enabled,
      type: p.type,
      portSpeed: p.speed,
      annotations: { adminState: p.enabled ? 'enabled' : 'disabled', portMac: portMac(device, p.number), portName: p.name },
    })),
  };
}

/** A link as `GET /onos/v1/links` shows it. */
export function encodeLink(link: LabLink): Json {
  return { src: { port: link.src.port, device: link.src.device }, dst: { port: link.dst.port, device: link.dst.device }, type: link.type, state: link.state };
}

/** The id ONOS gives a host: `<MAC>/<VLAN>`. */
export function hostId(host: LabHost): string {
  return `${host.mac}/${host.vlan}`;
}

/** A host as `GET /onos/v1/hosts` shows it (ONOS 2.x shape). */
export function encodeHost(host: LabHost): Json {
  return {
    id: hostId(host),
    mac: host.mac,
    vlan: host.vlan,
    innerVlan: 'None',
    outerTpid: 'unknown',
    configured: false,
    suspended: false,
    ipAddresses: host.ipAddresses,
    locations: host.locations.map((l) => ({ elementId: l.elementId, port: l.port })),
  };
}

/** `GET /onos/v1/links?device=&port=&direction=ALL|INGRESS|EGRESS`. */
export function filterLinks(topology: LabTopology, query: URLSearchParams): readonly LabLink[] {
  const device = query.get('device');
  const port = query.get('port');
  const direction = (query.get('direction') ?? 'ALL').toUpperCase();
  if (device === null) return topology.links;
  const at = (point: LabLink['src']): boolean => point.device === device && (port === null || point.port === port);
  return topology.links.filter((l) => (direction === 'INGRESS' ? at(l.dst) : direction === 'EGRESS' ? at(l.src) : at(l.src) || at(l.dst)));
}
