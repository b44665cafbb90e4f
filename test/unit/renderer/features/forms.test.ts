import { describe, expect, it } from 'vitest';
import { editForm, toChanges } from '../../../../renderer/features/inspector/edit-forms';
import { vlanStrips } from '../../../../renderer/features/inspector/vlan-strip';
import { poolRange, poolValues } from '../../../../renderer/lib/vlan-pool';
import type { PlanDto, ServiceDto, ServiceState } from '../../../../core/contract/dto';
import { addFields, addKinds, addValues, toAddRequest } from '../../../../renderer/lib/add-forms';
import { FieldError } from '../../../../renderer/lib/forms';
import { serviceFocus } from '../../../../renderer/lib/service-focus';
import { athensPatrasPlan, smallWan } from '../fixtures';

describe('add forms', () => {
  const t = smallWan();

  it('offers ports labelled with their bridge and preselects the selected port', () => {
    const fields = addFields('pop', t);
    const ports = fields.find((f) => f.key === 'portId')?.ports ?? [];
    expect(ports.map((p) => p.label)).toContain('vbr1 / if-customer');
    // Free ports come first.
    expect(ports.findIndex((p) => !p.free)).toBeGreaterThanOrEqual(ports.filter((p) => p.free).length);
    expect(addValues('pop', t, { kind: 'port', id: 'p2p' })).toEqual({ name: '', portId: 'p2p', aliases: '' });
    expect(addValues('port', t, { kind: 'port', id: 'p2p' }).bridgeId).toBe('b2');
  });

  it('does not link a port to itself by default', () => {
    const v = addValues('link', t, { kind: 'port', id: 'p2l' });
    expect(v.aPortId).toBe('p2l');
    expect(v.bPortId).not.toBe('p2l');
  });

  it('builds typed engine requests', () => {
    expect(toAddRequest('segment', { portId: 'p1c', prefix: ' 10.9.0.0/24 ', name: '' })).toEqual({ method: 'topology.addSegment', req: { portId: 'p1c', prefix: '10.9.0.0/24', name: null } });
    expect(toAddRequest('pop', { name: 'pop-x', portId: 'p1c', aliases: 'a, b,,c' })).toEqual({ method: 'topology.addPop', req: { name: 'pop-x', portId: 'p1c', aliases: ['a', 'b', 'c'] } });
    expect(toAddRequest('uplink', { portId: 'p3u', family: '6' })).toEqual({ method: 'topology.addUplink', req: { portId: 'p3u', family: 6 } });
    expect(toAddRequest('bridge', { name: 'vbr4', kind: 'ovs', controllerId: '', datapathId: '' })).toEqual({ method: 'topology.addBridge', req: { name: 'vbr4', kind: 'ovs', datapathId: null } });
  });

  it('refuses a port number with letters before asking the engine', () => {
    expect(() => toAddRequest('port', { bridgeId: 'b1', name: 'x', ofPort: '7a' })).toThrow(FieldError);
  });

  it('has a form for every palette entry', () => {
    for (const { kind } of addKinds) expect(addFields(kind, t).length).toBeGreaterThan(0);
  });
});

describe('edit forms', () => {
  const t = smallWan();

  it('shows an element’s fields with their values', () => {
    expect(editForm('segment', 's-cust', t)).toMatchObject({ values: { prefix: '192.168.10.0/24', name: 'customer LAN' } });
    expect(editForm('pop', 'pop-a', t)?.values.aliases).toBe('vim-athens');
    expect(editForm('link', 'l12', t)?.fields).toEqual([]);
    expect(editForm('port', 'gone', t)).toBeNull();
  });

  it('sends only what changed, typed as the engine stores it', () => {
    const before = editForm('port', 'p2i', t)!.values;
    expect(toChanges('port', { ...before, ofPort: '9' }, before)).toEqual({ ofPort: 9 });
    const pop = editForm('pop', 'pop-a', t)!.values;
    expect(toChanges('pop', { ...pop, aliases: 'x, y' }, pop)).toEqual({ aliases: ['x', 'y'] });
    const segment = editForm('segment', 's-cust', t)!.values;
    expect(toChanges('segment', { ...segment, name: ' ' }, segment)).toEqual({ name: null });
    expect(toChanges('segment', segment, segment)).toEqual({});
  });
});

