import type { DiagnosticDto, Direction, HopDto, HopKind, PopDto, PortDto } from '../contract/dto';
import type { TopologyIndex } from '../model';
import type { ParsedPrefix } from '../net';
import { diag } from './diagnostics';
import type { LinkPaths } from './link-paths';
import type { SegmentMatch } from './segment-index';

/** What a stop does with the traffic on its bridge. */
export type StopRole =
  /** enters the bridge from the source segment */
  | 'ingress'
  /** leaves to the PoP and comes back in on the same port */
  | 'pop'
  /** leaves the bridge towards the WAN or a link */
  | 'out'
  /** enters the bridge from the WAN or a link */
  | 'in'
  /** leaves the bridge to the destination segment */
  | 'egress';

/** One port the path visits. Consecutive stops on one bridge make one redirect rule. */
export interface Stop {
  readonly port: PortDto;
  readonly role: StopRole;
  readonly kind: HopKind;
  readonly pop: PopDto | null;
  /** The stop as a plan hop; shared by every plan visiting it (plans are read-only data). */
  readonly hop: HopDto;
}

/** A PoP of a chain with its port. */
export interface PopVisit {
  readonly pop: PopDto;
  readonly port: PortDto;
}

/** One side of a direction: its prefix and the segment it falls in. */
export interface Endpoint {
  readonly parsed: ParsedPrefix;
  readonly match: SegmentMatch | undefined;
  /** JSON pointer into the service of the field it came from. */
  readonly pointer: string;
}

/** A direction's stops, or why there is none. */
export type WalkResult =
  | { readonly ok: true; readonly stops: readonly Stop[]; readonly notes: readonly DiagnosticDto[] }
  | { readonly ok: false; readonly error: DiagnosticDto; readonly notes: readonly DiagnosticDto[] };

class WalkError extends Error {
  constructor(readonly diagnostic: DiagnosticDto) {
    super(diagnostic.message);
  }
}

/**
 * Turns one direction (source, ordered PoPs, destination) into the ports the traffic visits.
 *
 * Same-bridge moves need nothing; a move to another bridge goes along the shortest path of
 * explicit links when there is one, else out of the bridge's uplink and in at the other
 * bridge's uplink (the WAN between uplinks forwards). Endpoints matching only a default route
 * enter / leave through the uplink of the first / last PoP's bridge. Two PoPs in a row on one
 * port merge into one visit; any other move that would send traffic back out of the port it
 * came in on is a SELF_REDIRECT error.
 */
export class Walker {
  /** Stops are immutable: one per (role, port) of PoPs, uplinks and links, built on first use. */
  private readonly stops: Record<StopRole, Map<PortDto | PopDto, Stop>> = {
    ingress: new Map(),
    pop: new Map(),
    out: new Map(),
    in: new Map(),
    egress: new Map(),
  };

  constructor(
    private readonly index: TopologyIndex,
    private readonly links: LinkPaths,
  ) {}

  /** The stop of a port in a role (a PoP stop is keyed by its PoP, a port may carry several). */
  private stop(role: StopRole, kind: HopKind, port: PortDto, pop: PopDto | null = null): Stop {
    const cache = this.stops[role];
    const key = pop ?? port;
    let stop = cache.get(key);
    // A port both an uplink and a link end is cached under its first kind; recheck the kind.
    if (!stop || stop.kind !== kind) {
      stop = { port, role, kind, pop, hop: { kind, bridgeId: port.bridgeId, portId: port.id, popId: pop?.id ?? null } };
      cache.set(key, stop);
    }
    return stop;
  }

  /** Stops of one direction; `pops` is non-empty. */
  walk(serviceName: string, direction: Direction, src: Endpoint, dst: Endpoint, pops: readonly PopVisit[]): WalkResult {
    const notes: DiagnosticDto[] = [];
    try {
      const family = src.parsed.family;
      const first = pops[0]!;
      const last = pops[pops.length - 1]!;
      const stops: Stop[] = [this.endpointStop(serviceName, direction, 'ingress', src, first, family, notes)];
      const targets: Stop[] = [];
      for (const v of pops) targets.push(this.stop('pop', 'pop', v.port, v.pop));
      targets.push(this.endpointStop(serviceName, direction, 'egress', dst, last, family, notes));
      for (const target of targets) {
        const here = stops[stops.length - 1]!;
        if (target.role === 'pop' && here.role === 'pop' && here.port.id === target.port.id) {
          notes.push(
            diag('info', 'POPS_MERGED', `${direction}: consecutive visits to PoP '${target.pop?.name}' and '${here.pop?.name}' share port '${here.port.name}' and are one visit`, {
              elementId: target.port.id,
            }),
          );
          continue;
        }
        if (here.port.bridgeId !== target.port.bridgeId) this.cross(serviceName, direction, stops, here.port.bridgeId, target.port.bridgeId, family);
        push(serviceName, direction, stops, target);
      }
      return { ok: true, stops, notes };
    } catch (e) {
      if (e instanceof WalkError) return { ok: false, error: e.diagnostic, notes };
      throw e;
    }
  }

