import type { TopologyDto } from '../../../core/contract/dto';

/** One listed element. */
export interface PanelItem {
  readonly id: string;
  readonly primary: string;
  readonly secondary: string;
}

/** A section of the side panel. */
export interface PanelSection {
  readonly kind: 'bridge' | 'pop' | 'segment';
  readonly title: string;
  readonly items: readonly PanelItem[];
}

/** Bridges, PoPs and segments of a topology as the side panel lists them. */
export function sidePanelSections(topology: TopologyDto): PanelSection[] {
  const ports = new Map(topology.ports.map((p) => [p.id, p]));
  const bridges = new Map(topology.bridges.map((b) => [b.id, b]));
  const where = (portId: string): string => {
    const port = ports.get(portId);
    return port ? `${bridges.get(port.bridgeId)?.name ?? '?'} / ${port.name}` : 'unattached';
  };
  const portCount = (bridgeId: string): number => topology.ports.filter((p) => p.bridgeId === bridgeId).length;
  return [
    {
      kind: 'bridge',
      title: 'Bridges',
      items: topology.bridges.map((b) => ({ id: b.id, primary: b.name, secondary: `${b.controllerId} · ${portCount(b.id)} ports` })),
    },
    {
      kind: 'pop',
      title: 'PoPs',
      items: topology.pops.map((p) => ({ id: p.id, primary: p.name, secondary: where(p.portId) })),
    },
    {
      kind: 'segment',
      title: 'Segments',
      items: topology.segments.map((s) => ({
        id: s.id,
        primary: s.prefix,
        secondary: `${where(s.portId)}${s.prefix === '0.0.0.0/0' || s.prefix === '::/0' ? ' · uplink' : ''}`,
      })),
    },
  ];
}
