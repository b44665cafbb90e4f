import { CoreError } from '../util/core-error';
import { tableShape } from './change-capture';
import type { ChangeRecord } from './change-log';
import type { SqlConnection } from './connection';
import { syncServiceKeys } from './repositories/services';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Applies change records to a database, in order, in one transaction.
 *
 * Rows are written with their rowid and INSERT OR REPLACE, with foreign keys off while it runs:
 * every record is a consistent final state, so a replaced parent must not cascade to children
 * the log also holds. Replaying a record the database already reflects changes nothing.
 *
 * The services' lookup keys replay with them; they are checked against the services afterwards,
 * since a log written by a build without them (schema 3, before an upgrade) replays services only.
 */
export function replayChanges(sql: SqlConnection, records: readonly ChangeRecord[]): number {
  let ops = 0;
  let services = false;
  sql.withoutForeignKeys(() =>
    sql.transaction(() => {
      const shapes = new Map<string, ReturnType<typeof tableShape>>();
      const shapeOf = (table: string): ReturnType<typeof tableShape> => {
        let s = shapes.get(table);
        if (!s) {
          if (!IDENTIFIER.test(table)) throw new CoreError('INVALID_INPUT', `The change log names an unknown table (${table}).`);
          s = tableShape(sql, table);
          if (s.columns.length === 0) throw new CoreError('INVALID_INPUT', `The change log names table ${table}, which this project does not have.`);
          shapes.set(table, s);
        }
        return s;
      };
      for (const record of records) {
        for (const op of record.ops) {
          const shape = shapeOf(op.table);
          ops += 1;
          services ||= op.table === 'services';
          if (op.op === 'clear') sql.run(`DELETE FROM "${op.table}" WHERE true`);
          else if (op.op === 'delete') sql.run(`DELETE FROM "${op.table}" WHERE rowid = ?`, [op.rowid]);
          else {
            const cols = Object.keys(op.row).filter((c) => c !== shape.alias);
            const unknown = cols.find((c) => !shape.columns.includes(c));
            if (unknown !== undefined) throw new CoreError('INVALID_INPUT', `The change log writes column ${unknown} of ${op.table}, which this project does not have.`);
            sql.run(
              `INSERT OR REPLACE INTO "${op.table}" (rowid${cols.map((c) => `, "${c}"`).join('')}) VALUES (?${cols.map(() => ', ?').join('')})`,
              [op.rowid, ...cols.map((c) => op.row[c] ?? null)],
            );
          }
        }
      }
    }),
  );
  if (services) syncServiceKeys(sql);
  return ops;
}
