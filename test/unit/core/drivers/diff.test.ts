import { describe, expect, it } from 'vitest';
import { diffObjects } from '../../../../core/drivers/diff';
import { SHARED_OWNER, type LiveObject, type OwnedObject } from '../../../../core/drivers/driver';
import { desiredObject } from './fake-driver';

function live(id: string, content: unknown, after: string[] = []): LiveObject {
  return { id, kind: id.startsWith('cond:') ? 'condition' : 'filter', summary: id, content, after, restore: { method: 'POST', path: `/set/${id}` }, remove: { method: 'POST', path: `/remove/${id}` } };
}

function owned(serviceId: string, rank?: number): OwnedObject {
  return { serviceId, kind: 'filter', summary: '', content: null, ...(rank === undefined ? {} : { chain: { key: 'c', rank } }) };
}

// Service s1: condition c + a three-hop chain; filter f<rank>, rank 0 = ingress.
const chain = [
  desiredObject('cond:c', 's1', { m: 1 }),
  desiredObject('f2', 's1', { to: 'x' }, { after: ['cond:c'], chain: { key: 'c', rank: 2 } }),
  desiredObject('f1', 's1', { to: 'y' }, { after: ['cond:c'], chain: { key: 'c', rank: 1 } }),
  desiredObject('f0', 's1', { to: 'z' }, { after: ['cond:c'], chain: { key: 'c', rank: 0 } }),
];

describe('diff', () => {
  it('creates what is missing: condition first, then the chain from its last hop back', () => {
    const steps = diffObjects(chain, [], new Map(), new Set(['s1']));
    expect(steps.map((s) => [s.seq, s.action, s.objectId, s.dependsOn])).toEqual([
      [1, 'create', 'cond:c', []],
      [2, 'create', 'f2', [1]],
      [3, 'create', 'f1', [1, 2]],
      [4, 'create', 'f0', [1, 3]],
    ]);
  });

  it('sends nothing when live equals desired, whatever the key order', () => {
    const same = chain.map((d) => live(d.id, JSON.parse(JSON.stringify(d.content)) as unknown));
    expect(diffObjects(chain, same, new Map(), new Set(['s1']))).toEqual([]);
    const reordered = [desiredObject('cond:k', 's1', { a: 1, b: [1, 2] })];
    expect(diffObjects(reordered, [live('cond:k', { b: [1, 2], a: 1 })], new Map(), new Set(['s1']))).toEqual([]);
  });

  it('updates an owned object whose content differs, waiting only for changed neighbours', () => {
    const current = [live('cond:c', { m: 1 }), live('f2', { to: 'x' }), live('f1', { to: 'OLD' }), live('f0', { to: 'z' })];
    const steps = diffObjects(chain, current, new Map([['f1', owned('s1', 1)]]), new Set(['s1']));
    expect(steps).toEqual([expect.objectContaining({ seq: 1, action: 'update', objectId: 'f1', dependsOn: [], live: [current[2]] })]);
    expect(steps[0]?.conflict).toBeUndefined();
  });

  it('marks an update of an object the project does not own as a conflict', () => {
    const steps = diffObjects(chain.slice(0, 1), [live('cond:c', { m: 'theirs' })], new Map(), new Set(['s1']));
    expect(steps).toEqual([expect.objectContaining({ action: 'update', objectId: 'cond:c', conflict: expect.stringContaining('not created by this project') })]);
  });

  it('deletes only owned objects of services in scope, first hop first, the condition last; shared and foreign ones stay', () => {
    const current = [
      live('cond:c', {}),
      live('f2', {}, ['cond:c']),
      live('f1', {}, ['cond:c']),
      live('f0', {}, ['cond:c']),
      live('foreign', {}),
      live('vif', {}),
      live('other', {}),
    ];
    const ownership = new Map<string, OwnedObject>([
      ['cond:c', owned('s1')],
      ['f2', owned('s1', 2)],
      ['f1', owned('s1', 1)],
      ['f0', owned('s1', 0)],
      ['vif', owned(SHARED_OWNER)],
      ['other', owned('s2')],
    ]);
    const steps = diffObjects([], current, ownership, new Set(['s1']));
    const seqOf = (id: string): number => steps.find((s) => s.objectId === id)?.seq ?? -1;
    expect(steps.map((s) => s.objectId).sort()).toEqual(['cond:c', 'f0', 'f1', 'f2']);
    expect(steps.every((s) => s.action === 'delete')).toBe(true);
    const dep = (id: string): readonly number[] => steps.find((s) => s.objectId === id)?.dependsOn ?? [];
    expect(dep('f1')).toContain(seqOf('f0'));
    expect(dep('f2')).toContain(seqOf('f1'));
    expect(dep('cond:c')).toEqual(expect.arrayContaining([seqOf('f0'), seqOf('f1'), seqOf('f2')]));
    expect(diffObjects([], current, ownership, 'all').map((s) => s.objectId).sort()).toEqual(['cond:c', 'f0', 'f1', 'f2', 'other']);
  });
});
