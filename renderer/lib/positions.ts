import type { PositionDto } from '../../core/contract/dto';

/**
 * Stored positions with `moved` applied: replaced where the id exists, appended otherwise. A
 * moved position without `pinned` keeps the stored flag, as the engine does.
 */
export function mergePositions(stored: readonly PositionDto[], moved: readonly PositionDto[]): PositionDto[] {
  const byId = new Map(moved.map((p) => [p.elementId, p]));
  const merged = stored.map((p) => {
    const next = byId.get(p.elementId);
    if (!next) return p;
    return next.pinned === undefined && p.pinned !== undefined ? { ...next, pinned: p.pinned } : next;
  });
  const known = new Set(stored.map((p) => p.elementId));
  return [...merged, ...moved.filter((p) => !known.has(p.elementId))];
}
