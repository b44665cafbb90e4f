import type { BridgeDto, DiagnosticDto, PlanDto, PopDto, PortDto, ServiceDto, TopologyDto } from '../../contract/dto';

/**
 * What the NSR writers share: PoP look-up by name or alias (case-insensitive, as the importers
 * match them), the VLAN tags a plan holds, and the "cannot carry" diagnostics that name the
 * service and the field.
 */
export class NsrContext {
  private readonly popByKey = new Map<string, PopDto>();
  private readonly planByService: ReadonlyMap<string, PlanDto>;
  private readonly portById: ReadonlyMap<string, PortDto>;
  private readonly bridgeById: ReadonlyMap<string, BridgeDto>;
  private portsByPrefix: Map<string, Set<string>> | undefined;

  constructor(
    readonly topology: TopologyDto,
    plans: readonly PlanDto[],
  ) {
    for (const pop of topology.pops) {
      for (const key of [pop.name, ...pop.aliases]) {
        const k = key.toLowerCase();
        if (!this.popByKey.has(k)) this.popByKey.set(k, pop);
      }
    }
    this.planByService = new Map(plans.map((p) => [p.serviceId, p]));
    this.portById = new Map(topology.ports.map((p) => [p.id, p]));
    this.bridgeById = new Map(topology.bridges.map((b) => [b.id, b]));
  }

  /** Ids of the ports a segment with exactly this prefix hangs off. */
  portsWithPrefix(prefix: string): ReadonlySet<string> {
    if (!this.portsByPrefix) {
      this.portsByPrefix = new Map();
      for (const s of this.topology.segments) {
        const set = this.portsByPrefix.get(s.prefix) ?? new Set<string>();
        set.add(s.portId);
        this.portsByPrefix.set(s.prefix, set);
      }
    }
    return this.portsByPrefix.get(prefix) ?? new Set();
  }

  /** The switch (datapath, else controller id) and OpenFlow port number of a port, when known. */
  switchPort(portId: string): { readonly switchId: string; readonly port: number } | undefined {
    const port = this.portById.get(portId);
    const bridge = port ? this.bridgeById.get(port.bridgeId) : undefined;
    if (!port || !bridge || port.ofPort === null) return undefined;
    return { switchId: bridge.datapathId ?? bridge.controllerId, port: port.ofPort };
  }

  /** The project PoP a chain entry names, if any. */
  pop(name: string): PopDto | undefined {
    return this.popByKey.get(name.toLowerCase());
  }

  /** Whether two chain entries denote the same PoP (same project PoP, else same name ignoring case). */
  samePop(a: string, b: string): boolean {
    const pa = this.pop(a);
    return pa !== undefined ? pa === this.pop(b) : a.toLowerCase() === b.toLowerCase();
  }

  /** VLAN tags the service's plan allocates, forward then reverse (empty when untagged or unplanned). */
  vlans(serviceId: string): { readonly forward: readonly number[]; readonly reverse: readonly number[] } {
    const plan = this.planByService.get(serviceId);
    const tags = (rules: PlanDto['forward']['rules'] | undefined): number[] => (rules ?? []).flatMap((r) => (r.vlan === null ? [] : [r.vlan]));
    return { forward: tags(plan?.forward.rules), reverse: tags(plan?.reverse.rules) };
  }
}

/** Collects the diagnostics of one service's export. */
export class Losses {
  readonly list: DiagnosticDto[] = [];

  constructor(
    private readonly service: ServiceDto,
    private readonly formatLabel: string,
  ) {}

  /** A field the format cannot carry: a warning naming the service and the field. */
  notCarried(field: string, what: string, hint?: string): void {
    this.list.push({
      severity: 'warning',
      code: 'NSR_FIELD_NOT_CARRIED',
      message: `Service "${this.service.name}": ${this.formatLabel} cannot carry ${field} (${what}); it is not in the exported document.`,
      elementId: this.service.id,
      ...(hint ? { hint } : {}),
    });
  }

  /** Any other finding about the service's export. */
  add(severity: DiagnosticDto['severity'], code: string, message: string, hint?: string): void {
    this.list.push({ severity, code, message: `Service "${this.service.name}": ${message}`, elementId: this.service.id, ...(hint ? { hint } : {}) });
  }
}

/** The return chain the service uses: its explicit one, else the forward chain reversed. */
export function effectiveReverse(service: ServiceDto): readonly string[] {
  return service.reverseChain ?? [...service.chain].reverse();
}

/** Whether the service has a return chain other than the mirror of its forward chain. */
export function hasSeparateReverse(service: ServiceDto): boolean {
  if (service.reverseChain === null) return false;
  const mirror = [...service.chain].reverse();
  return service.reverseChain.length !== mirror.length || service.reverseChain.some((p, i) => p.toLowerCase() !== mirror[i]?.toLowerCase());
}

/** Shared checks: separate return chain, segments, VLANs, consecutive repeats, name, as each format requires. */
export interface CarryProfile {
  readonly reverse: boolean;
  readonly segments: boolean;
  readonly name: boolean;
  /** Whether two consecutive hops in the same PoP stay two hops (else the importer merges them). */
  readonly repeats: boolean;
}

/** Reports every field of `service` the format's profile cannot carry. */
export function reportLosses(service: ServiceDto, ctx: NsrContext, carry: CarryProfile, losses: Losses): void {
  if (!carry.reverse && hasSeparateReverse(service)) {
    losses.notCarried('a separate return chain', `return via ${effectiveReverse(service).join(' → ')}`, 'The return traffic will mirror the forward chain.');
  }
  if (!carry.segments) {
    if (service.inSegment !== null) losses.notCarried('the ingress segment', service.inSegment, 'Set it on the receiving side (e.g. the WICM default source segment).');
    if (service.outSegment !== null) losses.notCarried('the egress segment', service.outSegment, 'Set it on the receiving side (e.g. the WICM default target segment).');
  }
  if (!carry.name && service.name !== service.id) losses.notCarried('the service name', `"${service.name}"`, `The id "${service.id}" is used as its name.`);
  const { forward, reverse } = ctx.vlans(service.id);
  if (forward.length + reverse.length > 0) {
    losses.notCarried('VLAN tags', `planned ${[...new Set([...forward, ...reverse])].join(', ')}`, 'VLANs are allocated again when the receiving WICM plans the service.');
  }
  if (!carry.repeats) {
    service.chain.forEach((pop, i) => {
      const before = service.chain[i - 1];
      if (before !== undefined && ctx.samePop(before, pop)) {
        losses.add('warning', 'NSR_REPEATED_POP', `PoP "${pop}" appears twice in a row in the chain; the importer merges the two visits into one hop.`);
      }
    });
  }
  for (const pop of new Set([...service.chain, ...effectiveReverse(service)])) {
    if (!ctx.pop(pop)) losses.add('warning', 'NSR_UNKNOWN_POP', `PoP "${pop}" is not a PoP or alias of the project; it is written as it stands.`);
  }
}

/** IPv6 when the prefix has a colon. */
export function isIpv6(prefix: string): boolean {
  return prefix.includes(':');
}

/** A deterministic UUID-shaped id from text (FNV-1a), for ids a format requires as UUIDs. */
export function uuidFrom(text: string): string {
  const parts: string[] = [];
  for (let seed = 0; parts.join('').length < 32; seed++) {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    parts.push(h.toString(16).padStart(8, '0'));
  }
  const hex = parts.join('').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
