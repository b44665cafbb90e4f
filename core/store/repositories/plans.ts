import type { SqlConnection } from '../connection';

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

/** Each service's stored plan (a JSON body, one per service). */
export class PlanRepository {
  constructor(private readonly sql: SqlConnection) {}

  read(): Map<string, unknown> {
    return new Map(this.sql.all('SELECT service_id, body FROM plans').map(([id, body]) => [String(id), JSON.parse(String(body))]));
  }

  /** The stored plans of some services only (a push reads those in its scope, not the fleet's). */
  readSome(serviceIds: readonly string[]): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (let i = 0; i < serviceIds.length; i += 500) {
      const chunk = serviceIds.slice(i, i + 500);
      const rows = this.sql.all(`SELECT service_id, body FROM plans WHERE service_id IN (${chunk.map(() => '?').join(',')})`, chunk);
      for (const [id, body] of rows) out.set(String(id), JSON.parse(String(body)));
    }
    return out;
  }

  write(serviceId: string, plan: unknown): void {
    this.sql.run('INSERT INTO plans (service_id, body) VALUES (?, ?) ON CONFLICT (service_id) DO UPDATE SET body = excluded.body', [serviceId, JSON.stringify(plan)]);
  }

  remove(serviceId: string): void {
    this.sql.run('DELETE FROM plans WHERE service_id = ?', [serviceId]);
  }
}

/**
 * An in-memory index a caller keeps of the allocations (the planner's), built once from the
 * rows and then told each per-service replacement, so planning one service never rescans them.
 */
export interface AllocationMirror {
  /** What the services named hold is now `rows` (every row is one of theirs). */
  replaceFor(serviceIds: readonly string[], rows: readonly AllocationRow[]): void;
}

/**
 * Filter indices, VLAN tags and condition names held by services: replaced as a whole (a full
 * re-plan) or per service (a request's plan rewrites only its own rows, so its cost and its
 * change-log record do not grow with the fleet).
 */
export class AllocationRepository {
  /**
   * The table's rows in rowid order, kept in step with this repository's own writes: a request
   * that plans one service reads the fleet's allocations from memory, not from SQLite. Dropped
   * when the connection reports a rollback, script or replay (`SqlConnection.resets`).
   */
  private cache: { rows: AllocationRow[]; resets: number } | null = null;
  /** The caller's index ({@link mirror}), dropped with the cache. */
  private kept: { mirror: AllocationMirror; resets: number } | null = null;

  constructor(private readonly sql: SqlConnection) {}

  read(): AllocationRow[] {
    const cached = this.valid();
    if (cached) return [...cached];
    const rows = this.sql.all('SELECT kind, scope, value, service_id, direction, extra FROM allocations ORDER BY rowid').map(
      ([kind, scope, value, serviceId, direction, extra]): AllocationRow => ({
        kind: String(kind) as AllocationRow['kind'],
        scope: String(scope),
        value: String(value),
        serviceId: String(serviceId),
        direction: String(direction) as AllocationRow['direction'],
        extra: extra === null ? null : String(extra),
      }),
    );
    this.cache = { rows, resets: this.sql.resets };
    return [...rows];
  }

  replace(rows: readonly AllocationRow[]): void {
    this.writing(() => {
      this.sql.run('DELETE FROM allocations');
      this.insert(rows);
    });
    this.cache = { rows: [...rows], resets: this.sql.resets };
    this.kept = null;
  }

  /** Replaces what the services named hold by `rows`, which must all be theirs. */
  replaceFor(serviceIds: readonly string[], rows: readonly AllocationRow[]): void {
    const ids = new Set(serviceIds);
    const stranger = rows.find((r) => !ids.has(r.serviceId));
    if (stranger) throw new Error(`allocation ${stranger.kind} ${stranger.value} of service '${stranger.serviceId}' is outside the services being replaced`);
    const cached = this.valid();
    this.writing(() => {
      for (let i = 0; i < serviceIds.length; i += 500) {
        const chunk = serviceIds.slice(i, i + 500);
        this.sql.run(`DELETE FROM allocations WHERE service_id IN (${chunk.map(() => '?').join(',')})`, chunk);
      }
      this.insert(rows);
    });
    const mirror = this.mirrored();
    if (mirror) {
      // The mirror answers the requests; the row list (a pass over the fleet) is re-read when asked.
      mirror.replaceFor(serviceIds, rows);
      this.cache = null;
      return;
    }
    // New rows get the highest rowids, so they go last, as a read would order them.
    if (cached) this.cache = { rows: cached.filter((r) => !ids.has(r.serviceId)).concat(rows), resets: this.sql.resets };
  }

  /** Tells the cache a service's rows were deleted (`ServiceRepository.remove`). */
  forget(serviceId: string): void {
    const mirror = this.mirrored();
    if (mirror) {
      mirror.replaceFor([serviceId], []);
      this.cache = null;
      return;
    }
    const cached = this.valid();
    if (cached) this.cache = { rows: cached.filter((r) => r.serviceId !== serviceId), resets: this.sql.resets };
  }

  /**
   * The caller's index of the allocations: `build` makes it from the rows on first use (and after
   * a rollback, script, replay or full replace); afterwards each `replaceFor` and `forget` is
   * passed on to it. One kind of mirror per repository (the planner's).
   */
  mirror<M extends AllocationMirror>(build: (rows: readonly AllocationRow[]) => M): M {
    const known = this.mirrored();
    if (known) return known as M;
    const made = build(this.read());
    this.kept = { mirror: made, resets: this.sql.resets };
    return made;
  }

  /** Forgets the mirror (its owner changed it in a way the rows will not follow). */
  dropMirror(): void {
    this.kept = null;
  }

  private mirrored(): AllocationMirror | null {
    return this.kept !== null && this.kept.resets === this.sql.resets ? this.kept.mirror : null;
  }

  private valid(): AllocationRow[] | null {
    return this.cache !== null && this.cache.resets === this.sql.resets ? this.cache.rows : null;
  }

  /** Runs writes; if one fails, the cache can no longer be trusted. */
  private writing(write: () => void): void {
    try {
      write();
    } catch (e) {
      this.cache = null;
      this.kept = null;
      throw e;
    }
  }

  private insert(rows: readonly AllocationRow[]): void {
    this.sql.insertMany('INSERT INTO allocations (kind, scope, value, service_id, direction, extra) VALUES (?, ?, ?, ?, ?, ?)', rows, (r) => [
      r.kind,
      r.scope,
      r.value,
      r.serviceId,
      r.direction,
      r.extra,
    ]);
  }
}
