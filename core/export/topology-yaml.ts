import { Document, isSeq, isScalar, parseDocument, visit, type Node } from 'yaml';
import type { PositionDto, TopologyDto } from '../contract/dto';
import { byText, derivedId, isUplinkPrefix, portRef, segmentRef, TOPOLOGY_YAML_SCHEMA } from '../store/documents/topology-yaml-names';
import { CoreError } from '../util/core-error';
import { mergeYamlNode } from './yaml-update';

/** What the YAML topology is written from. */
export interface TopologyYamlInput {
  readonly topology: TopologyDto;
  readonly positions?: readonly PositionDto[];
}

const HEADER = ` WICM topology (${TOPOLOGY_YAML_SCHEMA}). Elements are named, not numbered: a port is
 bridge/port; \`id:\` appears only where an element's id is not the one its name gives.
 Import it with \`wicm import FILE --project P.wicm\` or File → Import topology.`;

const STRINGIFY = { indent: 2, lineWidth: 0, minContentWidth: 0 } as const;

/**
 * The YAML topology text of a project (read back by core/store/documents `parseTopologyYaml`):
 * sections sorted by name, references by name, layout in its own `layout:` section.
 * With `into` (the text of an existing file), that file is updated in place instead, so the
 * comments on the elements that remain are kept. Throws `INVALID_INPUT` when two elements would
 * get the same name (a port name that makes `bridge/port` ambiguous, a repeated segment).
 */
export function topologyYaml(input: TopologyYamlInput, options: { readonly into?: string } = {}): string {
  const fresh = new Document(topologyYamlValue(input));
  styleFlow(fresh);
  if (options.into === undefined || options.into.trim() === '') {
    fresh.commentBefore = HEADER;
    return fresh.toString(STRINGIFY);
  }
  return updateYamlText(options.into, fresh);
}

/**
 * `existing` (the text of a YAML file) updated in place to hold what `fresh` holds (a document
 * or its text), keeping the comments on what remains. Throws `INVALID_INPUT` when `existing`
 * is not YAML.
 */
export function updateYamlText(existing: string, fresh: Document | string): string {
  const next = typeof fresh === 'string' ? parseDocument(fresh) : fresh;
  const old = parseDocument(existing, { uniqueKeys: false });
  if (old.errors.length > 0) {
    const first = old.errors[0];
    const line = first?.linePos?.[0].line;
    throw new CoreError('INVALID_INPUT', `The file to update is not YAML${line !== undefined ? ` (line ${line})` : ''}: ${first?.message.split('\n')[0] ?? ''}. Write to a new file instead.`);
  }
  const merged = old.contents && next.contents ? mergeYamlNode(old.contents as Node, next.contents as Node) : next.contents;
  old.contents = merged as typeof old.contents;
  return old.toString(STRINGIFY);
}

/** Coordinates and alias lists are written on one line. */
function styleFlow(doc: Document): void {
  visit(doc, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || !isSeq(pair.value)) return;
      if (pair.key.value === 'aliases' || pair.value.items.every((item) => isScalar(item) && (typeof item.value === 'number' || item.value === PINNED))) pair.value.flow = true;
    },
  });
  // An empty map or list reads better in flow style ({} / []).
  visit(doc, {
    Map(_key, node) {
      if (node.items.length === 0) node.flow = true;
    },
    Seq(_key, node) {
      if (node.items.length === 0) node.flow = true;
    },
  });
}

type Plain = Record<string, unknown>;

/** Third item of a layout entry placed by hand. */
const PINNED = 'pinned';

