import { CoreError } from '../util/core-error';
import type { SqlConnection } from './connection';

/** What undo leaves alone: facts about the outside world, not the model. */
export interface UndoScope {
  /** Tables undo never changes (the push journal). */
  readonly skipTables: readonly string[];
  /** Rows undo never changes: those of `table` whose `column` is one of `values` (controller identities). */
  readonly skipRows: readonly { readonly table: string; readonly column: string; readonly values: readonly string[] }[];
  /**
   * A column undo keeps as it is on the rows that exist before and after it (service states);
   * the table has a one-column primary key.
   */
  readonly keepColumns: readonly { readonly table: string; readonly column: string }[];
}

/**
 * One recorded inverse row change, `<op> <table> <text>`: `d` deletes the row whose key values
 * are `text` (undoes an insert), `i` inserts the row `(rowid, columns…)` (undoes a delete), `v`
 * sets the row `(key…, columns…)` back (undoes an update), `u` is the UPDATE statement that
 * undoes an update of the key itself.
 */
export type UndoChange = string;

interface Shape {
  readonly table: string;
  readonly columns: readonly string[];
  /** The columns that find a row: its primary key, or its rowid. */
  readonly key: readonly string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Rows per grouped statement. */
const GROUP = 500;

/**
 * The inverse of every model row change, recorded by TEMP triggers (SQLite's "automatic
 * undo/redo with triggers"): an insert is undone by a delete, an update by an update back to
 * the old values, a delete by an insert of the old row (with its old rowid when free, which keeps
 * the order of reads). Rows are found by their primary key. Recording costs the number of rows a
 * change touches, never the size of the project.
 *
 * The triggers and the log are TEMP objects: never in the file (`export`), never seen by a
 * durable session's change capture (which has no undo log), and gone when sql.js reopens the
 * database on export, so `across` puts them back.
 */
export class UndoLog {
  private readonly shapes = new Map<string, Shape>();
  private readonly triggers: readonly string[];

