import type { DiagnosticDto, TopologyDto } from '../../contract/dto';
import { prefixRelation } from '../../net';

const DEFAULT_ROUTES = new Set(['0.0.0.0/0', '::/0']);
const SHOWN = 5;

/**
 * Warnings for a segment as it is entered: the same prefix on another port (the planner cannot
 * tell them apart) or an overlapping one, each naming the other segment's port and bridge.
 * `exceptId` is the segment being edited.
 */
export function segmentClashes(t: TopologyDto, prefix: string, portId: string, pointer: string, exceptId?: string): DiagnosticDto[] {
  if (DEFAULT_ROUTES.has(prefix)) return [];
  const ports = new Map(t.ports.map((p) => [p.id, p]));
  const bridges = new Map(t.bridges.map((b) => [b.id, b.name]));
  const where = (id: string): string => {
    const port = ports.get(id);
    return port ? `port '${port.name}' of bridge '${bridges.get(port.bridgeId) ?? port.bridgeId}'` : `port '${id}'`;
  };
  const out: DiagnosticDto[] = [];
  let more = 0;
  for (const s of t.segments) {
    if (s.id === exceptId || DEFAULT_ROUTES.has(s.prefix) || (s.portId === portId && s.prefix === prefix)) continue;
    const relation = prefixRelation(prefix, s.prefix);
    if (relation === 'disjoint') continue;
    if (out.length >= SHOWN) {
      more += 1;
      continue;
    }
    const other = `${s.name ? `segment '${s.name}' ` : 'segment '}${s.prefix} on ${where(s.portId)}`;
    out.push(
      relation === 'same'
        ? { severity: 'warning', code: 'DUPLICATE_SEGMENT', message: `${prefix} is already ${other}.`, pointer, elementId: s.id, hint: 'The planner cannot tell two ports with the same segment apart: keep one of them.' }
        : { severity: 'warning', code: 'OVERLAPPING_SEGMENT', message: `${prefix} overlaps ${other}.`, pointer, elementId: s.id, hint: 'Longest-prefix match sends the shared addresses to the more specific segment; make them disjoint unless that is intended.' },
    );
  }
  if (more > 0) out.push({ severity: 'warning', code: 'OVERLAPPING_SEGMENT', message: `${prefix} also overlaps ${more} more segment(s).`, pointer });
  return out;
}
