import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EditResultDto, ImportCommitDto, ImportPreviewDto, PlanSetDto, TopologySnapshotDto } from '../../../../core/contract/api';
import type { Envelope } from '../../../../core/contract/errors';
import { startTestHost } from '../../../contract/rpc/engine-fixture';
import { okCaller } from '../../../helpers/ok-caller';

let call: (method: string, req: unknown) => Promise<Envelope>;
const ok = okCaller((method, req) => call(method, req));
const fixture = (name: string): string => readFileSync(`test/fixtures/reference/${name}`, 'utf8');
const doc = (name: string, ...path: string[]): string => {
  let value: unknown = JSON.parse(fixture(name));
  for (const key of path) value = (value as Record<string, unknown>)[key];
  return JSON.stringify(value);
};

beforeEach(async () => {
  const { host } = await startTestHost();
  call = host.dispatch;
});

describe('import through the contract into the sample WAN', () => {
  it.each([
    ['openbaton-nsr-instantiate.json', 'openbaton'],
    ['katana-wim-data.json', 'katana'],
    ['katana-wim-data-v2.2.json', 'katana'],
    ['sol005-nsinstance.json', 'sol005'],
    ['osm-nsr.json', 'osm'],
  ])('%s imports without edits and every service plans without errors', async (file, format) => {
    const preview = await ok<ImportPreviewDto>('import.preview', { text: fixture(file), fileName: file });
    expect(preview.format).toBe(format);
    expect(preview.importable).toBe(true);
    expect(preview.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const done = await ok<ImportCommitDto>('import.commit', { text: fixture(file), fileName: file, plan: true });
    expect(done.created.length).toBeGreaterThan(0);
    for (const plan of done.plans) expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('demi-wicm flows and T-NOVA bodies import too (registrations are idempotent on the sample)', async () => {
    const flows = await ok<ImportCommitDto>('import.commit', { text: doc('demi-flows.json', 'POST /api/v1/flows', 'request'), plan: true });
    expect(flows).toMatchObject({ format: 'demi-flows', created: ['596k92'] });
    const nfvi = await ok<ImportCommitDto>('import.commit', { text: JSON.stringify((JSON.parse(fixture('tnova-service.json')) as Record<string, { requests: unknown[] }>)['POST /nfvi']!.requests[0]) });
    expect(nfvi.registered).toEqual([]);
    const service = await ok<ImportCommitDto>('import.commit', { text: doc('tnova-service.json', 'POST /vnf-connectivity', 'request'), plan: true });
    expect(service.created).toEqual(['service1']);
    expect(service.plans[0]?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('re-importing the same NSR updates instead of duplicating; a release deletes it, twice is a no-op', async () => {
    await ok('import.commit', { text: fixture('openbaton-nsr-instantiate.json') });
    const again = await ok<ImportCommitDto>('import.commit', { text: fixture('openbaton-nsr-instantiate.json') });
    expect(again.created).toEqual([]);
    expect(again.updated).toHaveLength(1);
    expect((await ok<TopologySnapshotDto>('topology.get', {})).services).toHaveLength(1);
    const release = await ok<ImportCommitDto>('import.commit', { text: fixture('openbaton-nsr-release.json') });
    expect(release.deleted).toEqual(['7c1e4a90-3b2f-4d8e-9a61-0f5d2c8b7e13']);
    const twice = await ok<ImportCommitDto>('import.commit', { text: fixture('openbaton-nsr-release.json') });
    expect(twice).toMatchObject({ deleted: [], alreadyAbsent: ['7c1e4a90-3b2f-4d8e-9a61-0f5d2c8b7e13'] });
    expect((await ok<TopologySnapshotDto>('topology.get', {})).services).toEqual([]);
  });

  it('a Katana terminate deletes every connection of the slice', async () => {
    const create = await ok<ImportCommitDto>('import.commit', { text: fixture('katana-wim-data.json') });
    expect(create.created).toHaveLength(2);
    const terminate = readFileSync('test/fixtures/import/katana/kafka-terminate.json', 'utf8');
    const done = await ok<ImportCommitDto>('import.commit', { text: terminate });
    expect([...done.deleted].sort()).toEqual([...create.created].sort());
    expect((await ok<TopologySnapshotDto>('topology.get', {})).services).toEqual([]);
  });

  it('an import is one undo step', async () => {
    await ok('import.commit', { text: fixture('sol005-nsinstance.json'), plan: true });
    expect((await ok<PlanSetDto>('plan.get', {})).plans).toHaveLength(1);
    await ok('history.undo', {});
    expect((await ok<TopologySnapshotDto>('topology.get', {})).services).toEqual([]);
  });

  it('refuses a document it cannot import, saying what and where, and stores nothing', async () => {
    const reply = await call('import.commit', { text: '{"action": "INSTANTIATE_FINISH", "payload": {"vnfr": 42}}', fileName: 'bad.json' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('bad.json') } });
    if (!reply.ok) expect((reply.error.details as { diagnostics: { pointer?: string }[] }).diagnostics.some((d) => d.pointer?.startsWith('/payload'))).toBe(true);
    expect((await ok<TopologySnapshotDto>('topology.get', {})).project.dirty).toBe(false);
  });
});

describe('VLAN pools on ports', () => {
  /** A pool on pop-athens's port tags the Open Baton chain's visits there; returns the port and a tag it holds. */
  async function planWithPool(): Promise<{ portId: string; tag: number }> {
    await ok('topology.setVlanPool', { portId: 'pt-vbr1-athens', pool: { first: 400, last: 409 } });
    await ok('import.commit', { text: fixture('openbaton-nsr-instantiate.json'), plan: true });
    const plans = await ok<PlanSetDto>('plan.get', {});
    const rule = plans.plans.flatMap((p) => [...p.forward.rules, ...p.reverse.rules]).find((r) => r.vlan !== null && r.outPortId === 'pt-vbr1-athens');
    expect(rule?.vlan).toBe(400);
    return { portId: 'pt-vbr1-athens', tag: rule!.vlan! };
  }

  it('sets, replaces and clears a port\'s pool as undoable edits', async () => {
    const pool = (snap: TopologySnapshotDto) => snap.topology.vlanPools.filter((v) => v.portId === 'pt-vbr1-athens');
    await ok('topology.setVlanPool', { portId: 'pt-vbr1-athens', pool: { first: 100, last: 199 } });
    await ok('topology.setVlanPool', { portId: 'pt-vbr1-athens', pool: { first: 200, last: 250 } });
    expect(pool(await ok<TopologySnapshotDto>('topology.get', {}))).toEqual([{ portId: 'pt-vbr1-athens', first: 200, last: 250 }]);
    await ok('topology.setVlanPool', { portId: 'pt-vbr1-athens', pool: null });
    expect(pool(await ok<TopologySnapshotDto>('topology.get', {}))).toEqual([]);
    await ok('history.undo', {});
    expect(pool(await ok<TopologySnapshotDto>('topology.get', {}))).toEqual([{ portId: 'pt-vbr1-athens', first: 200, last: 250 }]);
  });

  it('keeps the port where it was drawn when its pool is replaced or cleared', async () => {
    await ok('layout.move', { positions: [{ elementId: 'pt-vbr1-athens', x: 123, y: 456 }] });
    await ok('topology.setVlanPool', { portId: 'pt-vbr1-athens', pool: { first: 100, last: 199 } });
    await ok('topology.setVlanPool', { portId: 'pt-vbr1-athens', pool: { first: 200, last: 250 } });
    await ok('topology.setVlanPool', { portId: 'pt-vbr1-athens', pool: null });
    const { positions } = await ok<TopologySnapshotDto>('topology.get', {});
    expect(positions).toContainEqual({ elementId: 'pt-vbr1-athens', x: 123, y: 456 });
  });

  it('warns about tags planned services hold outside the new pool, and re-planning moves them in', async () => {
    const { portId, tag } = await planWithPool();
    const narrowed = await ok<EditResultDto>('topology.setVlanPool', { portId, pool: { first: tag + 10, last: tag + 20 } });
    // The forward and the reverse visit of pop-athens each hold a tag there.
    expect(narrowed.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'VLAN_OUTSIDE_POOL', pointer: '/pool', elementId: portId, message: expect.stringContaining(`VLAN ${tag} on port 'if_athens' (forward)`) }),
      expect.objectContaining({ code: 'VLAN_OUTSIDE_POOL', message: expect.stringContaining('(reverse)') }),
    ]);
    await ok('plan.compute', {});
    const moved = (await ok<PlanSetDto>('plan.get', {})).plans.flatMap((p) => [...p.forward.rules, ...p.reverse.rules]).filter((r) => r.outPortId === portId && r.vlan !== null);
    expect(moved.length).toBeGreaterThan(0);
    for (const rule of moved) expect(rule.vlan).toBeGreaterThanOrEqual(tag + 10);
    const inside = await ok<EditResultDto>('topology.setVlanPool', { portId, pool: { first: tag + 10, last: tag + 30 } });
    expect(inside.diagnostics).toEqual([]);
  });

  it('refuses an empty or out-of-range pool with a pointer, and an unknown port by name', async () => {
    expect(await call('topology.setVlanPool', { portId: 'pt-vbr1-athens', pool: { first: 300, last: 200 } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { issues: [expect.objectContaining({ pointer: '/pool/last' })] } },
    });
    expect(await call('topology.setVlanPool', { portId: 'pt-vbr1-athens', pool: { first: 0, last: 4095 } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('topology.setVlanPool', { portId: 'nope', pool: null })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: "No port with id 'nope' in this project." } });
  });
});
