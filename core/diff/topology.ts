import type { DiffElementKind, ElementDiffDto } from '../contract/diff-dto';
import type { BridgeDto, LinkDto, NapDto, PopDto, PortDto, SegmentDto, TopologyDto } from '../contract/dto';
import { fieldChanges, pairItems, type Item } from './match';
import { SideNames } from './names';

/** Kinds in the order the report lists them. */
export const ELEMENT_KINDS: readonly DiffElementKind[] = ['bridge', 'port', 'link', 'segment', 'pop', 'nap', 'vlanPool', 'defaults'];

/** The items of one kind of a topology, references turned into names. */
function itemsOf(kind: DiffElementKind, t: TopologyDto, n: SideNames): Item[] {
  switch (kind) {
    case 'bridge':
      return t.bridges.map((b) => ({
        id: b.id,
        key: b.name,
        name: b.name,
        fields: [['name', b.name], ['kind', b.kind], ['controllerId', b.controllerId], ['datapathId', b.datapathId ?? null]],
      }));
    case 'port':
      return t.ports.map((p) => {
        const label = n.port(p.id);
        return { id: p.id, key: label, name: label, fields: [['bridge', n.bridge(p.bridgeId)], ['name', p.name], ['ofPort', p.ofPort]] };
      });
    case 'link':
      return t.links.map((l) => {
        const ends = [n.port(l.aPortId), n.port(l.bPortId)].sort();
        const label = ends.join(' — ');
        return { id: l.id, key: label, name: label, fields: [['ends', ends]] };
      });
    case 'segment':
      return t.segments.map((s) => {
        const port = n.port(s.portId);
        return { id: s.id, key: `${port}|${s.prefix}`, name: `${s.prefix} on ${port}`, fields: [['prefix', s.prefix], ['port', port], ['name', s.name]] };
      });
    case 'pop':
      return t.pops.map((p) => ({ id: p.id, key: p.name, name: p.name, fields: [['name', p.name], ['port', n.port(p.portId)], ['aliases', [...p.aliases].sort()]] }));
    case 'nap':
      return t.naps.map((x) => ({ id: x.id, key: x.name, name: x.name, fields: [['name', x.name], ['cePort', n.port(x.cePortId)], ['pePort', n.port(x.pePortId)]] }));
    case 'vlanPool':
      return vlanPools(t, n);
    case 'defaults':
      return [{ id: 'defaults', key: 'defaults', name: 'default segments', fields: [['sourceSegment', t.defaults.sourceSegment], ['targetSegment', t.defaults.targetSegment]] }];
  }
}

/** VLAN pools have no id: one item per port, its ranges in order. */
function vlanPools(t: TopologyDto, n: SideNames): Item[] {
  const byPort = new Map<string, string[]>();
  for (const pool of [...t.vlanPools].sort((x, y) => x.first - y.first || x.last - y.last)) {
    const port = n.port(pool.portId);
    const list = byPort.get(port);
    const range = `${pool.first}-${pool.last}`;
    if (list) list.push(range);
    else byPort.set(port, [range]);
  }
  return [...byPort].map(([port, ranges]) => ({ id: null, key: port, name: `VLAN pool on ${port}`, fields: [['port', port], ['ranges', ranges]] }));
}

/**
 * Whether two elements with the same id read the same (names of references included): most
 * elements of two versions are, and are skipped without building their items.
 */
function sameElement(kind: DiffElementKind, x: never, y: never, na: SideNames, nb: SideNames): boolean {
  switch (kind) {
    case 'bridge': {
      const [a, b] = [x as BridgeDto, y as BridgeDto];
      return a.name === b.name && a.kind === b.kind && a.controllerId === b.controllerId && (a.datapathId ?? null) === (b.datapathId ?? null);
    }
    case 'port': {
      const [a, b] = [x as PortDto, y as PortDto];
      return a.name === b.name && a.ofPort === b.ofPort && na.bridge(a.bridgeId) === nb.bridge(b.bridgeId);
    }
    case 'link': {
      const [a, b] = [x as LinkDto, y as LinkDto];
      return sameList([na.port(a.aPortId), na.port(a.bPortId)], [nb.port(b.aPortId), nb.port(b.bPortId)]);
    }
    case 'segment': {
      const [a, b] = [x as SegmentDto, y as SegmentDto];
      return a.prefix === b.prefix && a.name === b.name && na.port(a.portId) === nb.port(b.portId);
    }
    case 'pop': {
      const [a, b] = [x as PopDto, y as PopDto];
      return a.name === b.name && na.port(a.portId) === nb.port(b.portId) && sameList(a.aliases, b.aliases);
    }
    case 'nap': {
      const [a, b] = [x as NapDto, y as NapDto];
      return a.name === b.name && na.port(a.cePortId) === nb.port(b.cePortId) && na.port(a.pePortId) === nb.port(b.pePortId);
    }
    default:
      return false;
  }
}