  private endpointStop(
    serviceName: string,
    direction: Direction,
    role: 'ingress' | 'egress',
    end: Endpoint,
    pop: PopVisit,
    family: 4 | 6,
    notes: DiagnosticDto[],
  ): Stop {
    const m = end.match;
    if (m && !m.isDefault) {
      if (m.alsoOn.length > 0) {
        notes.push(
          diag('warning', 'AMBIGUOUS_SEGMENT', `${direction}: ${end.parsed.prefix} falls in segment ${m.segment.prefix}, which is declared on ${m.alsoOn.length + 1} ports; using port '${m.port.name}'`, {
            elementId: m.segment.id,
            pointer: end.pointer,
            hint: 'declare each segment on one port only',
          }),
        );
      }
      // Endpoint ports are mostly one per service: not worth caching.
      return { port: m.port, role, kind: role, pop: null, hop: { kind: role, bridgeId: m.port.bridgeId, portId: m.port.id, popId: null } };
    }
    const bridgeId = pop.port.bridgeId;
    const uplink = this.index.uplinkOf(bridgeId, family);
    const bridge = this.bridgeName(bridgeId);
    const side = role === 'ingress' ? 'first' : 'last';
    if (!uplink) {
      throw new WalkError(
        diag('error', 'UNREACHABLE_SEGMENT', `${direction}: ${end.parsed.prefix} ${m ? 'matches only the default route' : 'matches no segment'} and bridge '${bridge}' of the ${side} PoP '${pop.pop.name}' has no uplink to reach it through`, {
          elementId: bridgeId,
          pointer: end.pointer,
          hint: `add a segment for ${end.parsed.prefix} on a port, or give bridge '${bridge}' an uplink (a port with a 0.0.0.0/0 or ::/0 segment)`,
        }),
      );
    }
    if (!m) {
      notes.push(
        diag('warning', 'NO_MATCHING_SEGMENT', `${direction}: ${end.parsed.prefix} matches no segment; assuming it is reached through the uplink '${uplink.name}' of bridge '${bridge}'`, {
          elementId: uplink.id,
          pointer: end.pointer,
          hint: `add a segment containing ${end.parsed.prefix}`,
        }),
      );
    }
    return this.stop(role, role, uplink);
  }

  private cross(serviceName: string, direction: Direction, stops: Stop[], from: string, to: string, family: 4 | 6): void {
    const path = this.links.between(from, to);
    if (path) {
      for (const step of path) {
        push(serviceName, direction, stops, this.stop('out', 'transit', this.port(step.fromPortId)));
        stops.push(this.stop('in', 'transit', this.port(step.toPortId)));
      }
      return;
    }
    const out = this.uplink(from, to, family, direction);
    const into = this.uplink(to, from, family, direction);
    push(serviceName, direction, stops, this.stop('out', 'uplink', out));
    stops.push(this.stop('in', 'uplink', into));
  }

  private uplink(bridgeId: string, other: string, family: 4 | 6, direction: Direction): PortDto {
    const up = this.index.uplinkOf(bridgeId, family);
    if (up) return up;
    const name = this.bridgeName(bridgeId);
    throw new WalkError(
      diag('error', 'MISSING_UPLINK', `${direction}: the path crosses between bridges '${name}' and '${this.bridgeName(other)}', which no links join, and '${name}' has no uplink`, {
        elementId: bridgeId,
        hint: `give bridge '${name}' an uplink (a port with a ${family === 4 ? '0.0.0.0/0' : '::/0'} segment) or link it to the other bridges`,
      }),
    );
  }

  private port(id: string): PortDto {
    const port = this.index.portById.get(id);
    if (!port) throw new Error(`link port ${id} vanished from the index`);
    return port;
  }

  private bridgeName(id: string): string {
    return this.index.bridgeById.get(id)?.name ?? id;
  }
}

/** Appends a stop, refusing one that would send traffic back out of the port it came in on. */
function push(serviceName: string, direction: Direction, stops: Stop[], next: Stop): void {
  const here = stops[stops.length - 1]!;
  if (here.port.id === next.port.id) {
    throw new WalkError(
      diag('error', 'SELF_REDIRECT', `${direction}: traffic of service '${serviceName}' would be redirected back out of port '${next.port.name}' it came in on (${describe(here)} then ${describe(next)}); VTN rejects self redirection`, {
        elementId: next.port.id,
        hint: 'attach the PoP, segment or uplink to separate ports',
      }),
    );
  }
  stops.push(next);
}

function describe(stop: Stop): string {
  switch (stop.role) {
    case 'ingress':
      return 'arriving from the source segment';
    case 'egress':
      return 'leaving to the destination segment';
    case 'pop':
      return `visiting PoP '${stop.pop?.name}'`;
    case 'out':
      return stop.kind === 'uplink' ? 'leaving through the uplink' : 'leaving over a link';
    case 'in':
      return stop.kind === 'uplink' ? 'arriving from the uplink' : 'arriving over a link';
  }
}
