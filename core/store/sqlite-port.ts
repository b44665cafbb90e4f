/**
 * The slice of sql.js the store uses, as a port.
 *
 * core stays free of the sql.js loader (which locates its wasm through the file system or
 * fetch); the host initialises sql.js with the wasm bytes and passes `SqlEngine` in.
 */
export type SqlValue = number | string | Uint8Array | null;

/** A prepared statement (sql.js `Statement`). */
export interface SqlStatement {
  bind(values?: readonly SqlValue[]): boolean;
  step(): boolean;
  get(): SqlValue[];
  run(values?: readonly SqlValue[]): void;
  reset(): void;
  free(): boolean;
}

/** An open database (sql.js `Database`). */
export interface SqlDatabase {
  run(sql: string, params?: readonly SqlValue[]): unknown;
  exec(sql: string): readonly { columns: string[]; values: SqlValue[][] }[];
  prepare(sql: string): SqlStatement;
  export(): Uint8Array;
  close(): void;
  /**
   * Calls `cb` after each row insert, update or delete of a rowid table (sql.js `updateHook`);
   * null removes it. Not called for WITHOUT ROWID tables, REPLACE conflict deletes or
   * `DELETE FROM t` without WHERE (SQLite's truncate optimisation): see `change-capture.ts`.
   */
  updateHook?(cb: ((op: 'insert' | 'update' | 'delete', dbName: string, table: string, rowid: number) => void) | null): unknown;
}

/** The sql.js module: makes databases, empty or from a file's bytes. */
export interface SqlEngine {
  readonly Database: new (data?: ArrayLike<number> | null) => SqlDatabase;
}
