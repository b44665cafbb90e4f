import type { PositionDto } from '../../core/contract/dto';

/** Stored positions with `moved` applied: replaced where the id exists, appended otherwise. */
export function mergePositions(stored: readonly PositionDto[], moved: readonly PositionDto[]): PositionDto[] {
  const byId = new Map(moved.map((p) => [p.elementId, p]));
  const merged = stored.map((p) => byId.get(p.elementId) ?? p);
  const known = new Set(stored.map((p) => p.elementId));
  return [...merged, ...moved.filter((p) => !known.has(p.elementId))];
}
