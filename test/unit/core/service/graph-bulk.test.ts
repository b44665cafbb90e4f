import { describe, expect, it } from 'vitest';
import type { ProjectInfoDto } from '../../../../core/contract/api';
import { freshHostEachTest } from '../../../helpers/fresh-host';

const { call, ok, snapshot } = freshHostEachTest();

describe('bulk edits from the graph: one undo step each', () => {
  it('deletes a box selection in one step, skipping what went with a bridge, and undo brings all back', async () => {
    const before = (await snapshot()).topology;
    const pop = before.pops.find((p) => p.name === 'pop-patras')!;
    const bridge = before.bridges.find((b) => b.name === 'vbr1')!;
    const info = await ok<{ id: string; project: ProjectInfoDto }>('topology.removeMany', {
      items: [
        { kind: 'bridge', id: 'br-patras' },
        { kind: 'pop', id: pop.id },
        { kind: 'bridge', id: bridge.id },
      ],
    });
    // The PoP went with its bridge: two deletions, named in the undo label.
    expect(info.id).toBe('2');
    expect(info.project.undoLabel).toBe('delete 2 elements');
    const after = (await snapshot()).topology;
    expect(after.bridges.map((b) => b.name)).toEqual(['vbr3']);
    await ok('history.undo', {});
    expect((await snapshot()).topology).toEqual(before);
  });

  it('refuses a selection that is all gone, by saying so', async () => {
    expect(await call('topology.removeMany', { items: [{ kind: 'pop', id: 'nope' }] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('selected elements') } });
    expect(await call('topology.removeMany', { items: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('stores an auto-layout as an undoable step; undo restores the hand-placed positions', async () => {
    await ok('layout.move', { positions: [{ elementId: 'br-patras', x: 11, y: 22 }] });
    const placed = (await snapshot()).positions;
    const info = await ok<ProjectInfoDto>('layout.arrange', { positions: [{ elementId: 'br-patras', x: 500, y: 600 }] });
    expect(info.undoLabel).toBe('auto-layout');
    expect((await snapshot()).positions.find((p) => p.elementId === 'br-patras')).toEqual({ elementId: 'br-patras', x: 500, y: 600 });
    await ok('history.undo', {});
    expect((await snapshot()).positions).toEqual(placed);
  });
});
