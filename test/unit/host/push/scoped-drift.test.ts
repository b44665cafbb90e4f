import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { DriftReportDto, EditResultDto } from '../../../../core/contract/api';
import { conditionNamePrefix } from '../../../../core/plan/naming';
import { JournalRepository } from '../../../../core/store/repositories/journal';
import { LAB_DEFAULT_CREDENTIALS, startLabController, type LabController } from '../../../../electron/host/lab';
import { startTestHost } from '../../../contract/rpc/engine-fixture';
import { okCaller } from '../../../helpers/ok-caller';

/**
 * Issue 15 (fleet scale): a drift check of one service reads that service's journal records and
 * its objects only, never the whole journal or the controller's whole tree.
 */

const labs: LabController[] = [];
afterAll(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});
afterEach(() => {
  vi.restoreAllMocks();
});

const WHOLE_TREE = /operational\/(vtn:vtns|vtn-flow-condition:vtn-flow-conditions)$/;

describe('drift of one service on a lab VTN', () => {
  it('reads only its own objects and journal records, and finds what changed on it', async () => {
    const lab = await startLabController({ kind: 'odl-vtn' });
    labs.push(lab);
    const { host } = await startTestHost();
    const ok = okCaller(host.dispatch);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await ok<EditResultDto>('services.save', { name: `drift ${i}`, inSegment: `192.168.10.${i + 1}/32`, outSegment: '10.20.0.1/32', chain: ['pop-athens', 'pop-patras'], reverseChain: null })).id);
    const target = { kind: 'odl-vtn' as const, url: lab.url, ...LAB_DEFAULT_CREDENTIALS['odl-vtn'] };
    for (const id of ids) await ok('push.apply', { target, serviceIds: [id], provision: true });
    const [one, ...others] = ids as [string, ...string[]];

    const reads = vi.spyOn(JournalRepository.prototype, 'read');
    const from = lab.requests().length;
    const inSync = await ok<DriftReportDto>('push.drift', { target, serviceIds: [one], provision: true });
    expect(inSync.services).toEqual([expect.objectContaining({ serviceId: one, status: 'in-sync' })]);
    const seen = lab.requests().slice(from);
    expect(reads).not.toHaveBeenCalled();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((r) => WHOLE_TREE.test(r.path))).toEqual([]);
    const text = seen.map((r) => `${r.path} ${JSON.stringify(r.body ?? '')}`).join('\n');
    for (const other of others) expect(text).not.toContain(conditionNamePrefix(other));

    // Out of band, its forward condition goes: the scoped check finds it missing.
    const condition = lab
      .requests()
      .map((r) => (r.body as { input?: { name?: unknown } } | undefined)?.input?.name)
      .find((n): n is string => typeof n === 'string' && n.startsWith(conditionNamePrefix(one)) && n.endsWith('F'));
    expect(condition).toBeDefined();
    const auth = `Basic ${Buffer.from(`${target.user}:${target.password}`).toString('base64')}`;
    const removed = await fetch(`${lab.url}/restconf/operations/vtn-flow-condition:remove-flow-condition`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ input: { name: condition } }) });
    expect(removed.status).toBe(200);
    const drifted = await ok<DriftReportDto>('push.drift', { target, serviceIds: [one], provision: true });
    expect(drifted.drifted).toBe(1);
    expect(drifted.services[0]?.objects).toEqual(expect.arrayContaining([expect.objectContaining({ problem: 'missing' })]));
    expect(reads).not.toHaveBeenCalled();
  }, 30_000);
});
