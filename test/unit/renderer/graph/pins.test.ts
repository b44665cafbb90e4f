import { describe, expect, it } from 'vitest';
import type { PositionDto } from '../../../../core/contract/dto';
import { toElements } from '../../../../renderer/graph/elements';
import { pinnedIds, unpinPositions, unpinScope } from '../../../../renderer/graph/pins';
import { keepPinned } from '../../../../renderer/graph/placement';
import { autoLayout } from '../../../../renderer/graph/layout';
import { smallWan } from '../fixtures';

describe('pins: nodes placed by hand', () => {
  const topology = smallWan();
  const bridge = topology.bridges[0]!;
  const ports = topology.ports.filter((p) => p.bridgeId === bridge.id);
  // pop-patras hangs off vbr2, which is not pinned (a pinned bridge keeps what hangs off it).
  const pop = topology.pops[1]!;
  const stored: PositionDto[] = [
    { elementId: bridge.id, x: 10, y: 20, pinned: true },
    ...ports.map((p, i) => ({ elementId: p.id, x: 100 + i, y: 200, pinned: true })),
    { elementId: pop.id, x: 500, y: 600, pinned: true },
    { elementId: 'not-pinned', x: 1, y: 1 },
  ];

  it('draws pinned nodes with the pinned class, the others without', () => {
    const els = toElements(topology, stored);
    const classesOf = (modelId: string) => String(els.find((e) => e.data.modelId === modelId)?.classes ?? '');
    expect(classesOf(bridge.id)).toContain('pinned');
    expect(classesOf(pop.id)).toContain('pinned');
    expect(classesOf(topology.bridges[1]!.id)).not.toContain('pinned');
    expect(toElements(topology, []).some((e) => String(e.classes ?? '').includes('pinned'))).toBe(false);
  });

  it('unpinning a bridge releases its ports too, where they are; a PoP only itself', () => {
    const scope = unpinScope(topology, [{ kind: 'bridge', id: bridge.id }]);
    const released = unpinPositions(stored, scope);
    expect(released.map((p) => p.elementId).sort()).toEqual([bridge.id, ...ports.map((p) => p.id)].sort());
    expect(released.every((p) => p.pinned === false)).toBe(true);
    expect(released.find((p) => p.elementId === bridge.id)).toEqual({ elementId: bridge.id, x: 10, y: 20, pinned: false });
    expect(unpinPositions(stored, unpinScope(topology, [{ kind: 'pop', id: pop.id }]))).toEqual([{ elementId: pop.id, x: 500, y: 600, pinned: false }]);
  });

  it('Unpin all releases every pinned position and nothing else; nothing pinned, nothing to do', () => {
    expect(unpinPositions(stored, null)).toHaveLength(stored.length - 1);
    expect(unpinPositions(unpinPositions(stored, null), null)).toEqual([]);
  });

  it('after unpinning, auto-layout moves the node again', () => {
    const auto = autoLayout(topology);
    const keptWhilePinned = keepPinned(topology, auto, stored, pinnedIds(stored));
    expect(keptWhilePinned.get(pop.id)).toEqual({ x: 500, y: 600 });
    const unpinned = stored.map((p) => (p.elementId === pop.id ? { ...p, pinned: false } : p));
    const laidOut = keepPinned(topology, auto, unpinned, pinnedIds(unpinned));
    expect(laidOut.get(pop.id)).not.toEqual({ x: 500, y: 600 });
    // It moves with the rest of the auto layout (beside the hand-placed part): same offset as its port.
    const port = pop.portId;
    expect(laidOut.get(pop.id)!.x - laidOut.get(port)!.x).toBe(auto.get(pop.id)!.x - auto.get(port)!.x);
  });
});
