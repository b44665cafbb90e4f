import type { ServiceDto, ServiceState } from '../../contract/dto';
import { CoreError } from '../../util/core-error';
import type { SqlConnection } from '../connection';
import type { SqlValue } from '../sqlite-port';

const SELECT = 'SELECT id, name, in_segment, out_segment, chain, reverse_chain, state, provenance, attributes';

function toService([id, name, inSeg, outSeg, chain, reverse, state, provenance, attributes]: readonly unknown[]): ServiceDto {
  const json = (field: string, value: unknown): unknown => parseStored(String(name), field, value);
  return {
    id: String(id),
    name: String(name),
    inSegment: inSeg === null ? null : String(inSeg),
    outSegment: outSeg === null ? null : String(outSeg),
    chain: json('chain', chain) as string[],
    reverseChain: reverse === null ? null : (json('reverseChain', reverse) as string[]),
    state: String(state) as ServiceState,
    provenance: provenance === null ? null : (json('provenance', provenance) as ServiceDto['provenance']),
    attributes: json('attributes', attributes) as Record<string, unknown>,
  };
}

/** `count` parameter marks, comma-separated. */
const marks = (count: number): string => Array.from({ length: count }, () => '?').join(',');

/** Ids of the services with a lookup key of kind `?` whose value is one of `count` parameters. */
const keyed = (count: number): string => `SELECT service_id FROM service_keys WHERE kind = ? AND value IN (${marks(count)})`;

/** A query over services (see `ServiceRepository.find`). */
export interface ServiceQuery {
  readonly formats?: readonly string[];
  readonly attribute?: { readonly key: string; readonly value: string };
  readonly names?: readonly string[];
  readonly idPrefix?: string;
}

/** Services in list order; deleting one also frees its allocations. */
export class ServiceRepository {
  constructor(
    private readonly sql: SqlConnection,
    /** Told when a service's allocation rows were deleted with it. */
    private readonly freed: (serviceId: string) => void = () => undefined,
  ) {}

  read(): ServiceDto[] {
    return this.sql.all(`${SELECT} FROM services ORDER BY position`).map(toService);
  }

  /** The services named that exist, in list order (a request reads its own, not the fleet). */
  readSome(ids: readonly string[]): ServiceDto[] {
    const out: { position: number; service: ServiceDto }[] = [];
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      for (const row of this.sql.all(`${SELECT}, position FROM services WHERE id IN (${marks(chunk.length)})`, chunk)) {
        out.push({ position: Number(row[9]), service: toService(row) });
      }
    }
    return out.sort((a, b) => a.position - b.position).map((o) => o.service);
  }

  /** One service, or undefined. */
  get(id: string): ServiceDto | undefined {
    return this.readSome([id])[0];
  }

  /** Services whose id or provenance record id is one of `ids` (deletions name either), in list order. */
  readByIdOrRecord(ids: readonly string[]): ServiceDto[] {
    const unique = [...new Set(ids)];
    const found = new Map<string, { position: number; service: ServiceDto }>();
    for (let i = 0; i < unique.length; i += 400) {
      const chunk = unique.slice(i, i + 400);
      const rows = this.sql.all(`${SELECT}, position FROM services WHERE id IN (${marks(chunk.length)}) OR id IN (${keyed(chunk.length)})`, [...chunk, 'record', ...chunk]);
      for (const row of rows) found.set(String(row[0]), { position: Number(row[9]), service: toService(row) });
    }
    return [...found.values()].sort((x, y) => x.position - y.position).map((o) => o.service);
  }

  /**
   * The services matching every filter given, in list order, read through the lookup keys (no
   * other service is read): provenance format one of `formats`; string attribute `attribute.key`
   * equal to `attribute.value`; route (chain or return chain) naming one of `names`, ignoring
   * case; id starting with `idPrefix`.
   */
  find(query: ServiceQuery): ServiceDto[] {
    // Most selective first: the first filter picks the rows (unless the id prefix does), the
    // others are checked on each of those rows.
    const filters: { kind: string; values: readonly string[] }[] = [];
    if (query.attribute !== undefined) filters.push({ kind: `attr:${query.attribute.key}`, values: [query.attribute.value] });
    if (query.names !== undefined) filters.push({ kind: 'route', values: [...new Set(query.names.map((n) => n.toLowerCase()))] });
    if (query.formats !== undefined) filters.push({ kind: 'format', values: query.formats });
    if (filters.some((f) => f.values.length === 0)) return [];
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (query.idPrefix !== undefined) {
      // A range over the primary key (indexed), then the exact prefix (SQLite counts characters).
      const prefix = query.idPrefix;
      const last = prefix.codePointAt(prefix.length - 1) ?? 0;
      const bounded = prefix.length > 0 && last < 0xd7ff;
      where.push(`id >= ?${bounded ? ' AND id < ?' : ''} AND substr(id, 1, ?) = ?`);
      params.push(prefix, ...(bounded ? [prefix.slice(0, -1) + String.fromCodePoint(last + 1)] : []), [...prefix].length, prefix);
    }
    filters.forEach(({ kind, values }, i) => {
      where.push(
        i === 0 && query.idPrefix === undefined
          ? `id IN (${keyed(values.length)})`
          : `EXISTS (SELECT 1 FROM service_keys WHERE service_id = services.id AND kind = ? AND value IN (${marks(values.length)}))`,
      );
      params.push(kind, ...values);
    });
    const sql = `${SELECT} FROM services${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY position`;
    return this.sql.all(sql, params).map(toService);
  }

  /** Inserts or replaces a service, keeping its list position when it exists. */
  upsert(service: ServiceDto): void {
    const existing = this.sql.one('SELECT position FROM services WHERE id = ?', [service.id]);
    const position = existing ? Number(existing[0]) : Number(this.sql.one('SELECT COALESCE(MAX(position), 0) + 1 FROM services')?.[0] ?? 1);
    this.sql.run(
      `INSERT INTO services (id, position, name, in_segment, out_segment, chain, reverse_chain, state, provenance, attributes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, in_segment = excluded.in_segment,
         out_segment = excluded.out_segment, chain = excluded.chain, reverse_chain = excluded.reverse_chain,
         state = excluded.state, provenance = excluded.provenance, attributes = excluded.attributes`,
      [
        service.id,
        position,
        service.name,
        service.inSegment,
        service.outSegment,
        JSON.stringify(service.chain),
        service.reverseChain === null ? null : JSON.stringify(service.reverseChain),
        service.state,
        service.provenance === null ? null : JSON.stringify(service.provenance),
        JSON.stringify(service.attributes),
      ],
    );
    writeKeys(this.sql, service);
  }

  /** Deletes a service, its lookup keys (cascade) and its allocations; false when there was none. */
  remove(id: string): boolean {
    const existed = this.sql.one('SELECT 1 FROM services WHERE id = ?', [id]) !== undefined;
    this.sql.run('DELETE FROM services WHERE id = ?', [id]);
    this.sql.run('DELETE FROM allocations WHERE service_id = ?', [id]);
    this.freed(id);
    return existed;
  }
}

