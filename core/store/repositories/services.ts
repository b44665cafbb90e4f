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
      for (const row of this.sql.all(`${SELECT}, position FROM services WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk)) {
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
      const marks = chunk.map(() => '?').join(',');
      // A plain substring test skips the JSON of rows that cannot hold the record id (exact for ids
      // no JSON writer escapes); other ids are looked up in every row's provenance.
      const plain = chunk.every((id) => /^[ !#-.0-[\]-~]+$/.test(id));
      const hint = plain ? ` AND (${chunk.map(() => 'instr(provenance, ?) > 0').join(' OR ')})` : '';
      const rows = this.sql.all(
        `${SELECT}, position FROM services WHERE id IN (${marks}) OR (provenance IS NOT NULL${hint} AND json_extract(provenance, '$.recordId') IN (${marks}))`,
        [...chunk, ...(plain ? chunk : []), ...chunk],
      );
      for (const row of rows) found.set(String(row[0]), { position: Number(row[9]), service: toService(row) });
    }
    return [...found.values()].sort((x, y) => x.position - y.position).map((o) => o.service);
  }

  /**
   * The services matching every filter given, in list order, read by a query over the matching
   * rows only (no other service is built): provenance format one of `formats`; string attribute
   * `attribute.key` equal to `attribute.value`; route (chain or return chain) naming one of
   * `names`, ignoring case; id starting with `idPrefix`.
   */
  find(query: ServiceQuery): ServiceDto[] {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (query.formats !== undefined) {
      if (query.formats.length === 0) return [];
      where.push(`json_extract(provenance, '$.format') IN (${query.formats.map(() => '?').join(',')})`);
      params.push(...query.formats);
    }
    if (query.attribute !== undefined) {
      // Keys are letters, digits, '_' and '-' (never escaped): rows without the key are skipped unparsed.
      const key = query.attribute.key.replace(/"/g, '');
      where.push(`instr(attributes, ?) > 0 AND json_type(attributes, ?) = 'text' AND json_extract(attributes, ?) = ?`);
      params.push(`"${key}"`, `$."${key}"`, `$."${key}"`, query.attribute.value);
    }
    if (query.idPrefix !== undefined) {
      // A range over the primary key (indexed), then the exact prefix.
      const prefix = query.idPrefix;
      const last = prefix.codePointAt(prefix.length - 1) ?? 0;
      const bounded = prefix.length > 0 && last < 0xd7ff;
      where.push(`id >= ?${bounded ? ' AND id < ?' : ''} AND substr(id, 1, ?) = ?`);
      params.push(prefix, ...(bounded ? [prefix.slice(0, -1) + String.fromCodePoint(last + 1)] : []), prefix.length, prefix);
    }
    let names: Set<string> | undefined;
    if (query.names !== undefined) {
      if (query.names.length === 0) return [];
      names = new Set(query.names.map((n) => n.toLowerCase()));
      // SQLite folds only ASCII letters: other names are matched exactly below, so the query
      // keeps every row whose route holds a non-ASCII name.
      const ascii = [...names].filter((n) => /^\p{ASCII}*$/u.test(n));
      const inList = ascii.length === 0 ? "''" : ascii.map(() => '?').join(',');
      const hit = (column: string): string => `EXISTS (SELECT 1 FROM json_each(${column}) WHERE lower(json_each.value) IN (${inList}) OR length(CAST(json_each.value AS BLOB)) <> length(json_each.value))`;
      where.push(`(${hit('chain')} OR (reverse_chain IS NOT NULL AND ${hit('reverse_chain')}))`);
      params.push(...ascii, ...ascii);
    }
    const sql = `${SELECT} FROM services${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY position`;
    const rows = this.sql.all(sql, params).map(toService);
    if (names === undefined) return rows;
    const wanted = names;
    return rows.filter((s) => [...s.chain, ...(s.reverseChain ?? [])].some((n) => wanted.has(n.toLowerCase())));
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
  }

  /** Deletes a service and its allocations; false when there was none. */
  remove(id: string): boolean {
    const existed = this.sql.one('SELECT 1 FROM services WHERE id = ?', [id]) !== undefined;
    this.sql.run('DELETE FROM services WHERE id = ?', [id]);
    this.sql.run('DELETE FROM allocations WHERE service_id = ?', [id]);
    this.freed(id);
    return existed;
  }

  /** Each service's lifecycle state, by id. */
  states(): Record<string, ServiceState> {
    return Object.fromEntries(this.sql.all('SELECT id, state FROM services').map(([id, state]) => [String(id), String(state) as ServiceState]));
  }

  /** Sets the state of the services named (ids not in the project are ignored). */
  setStates(states: Readonly<Record<string, ServiceState>>): void {
    for (const [id, state] of Object.entries(states)) this.sql.run('UPDATE services SET state = ? WHERE id = ?', [state, id]);
  }
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
