import type { TopologyDto } from '../contract/dto';

/** Names of a side's bridges and ports, for showing references by name instead of id. */
export class SideNames {
  private readonly bridges = new Map<string, string>();
  private readonly ports = new Map<string, string>();

  constructor(topology: TopologyDto) {
    for (const b of topology.bridges) this.bridges.set(b.id, b.name);
    for (const p of topology.ports) this.ports.set(p.id, `${this.bridge(p.bridgeId)}/${p.name}`);
  }

  /** A bridge's name (`?id` when the id names no bridge). */
  bridge(id: string): string {
    return this.bridges.get(id) ?? `?${id}`;
  }

  /** A port as `bridge/port` (`?id` when the id names no port). */
  port(id: string): string {
    return this.ports.get(id) ?? `?${id}`;
  }
}
