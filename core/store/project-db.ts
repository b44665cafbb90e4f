import type {
  BridgeDto,
  BridgeKind,
  LinkDto,
  NapDto,
  PopDto,
  PortDto,
  PositionDto,
  SegmentDto,
  ServiceDto,
  ServiceState,
  TopologyDefaultsDto,
  TopologyDto,
  VlanPoolDto,
} from '../contract/dto';
import { CoreError } from '../util/core-error';
import { migrations, SCHEMA_VERSION } from './migrations';
import type { SqlDatabase, SqlEngine, SqlValue } from './sqlite-port';

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const APP_ID = 'wicm-studio';

/** One stored allocation (filter index, VLAN tag or condition name) held by a service. */
export interface AllocationRow {
  readonly kind: 'filter' | 'vlan' | 'condition';
  /** Port id for filters and VLANs, '' for condition names (global). */
  readonly scope: string;
  readonly value: string;
  readonly serviceId: string;
  readonly direction: 'forward' | 'reverse';
  readonly extra: string | null;
}

/** One push journal entry (what was applied to a controller, for rollback and drift). */
export interface JournalRow {
  readonly seq: number;
  readonly at: string;
  readonly target: string;
  readonly entry: unknown;
}

/**
 * A project: one SQLite database (sql.js) holding topology, services, plans, allocations,
 * layout and the push journal. Saved as one `.wicm` file by the host.
 *
 * All SQL is parameterised; foreign keys are on (re-enabled after every export, which
 * reopens the database inside sql.js).
 */
export class ProjectDb {
  private depth = 0;

  private constructor(private readonly db: SqlDatabase) {
    this.enableForeignKeys();
  }

  /** A new, empty project. */
  static create(engine: SqlEngine): ProjectDb {
    const project = new ProjectDb(new engine.Database());
    project.migrate(0);
    project.setMeta('app', APP_ID);
    return project;
  }