/** A lookup key of a service: kind and value (table `service_keys`, schema 4). */
type Key = readonly [kind: string, value: string];

/**
 * The lookup keys of a service, each once: its provenance record id and format, each string
 * attribute, each name of its route lower-cased.
 */
export function serviceKeys(service: Pick<ServiceDto, 'chain' | 'reverseChain' | 'provenance' | 'attributes'>): Key[] {
  const keys = new Map<string, Key>();
  const add = (kind: string, value: unknown): void => {
    if (typeof value === 'string') keys.set(keyText(kind, value), [kind, value]);
  };
  add('record', service.provenance?.recordId);
  add('format', service.provenance?.format);
  for (const [key, value] of Object.entries(service.attributes)) add(`attr:${key}`, value);
  for (const name of [...service.chain, ...(service.reverseChain ?? [])]) add('route', name.toLowerCase());
  return [...keys.values()];
}

/**
 * Brings the lookup keys of every service in step with the services (a file whose keys were
 * written by hand, or by a build without them). Each service's stored keys are read as one JSON
 * list, through the `(service_id, kind, value)` index, and compared with the keys it should have:
 * only a service whose keys differ is written, and keys of no service are deleted. A project
 * whose keys are in step is only read.
 */
export function syncServiceKeys(sql: SqlConnection): void {
  const stored = new Map<string, string>();
  for (const [id, keys] of sql.all('SELECT service_id, json_group_array(json_array(kind, value)) FROM service_keys GROUP BY service_id')) stored.set(String(id), String(keys));
  const outOfStep: ServiceDto[] = [];
  for (const row of sql.all(`${SELECT} FROM services`)) {
    const service = toService(row);
    const keys = stored.get(service.id);
    stored.delete(service.id);
    if (!sameKeys(serviceKeys(service), keys === undefined ? [] : (JSON.parse(keys) as Key[]))) outOfStep.push(service);
  }
  if (outOfStep.length === 0 && stored.size === 0) return;
  sql.transaction(() => {
    for (const id of stored.keys()) sql.run('DELETE FROM service_keys WHERE service_id = ?', [id]);
    for (const service of outOfStep) writeKeys(sql, service);
  });
}

/** Whether two lists of distinct keys hold the same keys, in any order. */
function sameKeys(wanted: readonly Key[], stored: readonly Key[]): boolean {
  if (wanted.length !== stored.length) return false;
  const have = new Set(stored.map(([kind, value]) => keyText(kind, value)));
  return wanted.every(([kind, value]) => have.has(keyText(kind, value)));
}

/** One key (kind, value) as one string: the kind after its length. */
const keyText = (kind: string, value: string): string => `${kind.length}:${kind}${value}`;

/** Writes the lookup keys `service` lacks and deletes those it no longer has; the rows already right stay. */
function writeKeys(sql: SqlConnection, service: ServiceDto): void {
  const stored = new Map<string, SqlValue>(
    sql.all('SELECT rowid, kind, value FROM service_keys WHERE service_id = ?', [service.id]).map(([rowid, kind, value]) => [keyText(String(kind), String(value)), rowid ?? null]),
  );
  for (const [kind, value] of serviceKeys(service)) {
    if (!stored.delete(keyText(kind, value))) sql.run('INSERT INTO service_keys (service_id, kind, value) VALUES (?, ?, ?)', [service.id, kind, value]);
  }
  for (const rowid of stored.values()) sql.run('DELETE FROM service_keys WHERE rowid = ?', [rowid]);
}

/** A stored JSON value, or a clear error naming the service and field (never a SyntaxError). */
function parseStored(service: string, field: string, value: unknown): unknown {
  try {
    return JSON.parse(String(value)) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new CoreError(
      'INVALID_INPUT',
      `The project is damaged: the ${field} of service '${service}' is not valid JSON (${why}). It was changed outside WICM Studio; restore the file from a backup or remove that service.`,
    );
  }
}
