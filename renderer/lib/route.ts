import type { TopologyDefaultsDto } from '../../core/contract/dto';

/** What a service route needs: its ends (null = the project default) and its PoP chain. */
interface RouteParts {
  readonly inSegment: string | null;
  readonly outSegment: string | null;
  readonly chain: readonly string[];
}

/**
 * A service's route in one line, ingress → PoPs → egress, spelling out the project default a
 * service without its own segment uses ("192.168.10.0/24 (default) → pop-athens → …").
 */
export function serviceRoute(service: RouteParts, defaults: TopologyDefaultsDto | null | undefined): string {
  const end = (own: string | null, fallback: string | null | undefined): string => own ?? (fallback ? `${fallback} (default)` : 'default (not set)');
  return [end(service.inSegment, defaults?.sourceSegment), ...service.chain, end(service.outSegment, defaults?.targetSegment)].join(' → ');
}
