import type { Direction, NapDto, PlanDto, PopDto, ServiceDto, TopologyDto } from '../../../core/contract/dto';

/** T-NOVA WICM's service states. */
export type TnovaStatus = 'ALLOCATED' | 'ACTIVE' | 'ERROR' | 'NOT AVAILABLE' | 'TERMINATING' | 'DELETED';

/** A T-NOVA transport: the VLAN a hop is reached on. */
export interface TnovaTransport {
  readonly type: 'vlan';
  readonly vlan_id: number | null;
}

/** What a NAP registration carried that the topology does not keep (client, CE/PE VLANs). */
export interface NapExtras {
  readonly client_mkt_id: string | null;
  readonly ce_transport: unknown;
  readonly pe_transport: unknown;
}

/** A service's T-NOVA status from its lifecycle state. */
export function tnovaStatus(service: ServiceDto, terminating: boolean): TnovaStatus {
  if (terminating) return 'TERMINATING';
  switch (service.state) {
    case 'planned':
      return 'ALLOCATED';
    case 'pushed':
    case 'drifted':
      return 'ACTIVE';
    case 'failed':
      return 'ERROR';
    case 'draft':
      return 'NOT AVAILABLE';
  }
}

/** The switch and OpenFlow port of a topology port, as T-NOVA names them. */
export function switchPort(t: TopologyDto, portId: string): { readonly switch: string | null; readonly port: number | null } {
  const port = t.ports.find((p) => p.id === portId);
  const bridge = port ? t.bridges.find((b) => b.id === port.bridgeId) : undefined;
  return { switch: bridge ? (bridge.datapathId ?? bridge.controllerId) : null, port: port?.ofPort ?? null };
}

/** A NAP in `GET /nap`'s shape. */
export function napView(t: TopologyDto, nap: NapDto, extras: NapExtras | undefined): Record<string, unknown> {
  const ce = switchPort(t, nap.cePortId);
  return {
    mkt_id: nap.name,
    client_mkt_id: extras?.client_mkt_id ?? null,
    switch: ce.switch,
    ce_port: ce.port,
    pe_port: switchPort(t, nap.pePortId).port,
    ce_transport: extras?.ce_transport ?? null,
    pe_transport: extras?.pe_transport ?? null,
  };
}

/** A PoP in `GET /nfvi`'s shape (`mkt_id` the name asked for: the PoP's name or an alias). */
export function nfviView(t: TopologyDto, pop: PopDto, mktId = pop.name): Record<string, unknown> {
  return { mkt_id: mktId, ...switchPort(t, pop.portId), aliases: pop.aliases };
}

/** The PoP a T-NOVA NFVI id names (its name or an alias, ignoring case). */
export function findPop(t: TopologyDto, name: string): PopDto | undefined {
  const key = name.toLowerCase();
  return t.pops.find((p) => p.name.toLowerCase() === key) ?? t.pops.find((p) => p.aliases.some((a) => a.toLowerCase() === key));
}

/** One hop of a direction with the VLAN the PoP is reached on. */
export interface VlanHop {
  readonly nfvi: string;
  readonly transport: TnovaTransport;
}

/**
 * The PoP visits of one direction with their VLANs: the rules that hand traffic to a PoP carry
 * its tag, in path order. `names` are the NFVI ids as the client wrote them; when the plan's
 * visits do not line up with them, the PoPs' own names are used.
 */
export function vlanHops(t: TopologyDto, plan: PlanDto | undefined, direction: Direction, names: readonly string[]): VlanHop[] {
  const path = plan ? (direction === 'forward' ? plan.forward : plan.reverse) : undefined;
  const visits = (path?.rules ?? []).filter((r) => r.vlan !== null);
  if (visits.length === 0 || visits.length !== names.length) {
    if (visits.length === 0) return names.map((nfvi) => ({ nfvi, transport: { type: 'vlan', vlan_id: null } }));
    return visits.map((r) => ({ nfvi: t.pops.find((p) => p.portId === r.outPortId)?.name ?? r.outPortId, transport: { type: 'vlan', vlan_id: r.vlan } }));
  }
  return visits.map((r, i) => ({ nfvi: names[i]!, transport: { type: 'vlan', vlan_id: r.vlan } }));
}

/** The NFVI ids of a service's return path as the client wrote them (`pe_ce`). */
export function returnNames(service: ServiceDto): readonly string[] {
  return service.reverseChain ?? [...service.chain].reverse();
}

/** `POST /vnf-connectivity`'s reply: hops keyed `nfvi_id`. */
export function allocatedView(t: TopologyDto, service: ServiceDto, plan: PlanDto | undefined): Record<string, unknown> {
  const hops = (direction: Direction, names: readonly string[]): unknown[] =>
    vlanHops(t, plan, direction, names).map((h) => ({ nfvi_id: h.nfvi, transport: h.transport }));
  return { allocated: { ns_instance_id: service.id, ce_pe: hops('forward', service.chain), pe_ce: hops('reverse', returnNames(service)) } };
}

/** A service in `GET /vnf-connectivity`'s shape: hops keyed `nfvi_mkt_id`, RFC 1123 times. */
export function connectivityView(
  t: TopologyDto,
  service: ServiceDto,
  plan: PlanDto | undefined,
  status: TnovaStatus,
  updated: Date | undefined,
): Record<string, unknown> {
  const hops = (direction: Direction, names: readonly string[]): unknown[] =>
    vlanHops(t, plan, direction, names).map((h) => ({ nfvi_mkt_id: h.nfvi, transport: h.transport }));
  const created = service.provenance ? new Date(service.provenance.importedAt) : undefined;
  return {
    ns_instance_id: service.id,
    client_mkt_id: stringAttribute(service, 'clientMktId'),
    status,
    nap_mkt_id: stringAttribute(service, 'napMktId'),
    ce_pe: hops('forward', service.chain),
    pe_ce: hops('reverse', returnNames(service)),
    created: created?.toUTCString() ?? null,
    updated: (updated ?? created)?.toUTCString() ?? null,
  };
}

/** A string attribute of a service, or null. */
export function stringAttribute(service: ServiceDto, key: string): string | null {
  const value = service.attributes[key];
  return typeof value === 'string' ? value : null;
}
