import type { TopologyDto } from '../../../core/contract/dto';
import type { GraphKind } from '../../graph/elements';

/** One listed element. */
export interface PanelItem {
  readonly id: string;
  readonly primary: string;
  readonly secondary: string;
}

/** A section of the side panel. */
export interface PanelSection {
  readonly kind: GraphKind;
  readonly title: string;
  readonly items: readonly PanelItem[];
}

const isDefault = (prefix: string): boolean => prefix === '0.0.0.0/0' || prefix === '::/0';

/** Every element of a topology as the side panel lists them: bridges, ports, links, PoPs, NAPs, segments. */
export function sidePanelSections(topology: TopologyDto): PanelSection[] {
  const ports = new Map(topology.ports.map((p) => [p.id, p]));
  const bridges = new Map(topology.bridges.map((b) => [b.id, b]));
  const where = (portId: string): string => {
    const port = ports.get(portId);
    return port ? `${bridges.get(port.bridgeId)?.name ?? '?'} / ${port.name}` : 'unattached';
  };
  const portCount = new Map<string, number>();
  for (const p of topology.ports) portCount.set(p.bridgeId, (portCount.get(p.bridgeId) ?? 0) + 1);
  return [
    {
      kind: 'bridge',
      title: 'Bridges',
      items: topology.bridges.map((b) => ({ id: b.id, primary: b.name, secondary: `${b.controllerId} · ${portCount.get(b.id) ?? 0} ports` })),
    },
    {
      kind: 'port',
      title: 'Ports',
      items: topology.ports.map((p) => ({ id: p.id, primary: where(p.id), secondary: p.ofPort === null ? 'no OpenFlow port number' : `OpenFlow port ${p.ofPort}` })),
    },
    {
      kind: 'link',
      title: 'Links',
      items: topology.links.map((l) => ({ id: l.id, primary: `${where(l.aPortId)} — ${where(l.bPortId)}`, secondary: 'link between bridges' })),
    },
    {
      kind: 'pop',
      title: 'PoPs',
      items: topology.pops.map((p) => ({ id: p.id, primary: p.name, secondary: where(p.portId) })),
    },
    {
      kind: 'nap',
      title: 'NAPs',
      items: topology.naps.map((n) => ({ id: n.id, primary: n.name, secondary: `CE ${where(n.cePortId)} · PE ${where(n.pePortId)}` })),
    },
    {
      kind: 'segment',
      title: 'Segments',
      items: topology.segments.map((s) => ({
        id: s.id,
        primary: s.name && !isDefault(s.prefix) ? `${s.prefix} ${s.name}` : s.prefix,
        secondary: `${where(s.portId)}${isDefault(s.prefix) ? ' · uplink' : ''}`,
      })),
    },
  ];
}

/** The sections with only the items whose text contains every word of `filter` (case-insensitive). */
export function filterSections(sections: readonly PanelSection[], filter: string): PanelSection[] {
  const words = filter.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...sections];
  return sections.map((s) => ({ ...s, items: s.items.filter((i) => words.every((w) => `${s.title} ${i.primary} ${i.secondary}`.toLowerCase().includes(w))) }));
}
