import type { ElementDiffDto, ProjectDiffDto } from '../../core/contract/api';
import type { DiffMark } from '../graph/overlay';

/** Element kinds the graph draws (VLAN pools and defaults are listed, not drawn). */
const DRAWN = new Set<ElementDiffDto['kind']>(['bridge', 'port', 'link', 'segment', 'pop', 'nap']);

/**
 * The graph marks of a comparison whose side B is the open project: model id → added or
 * changed; a removed element is drawn only if its id is in the project (`exists`).
 */
export function diffMarksOf(diff: ProjectDiffDto | null, exists: (id: string) => boolean): Map<string, DiffMark> {
  const marks = new Map<string, DiffMark>();
  for (const e of diff?.topology ?? []) {
    if (!DRAWN.has(e.kind)) continue;
    if (e.change === 'removed') {
      if (e.aId !== null && exists(e.aId)) marks.set(e.aId, 'removed');
    } else if (e.bId !== null) marks.set(e.bId, e.change);
  }
  return marks;
}

/** What the graph cannot show: elements only in the compared file, and undrawn kinds. */
export function unmarked(diff: ProjectDiffDto | null, marks: ReadonlyMap<string, DiffMark>): ElementDiffDto[] {
  return (diff?.topology ?? []).filter((e) => !marks.has((e.change === 'removed' ? e.aId : e.bId) ?? ''));
}