describe('VLAN strip', () => {
  const plan = athensPatrasPlan();
  const tagged = (serviceId: string, vlan: number): PlanDto => ({
    ...plan,
    serviceId,
    forward: { ...plan.forward, rules: plan.forward.rules.map((r) => (r.outPortId === 'p1a' ? { ...r, serviceId, vlan } : r)) },
    reverse: { ...plan.reverse, rules: [] },
  });
  const service = (id: string, state: ServiceState): ServiceDto => ({ id, name: `${id} name`, inSegment: null, outSegment: null, chain: [], reverseChain: null, state, provenance: null, attributes: {} });

  it('marks each tag of the port\'s pool free, allocated to a planned service, or pushed', () => {
    const pools = [{ portId: 'p1a', first: 400, last: 403 }, { portId: 'other', first: 1, last: 2 }];
    const [strip] = vlanStrips('p1a', pools, [tagged('planned-one', 401), tagged('live-one', 402)], [service('planned-one', 'planned'), service('live-one', 'pushed')]);
    expect(strip?.cells).toEqual([
      { tag: 400, holders: [], use: 'free' },
      { tag: 401, holders: ['planned-one name'], use: 'allocated' },
      { tag: 402, holders: ['live-one name'], use: 'pushed' },
      { tag: 403, holders: [], use: 'free' },
    ]);
    expect(strip).toMatchObject({ isDefault: false, counts: { free: 2, allocated: 1, pushed: 1 } });
  });

  it('shows the default 400–500 pool where plans tag a port without a pool, and nothing on an untagged port', () => {
    const [strip] = vlanStrips('p1a', [], [tagged('svc', 400)], [service('svc', 'drifted')]);
    expect(strip).toMatchObject({ first: 400, last: 500, isDefault: true, counts: { pushed: 1, allocated: 0, free: 100 } });
    expect(vlanStrips('p1c', [], [tagged('svc', 400)], [])).toEqual([]);
  });
});

describe('VLAN pool form', () => {
  it('reads a range, and names the missing or non-numeric field', () => {
    expect(poolRange({ first: ' 100 ', last: '199' })).toEqual({ first: 100, last: 199 });
    expect(() => poolRange({ first: '', last: '10' })).toThrow(expect.objectContaining({ field: 'first' }));
    expect(() => poolRange({ first: '1', last: '1x' })).toThrow(expect.objectContaining({ field: 'last', message: 'Last VLAN must be a whole number.' }));
    expect(poolValues(null)).toEqual({ first: '', last: '' });
  });
});

describe('serviceFocus', () => {
  const t = smallWan();
  const service = { id: 'svc', name: 's', inSegment: null, outSegment: '10.20.0.0/24', chain: ['VIM-ATHENS'], reverseChain: null, state: 'draft' as const, provenance: null, attributes: {} };

  it('uses the plan when there is one: path ports, bridges, PoPs, edge segments and links', () => {
    const focus = serviceFocus(t, service, athensPatrasPlan());
    expect([...focus].sort()).toEqual(['b1', 'b2', 'l12', 'p1a', 'p1c', 'p1l', 'p2i', 'p2l', 'p2p', 'pop-a', 'pop-p', 's-cust', 's-inet'].sort());
  });

  it('falls back to the named segments (defaults included) and chain PoPs by alias', () => {
    const focus = serviceFocus(t, service, null);
    expect([...focus].sort()).toEqual(['b1', 'b2', 'p1a', 'p1c', 'p2i', 'pop-a', 's-cust', 's-inet'].sort());
  });
});