/** Whether two lists hold the same strings, in any order. */
function sameList(p: readonly string[], q: readonly string[]): boolean {
  return p.length === q.length && [...p].sort().join('\u0000') === [...q].sort().join('\u0000');
}

const LISTS = { bridge: 'bridges', port: 'ports', link: 'links', segment: 'segments', pop: 'pops', nap: 'naps' } as const;

/** The elements of one kind that are not the same on both sides by id, as topologies of their own. */
function unsettled(kind: DiffElementKind, a: TopologyDto, b: TopologyDto, na: SideNames, nb: SideNames): [TopologyDto, TopologyDto] {
  if (!(kind in LISTS)) return [a, b];
  const list = LISTS[kind as keyof typeof LISTS];
  const as = a[list] as readonly { readonly id: string }[];
  const bs = b[list] as readonly { readonly id: string }[];
  const settled = new Set<string>();
  const settle = (x: { readonly id: string }, y: { readonly id: string } | undefined): void => {
    if (y && !settled.has(x.id) && sameElement(kind, x as never, y as never, na, nb)) settled.add(x.id);
  };
  // Two versions of a project usually list their elements in the same order: pair by position
  // first, and index by id only what is out of place.
  const misplaced: { readonly id: string }[] = [];
  as.forEach((x, i) => {
    const y = bs[i];
    if (y !== undefined && y.id === x.id) settle(x, y);
    else misplaced.push(x);
  });
  if (misplaced.length > 0) {
    const byId = new Map<string, { readonly id: string }>();
    for (const y of bs) if (!byId.has(y.id)) byId.set(y.id, y);
    for (const x of misplaced) settle(x, byId.get(x.id));
  }
  if (settled.size === 0) return [a, b];
  const rest = (items: readonly { readonly id: string }[]): never => items.filter((e) => !settled.has(e.id)) as never;
  return [{ ...a, [list]: rest(as) }, { ...b, [list]: rest(bs) }];
}

/** Elements added, removed or changed field by field, sorted by kind, then name. */
export function diffTopology(a: TopologyDto, b: TopologyDto, na = new SideNames(a), nb = new SideNames(b)): ElementDiffDto[] {
  const out: ElementDiffDto[] = [];
  for (const kind of ELEMENT_KINDS) {
    const found: ElementDiffDto[] = [];
    const [ra, rb] = unsettled(kind, a, b, na, nb);
    for (const pair of pairItems(itemsOf(kind, ra, na), itemsOf(kind, rb, nb))) {
      const fields = fieldChanges(pair.a, pair.b);
      if (pair.a && pair.b && fields.length === 0) continue;
      const change = pair.a === null ? 'added' : pair.b === null ? 'removed' : 'changed';
      const shown = (pair.b ?? pair.a)!;
      found.push({ kind, change, name: shown.name, aId: pair.a?.id ?? null, bId: pair.b?.id ?? null, fields });
    }
    out.push(...found.sort(byName));
  }
  return out;
}

/** Orders by name, then removed before added before changed. */
export function byName<T extends { readonly name: string; readonly change: string }>(x: T, y: T): number {
  return x.name < y.name ? -1 : x.name > y.name ? 1 : CHANGE_ORDER[x.change]! - CHANGE_ORDER[y.change]!;
}

const CHANGE_ORDER: Readonly<Record<string, number>> = { removed: 0, added: 1, changed: 2 };
