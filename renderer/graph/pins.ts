import type { PositionDto, TopologyDto } from '../../core/contract/dto';
import type { GraphKind } from './elements';

/**
 * Pins: a node placed by hand is stored as pinned and auto-layout keeps it (placement.ts). These
 * pure helpers say what is pinned and build the positions that unpin it (same place, `pinned:
 * false`), so auto-layout may move it again. Unpinning goes through `layout.arrange`: one
 * undoable step.
 */

/** Ids of the elements whose stored position is pinned. */
export function pinnedIds(positions: readonly PositionDto[]): Set<string> {
  return new Set(positions.filter((p) => p.pinned).map((p) => p.elementId));
}

/**
 * The element ids an unpin of `targets` covers: a bridge takes its ports along (a dragged
 * bridge pins itself and every port it carried), anything else is itself.
 */
export function unpinScope(topology: TopologyDto, targets: readonly { readonly kind: GraphKind; readonly id: string }[]): Set<string> {
  const ids = new Set<string>();
  const bridges = new Set(targets.filter((t) => t.kind === 'bridge').map((t) => t.id));
  for (const t of targets) ids.add(t.id);
  if (bridges.size > 0) for (const p of topology.ports) if (bridges.has(p.bridgeId)) ids.add(p.id);
  return ids;
}

/** Positions that unpin the pinned ones among `ids` (all pinned ones when `ids` is null), where they are now. */
export function unpinPositions(positions: readonly PositionDto[], ids: ReadonlySet<string> | null): PositionDto[] {
  return positions.filter((p) => p.pinned && (ids === null || ids.has(p.elementId))).map((p) => ({ elementId: p.elementId, x: p.x, y: p.y, pinned: false }));
}
