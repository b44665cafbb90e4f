import type { DiagnosticDto } from '../contract/dto';
import { parseCanonicalPrefix } from '../net';
import { CoreError } from '../util/core-error';
import type { SqlConnection } from './connection';
import { syncServiceKeys } from './repositories/services';
import type { SqlValue } from './sqlite-port';

/** A cell of a row read back (undefined only past the row's end). */
type Cell = SqlValue | undefined;

/**
 * Integrity of a project file on open: is the SQLite file sound, is its schema ours, and does
 * every row say something the engine could have written (canonical prefixes, references that
 * resolve, JSON columns of the right shape, values in range)?
 *
 * A `.wicm` file is only ever written by the engine, which keeps all of this true; a file that
 * breaks it was damaged or edited by hand, and planning through it would route traffic by
 * guesswork (a segment on a port that does not exist, a `/33`). Such a file is refused with every
 * problem listed by element, so the person who changed it knows what to fix.
 */

/** At most this many problems are spelled out in the error message (all are in `details`). */
const MAX_LISTED = 20;

/** Columns of each table of the current schema, in order (`PRAGMA table_info`). */
const EXPECTED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  meta: ['key', 'value'],
  bridges: ['id', 'name', 'kind', 'controller_id', 'datapath_id'],
  ports: ['id', 'bridge_id', 'name', 'of_port'],
  links: ['id', 'a_port_id', 'b_port_id'],
  segments: ['id', 'prefix', 'port_id', 'name'],
  pops: ['id', 'name', 'port_id'],
  pop_aliases: ['pop_id', 'position', 'alias'],
  naps: ['id', 'name', 'ce_port_id', 'pe_port_id'],
  vlan_pools: ['port_id', 'first', 'last'],
  services: ['id', 'position', 'name', 'in_segment', 'out_segment', 'chain', 'reverse_chain', 'state', 'provenance', 'attributes'],
  plans: ['service_id', 'body'],
  allocations: ['kind', 'scope', 'value', 'service_id', 'direction', 'extra'],
  positions: ['element_id', 'x', 'y', 'pinned'],
  journal: ['seq', 'at', 'target', 'entry'],
  service_keys: ['service_id', 'kind', 'value'],
};

const BRIDGE_KINDS = new Set(['vtn-vbridge', 'openflow', 'ovs', 'generic']);
const SERVICE_STATES = new Set(['draft', 'planned', 'pushed', 'drifted', 'failed']);
const ALLOCATION_KINDS = new Set(['filter', 'vlan', 'condition']);
const DIRECTIONS = new Set(['forward', 'reverse']);

/**
 * Refuses a file SQLite itself finds damaged (torn pages, a truncated file, a bit flip in a
 * b-tree, an index out of step with its table): `PRAGMA integrity_check` reads every page and
 * checks every index against its table.
 */
export function assertSoundFile(run: (sql: string) => readonly { values: SqlValue[][] }[], label: string): void {
  const rows = run('PRAGMA integrity_check(5)')[0]?.values ?? [];
  const findings = rows.map((r) => String(r[0]));
  if (findings.length === 1 && findings[0] === 'ok') return;
  throw damaged(label, findings.join('; ') || 'no answer from the integrity check');
}

/** The error of a file SQLite cannot read (`reason` is SQLite's own words). */
export function damaged(label: string, reason: string): CoreError {
  return new CoreError(
    'INVALID_INPUT',
    `${label} is damaged and cannot be opened (${reason.replace(/\s+/g, ' ').slice(0, 300)}). The file may be truncated or corrupted: open a backup copy of it, or the last saved version.`,
    { file: label },
  );
}

/**
 * Every problem of a readable project, one diagnostic per problem, naming the element (pointer
 * into the project's topology or services, as `topology.get` / `services.list` show them).
 */
export function checkProject(sql: SqlConnection): DiagnosticDto[] {
  const out: DiagnosticDto[] = [];
  const schemaProblems = checkSchema(sql);
  if (schemaProblems.length > 0) return schemaProblems;
  checkTopology(sql, out);
  checkServices(sql, out);
  return out;
}

/**
 * Refuses a project with problems: one line per problem (the first `MAX_LISTED`), all in details.
 *
 * The services' lookup keys (`service_keys`) are derived from the services, like an index: keys
 * out of step (a file edited by hand, or from a build without them) are rebuilt, not refused,
 * since nothing a person wrote is lost and refusing would only make them run a repair by hand.
 */
