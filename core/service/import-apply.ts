import type { ImportCommitDto } from '../contract/api';
import type { DiagnosticDto, NapDto, PopDto, PortDto, ServiceDto, TopologyDto } from '../contract/dto';
import type { ImportResult, TopologyRegistration } from '../model';
import type { ProjectDb } from '../store/project-db';
import { serviceFromRequest } from './planning';

/** What committing an import changed (the commit reply without format, plans and project). */
export type ImportOutcome = Omit<ImportCommitDto, 'format' | 'plans' | 'project'>;

/**
 * Applies an import to a project inside the caller's transaction: registrations (T-NOVA NAP /
 * NFVI) into the topology, services created or updated by record id (a re-import never
 * duplicates; a pushed service that changes becomes drifted), deletions idempotent.
 */
export function applyImport(db: ProjectDb, result: ImportResult): ImportOutcome {
  const diagnostics: DiagnosticDto[] = [];
  const registered = (result.registrations ?? []).flatMap((r) => applyRegistration(db, db.topology.read(), r, diagnostics));
  // Only the services this import names are read: the cost follows the import, not the fleet.
  const existing = new Map(db.services.readSome(result.services.map((r) => r.id)).map((s) => [s.id, s]));
  const created: string[] = [];
  const updated: string[] = [];
  for (const request of result.services) {
    const before = existing.get(request.id);
    const next = serviceFromRequest(request, 'draft');
    if (!before) {
      created.push(request.id);
      db.services.upsert(next);
      continue;
    }
    updated.push(request.id);
    const changed = JSON.stringify(routing(before)) !== JSON.stringify(routing(next));
    const state: ServiceDto['state'] = !changed ? before.state : before.state === 'pushed' || before.state === 'drifted' ? 'drifted' : 'draft';
    db.services.upsert({ ...next, state });
    if (changed) db.plans.remove(request.id);
  }
  const deleted: string[] = [];
  const alreadyAbsent: string[] = [];
  const services = result.deletions.length > 0 ? db.services.readByIdOrRecord(result.deletions) : [];
  for (const id of result.deletions) {
    // A record id may stand for several services (a Katana slice, a split SOL005/OSM NS).
    const targets = services.filter((s) => s.id === id || s.provenance?.recordId === id).map((s) => s.id);
    // Removing a service also frees its allocations (ServiceRepository.remove).
    for (const target of targets) if (db.services.remove(target)) deleted.push(target);
    if (targets.length === 0) alreadyAbsent.push(id);
  }
  return { created, updated, deleted, alreadyAbsent, registered, diagnostics };
}

function routing(s: ServiceDto): unknown {
  return [s.inSegment, s.outSegment, s.chain, s.reverseChain];
}

/** Finds the port `(switch, OpenFlow port)` of a T-NOVA registration in the project. */
function findPort(t: TopologyDto, switchId: string, ofPort: number): PortDto | undefined {
  const bridge = t.bridges.find((b) => b.datapathId === switchId || b.controllerId === switchId);
  return bridge ? t.ports.find((p) => p.bridgeId === bridge.id && p.ofPort === ofPort) : undefined;
}

function applyRegistration(db: ProjectDb, t: TopologyDto, r: TopologyRegistration, diagnostics: DiagnosticDto[]): string[] {
  if (r.kind === 'nfvi') {
    const port = findPort(t, r.switchId, r.port);
    if (!port) {
      diagnostics.push(missingPort(r.switchId, r.port, r.pointer, `NFVI '${r.id}'`));
      return [];
    }
    const known = t.pops.find((p) => p.name.toLowerCase() === r.id.toLowerCase() || p.aliases.some((a) => a.toLowerCase() === r.id.toLowerCase()));
    if (known && known.portId === port.id) return [];
    if (known) {
      db.topology.update('pop', known.id, { portId: port.id });
      return [`nfvi ${r.id} moved to ${port.name}`];
    }
    const onPort = t.pops.find((p) => p.portId === port.id);
    if (onPort) {
      db.topology.update('pop', onPort.id, { aliases: [...onPort.aliases, r.id] } as Partial<PopDto>);
      return [`nfvi ${r.id} = ${onPort.name}`];
    }
    db.topology.insert('pop', { id: db.meta.nextId('pop'), name: r.id, portId: port.id, aliases: [] });
    return [`nfvi ${r.id}`];
  }
  const ce = findPort(t, r.switchId, r.cePort);
  const pe = findPort(t, r.switchId, r.pePort);
  if (!ce || !pe) {
    diagnostics.push(missingPort(r.switchId, ce ? r.pePort : r.cePort, r.pointer, `NAP '${r.id}'`));
    return [];
  }
  const known = t.naps.find((n) => n.name === r.id);
  if (known && known.cePortId === ce.id && known.pePortId === pe.id) return [];
  if (known) {
    db.topology.update('nap', known.id, { cePortId: ce.id, pePortId: pe.id } as Partial<NapDto>);
    return [`nap ${r.id} updated`];
  }
  db.topology.insert('nap', { id: db.meta.nextId('nap'), name: r.id, cePortId: ce.id, pePortId: pe.id });
  return [`nap ${r.id}`];
}

function missingPort(switchId: string, port: number, pointer: string, what: string): DiagnosticDto {
  return {
    severity: 'error',
    code: 'UNKNOWN_SWITCH_PORT',
    message: `${what}: no port with OpenFlow number ${port} on switch '${switchId}' in this project.`,
    pointer,
    hint: `Add the port (with its OpenFlow number) to the bridge whose datapath id is ${switchId}, then import again.`,
  };
}
