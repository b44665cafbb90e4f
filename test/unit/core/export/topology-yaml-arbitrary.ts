// fast-check generators of project topologies as the model holds them (ids included), and the
// order-free form two topologies are compared in (a topology's lists have no meaning in order).
import fc from 'fast-check';
import type { PositionDto, SegmentDto, TopologyDto } from '../../../../core/contract/dto';
import { distinctBy } from '../../../../core/import/shared/collections';

const text = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('null', 'true', '- x', '#c', 'a: b', ' pad ', '0x1F', '~', "it's", 'é/ü', 'multi\nline'));
/** Bridge names never contain "/" (a port is named bridge/port). */
const bridgeName = text.filter((s) => !s.includes('/'));

const prefixes = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 32 })).map(([ip, len]) => {
    const masked = len === 32 ? ip >>> 0 : (ip & ~(0xffffffff >>> len)) >>> 0;
    return `${[24, 16, 8, 0].map((s) => (masked >>> s) & 255).join('.')}/${len}`;
  }),
  fc.constantFrom('0.0.0.0/0', '::/0', '2001:db8::/32', 'fd00:1::/64', '10.0.0.0/8'),
);
const coordinate = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((n) => (Object.is(n, -0) ? 0 : n));

/** A valid topology with positions for some of its elements and for ids of no element. */
export const arbitraryTopology: fc.Arbitrary<{ topology: TopologyDto; positions: PositionDto[] }> = fc
  .record({
    bridges: fc.uniqueArray(fc.record({ id: text, name: bridgeName, kind: fc.constantFrom('vtn-vbridge', 'openflow', 'ovs', 'generic') as fc.Arbitrary<'ovs'>, controllerId: text, datapathId: fc.option(text) }), {
      minLength: 1,
      maxLength: 4,
      selector: (b) => b.name,
    }),
    portSeeds: fc.array(fc.record({ id: text, name: text, bridge: fc.nat(), ofPort: fc.option(fc.integer({ min: 1, max: 0xffffff00 })) }), { minLength: 1, maxLength: 8 }),
    extras: fc.array(fc.record({ id: text, name: text, a: fc.nat(), b: fc.nat(), prefix: prefixes, segName: fc.option(fc.string({ maxLength: 6 })), aliases: fc.array(text, { maxLength: 3 }), first: fc.integer({ min: 1, max: 4094 }), span: fc.nat(50) }), { maxLength: 8 }),
    defaults: fc.record({ sourceSegment: fc.option(prefixes), targetSegment: fc.option(prefixes) }),
    placed: fc.array(fc.tuple(fc.nat(), coordinate, coordinate), { maxLength: 6 }),
    stray: fc.array(fc.tuple(text, coordinate, coordinate), { maxLength: 2 }),
  })
  .map(({ bridges: rawBridges, portSeeds, extras, defaults, placed, stray }) => {
    const bridges = distinctBy(rawBridges, (b) => b.id);
    const ports = distinctBy(
      distinctBy(
        portSeeds.map((p) => ({ id: p.id, bridgeId: bridges[p.bridge % bridges.length]!.id, name: p.name, ofPort: p.ofPort })),
        (p) => `${p.bridgeId}\u0000${p.name}`,
      ),
      (p) => p.id,
    );
    const portAt = (n: number): string => ports[n % ports.length]!.id;
    const segments: SegmentDto[] = distinctBy(
      distinctBy(
        extras.map((e) => ({ id: e.id, prefix: e.prefix, portId: portAt(e.a), name: e.segName })),
        (s) => `${s.portId} ${s.prefix}`,
      ),
      (s) => s.id,
    );
    const links = distinctBy(
      extras.map((e) => ({ id: `l${e.id}`, aPortId: portAt(e.a), bPortId: portAt(e.b) })),
      (l) => l.id,
    );
    const pops = distinctBy(
      distinctBy(
        extras.map((e) => ({ id: `P${e.id}`, name: `${e.name}*`, portId: portAt(e.b), aliases: e.aliases })),
        (p) => p.name,
      ),
      (p) => p.id,
    );
    const naps = distinctBy(
      distinctBy(
        extras.map((e) => ({ id: e.name, name: e.id, cePortId: portAt(e.a), pePortId: portAt(e.b) })),
        (n) => n.name,
      ),
      (n) => n.id,
    );
    const vlanPools = distinctBy(
      extras.map((e) => ({ portId: portAt(e.a + e.b), first: e.first, last: Math.min(4094, e.first + e.span) })),
      (v) => v.portId,
    );
    const topology: TopologyDto = { bridges, ports, links, segments, pops, naps, vlanPools, defaults };
    const everyId = [...bridges, ...ports, ...segments, ...pops, ...naps].map((e) => e.id);
    const positions = distinctBy(
      [
        ...placed.map(([n, x, y]) => ({ elementId: everyId[n % everyId.length]!, x, y })),
        ...stray.filter(([id]) => !everyId.includes(id)).map(([elementId, x, y]) => ({ elementId, x, y })),
      ],
      (p) => p.elementId,
    );
    return { topology, positions };
  });

const byKey = <T>(key: (item: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** The topology and positions with every list sorted by id: what "equal on the model" compares. */
export function canonical({ topology: t, positions }: { topology: TopologyDto; positions: readonly PositionDto[] }): unknown {
  const sorted = <T extends { id: string }>(list: readonly T[]): T[] => [...list].sort(byKey((x) => x.id));
  return {
    topology: {
      bridges: sorted(t.bridges).map((b) => ({ ...b, datapathId: b.datapathId ?? null })),
      ports: sorted(t.ports),
      links: sorted(t.links),
      segments: sorted(t.segments),
      pops: sorted(t.pops),
      naps: sorted(t.naps),
      vlanPools: [...t.vlanPools].sort(byKey((v) => v.portId)),
      defaults: t.defaults,
    },
    positions: [...positions].sort(byKey((p) => p.elementId)),
  };
}
