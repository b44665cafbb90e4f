/**
 * Packet traces through planned redirections over a topology, with dispositions, and what-if
 * failure analysis.
 */
import type { PlanDto, TopologyDto } from '../contract/dto';
import { Simulator } from './simulator';
import type { Packet, TraceResult } from './simulator';

export type { Disposition, TraceHop, TraceResult, Packet } from './simulator';
export { Simulator } from './simulator';
export type { WhatIfImpact } from './what-if';
export { whatIf } from './what-if';

/** Traces one packet (build a `Simulator` instead to trace many over the same plans). */
export function trace(
  topology: TopologyDto,
  plans: readonly PlanDto[],
  packet: Packet,
  options: { readonly down?: readonly string[] } = {},
): TraceResult {
  return new Simulator(topology, plans, options).trace(packet);
}
