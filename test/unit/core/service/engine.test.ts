import { describe, expect, it } from 'vitest';
import type { EditResultDto, PlanSetDto, TraceDto } from '../../../../core/contract/api';
import { startTestHost } from '../../../contract/rpc/engine-fixture';
import { freshHostEachTest } from '../../../helpers/fresh-host';

const { call, ok, snapshot } = freshHostEachTest();

describe('topology editing through the contract', () => {
  it('adds a bridge, port, segment (host bits normalised with a warning), PoP and link', async () => {
    const bridge = await ok<EditResultDto>('topology.addBridge', { name: 'vbr4', kind: 'vtn-vbridge' });
    const port = await ok<EditResultDto>('topology.addPort', { bridgeId: bridge.id, name: 'if_rhodes', ofPort: 1 });
    const segment = await ok<EditResultDto>('topology.addSegment', { portId: port.id, prefix: '10.40.1.7/24' });
    expect(segment.diagnostics).toEqual([expect.objectContaining({ code: 'HOST_BITS_SET', message: expect.stringContaining('10.40.1.0/24') })]);
    const pop = await ok<EditResultDto>('topology.addPop', { name: 'pop-rhodes', portId: port.id, aliases: ['vim-rhodes'] });
    const other = await ok<EditResultDto>('topology.addPort', { bridgeId: bridge.id, name: 'if_trunk' });
    const link = await ok<EditResultDto>('topology.addLink', { aPortId: other.id, bPortId: 'pt-vbr1-uplink' });
    const snap = await snapshot();
    expect(snap.topology.segments.find((s) => s.id === segment.id)?.prefix).toBe('10.40.1.0/24');
    expect(snap.topology.pops.find((p) => p.id === pop.id)?.aliases).toEqual(['vim-rhodes']);
    expect(snap.topology.links.map((l) => l.id)).toContain(link.id);
    expect(snap.project.dirty).toBe(true);
  });

  it('names what is wrong: typo in a CIDR, unknown port, same-bridge link, duplicate name', async () => {
    const typo = await call('topology.addSegment', { portId: 'pt-vbr1-customer', prefix: '10.0.0.300/24' });
    expect(typo).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('10.0.0.300/24') } });
    expect(await call('topology.addPort', { bridgeId: 'nope', name: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: "No bridge with id 'nope' in this project." } });
    expect(await call('topology.addLink', { aPortId: 'pt-vbr1-customer', bPortId: 'pt-vbr1-athens' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('topology.addBridge', { name: 'vbr1', kind: 'vtn-vbridge' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('warns when a VTN name would be refused by the controller', async () => {
    const bridge = await ok<EditResultDto>('topology.addBridge', { name: 'vbr-5', kind: 'vtn-vbridge' });
    expect(bridge.diagnostics[0]).toMatchObject({ code: 'NOT_A_VNODE_NAME', hint: expect.stringContaining('vbr_5') });
  });

  it('undo and redo walk through edits; deleting a bridge cascades', async () => {
    const before = (await snapshot()).topology;
    await ok('topology.remove', { kind: 'bridge', id: 'br-patras' });
    const after = (await snapshot()).topology;
    expect(after.bridges.map((b) => b.name)).toEqual(['vbr1', 'vbr3']);
    expect(after.pops.map((p) => p.name)).not.toContain('pop-patras');
    expect(after.segments.some((s) => s.portId.startsWith('pt-vbr2'))).toBe(false);
    await ok('history.undo', {});
    expect((await snapshot()).topology).toEqual(before);
    await ok('history.redo', {});
    expect((await snapshot()).topology).toEqual(after);
  });

  it('looks an address up by longest prefix, follows edits, and says what is wrong with a typo', async () => {
    expect(await ok('topology.lookup', { address: '10.20.0.9' })).toEqual({
      prefix: '10.20.0.9/32',
      segmentId: 'sg-internet',
      segmentPrefix: '10.20.0.0/24',
      portId: 'pt-vbr2-internet',
      bridgeId: 'br-patras',
      isDefault: false,
      alsoOn: [],
    });
    // Off the WAN's own segments, the uplinks' default routes match, on each of the three bridges.
    expect(await ok('topology.lookup', { address: '8.8.8.8' })).toMatchObject({ segmentPrefix: '0.0.0.0/0', isDefault: true, alsoOn: [expect.any(String), expect.any(String)] });
    const narrower = await ok<EditResultDto>('topology.addSegment', { portId: 'pt-vbr3-crete', prefix: '10.20.0.0/28' });
    expect(await ok('topology.lookup', { address: '10.20.0.9' })).toMatchObject({ segmentId: narrower.id, portId: 'pt-vbr3-crete' });
    expect(await ok('topology.lookup', { address: '2001:db8::1' })).toMatchObject({ prefix: '2001:db8::1/128', segmentId: null, isDefault: false });
    expect(await call('topology.lookup', { address: '10.20.0.300' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('octet 300 > 255'), details: { issues: [{ pointer: '/address' }] } },
    });
  });

  it('names what Undo and Redo would do, with the element\'s name', async () => {
    const fresh = (await snapshot()).project;
    expect([fresh.undoLabel, fresh.redoLabel]).toEqual([null, null]);
    const added = await ok<EditResultDto>('topology.addPop', { name: 'pop-crete', portId: 'pt-vbr3-crete' });
    expect(added.project.undoLabel).toBe('add PoP pop-crete');
    const edited = await ok<EditResultDto>('topology.update', { kind: 'segment', id: 'sg-crete', changes: { name: 'campus' } });
    expect(edited.project.undoLabel).toBe('edit segment 10.30.0.0/24');
    const removed = await ok<EditResultDto>('topology.remove', { kind: 'pop', id: added.id });
    expect(removed.project.undoLabel).toBe('delete PoP pop-crete');
    const undone = await ok<{ undoLabel: string | null; redoLabel: string | null }>('history.undo', {});
    expect(undone).toMatchObject({ undoLabel: 'edit segment 10.30.0.0/24', redoLabel: 'delete PoP pop-crete' });
  });
});

  it('a revision names one state across projects: a new project never reuses an old revision', async () => {
    const edited = await ok<EditResultDto>('topology.addBridge', { name: 'vbr9', kind: 'vtn-vbridge' });
    const fresh = await ok<{ revision: number; dirty: boolean }>('project.new', { template: 'empty' });
    expect(fresh.revision).toBeGreaterThan(edited.project.revision);
    expect(fresh.dirty).toBe(false);
    expect((await snapshot()).project.revision).toBe(fresh.revision);
    const next = await ok<EditResultDto>('topology.addBridge', { name: 'vbr1', kind: 'vtn-vbridge' });
    expect(next.project).toMatchObject({ revision: fresh.revision + 1, dirty: true });
  });

describe('services, plans and traces through the contract', () => {
  it('plans a service across the sample WAN and traces it both ways', async () => {
    const svc = await ok<EditResultDto>('services.save', { name: 'fw-dpi-nat', inSegment: null, outSegment: null, chain: ['vim-athens', 'pop-patras'], reverseChain: null });
    const set = await ok<PlanSetDto>('plan.compute', {});
    const plan = set.plans.find((p) => p.serviceId === svc.id)!;
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan.forward.rules.map((r) => `${r.inPortId}>${r.outPortId}`)).toEqual([
      'pt-vbr1-customer>pt-vbr1-athens',
      'pt-vbr1-athens>pt-vbr1-to-vbr2',
      'pt-vbr2-to-vbr1>pt-vbr2-patras',
      'pt-vbr2-patras>pt-vbr2-internet',
    ]);
    expect((await snapshot()).services[0]?.state).toBe('planned');
    const forward = await ok<TraceDto>('sim.trace', { src: '192.168.10.5', dst: '10.20.0.9' });
    expect(forward.disposition).toBe('DELIVERED');
    expect(forward.egressPortId).toBe('pt-vbr2-internet');
    const reverse = await ok<TraceDto>('sim.trace', { src: '10.20.0.9', dst: '192.168.10.5' });
    expect(reverse.disposition).toBe('DELIVERED');
    expect(reverse.egressPortId).toBe('pt-vbr1-customer');
    const impact = await ok<{ serviceId: string }[]>('sim.whatIf', { down: ['pt-vbr2-patras'] });
    expect(impact.map((i) => i.serviceId)).toContain(svc.id);
  });

  it('an unknown PoP fails the service with a did-you-mean, and deleting it releases its allocations', async () => {
    const bad = await ok<EditResultDto>('services.save', { name: 'typo', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athen'], reverseChain: null });
    const set = await ok<PlanSetDto>('plan.compute', {});
    const errors = set.plans[0]!.diagnostics.filter((d) => d.severity === 'error');
    expect(errors[0]?.message).toMatch(/pop-athen/);
    expect(JSON.stringify(errors)).toMatch(/pop-athens/);
    expect((await snapshot()).services[0]?.state).toBe('failed');
    const good = await ok<EditResultDto>('services.save', { name: 'ok', inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain: ['pop-athens'], reverseChain: null });
    await ok('plan.compute', {});
    await ok('services.remove', { id: good.id });
    await ok('services.remove', { id: bad.id });
    expect((await ok<PlanSetDto>('plan.get', {})).plans).toEqual([]);
    expect(await call('services.remove', { id: good.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('exports stored plans in every format, and refuses to export a service not planned yet', async () => {
    const svc = await ok<EditResultDto>('services.save', { name: 'web', inSegment: null, outSegment: null, chain: ['pop-athens'], reverseChain: null });
    expect(await call('export.run', { format: 'odl-vtn', serviceIds: [svc.id] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await ok('plan.compute', {});
    const formats = await ok<{ id: string; supportsTeardown: boolean }[]>('export.formats', {});
    for (const f of formats) {
      const file = await ok<{ fileName: string; text: string }>('export.run', { format: f.id });
      expect(file.text.length).toBeGreaterThan(20);
      if (f.supportsTeardown) expect((await ok<{ fileName: string }>('export.run', { format: f.id, teardown: true })).fileName).toMatch(/teardown/);
    }
    const curl = await ok<{ text: string }>('export.run', { format: 'curl' });
    expect(curl.text).toContain('WICM_PASSWORD');
    expect(curl.text).not.toMatch(/admin:admin/);
  });
});

describe('history and the outside world', () => {
  it('undo restores the model but keeps the push journal and service states', async () => {
    const { host } = await startTestHost();
    const svc = await (async () => {
      const r = await host.dispatch('services.save', { name: 'a', inSegment: null, outSegment: null, chain: ['pop-athens'], reverseChain: null });
      if (!r.ok) throw new Error(r.error.message);
      return r.value as EditResultDto;
    })();
    expect(svc.id).toMatch(/^svc-[0-9a-z]{1,6}-\d+$/);
    await host.dispatch('plan.compute', {});
    // What a push records (journal + state) is written outside the undo history.
    host.engine.session.touch((db) => {
      db.journal.append('odl-vtn http://ctl', '2026-11-21T10:00:00.000Z', { pushed: svc.id });
      const service = db.services.read()[0]!;
      db.services.upsert({ ...service, state: 'pushed' });
    });
    await host.dispatch('topology.addBridge', { name: 'vbr9', kind: 'vtn-vbridge' });
    await host.dispatch('history.undo', {});
    const db = host.engine.session.db;
    expect(db.topology.read().bridges.map((b) => b.name)).not.toContain('vbr9');
    expect(db.journal.read().map((j) => j.entry)).toEqual([{ pushed: svc.id }]);
    expect(db.services.read()[0]?.state).toBe('pushed');
  });
});
