import type { PopDto, TopologyDefaultsDto, TopologyDto } from '../../contract/dto';
import type { SqlConnection } from '../connection';
import type { SqlValue } from '../sqlite-port';
import { ELEMENT_KINDS, tableOf, type ElementKind, type ElementOf } from '../topology-tables';
import type { MetaRepository } from './meta';

/** Bridges, ports, links, segments, PoPs (with aliases), NAPs, VLAN pools and default segments. */
export class TopologyRepository {
  /**
   * The last topology read, while nothing changed it: every request reads the topology (to plan
   * and to translate), and it changes rarely. Dropped on this repository's writes, on a change
   * of the default segments, and when the connection reports a rollback, script or replay.
   */
  private cache: { topology: TopologyDto; resets: number } | null = null;

  constructor(
    private readonly sql: SqlConnection,
    private readonly meta: MetaRepository,
  ) {
    meta.onSet((key) => {
      if (key === 'default_source' || key === 'default_target') this.cache = null;
    });
  }

  /** The topology (a shared value: callers must not change it). */
  read(): TopologyDto {
    if (this.cache !== null && this.cache.resets === this.sql.resets) return this.cache.topology;
    const topology = this.readStored();
    this.cache = { topology, resets: this.sql.resets };
    return topology;
  }

  private readStored(): TopologyDto {
    const aliases = new Map<string, string[]>();
    for (const [popId, alias] of this.sql.all('SELECT pop_id, alias FROM pop_aliases ORDER BY pop_id, position')) {
      const list = aliases.get(String(popId)) ?? [];
      list.push(String(alias));
      aliases.set(String(popId), list);
    }
    const lists: Record<string, unknown[]> = {};
    for (const kind of ELEMENT_KINDS) {
      const table = tableOf(kind);
      const fields = Object.entries(table.columns);
      const rows = this.sql.all(`SELECT ${fields.map(([, c]) => c.column).join(', ')} FROM ${table.name} ORDER BY rowid`);
      lists[table.list] = rows.map((row) => {
        const element: Record<string, unknown> = {};
        fields.forEach(([field, c], i) => (element[field] = c.read(row[i] ?? null)));
        if (kind === 'pop') element.aliases = aliases.get(String(element.id)) ?? [];
        return element;
      });
    }
    return { ...(lists as unknown as Omit<TopologyDto, 'defaults'>), defaults: this.readDefaults() };
  }

  readDefaults(): TopologyDefaultsDto {
    return { sourceSegment: this.meta.get('default_source'), targetSegment: this.meta.get('default_target') };
  }

  writeDefaults(defaults: TopologyDefaultsDto): void {
    this.meta.set('default_source', defaults.sourceSegment);
    this.meta.set('default_target', defaults.targetSegment);
  }

  /** Replaces the whole topology (layout and services are kept). */
  replace(topology: TopologyDto): void {
    this.cache = null;
    this.sql.transaction(() => {
      for (const kind of [...ELEMENT_KINDS].reverse()) {
        if (kind === 'pop') this.sql.run('DELETE FROM pop_aliases');
        this.sql.run(`DELETE FROM ${tableOf(kind).name}`);
      }
      for (const kind of ELEMENT_KINDS) {
        const elements = topology[tableOf(kind).list] as readonly ElementOf<typeof kind>[];
        const fields = Object.keys(tableOf(kind).columns);
        this.sql.insertMany(insertSql(kind), elements, (e) => fields.map((f) => toSql((e as unknown as Record<string, unknown>)[f])));
        if (kind === 'pop') {
          const rows = topology.pops.flatMap((p) => p.aliases.map((alias, i) => [p.id, i, alias] as const));
          this.sql.insertMany('INSERT INTO pop_aliases (pop_id, position, alias) VALUES (?, ?, ?)', rows, (r) => [...r]);
        }
      }
      this.writeDefaults(topology.defaults);
    });
  }

  /** Inserts one topology element. */
  insert<K extends ElementKind>(kind: K, element: ElementOf<K>): void {
    this.cache = null;
    const fields = Object.keys(tableOf(kind).columns);
    this.sql.run(
      insertSql(kind),
      fields.map((f) => toSql((element as unknown as Record<string, unknown>)[f])),
    );
    if (kind === 'pop') this.writeAliases(element as PopDto);
  }

  /** Updates the given fields of one topology element (the key and unknown fields are ignored). */
  update<K extends ElementKind>(kind: K, id: string, changes: Partial<ElementOf<K>>): void {
    this.cache = null;
    const table = tableOf(kind);
    const fields = Object.keys(changes).filter((f) => f in table.columns && f !== table.key);
    if (fields.length > 0) {
      this.sql.run(`UPDATE ${table.name} SET ${fields.map((f) => `${column(kind, f)} = ?`).join(', ')} WHERE ${column(kind, table.key)} = ?`, [
        ...fields.map((f) => toSql((changes as Record<string, unknown>)[f])),
        id,
      ]);
    }
    if (kind === 'pop' && 'aliases' in changes) this.writeAliases({ id, aliases: (changes as Partial<PopDto>).aliases ?? [] });
  }

  /** Deletes one topology element (dependent ports, segments, PoPs… cascade); false when absent. */
  remove(kind: ElementKind, id: string): boolean {
    this.cache = null;
    const table = tableOf(kind);
    const where = `WHERE ${column(kind, table.key)} = ?`;
    const existed = this.sql.one(`SELECT 1 FROM ${table.name} ${where}`, [id]) !== undefined;
    this.sql.run(`DELETE FROM ${table.name} ${where}`, [id]);
    // A VLAN pool is not drawn: its key is its port's id, whose position must stay.
    if (kind !== 'vlanPool') this.sql.run('DELETE FROM positions WHERE element_id = ?', [id]);
    return existed;
  }

  private writeAliases(pop: Pick<PopDto, 'id' | 'aliases'>): void {
    this.sql.run('DELETE FROM pop_aliases WHERE pop_id = ?', [pop.id]);
    this.sql.insertMany('INSERT INTO pop_aliases (pop_id, position, alias) VALUES (?, ?, ?)', pop.aliases, (alias) => [pop.id, pop.aliases.indexOf(alias), alias]);
  }
}

function column(kind: ElementKind, field: string): string {
  const spec = tableOf(kind).columns[field];
  if (spec === undefined) throw new Error(`no column for ${kind}.${field}`);
  return spec.column;
}

function insertSql(kind: ElementKind): string {
  const table = tableOf(kind);
  const columns = Object.values(table.columns).map((c) => c.column);
  return `INSERT INTO ${table.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

function toSql(value: unknown): SqlValue {
  return value === undefined ? null : (value as SqlValue);
}
