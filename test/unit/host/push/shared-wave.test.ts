import { afterAll, describe, expect, it } from 'vitest';
import type { DriftReportDto, EditResultDto, PushReportDto, TopologySnapshotDto } from '../../../../core/contract/api';
import { conditionNamePrefix } from '../../../../core/plan/naming';
import { LAB_DEFAULT_CREDENTIALS, startLabController, type LabController, type LabRequestRecord } from '../../../../electron/host/lab';
import { startTestHost } from '../../../contract/rpc/engine-fixture';
import { okCaller } from '../../../helpers/ok-caller';

/**
 * Issue 15 (no head-of-line blocking): a first wave of concurrent provisioning pushes asks for
 * the same shared objects (tenant, vBridges, vInterfaces, port maps). Only the first may run
 * alone; once it created them, the others find them in place and run side by side.
 */

const WAVE = 20;
const labs: LabController[] = [];
afterAll(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

/** The most services whose requests interleave at the controller, in the order it answered them. */
function maxOverlap(log: readonly LabRequestRecord[], prefixes: ReadonlyMap<string, string>): { max: number; spans: Map<string, [number, number]> } {
  const spans = new Map<string, [number, number]>();
  log.forEach((r, i) => {
    const text = `${r.path} ${JSON.stringify(r.body ?? '')}`;
    for (const [id, prefix] of prefixes) {
      if (!text.includes(prefix)) continue;
      const span = spans.get(id);
      if (span === undefined) spans.set(id, [i, i]);
      else span[1] = i;
    }
  });
  let max = 0;
  for (let i = 0; i < log.length; i++) max = Math.max(max, [...spans.values()].filter(([a, b]) => a <= i && i <= b).length);
  return { max, spans };
}

describe('a first wave of provisioning pushes on a fresh lab VTN', () => {
  it(`runs one of ${WAVE} alone, the others side by side, and ends complete`, async () => {
    const lab = await startLabController({ kind: 'odl-vtn' });
    labs.push(lab);
    const { host } = await startTestHost();
    const ok = okCaller(host.dispatch);
    const ids: string[] = [];
    for (let i = 0; i < WAVE; i++) {
      const saved = await ok<EditResultDto>('services.save', { name: `wave ${i}`, inSegment: `192.168.10.${i + 1}/32`, outSegment: '10.20.0.1/32', chain: ['pop-athens', 'pop-patras'], reverseChain: null });
      ids.push(saved.id);
    }
    // Each service is told apart by its condition names.
    const prefixes = new Map(ids.map((id) => [id, conditionNamePrefix(id)]));
    expect(new Set(prefixes.values()).size).toBe(WAVE);
    const target = { kind: 'odl-vtn' as const, url: lab.url, ...LAB_DEFAULT_CREDENTIALS['odl-vtn'] };
    await ok('push.recover', { target });

    const reports = await Promise.all(ids.map((id) => ok<PushReportDto>('push.apply', { target, serviceIds: [id], provision: true })));
    expect(reports.map((r) => r.ok)).toEqual(ids.map(() => true));

    const { max, spans } = maxOverlap(lab.requests(), prefixes);
    expect(spans.size).toBe(WAVE);
    const ordered = [...spans].sort((a, b) => a[1][0] - b[1][0]);
    const [first, ...rest] = ordered;
    // The first one ran alone: every other service's requests came after its last one...
    for (const [, [start]] of rest) expect(start).toBeGreaterThan(first![1][1]);
    // ...and the rest overlapped at the controller.
    expect(max).toBeGreaterThanOrEqual(3);

    const drift = await ok<DriftReportDto>('push.drift', { target, provision: true });
    expect(drift.drifted).toBe(0);
    expect(drift.services.filter((s) => ids.includes(s.serviceId)).map((s) => s.status)).toEqual(ids.map(() => 'in-sync'));
    const snapshot = await ok<TopologySnapshotDto>('topology.get', {});
    expect(snapshot.services.filter((s) => ids.includes(s.id)).map((s) => s.state)).toEqual(ids.map(() => 'pushed'));
  }, 60_000);
});