export function assertConsistent(sql: SqlConnection, label: string): void {
  const problems = checkProject(sql);
  if (problems.length === 0) {
    syncServiceKeys(sql);
    return;
  }
  const listed = problems.slice(0, MAX_LISTED).map((p) => `  - ${p.message}${p.pointer ? ` (at ${p.pointer})` : ''}`);
  if (problems.length > MAX_LISTED) listed.push(`  … and ${problems.length - MAX_LISTED} more`);
  throw new CoreError(
    'INVALID_INPUT',
    `${label} was not opened: it holds data WICM Studio never writes (edited or damaged), and planning through it would misroute traffic. ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${listed.join('\n')}\nFix these in the file, or open a backup copy.`,
    { file: label, diagnostics: problems },
  );
}

function checkSchema(sql: SqlConnection): DiagnosticDto[] {
  const out: DiagnosticDto[] = [];
  for (const [table, expected] of Object.entries(EXPECTED_COLUMNS)) {
    const columns = sql.all(`PRAGMA table_info(${table})`).map((r) => String(r[1]));
    if (columns.length === 0) {
      out.push(problem('MISSING_TABLE', `table '${table}' is missing`, `/schema/${table}`));
    } else if (columns.join(',') !== expected.join(',')) {
      out.push(problem('WRONG_TABLE', `table '${table}' has columns (${columns.join(', ')}), expected (${expected.join(', ')})`, `/schema/${table}`));
    }
  }
  return out;
}

interface Named {
  readonly id: string;
  readonly label: string;
}

function checkTopology(sql: SqlConnection, out: DiagnosticDto[]): void {
  const bridges = new Map<string, Named>();
  const bridgeNames = new Set<string>();
  sql.all('SELECT id, name, kind, controller_id FROM bridges ORDER BY rowid').forEach(([id, name, kind, controllerId], i) => {
    const label = `bridge '${text(name)}'`;
    const at = `/topology/bridges/${i}`;
    bridges.set(text(id), { id: text(id), label });
    if (!isText(name) || name === '') out.push(problem('INVALID_VALUE', `${label}: the name is empty`, `${at}/name`, text(id)));
    else if (bridgeNames.has(name)) out.push(problem('DUPLICATE_NAME', `${label}: another bridge has the same name`, `${at}/name`, text(id)));
    bridgeNames.add(text(name));
    if (!BRIDGE_KINDS.has(text(kind))) out.push(problem('INVALID_VALUE', `${label}: kind '${text(kind)}' is not one of ${[...BRIDGE_KINDS].join(', ')}`, `${at}/kind`, text(id)));
    if (!isText(controllerId)) out.push(problem('INVALID_VALUE', `${label}: the controller id is missing`, `${at}/controllerId`, text(id)));
  });

  const ports = new Map<string, Named>();
  const portNames = new Set<string>();
  sql.all('SELECT id, bridge_id, name, of_port FROM ports ORDER BY rowid').forEach(([id, bridgeId, name, ofPort], i) => {
    const bridge = bridges.get(text(bridgeId));
    const label = `port '${text(name)}'${bridge ? ` of ${bridge.label}` : ''}`;
    const at = `/topology/ports/${i}`;
    ports.set(text(id), { id: text(id), label });
    if (!bridge) out.push(problem('DANGLING_REFERENCE', `${label}: its bridge '${text(bridgeId)}' does not exist`, `${at}/bridgeId`, text(id)));
    const key = `${text(bridgeId)}\u0000${text(name)}`;
    if (portNames.has(key)) out.push(problem('DUPLICATE_NAME', `${label}: the bridge has another port with this name`, `${at}/name`, text(id)));
    portNames.add(key);
    if (ofPort !== null && !(Number.isInteger(ofPort) && Number(ofPort) >= 1 && Number(ofPort) <= 65279)) {
      out.push(problem('OUT_OF_RANGE', `${label}: OpenFlow port ${text(ofPort)} is not between 1 and 65279`, `${at}/ofPort`, text(id)));
    }
  });
  const portRef = (owner: string, ownerId: string, field: string, value: Cell, pointer: string): void => {
    if (!ports.has(text(value))) out.push(problem('DANGLING_REFERENCE', `${owner}: its ${field} '${text(value)}' does not exist`, pointer, ownerId));
  };
  const portName = (value: Cell): string => ports.get(text(value))?.label ?? `port '${text(value)}'`;

  sql.all('SELECT id, a_port_id, b_port_id FROM links ORDER BY rowid').forEach(([id, a, b], i) => {
    const label = `link between ${portName(a)} and ${portName(b)}`;
    const at = `/topology/links/${i}`;
    portRef(label, text(id), 'port', a, `${at}/aPortId`);
    portRef(label, text(id), 'port', b, `${at}/bPortId`);
    if (text(a) === text(b)) out.push(problem('INVALID_VALUE', `${label}: a link joins two different ports`, at, text(id)));
  });

  checkSegments(sql, out);

  const pops = new Set<string>();
  const popNames = new Set<string>();
  sql.all('SELECT id, name, port_id FROM pops ORDER BY rowid').forEach(([id, name, portId], i) => {
    const label = `PoP '${text(name)}'`;
    const at = `/topology/pops/${i}`;
    pops.add(text(id));
    if (popNames.has(text(name))) out.push(problem('DUPLICATE_NAME', `${label}: another PoP has the same name`, `${at}/name`, text(id)));
    popNames.add(text(name));
    portRef(label, text(id), 'port', portId, `${at}/portId`);
  });
  for (const [popId, alias] of sql.all('SELECT pop_id, alias FROM pop_aliases ORDER BY rowid')) {
    if (!pops.has(text(popId))) out.push(problem('DANGLING_REFERENCE', `alias '${text(alias)}': its PoP '${text(popId)}' does not exist`, '/topology/pops', text(popId)));
  }

  sql.all('SELECT id, name, ce_port_id, pe_port_id FROM naps ORDER BY rowid').forEach(([id, name, ce, pe], i) => {
    const label = `NAP '${text(name)}'`;
    const at = `/topology/naps/${i}`;
    portRef(label, text(id), 'customer-edge port', ce, `${at}/cePortId`);
    portRef(label, text(id), 'provider-edge port', pe, `${at}/pePortId`);
  });

  sql.all('SELECT port_id, first, last FROM vlan_pools ORDER BY rowid').forEach(([portId, first, last], i) => {
    const label = `VLAN pool of ${portName(portId)}`;
    const at = `/topology/vlanPools/${i}`;
    portRef(label, text(portId), 'port', portId, `${at}/portId`);
    const f = Number(first);
    const l = Number(last);
    if (!(Number.isInteger(f) && Number.isInteger(l) && f >= 1 && f <= l && l <= 4094)) {
      out.push(problem('OUT_OF_RANGE', `${label}: ${text(first)}..${text(last)} is not a range within 1..4094`, at, text(portId)));
    }
  });

  for (const key of ['default_source', 'default_target'] as const) {
    const row = sql.one('SELECT value FROM meta WHERE key = ?', [key]);
    if (row) checkPrefix(out, `default ${key === 'default_source' ? 'source' : 'target'} segment`, row[0] ?? null, `/topology/defaults/${key === 'default_source' ? 'sourceSegment' : 'targetSegment'}`);
  }
}

