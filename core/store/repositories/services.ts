import type { ServiceDto, ServiceState } from '../../contract/dto';
import { CoreError } from '../../util/core-error';
import type { SqlConnection } from '../connection';

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

  /** Services whose id or provenance record id is one of `ids` (deletions name either). */
  readByIdOrRecord(ids: readonly string[]): ServiceDto[] {
    const wanted = new Set(ids);
    return this.read().filter((s) => wanted.has(s.id) || wanted.has(s.provenance?.recordId ?? ''));
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
