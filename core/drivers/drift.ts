import { sameContent } from './canonical';
import type { ControllerDriver, DesiredObject, LiveObject, ObjectKind, OwnedObject } from './driver';
import type { HttpClient } from './http';
import { journalOwned, journalOwnedIds, type PushJournal } from './journal';
import { ownedOfLive, uniqueDesired } from './transaction';

/** One object that is not as last pushed. */
export interface DriftFinding {
  readonly objectId: string;
  readonly serviceId: string;
  readonly kind: ObjectKind;
  readonly problem: 'missing' | 'changed' | 'unexpected';
  readonly summary: string;
  /** The live object (changed, unexpected). */
  readonly live?: LiveObject;
  /** The journal record (missing, changed). */
  readonly pushed?: OwnedObject;
}

/** Drift of one service. */
export interface ServiceDrift {
  readonly serviceId: string;
  readonly status: 'in-sync' | 'drifted' | 'not-pushed';
  readonly findings: readonly DriftFinding[];
}

/**
 * Compares the live controller with the last pushed state of each service in scope.
 *
 * Pushed state = the project's journal for this target. A journaled object that is gone is
 * `missing`, one with other content `changed`; a live object the project's naming marks as a
 * scoped service's but that the journal does not know is `unexpected`.
 *
 * `scoped` (named services): only the objects the journal holds for them and those their plans
 * call for are looked at and read back, each by its own request when the driver can
 * (`readObjects`), so the check costs the same whatever the fleet.
 */
export async function detectDrift(
  driver: ControllerDriver,
  http: HttpClient,
  journal: PushJournal,
  desired: readonly DesiredObject[],
  scope: ReadonlySet<string>,
  scoped = false,
): Promise<ServiceDrift[]> {
  const all = journalOwned(journal);
  const pushed: ReadonlyMap<string, OwnedObject> = scoped ? new Map(journalOwnedIds(journal, scope).map((id) => [id, all.get(id) as OwnedObject])) : all;
  const desiredById = new Map(uniqueDesired(desired).map((d) => [d.id, d]));
  const ids = scoped ? [...new Set([...pushed.keys(), ...[...desiredById.values()].filter((d) => scope.has(d.serviceId)).map((d) => d.id)])] : [];
  const live = scoped && driver.readObjects ? await driver.readObjects(http, ids, { handleOf: (id) => all.get(id)?.handle }) : await driver.readLive(http);
  const liveById = new Map(live.map((l) => [l.id, l]));
  const findings = new Map<string, DriftFinding[]>([...scope].map((id) => [id, []]));
  const add = (f: DriftFinding): void => void findings.get(f.serviceId)?.push(f);
  for (const [objectId, record] of pushed) {
    if (!scope.has(record.serviceId)) continue;
    const now = liveById.get(objectId);
    if (now === undefined) add({ objectId, serviceId: record.serviceId, kind: record.kind, problem: 'missing', summary: record.summary, pushed: record });
    else if (!sameContent(now.content, record.content)) add({ objectId, serviceId: record.serviceId, kind: record.kind, problem: 'changed', summary: now.summary, live: now, pushed: record });
  }
  for (const l of live) {
    if (all.has(l.id)) continue;
    const serviceId = driver.claim(l, desiredById);
    if (serviceId !== null && scope.has(serviceId)) add({ objectId: l.id, serviceId, kind: l.kind, problem: 'unexpected', summary: l.summary, live: l });
  }
  const hasPushed = new Set([...pushed.values()].map((r) => r.serviceId));
  return [...findings].map(([serviceId, list]) => ({
    serviceId,
    status: list.length > 0 ? 'drifted' : hasPushed.has(serviceId) ? 'in-sync' : 'not-pushed',
    findings: list,
  }));
}

/** Journals the live state of the drifted objects as the services' pushed state (nothing is sent). */
export function adoptDrift(journal: PushJournal, txId: string, drift: readonly ServiceDrift[], desired: readonly DesiredObject[]): number {
  const chains = new Map(desired.map((d) => [d.id, d.chain]));
  const findings = drift.flatMap((s) => s.findings);
  if (findings.length === 0) return 0;
  journal.append({ type: 'begin', tx: txId, op: 'adopt', serviceIds: drift.map((s) => s.serviceId) });
  for (const f of findings) {
    const record = f.live === undefined ? null : ownedOfLive(f.live, f.serviceId, f.pushed?.chain ?? chains.get(f.objectId) ?? f.live.chain);
    journal.append({ type: 'baseline', tx: txId, objectId: f.objectId, record });
  }
  journal.append({ type: 'end', tx: txId, outcome: 'committed', verified: true });
  return findings.length;
}