/**
 * Segments are most of a large project's rows (100k in the benchmark), so they are checked the
 * cheap way: SQLite finds dangling ports with one anti-join, JS reads only the prefix column, and
 * a segment's name and position are looked up only when it has a problem.
 */
function checkSegments(sql: SqlConnection, out: DiagnosticDto[]): void {
  const describe = (rowid: SqlValue): { id: string; label: string; at: string; prefix: Cell; portId: Cell } => {
    const [id, prefix, portId, name, position] = sql.one(
      'SELECT id, prefix, port_id, name, (SELECT COUNT(*) FROM segments AS earlier WHERE earlier.rowid < segments.rowid) FROM segments WHERE rowid = ?',
      [rowid],
    ) ?? [];
    const label = `segment ${isText(name) && name !== '' ? `'${name}'` : `'${text(prefix ?? null)}'`}`;
    return { id: text(id ?? null), label, at: `/topology/segments/${text(position ?? null)}`, prefix: prefix ?? null, portId: portId ?? null };
  };
  for (const [rowid, prefix] of sql.all('SELECT rowid, prefix FROM segments ORDER BY rowid')) {
    if (isText(prefix) && parseCanonicalPrefix(prefix).ok) continue;
    const segment = describe(rowid ?? null);
    checkPrefix(out, segment.label, segment.prefix, `${segment.at}/prefix`, segment.id);
  }
  for (const [rowid] of sql.all('SELECT segments.rowid FROM segments LEFT JOIN ports ON ports.id = segments.port_id WHERE ports.id IS NULL ORDER BY segments.rowid')) {
    const segment = describe(rowid ?? null);
    out.push(problem('DANGLING_REFERENCE', `${segment.label}: its port '${text(segment.portId)}' does not exist`, `${segment.at}/portId`, segment.id));
  }
}

