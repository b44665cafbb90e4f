import type { DiagnosticDto, PopDto, ServiceDto } from '../contract/dto';
import type { TopologyIndex } from '../model';
import { tryParsePrefix } from '../net';
import type { ParsedPrefix } from '../net';
import { didYouMean } from './did-you-mean';
import { diag } from './diagnostics';
import type { SegmentIndex, SegmentMatch } from './segment-index';
import type { Endpoint, PopVisit } from './walk';

/** A service's inputs resolved against the topology, ready to walk. */
export interface ResolvedService {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly forward: readonly PopVisit[];
  readonly reverse: readonly PopVisit[];
}

/** Resolution outcome: the resolved inputs when there is no error, and every finding. */
export interface Resolution {
  readonly resolved: ResolvedService | null;
  readonly diagnostics: readonly DiagnosticDto[];
}

type Parsed =
  | { readonly ok: true; readonly value: ParsedPrefix; readonly match: SegmentMatch | undefined }
  | { readonly ok: false; readonly message: string };

/**
 * Resolves a service's segments (null → the topology defaults; LPM over segments) and PoP
 * names (name or alias, case-insensitive), collecting every problem rather than the first.
 * Segment matches and PoP look-ups are cached by text, since many services share them.
 */
export class ServiceResolver {
  private readonly parsed = new Map<string, Parsed>();
  private readonly visits = new Map<string, PopVisit | PopDto | null>();
  private popKeys: readonly string[] | undefined;

  constructor(
    private readonly index: TopologyIndex,
    private readonly segments: SegmentIndex,
  ) {}

  /** Resolves one service. */
  resolve(service: ServiceDto): Resolution {
    const diagnostics: DiagnosticDto[] = [];
    const src = this.endpoint(service, 'inSegment', diagnostics);
    const dst = this.endpoint(service, 'outSegment', diagnostics);
    if (src && dst && src.parsed.family !== dst.parsed.family) {
      diagnostics.push(
        diag('error', 'FAMILY_MISMATCH', `service '${service.name}' goes from IPv${src.parsed.family} ${src.parsed.prefix} to IPv${dst.parsed.family} ${dst.parsed.prefix}; one flow condition cannot match both families`, {
          elementId: service.id,
          pointer: '/outSegment',
          hint: 'use segments of the same address family',
        }),
      );
    }
    const forward = this.chain(service, service.chain, '/chain', diagnostics);
    const reverse =
      service.reverseChain === null
        ? forward && [...forward].reverse()
        : this.chain(service, service.reverseChain, '/reverseChain', diagnostics);
    const ok = src && dst && forward && reverse && !diagnostics.some((d) => d.severity === 'error');
    return { resolved: ok ? { src, dst, forward, reverse } : null, diagnostics };
  }

  private endpoint(service: ServiceDto, field: 'inSegment' | 'outSegment', diagnostics: DiagnosticDto[]): Endpoint | undefined {
    const pointer = `/${field}`;
    const defaults = this.index.topology.defaults;
    const text = service[field] ?? (field === 'inSegment' ? defaults.sourceSegment : defaults.targetSegment);
    const role = field === 'inSegment' ? 'source' : 'target';
    if (text === null) {
      diagnostics.push(
        diag('error', 'MISSING_SEGMENT', `service '${service.name}' has no ${field} and the project has no default ${role} segment`, {
          elementId: service.id,
          pointer,
          hint: `set the service's ${field} or the project's default ${role} segment`,
        }),
      );
      return undefined;
    }
    let parsed = this.parsed.get(text);
    if (!parsed) {
      const p = tryParsePrefix(text);
      parsed = p.ok ? { ok: true, value: p.value, match: this.segments.match(p.value) } : p;
      this.parsed.set(text, parsed);
    }
    if (!parsed.ok) {
      diagnostics.push(diag('error', 'INVALID_PREFIX', `${field} of service '${service.name}': ${parsed.message}`, { elementId: service.id, pointer }));
      return undefined;
    }
    if (parsed.value.hostBitsSet) {
      diagnostics.push(
        diag('warning', 'HOST_BITS_SET', `${field} ${parsed.value.input} of service '${service.name}' has host bits set; using ${parsed.value.prefix}`, {
          elementId: service.id,
          pointer,
          hint: `write ${parsed.value.prefix}`,
        }),
      );
    }
    return { parsed: parsed.value, match: parsed.match, pointer };
  }

  private chain(service: ServiceDto, names: readonly string[], pointer: string, diagnostics: DiagnosticDto[]): PopVisit[] | undefined {
    if (names.length === 0) {
      diagnostics.push(
        diag('error', 'EMPTY_CHAIN', `service '${service.name}' has an empty ${pointer === '/chain' ? 'PoP chain' : 'reverse PoP chain'}: there is nothing to steer through`, {
          elementId: service.id,
          pointer,
          hint: 'list at least one PoP',
        }),
      );
      return undefined;
    }
    const visits: PopVisit[] = [];
    names.forEach((name, i) => {
      const found = this.visit(name);
      if (found !== null && 'port' in found) {
        visits.push(found);
        return;
      }
      const pop = found;
      if (!pop) {
        const suggestion = didYouMean(name, this.allPopKeys());
        diagnostics.push(
          diag('error', 'UNKNOWN_POP', `service '${service.name}' names PoP '${name}', which is no PoP name or alias of the project${suggestion !== undefined ? `; did you mean '${suggestion}'?` : ''}`, {
            elementId: service.id,
            pointer: `${pointer}/${i}`,
            hint: suggestion !== undefined ? `use '${suggestion}', or add '${name}' as an alias of a PoP` : `add a PoP named '${name}' or add it as an alias of a PoP`,
          }),
        );
        return;
      }
      diagnostics.push(
        diag('error', 'POP_PORT_MISSING', `PoP '${pop.name}' is attached to port '${pop.portId}', which does not exist`, {
          elementId: pop.id,
          pointer: `${pointer}/${i}`,
          hint: `attach PoP '${pop.name}' to an existing port`,
        }),
      );
    });
    return visits.length === names.length ? visits : undefined;
  }

  /** The PoP of a chain entry with its port; the bare PoP when its port is missing; null when unknown. */
  private visit(name: string): PopVisit | PopDto | null {
    let found = this.visits.get(name);
    if (found === undefined) {
      const pop = this.index.findPop(name);
      const port = pop && this.index.portById.get(pop.portId);
      found = port ? { pop: pop, port } : (pop ?? null);
      this.visits.set(name, found);
    }
    return found;
  }

  private allPopKeys(): readonly string[] {
    this.popKeys ??= this.index.topology.pops.flatMap((p) => [p.name, ...p.aliases]);
    return this.popKeys;
  }
}
