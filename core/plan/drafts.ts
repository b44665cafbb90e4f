/**
 * The shapes between walking a service and allocating for it: the redirect rules a walked path
 * needs (one per pair of consecutive stops on the same bridge), its hops, and a plan that failed.
 */
import type { DiagnosticDto, HopDto, PlanDto } from '../contract/dto';
import type { Stop } from './walk';

/** A redirect rule before allocation: on the in-stop's bridge, from in-stop to out-stop. */
export interface Draft {
  readonly from: Stop;
  readonly to: Stop;
  /** Position of `from` / `to` in the direction's stops: tells visits of one port apart. */
  readonly fromAt: number;
  readonly toAt: number;
}

export function drafts(stops: readonly Stop[]): Draft[] {
  const out: Draft[] = [];
  for (let i = 0; i + 1 < stops.length; i++) {
    const from = stops[i]!;
    const to = stops[i + 1]!;
    if (from.port.bridgeId === to.port.bridgeId) out.push({ from, to, fromAt: i, toAt: i + 1 });
  }
  return out;
}

export function toHops(stops: readonly Stop[]): HopDto[] {
  return stops.map((s) => s.hop);
}

export function failedPlan(
  serviceId: string,
  diagnostics: readonly DiagnosticDto[],
  paths: readonly { src: string; dst: string; condition: string; hops: readonly HopDto[] }[],
): PlanDto {
  const [forward, reverse] = paths;
  return {
    serviceId,
    forward: { direction: 'forward', ...forward!, rules: [] },
    reverse: { direction: 'reverse', ...reverse!, rules: [] },
    diagnostics,
  };
}
