import { describe, expect, it } from 'vitest';
import { editForm, toChanges } from '../../../../renderer/features/inspector/edit-forms';
import { vlanStrips } from '../../../../renderer/features/inspector/vlan-strip';
import { addFields, addKinds, addValues, toAddRequest } from '../../../../renderer/features/palette/add-forms';
import { FieldError } from '../../../../renderer/lib/forms';
import { serviceFocus } from '../../../../renderer/lib/service-focus';
import { athensPatrasPlan, smallWan } from '../fixtures';

describe('add forms', () => {
  const t = smallWan();

  it('offers ports labelled with their bridge and preselects the selected port', () => {
    const fields = addFields('pop', t);
    expect(fields.find((f) => f.key === 'portId')?.options?.[0]).toEqual({ value: 'p1c', label: 'vbr1 / if-customer' });
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
  it('marks the tags the plans use on the port and leaves the rest free', () => {
    const plan = athensPatrasPlan();
    const withVlan = { ...plan, forward: { ...plan.forward, rules: plan.forward.rules.map((r) => (r.outPortId === 'p1a' ? { ...r, vlan: 401 } : r)) } };
    const [strip] = vlanStrips('p1a', [{ portId: 'p1a', first: 400, last: 403 }, { portId: 'other', first: 1, last: 2 }], [withVlan]);
    expect(strip?.cells).toEqual([
      { tag: 400, holders: [] },
      { tag: 401, holders: ['svc'] },
      { tag: 402, holders: [] },
      { tag: 403, holders: [] },
    ]);
    expect(strip?.allocated).toBe(1);
  });

  it('has no strip for a port without a pool', () => {
    expect(vlanStrips('p1c', [], [])).toEqual([]);
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
