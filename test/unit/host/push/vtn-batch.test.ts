import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ControllerTargetDto } from '../../../../core/contract/api';
import type { ServiceDto } from '../../../../core/contract/dto';
import { createDriver, memoryJournal, runTransaction, type DesiredObject, type JournalEntry, type PushStep } from '../../../../core/drivers';
import { VTN_BATCH_FILTERS } from '../../../../core/drivers/odl-vtn/defaults';
import { vtnBatchSteps } from '../../../../core/drivers/odl-vtn/batch';
import { diffObjects } from '../../../../core/drivers/diff';
import { leaves } from '../../../../core/drivers/transaction';
import { parseTopologyJson } from '../../../../core/store/documents';
import { planServices } from '../../../../core/service/planning';
import { LAB_DEFAULT_CREDENTIALS, startLabController, type LabController } from '../../../../electron/host/lab';
import { createNodeHttpClient } from '../../../../electron/host/platform/http-client';

/**
 * VTN pushes of many services send the redirect filters of one vInterface list that sit at the
 * same depth of their chains in one `set-flow-filter` (VTN takes a list and sets it in one
 * transaction), and remove them with one `remove-flow-filter` per list (issue 15: push of 1,000
 * services ≥ 3× sequential on VTN).
 */

const labs: LabController[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

const SET = '/restconf/operations/vtn-flow-filter:set-flow-filter';
const REMOVE = '/restconf/operations/vtn-flow-filter:remove-flow-filter';

function service(i: number): ServiceDto {
  return { id: `svc${i}`, name: `svc ${i}`, inSegment: `192.168.10.${i}/32`, outSegment: '10.20.0.1/32', chain: ['pop-athens', 'pop-patras'], reverseChain: null, state: 'planned', provenance: null, attributes: {} };
}

function desiredOf(count: number, url = 'http://127.0.0.1:9') {
  const { topology } = parseTopologyJson(readFileSync('resources/sample/sample-wan.json', 'utf8'));
  const services = Array.from({ length: count }, (_, i) => service(i + 1));
  const { plans } = planServices(topology, services);
  const target: ControllerTargetDto = { kind: 'odl-vtn', url, ...LAB_DEFAULT_CREDENTIALS['odl-vtn'] };
  const driver = createDriver(target);
  return { driver, services, desired: driver.desired({ topology, services, plans, provision: true }) };
}

type Input = { 'vtn-flow-filter'?: { index: number }[]; indices?: number[]; 'interface-name'?: string };
const inputOf = (step: PushStep): Input => (step.request.body as { input: Input }).input;

describe('VTN filter batches', () => {
  it('groups filters per vInterface list and chain depth, keeps every wait, and sends each filter exactly once', () => {
    const { driver, desired } = desiredOf(12);
    const single = diffObjects(desired, [], new Map(), 'all');
    const steps = driver.diff(desired, [], new Map(), 'all');
    const filters = single.filter((s) => s.kind === 'filter');
    expect(steps.length).toBeLessThan(single.length);
    // Every one-object step is sent once, in the batch or alone.
    expect(steps.flatMap(leaves).map((s) => s.objectId).sort()).toEqual(single.map((s) => s.objectId).sort());
    const batches = steps.filter((s) => s.members !== undefined);
    expect(batches.length).toBeGreaterThan(0);
    for (const batch of batches) {
      const lists = new Set(batch.members!.map((m) => JSON.stringify({ ...inputOf(m), 'vtn-flow-filter': undefined })));
      expect(lists.size).toBe(1);
      expect(batch.request.path).toBe(SET);
      expect(inputOf(batch)['vtn-flow-filter']).toEqual(batch.members!.flatMap((m) => inputOf(m)['vtn-flow-filter']));
    }
    // Conditions and provisioning stay one RPC each.
    expect(steps.filter((s) => s.members === undefined && s.kind === 'filter')).toHaveLength(0);
    expect(filters.length).toBe(12 * 8);
    // A step runs after every step holding what its objects waited for.
    const holder = new Map(steps.flatMap((s) => leaves(s).map((l) => [l.objectId, s.seq] as const)));
    const bySeqSingle = new Map(single.map((s) => [s.seq, s]));
    for (const step of steps) {
      for (const leaf of leaves(step)) {
        const original = single.find((s) => s.objectId === leaf.objectId)!;
        for (const dep of original.dependsOn) {
          const depSeq = holder.get(bySeqSingle.get(dep)!.objectId)!;
          expect(step.dependsOn).toContain(depSeq);
          expect(depSeq).toBeLessThan(step.seq);
        }
      }
    }
  });

  it('cuts a list into requests of at most the limit and removes by indices, never with an empty list', () => {
    const { desired } = desiredOf(12);
    const steps = vtnBatchSteps(diffObjects(desired, [], new Map(), 'all'), 5);
    for (const s of steps) expect(s.members?.length ?? 1).toBeLessThanOrEqual(5);
    const live = desired.filter((d) => d.kind === 'filter').map((d) => ({ ...d, restore: d.create, remove: d.remove! }));
    const owned = new Map(live.map((l) => [l.id, { serviceId: l.serviceId, kind: l.kind, summary: l.summary, content: l.content }]));
    const removal = vtnBatchSteps(diffObjects([], live, owned, 'all'), VTN_BATCH_FILTERS);
    expect(removal.every((s) => s.request.path === REMOVE && s.action === 'delete')).toBe(true);
    for (const s of removal) expect(inputOf(s).indices).toEqual(leaves(s).map((m) => inputOf(m).indices?.[0]));
    expect(removal.flatMap(leaves)).toHaveLength(live.length);
    expect(removal.some((s) => (s.members?.length ?? 0) > 1)).toBe(true);
  });
});

describe('batched VTN push on the lab VTN', () => {
  async function setUp(count: number) {
    const lab = await startLabController({ kind: 'odl-vtn' });
    labs.push(lab);
    const http = createNodeHttpClient();
    const { driver, services, desired } = desiredOf(count, lab.url);
    const journal = memoryJournal();
    const run = (operation: 'push' | 'teardown', wanted: readonly DesiredObject[] = desired) =>
      runTransaction(
        { driver, http, journal, now: () => performance.now(), concurrency: 8, txId: `${operation}-${lab.requests().length}` },
        { operation, desired: wanted, scope: new Set(services.map((s) => s.id)), dryRun: false },
      );
    const filters = async () => (await driver.readLive(http)).filter((l) => l.kind === 'filter' || l.kind === 'condition').map((l) => l.id).sort();
    return { lab, http, desired, journal, run, filters };
  }

  it('pushes 30 services with a handful of filter calls, verified, journals every filter before its call, and tears them down in batches', async () => {
    const { lab, http, desired, journal, run, filters } = await setUp(30);
    const before = lab.requests().length;
    const pushed = await run('push');
    expect(pushed).toMatchObject({ ok: true, verified: true });
    const sets = lab.requests().slice(before).filter((r) => r.path === SET);
    expect(sets.length).toBeLessThan(30 * 8);
    expect(sets.length).toBeLessThanOrEqual(8 * 2);
    const wanted = desired.filter((d) => d.kind === 'filter' || d.kind === 'condition').map((d) => d.id).sort();
    expect(await filters()).toEqual(wanted);
    // Every filter was acknowledged one by one in the journal.
    const applied = new Set(journal.all.filter((e): e is Extract<JournalEntry, { type: 'applied' }> => e.type === 'applied').map((e) => e.objectId));
    for (const id of wanted) expect(applied.has(id)).toBe(true);

    const mark = lab.requests().length;
    expect(await run('teardown', [])).toMatchObject({ ok: true, verified: true });
    const removes = lab.requests().slice(mark).filter((r) => r.path === REMOVE);
    expect(removes.length).toBeLessThanOrEqual(8 * 2);
    expect(await filters()).toEqual([]);
    http.close();
  }, 30_000);

  it('rolls a push back when the controller refuses a batch: no filter and no condition is left', async () => {
    const { lab, http, run, filters } = await setUp(20);
    lab.setFaults([{ match: { method: 'POST', pathIncludes: 'set-flow-filter' }, nth: 3, action: { kind: 'status', status: 500 } }]);
    const result = await run('push');
    expect(result.ok).toBe(false);
    expect(result.verified).toBe(true);
    expect(result.steps.find((s) => s.status === 'failed')?.step.members?.length).toBeGreaterThan(1);
    expect(result.undone).toBeGreaterThan(0);
    expect(await filters()).toEqual([]);
    http.close();
  }, 30_000);
});
