import { describe, expect, it } from 'vitest';
import { memoryJournal, ownedFromJournal } from '../../../../core/drivers/journal';
import { detectDrift, adoptDrift } from '../../../../core/drivers/drift';
import { runTransaction, type TransactionInput } from '../../../../core/drivers/transaction';
import { desiredObject, FakeController, fakeDriver } from './fake-driver';

const desired = [
  desiredObject('cond:a', 's1', { m: 'a' }),
  desiredObject('f1', 's1', { to: 1 }, { after: ['cond:a'], chain: { key: 'a', rank: 1 } }),
  desiredObject('f0', 's1', { to: 0 }, { after: ['cond:a'], chain: { key: 'a', rank: 0 } }),
  desiredObject('cond:b', 's2', { m: 'b' }),
  desiredObject('g0', 's2', { to: 9 }, { after: ['cond:b'], chain: { key: 'b', rank: 0 } }),
];

function setup(concurrency = 1, claims = true) {
  const controller = new FakeController();
  const driver = fakeDriver(controller, claims);
  const journal = memoryJournal();
  let t = 0;
  const run = (input: Partial<TransactionInput> = {}) =>
    runTransaction(
      { driver, http: driver.http, journal, now: () => (t += 1), concurrency, txId: `tx${t}` },
      { operation: 'push', desired, scope: new Set(['s1', 's2']), dryRun: false, ...input },
    );
  return { controller, journal, run, driver };
}

describe('push transaction', () => {
  it('applies, journals each write, verifies; a second push sends nothing', async () => {
    const { controller, journal, run } = setup();
    const first = await run();
    expect(first).toMatchObject({ ok: true, verified: true, failedSeq: null, undone: 0 });
    // One at a time: conditions as soon as possible, each chain from its last hop back.
    expect(controller.writes).toEqual(['create cond:a', 'create cond:b', 'create f1', 'create g0', 'create f0']);
    expect([...ownedFromJournal(journal.all).keys()].sort()).toEqual(['cond:a', 'cond:b', 'f0', 'f1', 'g0']);
    // Write-ahead: every step's intent is journaled before the first is sent, each applied after.
    expect(journal.all.map((e) => e.type)).toEqual(['begin', ...Array.from({ length: 5 }, () => 'intent'), ...Array.from({ length: 5 }, () => 'applied'), 'end']);
    const again = await run();
    expect(again).toMatchObject({ ok: true, steps: [] });
    expect(controller.writes).toHaveLength(5);
  });

  it('a dry run lists the steps as planned and writes nothing', async () => {
    const { controller, journal, run } = setup();
    const dry = await run({ dryRun: true });
    expect(dry.steps.map((s) => s.status)).toEqual(['planned', 'planned', 'planned', 'planned', 'planned']);
    expect(controller.writes).toEqual([]);
    expect(journal.all).toEqual([]);
  });

  it('on a failure undoes every applied step in reverse order and says which step failed', async () => {
    const { controller, journal, run } = setup();
    // One at a time, ready steps in turn: cond:a (1), cond:b (4), then f1 (2) fails.
    controller.failOn.add(2);
    const before = new Map(controller.objects);
    const result = await run();
    expect(result.ok).toBe(false);
    expect(result.failedSeq).toBe(2);
    expect(result.steps.map((s) => [s.step.seq, s.status])).toEqual([
      [1, 'undone'],
      [2, 'failed'],
      [3, 'skipped'],
      [4, 'undone'],
      [5, 'skipped'],
    ]);
    expect(result.steps[1]?.error).toMatch(/HTTP 500/);
    expect(result.undone).toBe(2);
    expect(result.verified).toBe(true);
    expect(result.message).toMatch(/Step 2 .* failed: HTTP 500.*Rolled back: 2/);
    expect(controller.writes).toEqual(['create cond:a', 'create cond:b', 'undo 4', 'undo 1']);
    expect(controller.objects).toEqual(before);
    expect(ownedFromJournal(journal.all).size).toBe(0);
    expect(journal.all.at(-1)).toMatchObject({ type: 'end', outcome: 'rolled-back', verified: true });
  });

  it('puts deleted objects back when a teardown fails, and reports an undo that failed', async () => {
    const { controller, run } = setup();
    await run();
    // Teardown of s2: delete g0 (1), then cond:b (2) fails → g0 is restored.
    controller.failOn.add(2);
    const down = await run({ operation: 'teardown', scope: new Set(['s2']) });
    expect(down).toMatchObject({ ok: false, failedSeq: 2, verified: true, undone: 1 });
    expect(controller.objects.get('g0')).toEqual({ to: 9 });
    // A push that updates f1 (1) then fails creating h (2), and f1's undo is refused.
    controller.objects.set('f1', { to: 'tampered' });
    controller.undoFailsOn.add('f1');
    const push = await run({ desired: [...desired, desiredObject('h', 's1', { new: true })] });
    expect(push.ok).toBe(false);
    expect(push.steps.find((s) => s.step.objectId === 'f1')).toMatchObject({ status: 'applied', error: expect.stringMatching(/undoing it failed/) });
    expect(push.verified).toBe(false);
    expect(push.message).toMatch(/Rollback incomplete/);
  });

  it('refuses to overwrite an object the project did not create, sending nothing', async () => {
    const { controller, run } = setup(1, false);
    controller.objects.set('cond:b', { m: 'someone else' });
    const result = await run();
    expect(result.ok).toBe(false);
    expect(result.steps.find((s) => s.step.objectId === 'cond:b')).toMatchObject({ status: 'skipped', error: expect.stringMatching(/not created by this project/) });
    expect(controller.writes).toEqual([]);
  });

  it('tears down one service only, and drift sees what changed out of band', async () => {
    const { controller, journal, run, driver } = setup(4);
    await run();
    const down = await run({ operation: 'teardown', scope: new Set(['s1']) });
    expect(down.ok).toBe(true);
    expect([...controller.objects.keys()].sort()).toEqual(['cond:b', 'g0']);
    controller.objects.set('g0', { to: 'elsewhere' });
    const drift = await detectDrift(driver, driver.http, journal, desired, new Set(['s1', 's2']));
    expect(drift).toEqual([
      { serviceId: 's1', status: 'not-pushed', findings: [] },
      { serviceId: 's2', status: 'drifted', findings: [expect.objectContaining({ objectId: 'g0', problem: 'changed' })] },
    ]);
    expect(adoptDrift(journal, 'adopt', drift, desired)).toBe(1);
    expect((await detectDrift(driver, driver.http, journal, desired, new Set(['s2'])))[0]?.status).toBe('in-sync');
  });

  it('refuses two services that need the same object with different content, only when one is pushed', async () => {
    const { controller, run } = setup();
    const clash = [...desired, desiredObject('g0', 's3', { to: 'other' })];
    await expect(run({ desired: clash, scope: new Set(['s3']) })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/'s2' and 's3' both need g0/) });
    expect(controller.writes).toEqual([]);
    expect((await run({ desired: clash, scope: new Set(['s1']) })).ok).toBe(true);
  });
});
