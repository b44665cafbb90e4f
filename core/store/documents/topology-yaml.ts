import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import type { BridgeDto, DiagnosticDto, LinkDto, NapDto, PopDto, PortDto, PositionDto, SegmentDto, TopologyDto, VlanPoolDto } from '../../contract/dto';
import { childPointer } from '../../contract/json-pointer';
import { parseWith } from '../../contract/zod-diagnostics';
import { CoreError } from '../../util/core-error';
import { summarizeProblems } from '../../util/diagnostic-summary';
import { canonicalPrefixSchema, integer, oneOf, schemaId, textSchema } from './dto-schemas';
import { derivedId, isUplinkPrefix, portRef, segmentRef, TOPOLOGY_YAML_SCHEMA } from './topology-yaml-names';

/*
 * The YAML topology document, schema `wicm-topology-yaml/1` (written by core/export
 * `topologyYaml`). Maps are keyed by name; lists are sorted; `id:` is optional everywhere.
 *
 *   schema: wicm-topology-yaml/1
 *   bridges:  { NAME: { id?, kind, controllerId, datapathId?, ports: { PORT: { id?, ofPort? } } } }
 *   segments: [ { id?, port: BRIDGE/PORT, prefix, name? } ]      prefixes other than /0
 *   uplinks:  [ { id?, port: BRIDGE/PORT, prefix, name? } ]      0.0.0.0/0 or ::/0
 *   links:    [ { id?, a: BRIDGE/PORT, b: BRIDGE/PORT } ]
 *   pops:     { NAME: { id?, port, aliases? } }
 *   naps:     { NAME: { id?, ce, pe } }
 *   vlanPools: { BRIDGE/PORT: { first, last } }
 *   defaults: { sourceSegment?, targetSegment? }
 *   layout:   { bridges|ports|segments|pops|naps: { NAME: [x, y] }, ids: { ID: [x, y] } }
 *             ([x, y, pinned]: placed by hand, auto-layout keeps it)
 */

const id = textSchema().optional();
const portRefSchema = textSchema();
const segmentSchema = z.strictObject({ id, port: portRefSchema, prefix: canonicalPrefixSchema, name: textSchema({ allowEmpty: true }).nullable().optional() });
const coords = z.union([z.tuple([z.number(), z.number()]), z.tuple([z.number(), z.number(), z.literal('pinned')])], { error: 'expected [x, y], or [x, y, pinned] for a node placed by hand' });
const named = <T extends z.ZodType>(value: T) => z.record(textSchema(), value);

const documentSchema = z.strictObject({
  schema: schemaId(TOPOLOGY_YAML_SCHEMA),
  bridges: named(
    z.strictObject({
      id,
      kind: oneOf('vtn-vbridge', 'openflow', 'ovs', 'generic'),
      controllerId: textSchema(),
      datapathId: textSchema().nullable().optional(),
      ports: named(z.strictObject({ id, ofPort: integer(1, 0xffffff00).nullable().optional() }).nullable()).nullable().optional(),
    }),
  ),
  segments: z.array(segmentSchema).nullable().optional(),
  uplinks: z.array(segmentSchema).nullable().optional(),
  links: z.array(z.strictObject({ id, a: portRefSchema, b: portRefSchema })).nullable().optional(),
  pops: named(z.strictObject({ id, port: portRefSchema, aliases: z.array(textSchema()).nullable().optional() })).nullable().optional(),
  naps: named(z.strictObject({ id, ce: portRefSchema, pe: portRefSchema })).nullable().optional(),
  vlanPools: named(z.strictObject({ first: integer(1, 4094), last: integer(1, 4094) })).nullable().optional(),
  defaults: z.strictObject({ sourceSegment: canonicalPrefixSchema.nullable().optional(), targetSegment: canonicalPrefixSchema.nullable().optional() }).nullable().optional(),
  layout: z
    .strictObject({ bridges: named(coords).optional(), ports: named(coords).optional(), segments: named(coords).optional(), pops: named(coords).optional(), naps: named(coords).optional(), ids: named(coords).optional() })
    .nullable()
    .optional(),
});

type YamlTopology = z.infer<typeof documentSchema>;

