import { CoreError } from '../util/core-error';
import type { ChangeOp, ChangeRecord } from './change-log';
import type { SqlConnection } from './connection';
import type { SqlValue } from './sqlite-port';

/** What a connection tells a capture: a row changed, or a table was emptied. */
export interface ChangeListener {
  row(table: string, rowid: number): void;
  clear(table: string): void;
}

interface TableShape {
  readonly columns: readonly string[];
  /** The INTEGER PRIMARY KEY column that is the rowid itself, if any. */
  readonly alias: string | null;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Collects which rows changed since the last `take`, from SQLite's update hook, and turns them
 * into one change record holding their current content: the cost is the number of changed rows,
 * never the size of the project.
 *
 * Reading the content at `take` (not at change time) is what makes a record the final state of
 * its rows: a row inserted and removed again becomes a removal, a rolled-back change becomes the
 * row as it is. Every table of the schema has a rowid (checked when capturing starts), since the
 * hook is silent for WITHOUT ROWID tables.
 */
export class ChangeCapture implements ChangeListener {
  private pending = new Map<string, { cleared: boolean; rowids: Set<number> }>();
  private readonly shapes = new Map<string, TableShape>();

  constructor(
    private readonly sql: SqlConnection,
    private seq = 0,
  ) {
    for (const [name, ddl] of sql.all("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
      if (/WITHOUT\s+ROWID/i.test(String(ddl))) {
        throw new CoreError('INTERNAL', `Table ${String(name)} has no rowid, so its changes cannot be logged: give it a rowid in a migration.`);
      }
    }
  }

  /** Sequence number of the last record taken. */
  get lastSeq(): number {
    return this.seq;
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  row(table: string, rowid: number): void {
    if (table.startsWith('sqlite_')) return;
    this.entry(table).rowids.add(rowid);
  }

  clear(table: string): void {
    this.pending.set(table, { cleared: true, rowids: new Set() });
  }

  /** The changes since the last call as one record (null when nothing changed). */
  take(): ChangeRecord | null {
    if (this.pending.size === 0) return null;
    const pending = this.pending;
    this.pending = new Map();
    const ops: ChangeOp[] = [];
    for (const [table, { cleared }] of pending) if (cleared) ops.push({ op: 'clear', table });
    for (const [table, { rowids }] of pending) {
      if (rowids.size === 0) continue;
      const shape = this.shapeOf(table);
      const rows = this.readRows(table, shape, [...rowids]);
      for (const rowid of rowids) {
        const row = rows.get(rowid);
        ops.push(row === undefined ? { op: 'delete', table, rowid } : { op: 'upsert', table, rowid, row });
      }
    }
    this.seq += 1;
    return { seq: this.seq, ops };
  }

  private entry(table: string): { cleared: boolean; rowids: Set<number> } {
    let e = this.pending.get(table);
    if (!e) {
      e = { cleared: false, rowids: new Set() };
      this.pending.set(table, e);
    }
    return e;
  }

  private readRows(table: string, shape: TableShape, rowids: readonly number[]): Map<number, Record<string, SqlValue>> {
    const out = new Map<number, Record<string, SqlValue>>();
    const list = shape.columns.map((c) => `"${c}"`).join(', ');
    // Chunks keep the statement under SQLite's parameter limit.
    for (let i = 0; i < rowids.length; i += 500) {
      const chunk = rowids.slice(i, i + 500);
      const rows = this.sql.all(`SELECT rowid, ${list} FROM "${table}" WHERE rowid IN (${chunk.map(() => '?').join(',')})`, chunk);
      for (const [rowid, ...values] of rows) {
        out.set(Number(rowid), Object.fromEntries(shape.columns.map((c, k) => [c, values[k] ?? null])));
      }
    }
    return out;
  }

  private shapeOf(table: string): TableShape {
    let shape = this.shapes.get(table);
    if (shape) return shape;
    if (!IDENTIFIER.test(table)) throw new CoreError('INTERNAL', `Cannot log changes of table ${table}: unexpected name.`);
    shape = tableShape(this.sql, table);
    this.shapes.set(table, shape);
    return shape;
  }
}

/** The columns of a table, and its rowid alias column. */
export function tableShape(sql: SqlConnection, table: string): TableShape {
  const info = sql.all(`SELECT name, type, pk FROM pragma_table_info(?)`, [table]);
  const columns = info.map(([name]) => String(name));
  const pks = info.filter(([, , pk]) => Number(pk) > 0);
  const alias = pks.length === 1 && String(pks[0]?.[1]).toUpperCase() === 'INTEGER' ? String(pks[0]?.[0]) : null;
  return { columns, alias };
}