  /**
   * Opens a project from the bytes of a `.wicm` file, migrating it to the current schema.
   *
   * Rejects files that are not SQLite, not WICM projects, or written by a newer version.
   */
  static open(engine: SqlEngine, bytes: Uint8Array, label = 'project file'): ProjectDb {
    if (bytes.length < 100 || !isSqliteFile(bytes)) {
      throw new CoreError(
        'PARSE_FAILED',
        `${label} is not a WICM project: it is not an SQLite database (${bytes.length} bytes). Open a .wicm file saved by WICM Studio, or import a topology JSON / demi-wicm wim_info.db instead.`,
      );
    }
    const db = new engine.Database(bytes);
    const version = Number(db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
    if (version > SCHEMA_VERSION) {
      db.close();
      throw new CoreError(
        'CONFLICT',
        `${label} was written by a newer WICM Studio (schema ${version}, this build reads up to ${SCHEMA_VERSION}). Update WICM Studio to open it.`,
      );
    }
    const hasMeta = db.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").length > 0;
    const app = hasMeta ? db.exec("SELECT value FROM meta WHERE key = 'app'")[0]?.values[0]?.[0] : undefined;
    if (app !== APP_ID) {
      db.close();
      throw new CoreError(
        'PARSE_FAILED',
        `${label} is an SQLite database but not a WICM project (no meta.app = '${APP_ID}'). Open a .wicm project, a demi-wicm wim_info.db, or import a topology JSON file.`,
      );
    }
    const project = new ProjectDb(db);
    project.migrate(version);
    return project;
  }

  /** The whole database as `.wicm` file bytes. */
  export(): Uint8Array {
    const bytes = this.db.export();
    this.enableForeignKeys();
    return bytes;
  }

  close(): void {
    this.db.close();
  }

  /** Runs `fn` in one transaction: all of it is stored, or none of it. Nests (savepoints). */
  transaction<T>(fn: () => T): T {
    const depth = this.depth;
    const savepoint = `sp${depth}`;
    this.db.run(depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
    this.depth += 1;
    try {
      const out = fn();
      this.db.run(depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
      return out;
    } catch (e) {
      this.db.run(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}`);
      if (depth > 0) this.db.run(`RELEASE ${savepoint}`);
      throw translateSqlError(e);
    } finally {
      this.depth = depth;
    }
  }

  //#region meta

  getMeta(key: string): string | null {
    const row = this.one('SELECT value FROM meta WHERE key = ?', [key]);
    return row ? String(row[0]) : null;
  }

  setMeta(key: string, value: string | null): void {
    if (value === null) this.db.run('DELETE FROM meta WHERE key = ?', [key]);
    else this.db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  /** A fresh id, unique in this project: `<prefix><n>` from a stored counter. */
  nextId(prefix: string): string {
    const n = Number(this.getMeta('next_id') ?? '1');
    this.setMeta('next_id', String(n + 1));
    return `${prefix}${n}`;
  }

  //#endregion
  //#region topology

  readTopology(): TopologyDto {
    const aliases = new Map<string, string[]>();
    for (const [popId, alias] of this.all('SELECT pop_id, alias FROM pop_aliases ORDER BY pop_id, position')) {
      const list = aliases.get(String(popId)) ?? [];
      list.push(String(alias));
      aliases.set(String(popId), list);
    }
    return {
      bridges: this.all('SELECT id, name, kind, controller_id, datapath_id FROM bridges ORDER BY rowid').map(
        ([id, name, kind, controllerId, datapathId]): BridgeDto => ({
          id: String(id),
          name: String(name),
          kind: String(kind) as BridgeKind,
          controllerId: String(controllerId),
          datapathId: datapathId === null ? null : String(datapathId),
        }),
      ),
      ports: this.all('SELECT id, bridge_id, name, of_port FROM ports ORDER BY rowid').map(
        ([id, bridgeId, name, ofPort]): PortDto => ({
          id: String(id),
          bridgeId: String(bridgeId),
          name: String(name),
          ofPort: ofPort === null ? null : Number(ofPort),
        }),
      ),
      links: this.all('SELECT id, a_port_id, b_port_id FROM links ORDER BY rowid').map(
        ([id, a, b]): LinkDto => ({ id: String(id), aPortId: String(a), bPortId: String(b) }),
      ),
      segments: this.all('SELECT id, prefix, port_id, name FROM segments ORDER BY rowid').map(
        ([id, prefix, portId, name]): SegmentDto => ({
          id: String(id),
          prefix: String(prefix),
          portId: String(portId),
          name: name === null ? null : String(name),
        }),
      ),
      pops: this.all('SELECT id, name, port_id FROM pops ORDER BY rowid').map(
        ([id, name, portId]): PopDto => ({
          id: String(id),
          name: String(name),
          portId: String(portId),
          aliases: aliases.get(String(id)) ?? [],
        }),
      ),
      naps: this.all('SELECT id, name, ce_port_id, pe_port_id FROM naps ORDER BY rowid').map(
        ([id, name, ce, pe]): NapDto => ({ id: String(id), name: String(name), cePortId: String(ce), pePortId: String(pe) }),
      ),
      vlanPools: this.all('SELECT port_id, first, last FROM vlan_pools ORDER BY rowid').map(
        ([portId, first, last]): VlanPoolDto => ({ portId: String(portId), first: Number(first), last: Number(last) }),
      ),
      defaults: this.readDefaults(),
    };
  }

  readDefaults(): TopologyDefaultsDto {
    return { sourceSegment: this.getMeta('default_source'), targetSegment: this.getMeta('default_target') };
  }

  writeDefaults(defaults: TopologyDefaultsDto): void {
    this.setMeta('default_source', defaults.sourceSegment);
    this.setMeta('default_target', defaults.targetSegment);
  }

  /** Replaces the whole topology (layout and services are kept). */
  replaceTopology(topology: TopologyDto): void {
    this.transaction(() => {
      for (const table of ['vlan_pools', 'naps', 'pop_aliases', 'pops', 'segments', 'links', 'ports', 'bridges']) {
        this.db.run(`DELETE FROM ${table}`);
      }
      this.insertMany('INSERT INTO bridges (id, name, kind, controller_id, datapath_id) VALUES (?, ?, ?, ?, ?)', topology.bridges, (b) => [
        b.id,
        b.name,
        b.kind,
        b.controllerId,
        b.datapathId ?? null,
      ]);
      this.insertMany('INSERT INTO ports (id, bridge_id, name, of_port) VALUES (?, ?, ?, ?)', topology.ports, (p) => [
        p.id,
        p.bridgeId,
        p.name,
        p.ofPort,
      ]);
      this.insertMany('INSERT INTO links (id, a_port_id, b_port_id) VALUES (?, ?, ?)', topology.links, (l) => [l.id, l.aPortId, l.bPortId]);
      this.insertMany('INSERT INTO segments (id, prefix, port_id, name) VALUES (?, ?, ?, ?)', topology.segments, (s) => [
        s.id,
        s.prefix,
        s.portId,
        s.name,
      ]);
      this.insertMany('INSERT INTO pops (id, name, port_id) VALUES (?, ?, ?)', topology.pops, (p) => [p.id, p.name, p.portId]);
      const aliasRows = topology.pops.flatMap((p) => p.aliases.map((alias, i) => [p.id, i, alias] as const));
      this.insertMany('INSERT INTO pop_aliases (pop_id, position, alias) VALUES (?, ?, ?)', aliasRows, (r) => [...r]);
      this.insertMany('INSERT INTO naps (id, name, ce_port_id, pe_port_id) VALUES (?, ?, ?, ?)', topology.naps, (n) => [
        n.id,
        n.name,
        n.cePortId,
        n.pePortId,
      ]);
      this.insertMany('INSERT INTO vlan_pools (port_id, first, last) VALUES (?, ?, ?)', topology.vlanPools, (v) => [
        v.portId,
        v.first,
        v.last,
      ]);
      this.writeDefaults(topology.defaults);
    });
  }

  /** Inserts one topology element (parameterised; table and columns come from TOPOLOGY_TABLES). */
  insertElement<K extends ElementKind>(kind: K, element: ElementOf<K>): void {
    const table = TOPOLOGY_TABLES[kind];
    const columns = Object.keys(table.columns);
    this.db.run(
      `INSERT INTO ${table.name} (${columns.map((c) => table.columns[c]).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      columns.map((c) => toSql((element as unknown as Record<string, unknown>)[c])),
    );
    if (kind === 'pop') this.writeAliases(element as PopDto);
  }

  /** Updates the given fields of one topology element. */
  updateElement<K extends ElementKind>(kind: K, id: string, changes: Partial<ElementOf<K>>): void {
    const table = TOPOLOGY_TABLES[kind];
    const columns = Object.keys(changes).filter((c) => c in table.columns && c !== table.key);
    if (columns.length > 0) {
      this.db.run(`UPDATE ${table.name} SET ${columns.map((c) => `${table.columns[c]} = ?`).join(', ')} WHERE ${table.columns[table.key]} = ?`, [
        ...columns.map((c) => toSql((changes as Record<string, unknown>)[c])),
        id,
      ]);
    }
    if (kind === 'pop' && 'aliases' in changes) this.writeAliases({ id, aliases: (changes as Partial<PopDto>).aliases ?? [] });
  }

  /** Deletes one topology element (dependent ports, segments, PoPs… cascade). */
  deleteElement(kind: ElementKind, id: string): boolean {
    const table = TOPOLOGY_TABLES[kind];
    const existed = this.one(`SELECT 1 FROM ${table.name} WHERE ${table.columns[table.key]} = ?`, [id]) !== undefined;
    this.db.run(`DELETE FROM ${table.name} WHERE ${table.columns[table.key]} = ?`, [id]);
    // A VLAN pool is not drawn: its key is its port's id, whose position must stay.
    if (kind !== 'vlanPool') this.db.run('DELETE FROM positions WHERE element_id = ?', [id]);
    return existed;
  }

  private writeAliases(pop: Pick<PopDto, 'id' | 'aliases'>): void {
    this.db.run('DELETE FROM pop_aliases WHERE pop_id = ?', [pop.id]);
    this.insertMany('INSERT INTO pop_aliases (pop_id, position, alias) VALUES (?, ?, ?)', pop.aliases, (alias) => [pop.id, pop.aliases.indexOf(alias), alias]);
  }

  //#endregion
  //#region services

  readServices(): ServiceDto[] {
    return this.all(
      'SELECT id, name, in_segment, out_segment, chain, reverse_chain, state, provenance, attributes FROM services ORDER BY position',
    ).map(([id, name, inSeg, outSeg, chain, reverse, state, provenance, attributes]): ServiceDto => ({
      id: String(id),
      name: String(name),
      inSegment: inSeg === null ? null : String(inSeg),
      outSegment: outSeg === null ? null : String(outSeg),
      chain: JSON.parse(String(chain)) as string[],
      reverseChain: reverse === null ? null : (JSON.parse(String(reverse)) as string[]),
      state: String(state) as ServiceState,
      provenance: provenance === null ? null : (JSON.parse(String(provenance)) as ServiceDto['provenance']),
      attributes: JSON.parse(String(attributes)) as Record<string, unknown>,
    }));
  }

  /** Inserts or replaces a service, keeping its list position when it exists. */
  upsertService(service: ServiceDto): void {
    const existing = this.one('SELECT position FROM services WHERE id = ?', [service.id]);
    const position = existing ? Number(existing[0]) : Number(this.one('SELECT COALESCE(MAX(position), 0) + 1 FROM services')?.[0] ?? 1);
    this.db.run(
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

  deleteService(id: string): boolean {
    const existed = this.one('SELECT 1 FROM services WHERE id = ?', [id]) !== undefined;
    this.db.run('DELETE FROM services WHERE id = ?', [id]);
    this.db.run('DELETE FROM allocations WHERE service_id = ?', [id]);
    return existed;
  }

  //#endregion
  //#region plans and allocations

  readPlans(): Map<string, unknown> {
    return new Map(this.all('SELECT service_id, body FROM plans').map(([id, body]) => [String(id), JSON.parse(String(body))]));
  }

  writePlan(serviceId: string, plan: unknown): void {
    this.db.run('INSERT INTO plans (service_id, body) VALUES (?, ?) ON CONFLICT (service_id) DO UPDATE SET body = excluded.body', [
      serviceId,
      JSON.stringify(plan),
    ]);
  }

  deletePlan(serviceId: string): void {
    this.db.run('DELETE FROM plans WHERE service_id = ?', [serviceId]);
  }

  readAllocations(): AllocationRow[] {
    return this.all('SELECT kind, scope, value, service_id, direction, extra FROM allocations ORDER BY rowid').map(
      ([kind, scope, value, serviceId, direction, extra]): AllocationRow => ({
        kind: String(kind) as AllocationRow['kind'],
        scope: String(scope),
        value: String(value),
        serviceId: String(serviceId),
        direction: String(direction) as AllocationRow['direction'],
        extra: extra === null ? null : String(extra),
      }),
    );
  }

  replaceAllocations(rows: readonly AllocationRow[]): void {
    this.db.run('DELETE FROM allocations');
    this.insertMany('INSERT INTO allocations (kind, scope, value, service_id, direction, extra) VALUES (?, ?, ?, ?, ?, ?)', rows, (r) => [
      r.kind,
      r.scope,
      r.value,
      r.serviceId,
      r.direction,
      r.extra,
    ]);
  }

  //#endregion
  //#region layout

  readPositions(): PositionDto[] {
    return this.all('SELECT element_id, x, y FROM positions ORDER BY rowid').map(([id, x, y]) => ({
      elementId: String(id),
      x: Number(x),
      y: Number(y),
    }));
  }

  writePositions(positions: readonly PositionDto[]): void {
    this.insertMany(
      'INSERT INTO positions (element_id, x, y) VALUES (?, ?, ?) ON CONFLICT (element_id) DO UPDATE SET x = excluded.x, y = excluded.y',
      positions,
      (p) => [p.elementId, p.x, p.y],
    );
  }

  //#endregion
  //#region journal

  appendJournal(target: string, at: string, entry: unknown): number {
    this.db.run('INSERT INTO journal (at, target, entry) VALUES (?, ?, ?)', [at, target, JSON.stringify(entry)]);
    return Number(this.one('SELECT last_insert_rowid()')?.[0]);
  }

  readJournal(target?: string): JournalRow[] {
    const rows =
      target === undefined
        ? this.all('SELECT seq, at, target, entry FROM journal ORDER BY seq')
        : this.all('SELECT seq, at, target, entry FROM journal WHERE target = ? ORDER BY seq', [target]);
    return rows.map(([seq, at, t, entry]) => ({ seq: Number(seq), at: String(at), target: String(t), entry: JSON.parse(String(entry)) }));
  }

  /**
   * Facts about the outside world that undo/redo must not roll back: the push journal, the
   * controller identities kept in meta, and each service's lifecycle state.
   */
  readDurableFacts(): DurableFacts {
    return {
      journal: this.readJournal(),
      meta: Object.fromEntries(DURABLE_META.map((k) => [k, this.getMeta(k)])),
      states: Object.fromEntries(this.all('SELECT id, state FROM services').map(([id, state]) => [String(id), String(state) as ServiceState])),
    };
  }

  /** Puts durable facts read from another version of this project in place. */
  writeDurableFacts(facts: DurableFacts): void {
    this.transaction(() => {
      this.db.run('DELETE FROM journal');
      this.insertMany('INSERT INTO journal (seq, at, target, entry) VALUES (?, ?, ?, ?)', facts.journal, (r) => [r.seq, r.at, r.target, JSON.stringify(r.entry)]);
      for (const [key, value] of Object.entries(facts.meta)) this.setMeta(key, value);
      for (const [id, state] of Object.entries(facts.states)) this.db.run('UPDATE services SET state = ? WHERE id = ?', [state, id]);
    });
  }

  //#endregion

  private migrate(from: number): void {
    for (const m of migrations) {
      if (m.version <= from) continue;
      this.transaction(() => {
        this.db.exec(m.sql);
        this.db.run(`PRAGMA user_version = ${m.version}`);
      });
    }
  }

  private enableForeignKeys(): void {
    this.db.run('PRAGMA foreign_keys = ON');
  }

  private one(sql: string, params: readonly SqlValue[] = []): SqlValue[] | undefined {
    return this.all(sql, params)[0];
  }

  private all(sql: string, params: readonly SqlValue[] = []): SqlValue[][] {
    const stmt = this.db.prepare(sql);
    try {
      stmt.bind(params);
      const rows: SqlValue[][] = [];
      while (stmt.step()) rows.push(stmt.get());
      return rows;
    } finally {
      stmt.free();
    }
  }

  private insertMany<T>(sql: string, items: readonly T[], toRow: (item: T) => readonly SqlValue[]): void {
    if (items.length === 0) return;
    const stmt = this.db.prepare(sql);
    try {
      for (const item of items) stmt.run(toRow(item));
    } finally {
      stmt.free();
    }
  }
}

/** Meta keys naming things on controllers (kept across undo/redo). */
const DURABLE_META = ['onos_app_id', 'project_tag'] as const;

/** What undo/redo carries over from the current state: see `readDurableFacts`. */
export interface DurableFacts {
  readonly journal: readonly JournalRow[];
  readonly meta: Readonly<Record<string, string | null>>;
  readonly states: Readonly<Record<string, ServiceState>>;
}

/** Topology element kinds that have their own table. */
export type ElementKind = 'bridge' | 'port' | 'link' | 'segment' | 'pop' | 'nap' | 'vlanPool';

/** The DTO stored for an element kind. */
export type ElementOf<K extends ElementKind> = {
  bridge: BridgeDto;
  port: PortDto;
  link: LinkDto;
  segment: SegmentDto;
  pop: PopDto;
  nap: NapDto;
  vlanPool: VlanPoolDto;
}[K];

/** Table and DTO-field → column mapping of each element kind (fixed names: never user input). */
const TOPOLOGY_TABLES: Record<ElementKind, { readonly name: string; readonly key: string; readonly columns: Readonly<Record<string, string>> }> = {
  bridge: { name: 'bridges', key: 'id', columns: { id: 'id', name: 'name', kind: 'kind', controllerId: 'controller_id', datapathId: 'datapath_id' } },
  port: { name: 'ports', key: 'id', columns: { id: 'id', bridgeId: 'bridge_id', name: 'name', ofPort: 'of_port' } },
  link: { name: 'links', key: 'id', columns: { id: 'id', aPortId: 'a_port_id', bPortId: 'b_port_id' } },
  segment: { name: 'segments', key: 'id', columns: { id: 'id', prefix: 'prefix', portId: 'port_id', name: 'name' } },
  pop: { name: 'pops', key: 'id', columns: { id: 'id', name: 'name', portId: 'port_id' } },
  nap: { name: 'naps', key: 'id', columns: { id: 'id', name: 'name', cePortId: 'ce_port_id', pePortId: 'pe_port_id' } },
  vlanPool: { name: 'vlan_pools', key: 'portId', columns: { portId: 'port_id', first: 'first', last: 'last' } },
};

function toSql(value: unknown): SqlValue {
  return value === undefined ? null : (value as SqlValue);
}

function decodeAscii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

/** Whether bytes start like an SQLite database file (a .wicm project or a demi-wicm wim_info.db). */
export function isSqliteFile(bytes: Uint8Array): boolean {
  return bytes.length >= 16 && decodeAscii(bytes.subarray(0, 16)) === SQLITE_MAGIC;
}

/** Turns SQLite constraint failures into CONFLICT / INVALID_INPUT errors a user can act on. */
function translateSqlError(e: unknown): unknown {
  if (!(e instanceof Error) || e.name === 'CoreError') return e;
  const msg = e.message;
  if (msg.includes('UNIQUE constraint failed')) {
    return new CoreError('CONFLICT', `Duplicate: ${msg.replace(/^.*UNIQUE constraint failed: /, '')} already exists. Choose another name.`);
  }
  if (msg.includes('FOREIGN KEY constraint failed')) {
    return new CoreError('INVALID_INPUT', 'A reference points to an element that does not exist (foreign key). Create the bridge/port first.');
  }
  if (msg.includes('CHECK constraint failed')) {
    return new CoreError('INVALID_INPUT', `A value is out of range: ${msg.replace(/^.*CHECK constraint failed: /, '')}.`);
  }
  return e;
}
