import type { ChangeListener } from './change-capture';
import { translateSqlError } from './sql-errors';
import type { SqlDatabase, SqlStatement, SqlValue } from './sqlite-port';

/** Most prepared statements a connection keeps. */
const STATEMENT_CACHE = 128;

/** `DELETE FROM t` without WHERE: SQLite empties the table without telling the update hook. */
const TRUNCATE = /^\s*DELETE\s+FROM\s+"?([A-Za-z_][A-Za-z0-9_]*)"?\s*;?\s*$/i;

/**
 * The open sql.js database of a project, as the repositories use it: parameterised queries,
 * prepared bulk inserts, nested transactions (savepoints), and SQLite constraint failures turned
 * into errors a person can act on.
 *
 * Foreign keys are on, and back on after every export (which reopens the database in sql.js).
 * The rollback journal is kept in memory, not in a file of sql.js's in-memory file system: the
 * whole database lives in memory, so a journal file would survive nothing the memory one does
 * not, and writing it made each transaction about 2.5 times as costly. Durability is the
 * change log's and the saved file's (see `core/service/durable-log.ts`).
 */
export class SqlConnection {
  private depth = 0;
  private listener: ChangeListener | null = null;
  private resetCount = 0;
  private readonly statements = new Map<string, SqlStatement>();

  constructor(private readonly db: SqlDatabase) {
    this.configure();
  }

  /**
   * Bumped whenever rows may have changed without the repositories writing them: a rolled-back
   * transaction or savepoint, a script, a replay. A repository that caches rows drops its cache
   * when this moved.
   */
  get resets(): number {
    return this.resetCount;
  }

  run(sql: string, params: readonly SqlValue[] = []): void {
    if (params.length === 0) this.db.run(sql);
    else {
      const stmt = this.statement(sql);
      try {
        stmt.run(params);
      } catch (e) {
        stmt.reset();
        throw e;
      }
    }
    if (this.listener) {
      const truncated = TRUNCATE.exec(sql)?.[1];
      if (truncated !== undefined) this.listener.clear(truncated);
    }
  }

  /**
   * Tells `listener` about every row change of the project's tables from now on (null stops it;
   * TEMP tables are not the project's). False when this SQLite build has no update hook.
   */
  watch(listener: ChangeListener | null): boolean {
    if (!this.db.updateHook) return false;
    this.listener = listener;
    const hook = (_op: string, dbName: string, table: string, rowid: number): void => {
      if (dbName === 'main') listener?.row(table, rowid);
    };
    this.db.updateHook(listener ? hook : null);
    return true;
  }

  /** Runs `fn` (outside any transaction) with foreign keys off: replaying final states. */
  withoutForeignKeys<T>(fn: () => T): T {
    this.resetCount += 1;
    this.db.run('PRAGMA foreign_keys = OFF');
    try {
      return fn();
    } finally {
      this.resetCount += 1;
      this.enableForeignKeys();
    }
  }

  /** Runs a script of statements (migrations); no parameters. */
  exec(sql: string): void {
    this.resetCount += 1;
    // `run` without parameters is sqlite3_exec: the whole script in one call, whatever its length.
    this.db.run(sql);
  }

  one(sql: string, params: readonly SqlValue[] = []): SqlValue[] | undefined {
    return this.all(sql, params)[0];
  }

  all(sql: string, params: readonly SqlValue[] = []): SqlValue[][] {
    const stmt = this.statement(sql);
    try {
      stmt.bind(params);
      const rows: SqlValue[][] = [];
      while (stmt.step()) rows.push(stmt.get());
      return rows;
    } finally {
      stmt.reset();
    }
  }

  /**
   * A prepared statement for `sql`, kept for the next call: a request runs the same few dozen
   * statements, and preparing one costs as much as running it. At most {@link STATEMENT_CACHE}
   * are kept (statements with a variable number of `?` come and go).
   */
  private statement(sql: string): SqlStatement {
    const known = this.statements.get(sql);
    if (known !== undefined) return known;
    if (this.statements.size >= STATEMENT_CACHE) this.freeStatements();
    const made = this.db.prepare(sql);
    this.statements.set(sql, made);
    return made;
  }

  private freeStatements(): void {
    for (const stmt of this.statements.values()) stmt.free();
    this.statements.clear();
  }

  /** Runs one prepared statement per item (large topologies insert in one pass). */
  insertMany<T>(sql: string, items: readonly T[], toRow: (item: T) => readonly SqlValue[]): void {
    if (items.length === 0) return;
    // Kept like any statement: a request inserts its few rows with the same SQL as the last one.
    const stmt = this.statement(sql);
    try {
      for (const item of items) stmt.run(toRow(item));
    } finally {
      stmt.reset();
    }
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
      this.resetCount += 1;
      this.db.run(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}`);
      if (depth > 0) this.db.run(`RELEASE ${savepoint}`);
      throw translateSqlError(e);
    } finally {
      this.depth = depth;
    }
  }

  /** The whole database as file bytes. */
  export(): Uint8Array {
    // sql.js frees every prepared statement when it exports.
    this.freeStatements();
    const bytes = this.db.export();
    this.configure();
    return bytes;
  }

  close(): void {
    this.freeStatements();
    this.db.close();
  }

  private enableForeignKeys(): void {
    this.db.run('PRAGMA foreign_keys = ON');
  }

  /** Settings of a freshly opened connection (sql.js reopens it on export). */
  private configure(): void {
    this.db.run('PRAGMA journal_mode = MEMORY');
    this.enableForeignKeys();
  }
}