  constructor(
    private readonly sql: SqlConnection,
    private readonly scope: UndoScope,
  ) {
    const skip = new Set(scope.skipTables);
    for (const [name, ddl] of sql.all("SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
      const table = String(name);
      if (skip.has(table)) continue;
      if (!IDENTIFIER.test(table) || /WITHOUT\s+ROWID/i.test(String(ddl))) {
        throw new CoreError('INTERNAL', `Undo cannot record changes of table ${table}: it needs a plain name and a rowid.`);
      }
      this.shapes.set(table, shapeOf(sql, table));
    }
    for (const keep of scope.keepColumns) {
      const shape = this.shapes.get(keep.table);
      if (shape?.key.length !== 1 || !shape.columns.includes(keep.column)) {
        throw new CoreError('INTERNAL', `Undo cannot keep ${keep.table}.${keep.column}: the table needs a one-column primary key and that column.`);
      }
    }
    this.triggers = [...this.shapes.keys()].flatMap((t) => ['insert', 'update', 'rekey', 'delete'].map((op) => `undo_${t}_${op}`));
    this.install();
  }

  /** The inverse changes recorded since the last take, in the order the changes were made. */
  take(): UndoChange[] {
    const changes = this.pending();
    if (changes.length > 0) this.clear();
    return changes;
  }

  /**
   * Runs recorded inverse changes, last first, in one transaction, and returns the inverse of
   * what they did (redo for an undo, and the other way round). Kept columns end as they were
   * before, and that correction is not part of the inverse.
   */
  replay(changes: readonly UndoChange[]): UndoChange[] {
    // Every row a cascade deleted was recorded with the rest, so the replay needs no cascade, and
    // each table's changes can run apart from the others' (as change-replay.ts does).
    return this.sql.withoutForeignKeys(() => this.sql.transaction(() => {
      if (changes.length > 0) this.sql.exec(this.script(changes));
      const inverse = this.pending();
      for (const [table, column, key, value] of this.sql.all('SELECT tbl, col, key, value FROM undo_kept')) {
        const shape = this.shapeOf(String(table));
        const c = quoteName(String(column));
        this.sql.run(`UPDATE ${quoteName(shape.table)} SET ${c} = ?1 WHERE ${quoteName(shape.key[0] ?? 'rowid')} = ?2 AND ${c} IS NOT ?1`, [value ?? null, key ?? null]);
      }
      this.clear();
      return inverse;
    }));
  }

  /**
   * Runs `reopen` (an export: sql.js closes and reopens the database, dropping TEMP objects and
   * pragmas), then installs the triggers again with what was recorded and not yet taken.
   */
  across<T>(reopen: () => T): T {
    const pending = this.pending();
    const out = reopen();
    this.install();
    this.sql.insertMany('INSERT INTO undo_log (change) VALUES (?)', pending, (c) => [c]);
    return out;
  }

  /** Stops recording: drops the triggers and the log. */
  uninstall(): void {
    this.sql.exec([...this.triggers.map((t) => `DROP TRIGGER IF EXISTS temp.${t}`), 'DROP TABLE IF EXISTS temp.undo_log', 'DROP TABLE IF EXISTS temp.undo_kept'].join(';\n'));
  }

  /**
   * The statements that apply `changes` last first. Tables apart (foreign keys are off), each in
   * its own order; runs of deletes or inserts become one statement each: preparing a statement
   * on a table with triggers costs more than running it, so thousands of rows take a few dozen.
   */
  private script(changes: readonly UndoChange[]): string {
    const byTable = new Map<string, { op: string; text: string }[]>();
    for (let i = changes.length - 1; i >= 0; i--) {
      const change = changes[i] ?? '';
      const space = change.indexOf(' ', 2);
      const table = change.slice(2, space);
      const list = byTable.get(table) ?? [];
      list.push({ op: change.charAt(0), text: change.slice(space + 1) });
      byTable.set(table, list);
    }
    const statements: string[] = [];
    for (const [table, list] of byTable) {
      const shape = this.shapeOf(table);
      for (let i = 0; i < list.length; ) {
        const { op, text } = list[i] ?? { op: '', text: '' };
        if (op === 'u') {
          statements.push(text);
          i += 1;
          continue;
        }
        let end = i + 1;
        while (end < list.length && end - i < GROUP && list[end]?.op === op) end += 1;
        const rows = list.slice(i, end).map((c) => c.text);
        statements.push(op === 'd' ? deleteRows(shape, rows) : op === 'i' ? insertRows(shape, rows) : updateRows(shape, rows));
        i = end;
      }
    }
    return statements.join(';\n');
  }

  private shapeOf(table: string): Shape {
    const shape = this.shapes.get(table);
    if (!shape) throw new CoreError('INTERNAL', `Undo has no record of table ${table}.`);
    return shape;
  }

  private pending(): UndoChange[] {
    return this.sql.all('SELECT change FROM undo_log ORDER BY seq').map(([c]) => String(c));
  }

  private clear(): void {
    this.sql.run('DELETE FROM undo_log');
    this.sql.run('DELETE FROM undo_kept');
  }

  private install(): void {
    // A REPLACE conflict deletes rows: only with recursive triggers does that fire delete triggers.
    this.sql.exec(
      [
        'PRAGMA recursive_triggers = ON',
        'CREATE TEMP TABLE IF NOT EXISTS undo_log (seq INTEGER PRIMARY KEY, change TEXT NOT NULL)',
        'CREATE TEMP TABLE IF NOT EXISTS undo_kept (tbl TEXT NOT NULL, col TEXT NOT NULL, key, value, PRIMARY KEY (tbl, col, key))',
        ...[...this.shapes.values()].flatMap((s) => this.triggersOf(s)),
      ].join(';\n'),
    );
  }

  private triggersOf(s: Shape): string[] {
    const t = quoteName(s.table);
    const skip = this.scope.skipRows.filter((r) => r.table === s.table);
    const recordable = (row: 'old' | 'new'): string[] => skip.map((r) => `${row}.${quoteName(r.column)} NOT IN (${r.values.map(sqlText).join(', ')})`);
    const when = (conditions: readonly string[]): string => (conditions.length > 0 ? ` WHEN ${conditions.map((c) => `(${c})`).join(' AND ')}` : '');
    const log = (op: string, parts: readonly string[]): string => `INSERT INTO undo_log (change) VALUES (${[sqlText(`${op} ${s.table} `), ...parts].join(' || ')})`;
    /** SQL that builds the text `(v1, v2, …)` from `values`, each an SQL expression. */
    const tuple = (values: readonly string[]): string[] => [sqlText('('), ...values.flatMap((v, i) => [...(i > 0 ? [sqlText(', ')] : []), v]), sqlText(')')];
    const kept = this.scope.keepColumns
      .filter((k) => k.table === s.table)
      .map((k) => `INSERT OR IGNORE INTO undo_kept (tbl, col, key, value) VALUES (${sqlText(s.table)}, ${sqlText(k.column)}, old.${quoteName(s.key[0] ?? 'rowid')}, old.${quoteName(k.column)})`);
    const body = (statements: readonly string[]): string => `BEGIN ${statements.map((x) => `${x};`).join(' ')} END`;

    const undoInsert = log('d', tuple(s.key.map((c) => `quote(new.${quoteName(c)})`)));
    const undoUpdate = log('v', tuple([...s.key.map((c) => `quote(new.${quoteName(c)})`), ...s.columns.map((c) => `quote(old.${quoteName(c)})`)]));
    const sets = s.columns.flatMap((c, i) => [sqlText(`${i > 0 ? ', ' : ' SET '}${quoteName(c)} = `), `quote(old.${quoteName(c)})`]);
    const where = s.key.flatMap((c, i) => [sqlText(`${i > 0 ? ' AND ' : ' WHERE '}${quoteName(c)} = `), `quote(new.${quoteName(c)})`]);
    const undoRekey = log('u', [sqlText(`UPDATE ${t}`), ...sets, ...where]);
    const differ = (columns: readonly string[]): string => columns.map((c) => `old.${quoteName(c)} IS NOT new.${quoteName(c)}`).join(' OR ');
    const undoDelete = log('i', tuple(['old.rowid', ...s.columns.map((c) => `quote(old.${quoteName(c)})`)]));
    const name = (op: string): string => `undo_${s.table}_${op}`;
    return [
      `CREATE TEMP TRIGGER IF NOT EXISTS ${name('insert')} AFTER INSERT ON main.${t}${when(recordable('new'))} ${body([undoInsert])}`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${name('update')} AFTER UPDATE ON main.${t}${when([differ(s.columns), `NOT (${differ(s.key)})`, ...recordable('old'), ...recordable('new')])} ${body([undoUpdate, ...kept])}`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${name('rekey')} AFTER UPDATE ON main.${t}${when([differ(s.key), ...recordable('old'), ...recordable('new')])} ${body([undoRekey, ...kept])}`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${name('delete')} AFTER DELETE ON main.${t}${when(recordable('old'))} ${body([undoDelete, ...kept])}`,
    ];
  }
}

/** Deletes the rows with these keys (each `(v1, v2, …)`): one search of the primary key each. */
function deleteRows(s: Shape, keys: readonly string[]): string {
  return `DELETE FROM ${quoteName(s.table)} WHERE (${s.key.map(quoteName).join(', ')}) IN (VALUES ${keys.join(', ')})`;
}

/** Inserts these rows (each `(rowid, columns…)`), each with its old rowid when that is free. */
function insertRows(s: Shape, rows: readonly string[]): string {
  const t = quoteName(s.table);
  const rowid = `CASE WHEN EXISTS (SELECT 1 FROM ${t} WHERE rowid = column1) THEN NULL ELSE column1 END`;
  const values = s.columns.map((_, i) => `column${i + 2}`).join(', ');
  return `INSERT INTO ${t} (rowid, ${s.columns.map(quoteName).join(', ')}) SELECT ${rowid}, ${values} FROM (VALUES ${rows.join(', ')})`;
}

/**
 * Sets the rows (each `(key…, columns…)`) back; of two for one key, the later one in `rows`
 * wins, as if they ran one after the other.
 */
function updateRows(s: Shape, rows: readonly string[]): string {
  const keys = s.key.map((_, i) => `column${i + 2}`);
  const values = s.columns.map((_, i) => `column${i + s.key.length + 2}`);
  const numbered = rows.map((row, n) => `(${n}, ${row.slice(1)}`);
  const last = `SELECT max(column1), ${[...keys, ...values].join(', ')} FROM (VALUES ${numbered.join(', ')}) GROUP BY ${keys.join(', ')}`;
  const t = quoteName(s.table);
  return `UPDATE ${t} SET (${s.columns.map(quoteName).join(', ')}) = (${values.map((v) => `v.${v}`).join(', ')}) FROM (${last}) AS v WHERE (${s.key.map((k) => `${t}.${quoteName(k)}`).join(', ')}) = (${keys.map((k) => `v.${k}`).join(', ')})`;
}

function shapeOf(sql: SqlConnection, table: string): Shape {
  const info = sql.all('SELECT name, pk FROM pragma_table_info(?)', [table]);
  const key = info.filter(([, pk]) => Number(pk) > 0).sort(([, a], [, b]) => Number(a) - Number(b));
  return { table, columns: info.map(([name]) => String(name)), key: key.length > 0 ? key.map(([name]) => String(name)) : ['rowid'] };
}

function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** An SQL string literal. */
function sqlText(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
