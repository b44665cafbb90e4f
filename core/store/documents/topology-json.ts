import { z } from 'zod';
import type { DiagnosticDto, PositionDto, TopologyDto } from '../../contract/dto';
import { positionSchema, schemaId, textSchema, topologySchema } from './dto-schemas';
import { checkReference, checkUniqueIds, readJsonDocument } from './read-document';

/** Schema id of the topology JSON document. */
export const TOPOLOGY_SCHEMA = 'wicm-topology/1';

/**
 * The topology JSON document, schema `wicm-topology/1`:
 *
 * ```
 * {
 *   "schema": "wicm-topology/1",   required, exactly this string
 *   "generatedAt": "2024-…Z",      optional ISO-8601 time of the export
 *   "topology": TopologyDto,       required; ids unique per collection, bridge names unique,
 *                                  port names unique per bridge, every *Id / *PortId names an
 *                                  existing bridge / port, prefixes canonical, pools first ≤ last
 *   "positions": [PositionDto…]    optional layout ({elementId, x, y}); read back as [] if absent
 * }
 * ```
 * Unknown members are errors (a newer schema gets a new id).
 */
export interface TopologyDocument {
  readonly schema: typeof TOPOLOGY_SCHEMA;
  readonly generatedAt?: string;
  readonly topology: TopologyDto;
  readonly positions?: readonly PositionDto[];
}

const documentSchema = z.strictObject({
  schema: schemaId(TOPOLOGY_SCHEMA),
  generatedAt: textSchema().optional(),
  topology: topologySchema,
  positions: z.array(positionSchema).optional(),
});

/**
 * Reads a `wicm-topology/1` document, validating shapes, prefixes and references.
 *
 * Throws `PARSE_FAILED` for text that is not JSON and `INVALID_INPUT` otherwise, with every
 * problem (JSON pointer, message) in `details.diagnostics`.
 */
export function parseTopologyJson(text: string): { topology: TopologyDto; positions: PositionDto[] } {
  const doc = readJsonDocument(text, 'WICM topology file', documentSchema, (value, out) => crossCheck(value.topology, out));
  return { topology: doc.topology, positions: doc.positions ?? [] };
}

function crossCheck(t: TopologyDto, out: DiagnosticDto[]): void {
  const base = '/topology';
  for (const key of ['bridges', 'ports', 'links', 'segments', 'pops', 'naps'] as const) {
    checkUniqueIds(t[key], `${base}/${key}`, out);
  }
  const bridgeIds = new Set(t.bridges.map((b) => b.id));
  const portIds = new Set(t.ports.map((p) => p.id));
  const bridgeNames = new Map<string, number>();
  t.bridges.forEach((b, i) => {
    const first = bridgeNames.get(b.name);
    if (first !== undefined) {
      out.push({ severity: 'error', code: 'DUPLICATE_NAME', message: `Bridge name "${b.name}" is also used at ${base}/bridges/${first}`, pointer: `${base}/bridges/${i}/name` });
    } else bridgeNames.set(b.name, i);
  });
  const portNames = new Set<string>();
  t.ports.forEach((p, i) => {
    checkReference(p.bridgeId, bridgeIds, 'bridge', `${base}/ports/${i}/bridgeId`, out);
    const key = `${p.bridgeId}\u0000${p.name}`;
    if (portNames.has(key)) {
      out.push({ severity: 'error', code: 'DUPLICATE_NAME', message: `Bridge "${p.bridgeId}" has two ports named "${p.name}"`, pointer: `${base}/ports/${i}/name` });
    }
    portNames.add(key);
  });
  const port = (id: string, pointer: string): void => checkReference(id, portIds, 'port', pointer, out);
  t.links.forEach((l, i) => {
    port(l.aPortId, `${base}/links/${i}/aPortId`);
    port(l.bPortId, `${base}/links/${i}/bPortId`);
  });
  t.segments.forEach((s, i) => port(s.portId, `${base}/segments/${i}/portId`));
  t.pops.forEach((p, i) => port(p.portId, `${base}/pops/${i}/portId`));
  t.naps.forEach((n, i) => {
    port(n.cePortId, `${base}/naps/${i}/cePortId`);
    port(n.pePortId, `${base}/naps/${i}/pePortId`);
  });
  t.vlanPools.forEach((v, i) => {
    port(v.portId, `${base}/vlanPools/${i}/portId`);
    if (v.first > v.last) {
      out.push({ severity: 'error', code: 'OUT_OF_RANGE', message: `VLAN pool ${v.first}..${v.last} is empty (first > last)`, pointer: `${base}/vlanPools/${i}` });
    }
  });
}
