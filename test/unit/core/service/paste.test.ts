import { describe, expect, it } from 'vitest';
import type { PasteResultDto, ProjectInfoDto } from '../../../../core/contract/api';
import { copyName } from '../../../../core/service/handlers/paste';
import { freshHostEachTest } from '../../../helpers/fresh-host';

const { call, ok, snapshot } = freshHostEachTest();

describe('copy names', () => {
  it('adds -copy, then -copy-2, -copy-3, and never stacks copies of copies', () => {
    const taken = new Set(['vbr1', 'vbr1-copy']);
    expect(copyName('vbr1', taken)).toBe('vbr1-copy-2');
    expect(copyName('vbr1', taken)).toBe('vbr1-copy-3');
    expect(copyName('vbr1-copy', taken)).toBe('vbr1-copy-4');
    expect(copyName('pop-x', new Set())).toBe('pop-x-copy');
  });
});

describe('paste: copies in one undo step', () => {
  it('copies two linked bridges with their ports and the link between them, placed where asked', async () => {
    const before = await snapshot();
    const t = before.topology;
    const link = t.links[0]!;
    const a = t.ports.find((p) => p.id === link.aPortId)!;
    const b = t.ports.find((p) => p.id === link.bPortId)!;
    const result = await ok<PasteResultDto>('topology.paste', {
      items: [
        { kind: 'bridge', id: a.bridgeId },
        { kind: 'bridge', id: b.bridgeId },
      ],
      positions: [{ elementId: a.bridgeId, x: 900, y: 50 }],
    });
    expect(result.project.undoLabel).toMatch(/^paste \d+ elements$/);
    const after = (await snapshot()).topology;
    const names = (id: string) => t.bridges.find((x) => x.id === id)!.name;
    const copyA = after.bridges.find((x) => x.name === `${names(a.bridgeId)}-copy`)!;
    const copyB = after.bridges.find((x) => x.name === `${names(b.bridgeId)}-copy`)!;
    expect(copyA.datapathId).toBeNull();
    expect(after.ports.filter((p) => p.bridgeId === copyA.id).map((p) => p.name).sort()).toEqual(t.ports.filter((p) => p.bridgeId === a.bridgeId).map((p) => p.name).sort());
    const portOf = (bridgeId: string, name: string) => after.ports.find((p) => p.bridgeId === bridgeId && p.name === name)!.id;
    expect(after.links).toContainEqual(expect.objectContaining({ aPortId: portOf(copyA.id, a.name), bPortId: portOf(copyB.id, b.name) }));
    expect(result.pasted).toContainEqual({ kind: 'bridge', id: copyA.id, from: a.bridgeId });
    expect((await snapshot()).positions).toContainEqual({ elementId: copyA.id, x: 900, y: 50 });

    // A second paste names the copies -copy-2; one Undo removes a whole paste.
    await ok('topology.paste', { items: [{ kind: 'bridge', id: a.bridgeId }], positions: [] });
    expect((await snapshot()).topology.bridges.map((x) => x.name)).toContain(`${names(a.bridgeId)}-copy-2`);
    await ok<ProjectInfoDto>('history.undo', {});
    await ok<ProjectInfoDto>('history.undo', {});
    expect((await snapshot()).topology).toEqual(t);
  });

  it('copies a PoP beside the original with a fresh name, and warns when a pasted segment duplicates one', async () => {
    const t = (await snapshot()).topology;
    const pop = t.pops[0]!;
    await ok('topology.paste', { items: [{ kind: 'pop', id: pop.id }], positions: [] });
    await ok('topology.paste', { items: [{ kind: 'pop', id: pop.id }], positions: [] });
    const names = (await snapshot()).topology.pops.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining([`${pop.name}-copy`, `${pop.name}-copy-2`]));

    const segment = t.segments.find((s) => s.prefix !== '0.0.0.0/0' && s.prefix !== '::/0')!;
    const port = t.ports.find((p) => p.id === segment.portId)!;
    const result = await ok<PasteResultDto>('topology.paste', { items: [{ kind: 'port', id: port.id }, { kind: 'segment', id: segment.id }], positions: [] });
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'DUPLICATE_SEGMENT', message: expect.stringContaining(`port '${port.name}'`) }));
    expect((await snapshot()).topology.ports.map((p) => p.name)).toContain(`${port.name}-copy`);
  });

  it('pastes a port together with its earlier copy beside both, under two different names', async () => {
    const port = (await snapshot()).topology.ports[0]!;
    await ok('topology.paste', { items: [{ kind: 'port', id: port.id }], positions: [] });
    const copy = (await snapshot()).topology.ports.find((p) => p.name === `${port.name}-copy`)!;
    await ok('topology.paste', { items: [{ kind: 'port', id: port.id }, { kind: 'port', id: copy.id }], positions: [] });
    const names = (await snapshot()).topology.ports.filter((p) => p.bridgeId === port.bridgeId).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining([`${port.name}-copy`, `${port.name}-copy-2`, `${port.name}-copy-3`]));
  });

  it('says why when nothing can be pasted', async () => {
    expect(await call('topology.paste', { items: [{ kind: 'pop', id: 'gone' }], positions: [] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('Nothing to paste') } });
    expect(await call('topology.paste', { items: [], positions: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
