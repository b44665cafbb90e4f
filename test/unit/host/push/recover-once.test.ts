import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { EditResultDto, PushRecoveryDto } from '../../../../core/contract/api';
import type { EventMessage } from '../../../../core/contract/events';
import { journalTarget } from '../../../../core/drivers';
import { JournalRepository } from '../../../../core/store/repositories/journal';
import { LAB_DEFAULT_CREDENTIALS, startLabController, type LabController } from '../../../../electron/host/lab';
import { startTestHost } from '../../../contract/rpc/engine-fixture';
import { okCaller } from '../../../helpers/ok-caller';

/**
 * Recovery of interrupted transactions reads a target's whole journal: it runs once per target
 * per open project (and again after a transaction stopped without its end), not before every
 * push and teardown.
 */

const labs: LabController[] = [];
afterAll(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function setUp(count: number) {
  const lab = await startLabController({ kind: 'odl-vtn' });
  labs.push(lab);
  const { host } = await startTestHost();
  const ok = okCaller(host.dispatch);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await ok<EditResultDto>('services.save', { name: `once ${i}`, inSegment: `192.168.10.${i + 1}/32`, outSegment: '10.20.0.1/32', chain: ['pop-athens'], reverseChain: null })).id);
  const target = { kind: 'odl-vtn' as const, url: lab.url, ...LAB_DEFAULT_CREDENTIALS['odl-vtn'] };
  const reads = vi.spyOn(JournalRepository.prototype, 'read');
  const key = journalTarget(target);
  const journalReads = (): number => reads.mock.calls.filter(([t]) => t === key).length;
  return { host, ok, ids, target, journalReads };
}

describe('recovery before pushes', () => {
  it('reads the journal of a target once for many pushes and teardowns, not once per push', async () => {
    const { ok, ids, target, journalReads } = await setUp(6);
    for (const id of ids) await ok('push.apply', { target, serviceIds: [id], provision: true });
    await ok('push.teardown', { target, serviceIds: [ids[0]] });
    await ok('push.apply', { target, serviceIds: [ids[0]], provision: true });
    // One read recovers the target, one builds the journal's owned-objects index.
    expect(journalReads()).toBeLessThanOrEqual(2);
  }, 30_000);

  it('recovers again after a push stopped without its end, and settles that transaction', async () => {
    const { host, ok, ids, target, journalReads } = await setUp(2);
    const recovered: PushRecoveryDto[] = [];
    host.onEvent((e: EventMessage) => {
      if (e.name === 'push.didRecover') recovered.push(e.payload as PushRecoveryDto);
    });
    await ok('push.apply', { target, serviceIds: [ids[0]], provision: true });
    const before = journalReads();
    // Storing the last journal batch of the second push fails: its begin and intents are stored
    // (write-ahead), its acknowledgements and end are not, and the push answers an error.
    const append = JournalRepository.prototype.append;
    let armed = true;
    vi.spyOn(JournalRepository.prototype, 'append').mockImplementation(function (this: JournalRepository, ...args: Parameters<JournalRepository['append']>) {
      if (armed && args.slice(2).some((entry) => (entry as { type?: string }).type === 'end')) {
        armed = false;
        throw new Error('disk full');
      }
      return append.apply(this, args);
    });
    expect(await host.dispatch('push.apply', { target, serviceIds: [ids[1]], provision: true })).toMatchObject({ ok: false });
    expect(armed).toBe(false);
    await ok('push.apply', { target, serviceIds: [ids[1]], provision: true });
    expect(journalReads()).toBeGreaterThan(before);
    expect(recovered).toHaveLength(1);
    expect(recovered[0]?.transactions).toEqual([expect.objectContaining({ outcome: 'rolled-back', serviceIds: [ids[1]] })]);
  }, 30_000);
});
