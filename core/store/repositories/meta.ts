import type { SqlConnection } from '../connection';

/** Project settings and counters: the `meta` key/value table. */
export class MetaRepository {
  private readonly watchers: ((key: string) => void)[] = [];

  constructor(private readonly sql: SqlConnection) {}

  /** Calls `watcher` with the key of every later `set` (a repository caching what it read). */
  onSet(watcher: (key: string) => void): void {
    this.watchers.push(watcher);
  }

  get(key: string): string | null {
    const row = this.sql.one('SELECT value FROM meta WHERE key = ?', [key]);
    return row ? String(row[0]) : null;
  }

  /** Stores a value; null removes the key. */
  set(key: string, value: string | null): void {
    if (value === null) this.sql.run('DELETE FROM meta WHERE key = ?', [key]);
    else this.sql.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    for (const watcher of this.watchers) watcher(key);
  }

  /** A fresh id, unique in this project: `<prefix><n>` from a stored counter. */
  nextId(prefix: string): string {
    const n = Number(this.get('next_id') ?? '1');
    this.set('next_id', String(n + 1));
    return `${prefix}${n}`;
  }
}