/** The document as plain data, in file order. */
export function topologyYamlValue({ topology: t, positions = [] }: TopologyYamlInput): Plain {
  const bridgeById = new Map(t.bridges.map((b) => [b.id, b]));
  const refOfPort = new Map<string, string>();
  const portByRef = new Map<string, string>();
  for (const p of t.ports) {
    const ref = portRef(bridgeById.get(p.bridgeId)?.name ?? missing('bridge', p.bridgeId, `port "${p.name}"`), p.name);
    const other = portByRef.get(ref);
    if (other !== undefined) throw new CoreError('INVALID_INPUT', `Two ports are both named "${ref}"; rename one (a "/" in a bridge or port name can make two names equal).`, { portIds: [other, p.id] });
    portByRef.set(ref, p.id);
    refOfPort.set(p.id, ref);
  }
  const port = (id: string, owner: string): string => refOfPort.get(id) ?? missing('port', id, owner);
  const withId = (id: string, derived: string, rest: Plain): Plain => (id === derived ? rest : { id, ...rest });

  const bridges = new Map<string, Plain>();
  for (const b of [...t.bridges].sort((x, y) => byText(x.name, y.name))) {
    const ports = new Map<string, Plain>();
    for (const p of t.ports.filter((q) => q.bridgeId === b.id).sort((x, y) => byText(x.name, y.name))) {
      ports.set(p.name, withId(p.id, derivedId.port(portRef(b.name, p.name)), p.ofPort === null ? {} : { ofPort: p.ofPort }));
    }
    bridges.set(
      b.name,
      withId(b.id, derivedId.bridge(b.name), {
        kind: b.kind,
        controllerId: b.controllerId,
        ...(b.datapathId != null ? { datapathId: b.datapathId } : {}),
        ports,
      }),
    );
  }

  const segmentKeys = new Map<string, string>();
  const segmentByKey = new Map<string, string>();
  const segmentEntries = t.segments.map((s) => {
    const ref = port(s.portId, `segment ${s.prefix}`);
    const key = segmentRef(ref, s.prefix);
    const twin = segmentByKey.get(key);
    if (twin !== undefined) throw new CoreError('INVALID_INPUT', `Port "${ref}" has segment ${s.prefix} twice; remove one.`, { segmentIds: [twin, s.id] });
    segmentByKey.set(key, s.id);
    segmentKeys.set(s.id, key);
    const entry = withId(s.id, derivedId.segment(key), { port: ref, prefix: s.prefix, ...(s.name !== null ? { name: s.name } : {}) });
    return { key, uplink: isUplinkPrefix(s.prefix), entry };
  });
  segmentEntries.sort((x, y) => byText(x.key, y.key));

  const links = t.links
    .map((l) => {
      const a = port(l.aPortId, 'a link');
      const b = port(l.bPortId, 'a link');
      return { key: `${a}\u0000${b}\u0000${l.id}`, entry: withId(l.id, derivedId.link(a, b), { a, b }) };
    })
    .sort((x, y) => byText(x.key, y.key))
    .map((x) => x.entry);

  const pops = new Map<string, Plain>();
  for (const p of [...t.pops].sort((x, y) => byText(x.name, y.name))) {
    pops.set(p.name, withId(p.id, derivedId.pop(p.name), { port: port(p.portId, `PoP "${p.name}"`), aliases: [...p.aliases] }));
  }
  const naps = new Map<string, Plain>();
  for (const n of [...t.naps].sort((x, y) => byText(x.name, y.name))) {
    naps.set(n.name, withId(n.id, derivedId.nap(n.name), { ce: port(n.cePortId, `NAP "${n.name}"`), pe: port(n.pePortId, `NAP "${n.name}"`) }));
  }
  const vlanPools = new Map<string, Plain>();
  for (const v of t.vlanPools.map((p) => ({ ref: port(p.portId, 'a VLAN pool'), p })).sort((x, y) => byText(x.ref, y.ref))) {
    vlanPools.set(v.ref, { first: v.p.first, last: v.p.last });
  }

  return {
    schema: TOPOLOGY_YAML_SCHEMA,
    bridges,
    segments: segmentEntries.filter((s) => !s.uplink).map((s) => s.entry),
    uplinks: segmentEntries.filter((s) => s.uplink).map((s) => s.entry),
    links,
    pops,
    naps,
    vlanPools,
    defaults: { sourceSegment: t.defaults.sourceSegment, targetSegment: t.defaults.targetSegment },
    layout: layoutOf(t, positions, refOfPort, segmentKeys),
  };
}

/** The `layout:` section: positions keyed by element name, per kind; unknown ids under `ids`; `[x, y, pinned]` for a node placed by hand. */
function layoutOf(t: TopologyDto, positions: readonly PositionDto[], refOfPort: ReadonlyMap<string, string>, segmentKeys: ReadonlyMap<string, string>): Plain {
  const names: readonly (readonly [string, ReadonlyMap<string, string>])[] = [
    ['bridges', new Map(t.bridges.map((b) => [b.id, b.name]))],
    ['ports', refOfPort],
    ['segments', new Map(t.segments.map((s) => [s.id, segmentKeys.get(s.id) ?? s.id]))],
    ['pops', new Map(t.pops.map((p) => [p.id, p.name]))],
    ['naps', new Map(t.naps.map((n) => [n.id, n.name]))],
  ];
  const sections = new Map<string, [string, (number | typeof PINNED)[]][]>();
  for (const pos of positions) {
    const found = names.find(([, m]) => m.has(pos.elementId));
    const section = found ? found[0] : 'ids';
    const key = found ? (found[1].get(pos.elementId) as string) : pos.elementId;
    sections.set(section, [...(sections.get(section) ?? []), [key, pos.pinned ? [pos.x, pos.y, PINNED] : [pos.x, pos.y]]]);
  }
  const layout: Plain = {};
  for (const section of ['bridges', 'ports', 'segments', 'pops', 'naps', 'ids']) {
    const entries = sections.get(section);
    if (entries) layout[section] = new Map(entries.sort((x, y) => byText(x[0], y[0])));
  }
  return layout;
}

function missing(what: string, id: string, owner: string): never {
  throw new CoreError('INVALID_INPUT', `The ${owner} refers to ${what} id "${id}", which is not in the topology.`);
}
