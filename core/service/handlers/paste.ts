import type { ElementKindDto, PasteResultDto } from '../../contract/api';
import type { DiagnosticDto, PositionDto, TopologyDto } from '../../contract/dto';
import type { ProjectDb } from '../../store/project-db';
import { CoreError } from '../../util/core-error';
import { segmentClashes } from './segment-clashes';

/** What a paste copied: each new element with the id of the one it copies. */
export type Pasted = PasteResultDto['pasted'];

/** `name-copy`, then `name-copy-2`, `name-copy-3`… : the first that `taken` does not hold (added to it). */
export function copyName(name: string, taken: Set<string>): string {
  const base = name.replace(/-copy(-\d+)?$/, '');
  let candidate = `${base}-copy`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-copy-${n}`;
  taken.add(candidate);
  return candidate;
}

/**
 * Copies elements inside one transaction: a bridge with its ports, a port alone onto its own
 * bridge, a PoP / NAP / segment onto the copy of its port when that port was copied too, and
 * every link whose two ends were copied. Names get `-copy` (unique); a copied bridge has no
 * datapath id (a copy is another switch). `positions` say where the copy of each element goes
 * (keyed by the original's id). Returns what was created and the edit-time warnings.
 */
export function pasteCopies(db: ProjectDb, t: TopologyDto, items: readonly { readonly kind: ElementKindDto; readonly id: string }[], positions: readonly PositionDto[]): { pasted: Pasted; diagnostics: DiagnosticDto[] } {
  const wanted = (kind: ElementKindDto): Set<string> => new Set(items.filter((i) => i.kind === kind).map((i) => i.id));
  const [bridgeIds, portIds, segmentIds, popIds, napIds, linkIds] = (['bridge', 'port', 'segment', 'pop', 'nap', 'link'] as const).map(wanted) as [Set<string>, Set<string>, Set<string>, Set<string>, Set<string>, Set<string>];
  const pasted: { kind: ElementKindDto; id: string; from: string }[] = [];
  const diagnostics: DiagnosticDto[] = [];
  const bridgeNames = new Set(t.bridges.map((b) => b.name));
  const controllerIds = new Set(t.bridges.map((b) => b.controllerId));
  const bridgeMap = new Map<string, string>();
  for (const b of t.bridges.filter((x) => bridgeIds.has(x.id))) {
    const id = db.meta.nextId('br');
    const name = copyName(b.name, bridgeNames);
    const controllerId = b.controllerId === b.name ? name : copyName(b.controllerId, controllerIds);
    controllerIds.add(controllerId);
    db.topology.insert('bridge', { id, name, kind: b.kind, controllerId, datapathId: null });
    bridgeMap.set(b.id, id);
    pasted.push({ kind: 'bridge', id, from: b.id });
  }
  const portMap = new Map<string, string>();
  // Port names taken per bridge, kept across the loop so two copies beside their originals never clash.
  const portNames = new Map<string, Set<string>>();
  const portNamesOn = (bridgeId: string): Set<string> => {
    let names = portNames.get(bridgeId);
    if (!names) portNames.set(bridgeId, (names = new Set(t.ports.filter((x) => x.bridgeId === bridgeId).map((x) => x.name))));
    return names;
  };
  for (const p of t.ports) {
    const onCopiedBridge = bridgeMap.get(p.bridgeId);
    if (!onCopiedBridge && !portIds.has(p.id)) continue;
    const id = db.meta.nextId('pt');
    // On a copied bridge the port keeps its name and number; beside the original it needs new ones.
    const name = onCopiedBridge ? p.name : copyName(p.name, portNamesOn(p.bridgeId));
    db.topology.insert('port', { id, bridgeId: onCopiedBridge ?? p.bridgeId, name, ofPort: onCopiedBridge ? p.ofPort : null });
    portMap.set(p.id, id);
    pasted.push({ kind: 'port', id, from: p.id });
    const pool = t.vlanPools.find((v) => v.portId === p.id);
    if (pool) db.topology.insert('vlanPool', { portId: id, first: pool.first, last: pool.last });
  }
  for (const l of t.links) {
    const a = portMap.get(l.aPortId);
    const b = portMap.get(l.bPortId);
    if (a && b) {
      const id = db.meta.nextId('ln');
      db.topology.insert('link', { id, aPortId: a, bPortId: b });
      pasted.push({ kind: 'link', id, from: l.id });
    }
  }
  for (const s of t.segments.filter((x) => segmentIds.has(x.id))) {
    const portId = portMap.get(s.portId);
    if (!portId) {
      diagnostics.push({ severity: 'info', code: 'NOT_PASTED', message: `Segment ${s.prefix} was not pasted: its port is not among the copied elements, and a port cannot hold the same segment twice.`, elementId: s.id, hint: 'Copy the segment together with its port or bridge.' });
      continue;
    }
    const id = db.meta.nextId('sg');
    db.topology.insert('segment', { id, prefix: s.prefix, portId, name: s.name });
    pasted.push({ kind: 'segment', id, from: s.id });
    diagnostics.push(...segmentClashes(t, s.prefix, portId, '/items'));
  }
  const popNames = new Set(t.pops.map((p) => p.name));
  for (const p of t.pops.filter((x) => popIds.has(x.id))) {
    const id = db.meta.nextId('pop');
    db.topology.insert('pop', { id, name: copyName(p.name, popNames), portId: portMap.get(p.portId) ?? p.portId, aliases: [] });
    pasted.push({ kind: 'pop', id, from: p.id });
  }
  const napNames = new Set(t.naps.map((n) => n.name));
  for (const n of t.naps.filter((x) => napIds.has(x.id))) {
    const id = db.meta.nextId('nap');
    db.topology.insert('nap', { id, name: copyName(n.name, napNames), cePortId: portMap.get(n.cePortId) ?? n.cePortId, pePortId: portMap.get(n.pePortId) ?? n.pePortId });
    pasted.push({ kind: 'nap', id, from: n.id });
  }
  for (const l of t.links.filter((x) => linkIds.has(x.id) && !(portMap.has(x.aPortId) && portMap.has(x.bPortId)))) {
    diagnostics.push({ severity: 'info', code: 'NOT_PASTED', message: 'A link was not pasted: only links whose two ports are copied come along.', elementId: l.id, hint: 'Copy both ends (ports or bridges) with the link.' });
  }
  if (pasted.length === 0) throw new CoreError('NOT_FOUND', 'Nothing to paste: none of the copied elements is in this project any more, or none can be copied alone.');
  const newIdOf = new Map(pasted.map((p) => [p.from, p.id]));
  const placed = positions.flatMap((p) => {
    const id = newIdOf.get(p.elementId);
    return id ? [{ elementId: id, x: p.x, y: p.y }] : [];
  });
  if (placed.length > 0) db.positions.write(placed);
  return { pasted, diagnostics };
}
