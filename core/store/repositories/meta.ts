import type { SqlConnection } from '../connection';

/** Project settings and counters: the `meta` key/value table. */
export class MetaRepository {
  constructor(private readonly sql: SqlConnection) {}

  get(key: string): string | null {
    const row = this.sql.one('SELECT value FROM meta WHERE key = ?', [key]);
    return row ? String(row[0]) : null;
  }

  /** Stores a value; null removes the key. */
  set(key: string, value: string | null): void {
    if (value === null) this.sql.run('DELETE FROM meta WHERE key = ?', [key]);
    else this.sql.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  /** A fresh id, unique in this project: `<prefix><n>` from a stored counter. */
  nextId(prefix: string): string {
    const n = Number(this.get('next_id') ?? '1');
    this.set('next_id', String(n + 1));
    return `${prefix}${n}`;
  }
}