function checkServices(sql: SqlConnection, out: DiagnosticDto[]): void {
  const services = new Map<string, string>();
  sql
    .all('SELECT id, name, in_segment, out_segment, chain, reverse_chain, state, provenance, attributes FROM services ORDER BY position')
    .forEach(([id, name, inSeg, outSeg, chain, reverse, state, provenance, attributes], i) => {
      const label = `service '${text(name)}'`;
      const at = `/services/${i}`;
      services.set(text(id), label);
      if (inSeg !== null) checkPrefix(out, label, inSeg, `${at}/inSegment`, text(id));
      if (outSeg !== null) checkPrefix(out, label, outSeg, `${at}/outSegment`, text(id));
      if (!SERVICE_STATES.has(text(state))) out.push(problem('INVALID_VALUE', `${label}: state '${text(state)}' is not one of ${[...SERVICE_STATES].join(', ')}`, `${at}/state`, text(id)));
      checkJson(out, label, 'chain', chain, `${at}/chain`, text(id), isStringArray, 'a list of PoP names');
      if (reverse !== null) checkJson(out, label, 'reverse chain', reverse, `${at}/reverseChain`, text(id), isStringArray, 'a list of PoP names');
      if (provenance !== null) checkJson(out, label, 'provenance', provenance, `${at}/provenance`, text(id), isObject, 'an object');
      checkJson(out, label, 'attributes', attributes, `${at}/attributes`, text(id), isObject, 'an object');
    });
  for (const [serviceId, body] of sql.all('SELECT service_id, body FROM plans ORDER BY rowid')) {
    const label = `plan of ${services.get(text(serviceId)) ?? `service '${text(serviceId)}'`}`;
    if (!services.has(text(serviceId))) out.push(problem('DANGLING_REFERENCE', `${label}: the service does not exist`, `/plans/${text(serviceId)}`, text(serviceId)));
    checkJson(out, label, 'body', body, `/plans/${text(serviceId)}`, text(serviceId), isObject, 'an object');
  }
  sql.all('SELECT kind, scope, value, service_id, direction FROM allocations ORDER BY rowid').forEach(([kind, scope, value, serviceId, direction], i) => {
    const label = `${text(kind)} allocation '${text(value)}'${text(scope) ? ` on '${text(scope)}'` : ''} of ${services.get(text(serviceId)) ?? `service '${text(serviceId)}'`}`;
    if (!ALLOCATION_KINDS.has(text(kind)) || !DIRECTIONS.has(text(direction))) {
      out.push(problem('INVALID_VALUE', `${label}: kind or direction '${text(direction)}' is not one the engine writes`, `/allocations/${i}`, text(serviceId)));
    }
  });
  for (const [seq, entry] of sql.all('SELECT seq, entry FROM journal ORDER BY seq')) {
    checkJson(out, `push journal entry ${text(seq)}`, 'entry', entry, `/journal/${text(seq)}`, undefined, () => true, 'JSON');
  }
}

function checkPrefix(out: DiagnosticDto[], label: string, value: Cell, pointer: string, elementId?: string): void {
  if (!isText(value)) {
    out.push(problem('INVALID_PREFIX', `${label}: the prefix is missing`, pointer, elementId));
    return;
  }
  const parsed = parseCanonicalPrefix(value);
  if (!parsed.ok) out.push(problem(parsed.code, `${label}: prefix '${value}' is not valid: ${parsed.message}`, pointer, elementId));
}

function checkJson(out: DiagnosticDto[], label: string, field: string, value: Cell, pointer: string, elementId: string | undefined, ok: (v: unknown) => boolean, expected: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text(value));
  } catch {
    out.push(problem('INVALID_JSON', `${label}: the ${field} is not valid JSON`, pointer, elementId));
    return;
  }
  if (!ok(parsed)) out.push(problem('WRONG_TYPE', `${label}: the ${field} is not ${expected}`, pointer, elementId));
}

function problem(code: string, message: string, pointer: string, elementId?: string): DiagnosticDto {
  return { severity: 'error', code, message, pointer, ...(elementId !== undefined ? { elementId } : {}) };
}

function isText(value: Cell): value is string {
  return typeof value === 'string';
}

/** A stored value as text for messages and keys (names are short; bytes are not expected). */
function text(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return String(value);
}

const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