/** True when `text` looks like a YAML topology (its `schema:` line), without parsing it. */
export function isTopologyYaml(text: string): boolean {
  return /^schema:\s*["']?wicm-topology-yaml\/1["']?\s*(#.*)?$/m.test(text.slice(0, 8192));
}

/**
 * Reads a `wicm-topology-yaml/1` document: shapes, prefixes, names and references.
 *
 * Throws `PARSE_FAILED` for text that is not YAML and `INVALID_INPUT` otherwise; every problem
 * has a JSON pointer and its line in the message, and an unknown name names what is missing.
 */
export function parseTopologyYaml(text: string): { topology: TopologyDto; positions: PositionDto[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const fail = doc.errors[0];
  if (fail) {
    const at = fail.linePos?.[0];
    const where = at ? `line ${at.line}, column ${at.col}` : 'the start';
    // yaml reads nested collections recursively: a stack overflow means absurd nesting, not a bug.
    const reason = /call stack/i.test(fail.message)
      ? 'it nests lists or maps far deeper than a topology does'
      : (fail.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    const message = `Not YAML at ${where}: ${reason}`;
    throw new CoreError('PARSE_FAILED', `Cannot read the WICM topology file: ${message}`, { diagnostics: [{ severity: 'error', code: 'INVALID_YAML', message, pointer: '' }] });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new CoreError('PARSE_FAILED', `Cannot read the WICM topology file: ${message}`, { diagnostics: [{ severity: 'error', code: 'INVALID_YAML', message, pointer: '' }] });
  }
  const parsed = parseWith(documentSchema, value);
  const out: DiagnosticDto[] = parsed.ok ? [] : parsed.diagnostics;
  const result = parsed.ok ? build(parsed.value, out) : null;
  if (!result || out.length > 0) {
    const located = out.map((d) => withLine(d, doc, lines));
    throw new CoreError('INVALID_INPUT', `Invalid WICM topology file: ${summarizeProblems(located)}`, { diagnostics: located });
  }
  return result;
}

/** The model of a valid document; references and duplicates are reported into `out`. */
function build(y: YamlTopology, out: DiagnosticDto[]): { topology: TopologyDto; positions: PositionDto[] } {
  const error = (code: string, message: string, pointer: string, hint?: string): void => {
    out.push({ severity: 'error', code, message, pointer, ...(hint ? { hint } : {}) });
  };
  const bridges: BridgeDto[] = [];
  const ports: PortDto[] = [];
  const portIds = new Map<string, string>();
  for (const [name, b] of Object.entries(y.bridges)) {
    const bridgeId = b.id ?? derivedId.bridge(name);
    bridges.push({ id: bridgeId, name, kind: b.kind, controllerId: b.controllerId, datapathId: b.datapathId ?? null });
    for (const [portName, p] of Object.entries(b.ports ?? {})) {
      const ref = portRef(name, portName);
      if (portIds.has(ref)) error('DUPLICATE_NAME', `Two ports are named "${ref}"`, childPointer('/bridges', name, 'ports', portName), 'A "/" in a bridge or port name can make two names equal; rename one.');
      const portId = p?.id ?? derivedId.port(ref);
      portIds.set(ref, portId);
      ports.push({ id: portId, bridgeId, name: portName, ofPort: p?.ofPort ?? null });
    }
  }
  const hint = (ref: string): string => (ref.includes('/') ? `Declare port "${ref.slice(ref.indexOf('/') + 1)}" under bridge "${ref.slice(0, ref.indexOf('/'))}", or fix the name.` : 'Name a port as bridge/port, e.g. vbr1/if_customer.');
  const port = (ref: string, pointer: string): string => {
    const found = portIds.get(ref);
    if (found === undefined) error('UNKNOWN_REFERENCE', `Unknown port "${ref}"`, pointer, hint(ref));
    return found ?? ref;
  };

  const segments: SegmentDto[] = [];
  const segmentIds = new Map<string, string>();
  for (const section of ['segments', 'uplinks'] as const) {
    (y[section] ?? []).forEach((s, i) => {
      const pointer = childPointer(`/${section}`, i);
      const key = segmentRef(s.port, s.prefix);
      if (isUplinkPrefix(s.prefix) !== (section === 'uplinks')) {
        error('WRONG_SECTION', section === 'uplinks' ? `Uplink ${s.prefix} on "${s.port}" is not 0.0.0.0/0 or ::/0` : `Segment ${s.prefix} on "${s.port}" is an uplink`, `${pointer}/prefix`, `Move it to ${section === 'uplinks' ? 'segments' : 'uplinks'}.`);
      }
      if (segmentIds.has(key)) error('DUPLICATE_NAME', `Port "${s.port}" has segment ${s.prefix} twice`, pointer, 'Remove one of them.');
      const segmentId = s.id ?? derivedId.segment(key);
      segmentIds.set(key, segmentId);
      segments.push({ id: segmentId, prefix: s.prefix, portId: port(s.port, `${pointer}/port`), name: s.name ?? null });
    });
  }
  const links: LinkDto[] = (y.links ?? []).map((l, i) => ({ id: l.id ?? derivedId.link(l.a, l.b), aPortId: port(l.a, `/links/${i}/a`), bPortId: port(l.b, `/links/${i}/b`) }));
  const pops: PopDto[] = Object.entries(y.pops ?? {}).map(([name, p]) => ({ id: p.id ?? derivedId.pop(name), name, portId: port(p.port, childPointer('/pops', name, 'port')), aliases: p.aliases ?? [] }));
  const naps: NapDto[] = Object.entries(y.naps ?? {}).map(([name, n]) => ({
    id: n.id ?? derivedId.nap(name),
    name,
    cePortId: port(n.ce, childPointer('/naps', name, 'ce')),
    pePortId: port(n.pe, childPointer('/naps', name, 'pe')),
  }));
  const vlanPools: VlanPoolDto[] = Object.entries(y.vlanPools ?? {}).map(([ref, v]) => {
    const pointer = childPointer('/vlanPools', ref);
    if (v.first > v.last) error('OUT_OF_RANGE', `VLAN pool ${v.first}..${v.last} of port "${ref}" is empty (first > last)`, pointer, 'Swap first and last.');
    return { portId: port(ref, pointer), first: v.first, last: v.last };
  });
  const topology: TopologyDto = {
    bridges,
    ports,
    links,
    segments,
    pops,
    naps,
    vlanPools,
    defaults: { sourceSegment: y.defaults?.sourceSegment ?? null, targetSegment: y.defaults?.targetSegment ?? null },
  };
  for (const [key, list] of [['bridges', bridges], ['ports', ports], ['links', links], ['segments', segments], ['pops', pops], ['naps', naps]] as const) {
    const seen = new Set<string>();
    for (const item of list) {
      if (seen.has(item.id)) error('DUPLICATE_ID', `Two ${key} have the id "${item.id}"`, `/${key}`, 'Change or remove one `id:`.');
      seen.add(item.id);
    }
  }
  return { topology, positions: positionsOf(y.layout ?? {}, { bridges: new Map(bridges.map((b) => [b.name, b.id])), ports: portIds, segments: segmentIds, pops: new Map(pops.map((p) => [p.name, p.id])), naps: new Map(naps.map((n) => [n.name, n.id])) }, error) };
}

type Layout = NonNullable<YamlTopology['layout']>;

/** A layout entry as a position: `[x, y]`, or `[x, y, pinned]` for a node placed by hand. */
function placed(elementId: string, [x, y, pin]: readonly [number, number, ('pinned' | undefined)?]): PositionDto {
  return pin === 'pinned' ? { elementId, x, y, pinned: true } : { elementId, x, y };
}

function positionsOf(layout: Layout, ids: Readonly<Record<'bridges' | 'ports' | 'segments' | 'pops' | 'naps', ReadonlyMap<string, string>>>, error: (code: string, message: string, pointer: string, hint?: string) => void): PositionDto[] {
  const positions: PositionDto[] = [];
  const what = { bridges: 'bridge', ports: 'port', segments: 'segment', pops: 'PoP', naps: 'NAP' } as const;
  for (const section of ['bridges', 'ports', 'segments', 'pops', 'naps'] as const) {
    for (const [name, at] of Object.entries(layout[section] ?? {})) {
      const elementId = ids[section].get(name);
      if (elementId === undefined) error('UNKNOWN_REFERENCE', `The layout places ${what[section]} "${name}", which the file does not declare`, childPointer('/layout', section, name), 'Remove the line or fix the name.');
      else positions.push(placed(elementId, at));
    }
  }
  for (const [elementId, at] of Object.entries(layout.ids ?? {})) positions.push(placed(elementId, at));
  return positions;
}

/** Adds the YAML line of the diagnostic's pointer to its message. */
function withLine(d: DiagnosticDto, doc: Document, lines: LineCounter): DiagnosticDto {
  const offset = offsetOf(doc, d.pointer ?? '');
  return offset === undefined ? d : { ...d, message: `${d.message} (line ${lines.linePos(offset).line})` };
}

function offsetOf(doc: Document, pointer: string): number | undefined {
  let node = doc.contents as Node | null;
  let offset = node?.range?.[0];
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const token of tokens) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === token);
      if (!pair) break;
      // The key's line: where a person looks for the member.
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      node = node.items[Number(token)] as Node | null;
      offset = node?.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}
