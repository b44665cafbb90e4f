import type { SqlConnection } from '../connection';

/** One push journal entry (what was applied to a controller, for rollback and drift). */
export interface JournalRow {
  readonly seq: number;
  readonly at: string;
  readonly target: string;
  readonly entry: unknown;
}

/** The push journal: append-only per target, read back in order. */
export class JournalRepository {
  constructor(private readonly sql: SqlConnection) {}

  /** Appends entries, in order. */
  append(target: string, at: string, ...entries: readonly unknown[]): void {
    for (const entry of entries) this.sql.run('INSERT INTO journal (at, target, entry) VALUES (?, ?, ?)', [at, target, JSON.stringify(entry)]);
  }

  /** Entries of one target, or of all, in order. */
  read(target?: string): JournalRow[] {
    const rows =
      target === undefined
        ? this.sql.all('SELECT seq, at, target, entry FROM journal ORDER BY seq')
        : this.sql.all('SELECT seq, at, target, entry FROM journal WHERE target = ? ORDER BY seq', [target]);
    return rows.map(([seq, at, t, entry]) => ({ seq: Number(seq), at: String(at), target: String(t), entry: JSON.parse(String(entry)) }));
  }
}
