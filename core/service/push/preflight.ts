import type { TopologyDto } from '../../contract/dto';
import type { PreflightFinding } from '../../drivers';
import { toVnodeName } from '../../model';

/** How the project calls a vInterface: its port, the PoP behind it, its bridge. */
function portText(topology: TopologyDto, bridgeName: string | undefined, iface: string | undefined): string {
  const bridge = topology.bridges.find((b) => (toVnodeName(b.controllerId) ?? b.controllerId) === bridgeName);
  // Provisioning names a tagged hop's vInterface `<port>_v<VLAN>`.
  const tagged = /^(.*)_v(\d+)$/.exec(iface ?? '');
  const ports = bridge === undefined ? [] : topology.ports.filter((p) => p.bridgeId === bridge.id);
  const port = ports.find((p) => (toVnodeName(p.name) ?? p.name) === iface) ?? ports.find((p) => tagged !== null && (toVnodeName(p.name) ?? p.name).slice(0, 25) === tagged[1]);
  const pop = port === undefined ? undefined : topology.pops.find((p) => p.portId === port.id);
  const where = `port "${port?.name ?? iface ?? '?'}"${tagged && port ? ` (VLAN ${tagged[2]})` : ''}${pop ? ` of PoP "${pop.name}"` : ''}`;
  return `${where} on bridge "${bridge?.name ?? bridgeName ?? '?'}"`;
}

/** `openflow:N`, `of:…` or a hex DPID as the ONOS device id (`of:` + 16 hex digits). */
function onosDeviceOf(datapathId: string): string | null {
  const decimal = /^openflow:(\d+)$/.exec(datapathId);
  if (decimal) return `of:${BigInt(decimal[1] as string).toString(16).padStart(16, '0')}`;
  const hex = /^(?:of:)?([0-9a-f]{1,16})$/i.exec(datapathId.replace(/:/g, '').replace(/^of/i, 'of:'));
  return hex ? `of:${(hex[1] as string).toLowerCase().padStart(16, '0')}` : null;
}

/**
 * The preflight findings of a push as sentences naming the project's bridges, ports and PoPs
 * (never object ids), each with what to do.
 */
export function preflightWarnings(findings: readonly PreflightFinding[], topology: TopologyDto, provision: boolean): string[] {
  const fix = provision ? 'create it on the controller' : 'tick "provision" (or create it on the controller)';
  return findings.map((f) => {
    switch (f.missing) {
      case 'vtn':
        return `The controller would refuse the push: VTN tenant "${f.tenant ?? ''}" does not exist; ${fix}.`;
      case 'vbridge': {
        const bridge = topology.bridges.find((b) => (toVnodeName(b.controllerId) ?? b.controllerId) === f.bridge);
        return `The controller would refuse the push: vBridge "${f.bridge ?? ''}"${bridge && bridge.name !== f.bridge ? ` (bridge "${bridge.name}")` : ''} does not exist in tenant "${f.tenant ?? ''}"; ${fix}.`;
      }
      case 'vinterface':
        return f.effect === 'refuse'
          ? `The controller would refuse the push: ${portText(topology, f.bridge, f.iface)} has no vInterface "${f.iface ?? ''}"; ${fix}.`
          : `Redirects would discard traffic: ${portText(topology, f.bridge, f.iface)} has no vInterface "${f.iface ?? ''}" to redirect to; ${fix}.`;
      case 'port-map':
        return `Redirects would discard traffic: ${portText(topology, f.bridge, f.iface)} is not port-mapped (VTN drops what it redirects to an unmapped vInterface); ${provision ? 'give its bridge a datapath id and the port its OpenFlow number' : 'tick "provision" or map it on the controller'}.`;
      case 'device': {
        const bridge = topology.bridges.find((b) => typeof b.datapathId === 'string' && onosDeviceOf(b.datapathId) === f.device?.toLowerCase());
        return `Redirects would not happen: ONOS has no device "${f.device ?? ''}"${bridge ? ` (bridge "${bridge.name}")` : ''}, so its flows would stay pending; connect that switch or fix the bridge's datapath id.`;
      }
    }
  });
}
