// Properties of the diff over random sets of edits to the sample WAN: it reports exactly the
// elements edited, nothing when nothing changed, and swapping the sides swaps added/removed.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TopologyDto } from '../../../../core/contract/dto';
import { diffProjects, type DiffSide } from '../../../../core/diff';
import { parseTopologyJson } from '../../../../core/store/documents';

const base = parseTopologyJson(readFileSync('resources/sample/sample-wan.json', 'utf8')).topology;
const side = (topology: TopologyDto, label: string): DiffSide => ({ label, kind: 'topology-file', topology, services: [] });

/** An edit: what it does to a topology and the report line it must cause (`kind change id`). */
interface Edit {
  readonly apply: (t: TopologyDto) => TopologyDto;
  readonly expect: string;
}

const edits = (): fc.Arbitrary<Edit>[] => [
  fc.constantFrom(...base.pops).map((p) => ({ apply: (t) => ({ ...t, pops: t.pops.map((x) => (x.id === p.id ? { ...x, name: `${x.name}-renamed` } : x)) }), expect: `pop changed ${p.id}` })),
  fc.constantFrom(...base.segments).map((s) => ({ apply: (t) => ({ ...t, segments: t.segments.map((x) => (x.id === s.id ? { ...x, name: `${x.name ?? ''} edited` } : x)) }), expect: `segment changed ${s.id}` })),
  fc.constantFrom(...base.links).map((l) => ({ apply: (t) => ({ ...t, links: t.links.filter((x) => x.id !== l.id) }), expect: `link removed ${l.id}` })),
  fc.constantFrom(...base.ports).map((p) => ({ apply: (t) => ({ ...t, ports: t.ports.map((x) => (x.id === p.id ? { ...x, ofPort: (x.ofPort ?? 0) + 100 } : x)) }), expect: `port changed ${p.id}` })),
  fc.constantFrom(...base.bridges).map((b) => ({ apply: (t) => ({ ...t, bridges: t.bridges.map((x) => (x.id === b.id ? { ...x, controllerId: `${x.controllerId}-x` } : x)) }), expect: `bridge changed ${b.id}` })),
  fc.integer({ min: 1, max: 9 }).map((n) => ({ apply: (t) => ({ ...t, ports: [...t.ports, { id: `new-${n}`, bridgeId: 'br-athens', name: `if_new_${n}`, ofPort: 50 + n }] }), expect: `port added new-${n}` })),
];

const editSets = fc.uniqueArray(fc.oneof(...edits()), { maxLength: 6, selector: (e) => e.expect });

/** The same topology with its element lists in another order (a file written by another tool). */
type Order = 'same' | 'reversed' | 'rotated';
function reorder(t: TopologyDto, order: Order): TopologyDto {
  if (order === 'same') return t;
  const move = <T>(list: readonly T[]): T[] => (order === 'reversed' ? [...list].reverse() : [...list.slice(1), ...list.slice(0, 1)]);
  return { ...t, bridges: move(t.bridges), ports: move(t.ports), links: move(t.links), segments: move(t.segments), pops: move(t.pops), naps: move(t.naps) };
}

function lines(diff: ReturnType<typeof diffProjects>, flip = false): string[] {
  const swap = { added: 'removed', removed: 'added', changed: 'changed' } as const;
  return diff.topology.map((e) => `${e.kind} ${flip ? swap[e.change] : e.change} ${e.bId ?? e.aId}`).sort();
}

describe('diff properties', () => {
  it('reports exactly the edited elements in any element order, and the reverse diff mirrors it', () => {
    fc.assert(
      fc.property(editSets, fc.constantFrom<Order>('same', 'reversed', 'rotated'), (set, order) => {
        const edited = reorder(set.reduce((t, e) => e.apply(t), base), order);
        const diff = diffProjects(side(base, 'a'), side(edited, 'b'));
        expect(lines(diff)).toEqual(set.map((e) => e.expect).sort());
        expect(diff.identical).toBe(set.length === 0);
        expect(lines(diffProjects(side(edited, 'b'), side(base, 'a')), true)).toEqual(lines(diff));
      }),
      { numRuns: 300 },
    );
  });
});
