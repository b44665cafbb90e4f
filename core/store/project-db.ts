import { CoreError, isCoreError } from '../util/core-error';
import { ChangeCapture } from './change-capture';
import type { ChangeRecord } from './change-log';
import { replayChanges } from './change-replay';
import { SqlConnection } from './connection';
import { assertConsistent, assertSoundFile, damaged } from './integrity';
import { migrations, SCHEMA_VERSION } from './migrations';
import { JournalRepository } from './repositories/journal';
import { MetaRepository } from './repositories/meta';
import { AllocationRepository, PlanRepository } from './repositories/plans';
import { PositionRepository } from './repositories/positions';
import { ServiceRepository } from './repositories/services';
import { TopologyRepository } from './repositories/topology';
import type { SqlDatabase, SqlEngine } from './sqlite-port';
import { UndoLog, type UndoScope } from './undo-log';

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const APP_ID = 'wicm-studio';

/**
 * Facts about the outside world that undo/redo must not roll back: the push journal, the
 * controller identities kept in meta, and each service's lifecycle state (undo never un-pushes).
 */
const UNDO_SCOPE: UndoScope = {
  skipTables: ['journal'],
  skipRows: [{ table: 'meta', column: 'key', values: ['onos_app_id', 'project_tag'] }],
  keepColumns: [{ table: 'services', column: 'state' }],
};

/**
 * A project: one SQLite database (sql.js) holding topology, services, plans, allocations,
 * layout and the push journal. Saved as one `.wicm` file by the host.
 *
 * Owns the database, its schema (migrations), transactions and export; reads and writes go
 * through one repository per group of tables (`db.topology.read()`, `db.services.upsert(s)`).
 * All SQL is parameterised.
 */
export class ProjectDb {
  readonly meta: MetaRepository;
  readonly topology: TopologyRepository;
  readonly positions: PositionRepository;
  readonly services: ServiceRepository;
  readonly plans: PlanRepository;
  readonly allocations: AllocationRepository;
  readonly journal: JournalRepository;
  private undo: UndoLog | null = null;

  private constructor(private readonly sql: SqlConnection) {
    this.meta = new MetaRepository(sql);
    this.topology = new TopologyRepository(sql, this.meta);
    this.positions = new PositionRepository(sql);
    this.allocations = new AllocationRepository(sql);
    this.services = new ServiceRepository(sql, (id) => this.allocations.forget(id));
    this.plans = new PlanRepository(sql);
    this.journal = new JournalRepository(sql);
  }

  /** A new, empty project. */
  static create(engine: SqlEngine): ProjectDb {
    const project = new ProjectDb(new SqlConnection(new engine.Database()));
    project.migrate(0);
    project.meta.set('app', APP_ID);
    return project;
  }

  /**
   * Opens a project from the bytes of a `.wicm` file, migrating it to the current schema.
   *
   * Rejects files that are not SQLite, not WICM projects, or written by a newer version; files
   * SQLite finds damaged (truncated, bit flips: `quick_check`); and files whose rows the engine
   * could never have written (`integrity.ts`: schema, prefixes, references, JSON columns), with
   * every problem listed. All as INVALID_INPUT / PARSE_FAILED / CONFLICT naming `label`.
   */
  static open(engine: SqlEngine, bytes: Uint8Array, label = 'project file'): ProjectDb {
    if (bytes.length < 100 || !isSqliteFile(bytes)) {
      throw new CoreError(
        'PARSE_FAILED',
        `${label} is not a WICM project: it is not an SQLite database (${bytes.length} bytes). Open a .wicm file saved by WICM Studio, or import a topology JSON / demi-wicm wim_info.db instead.`,
      );
    }
    let db: SqlDatabase | undefined;
    try {
      db = new engine.Database(bytes);
      const raw = db;
      assertSoundFile((q) => raw.exec(q), label);
      const version = Number(db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
      if (version > SCHEMA_VERSION) {
        throw new CoreError(
          'CONFLICT',
          `${label} was written by a newer WICM Studio (schema ${version}, this build reads up to ${SCHEMA_VERSION}). Update WICM Studio to open it.`,
        );
      }
      const hasMeta = db.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").length > 0;
      const app = hasMeta ? db.exec("SELECT value FROM meta WHERE key = 'app'")[0]?.values[0]?.[0] : undefined;
      if (app !== APP_ID) {
        throw new CoreError(
          'PARSE_FAILED',
          `${label} is an SQLite database but not a WICM project (no meta.app = '${APP_ID}'). Open a .wicm project, a demi-wicm wim_info.db, or import a topology JSON file.`,
        );
      }
      if (!Number.isInteger(version) || version < 1) {
        throw new CoreError('INVALID_INPUT', `${label} has schema version ${version}, which no WICM Studio writes (1 to ${SCHEMA_VERSION}). Open a backup copy of it.`);
      }
      const connection = new SqlConnection(db);
      const project = new ProjectDb(connection);
      project.migrate(version);
      assertConsistent(connection, label);
      return project;
    } catch (e) {
      db?.close();
      if (isCoreError(e)) throw e;
      // Whatever SQLite says about these bytes ("database disk image is malformed", "file is not
      // a database"), it is about the file, not a bug: name the file and what to do.
      throw damaged(label, e instanceof Error ? e.message : String(e));
    }
  }

  /** The whole database as `.wicm` file bytes. */
  export(): Uint8Array {
    return this.undo ? this.undo.across(() => this.sql.export()) : this.sql.export();
  }

  /**
   * Starts recording the inverse of every model change (undo/redo), if not yet; what undo keeps
   * (journal, controller identities, service states) is left out.
   */
  recordUndo(): UndoLog {
    this.undo ??= new UndoLog(this.sql, UNDO_SCOPE);
    return this.undo;
  }

  /** Stops recording inverse changes (a durable session keeps no undo). */
  stopUndo(): void {
    this.undo?.uninstall();
    this.undo = null;
  }

  close(): void {
    this.sql.watch(null);
    this.sql.close();
  }

  /**
   * Starts collecting the rows every change touches (for the change log); null when this
   * SQLite build cannot tell. Records continue after `lastSeq`.
   */
  captureChanges(lastSeq = 0): ChangeCapture | null {
    const capture = new ChangeCapture(this.sql, lastSeq);
    return this.sql.watch(capture) ? capture : null;
  }

  /** Applies change-log records (replay after a crash); returns how many changes were applied. */
  applyChanges(records: readonly ChangeRecord[]): number {
    return replayChanges(this.sql, records);
  }

  /** Runs `fn` in one transaction: all of it is stored, or none of it. Nests (savepoints). */
  transaction<T>(fn: () => T): T {
    return this.sql.transaction(fn);
  }

  private migrate(from: number): void {
    for (const m of migrations) {
      if (m.version <= from) continue;
      this.transaction(() => {
        this.sql.exec(m.sql);
        this.sql.run(`PRAGMA user_version = ${m.version}`);
      });
    }
  }
}

/** Whether bytes start like an SQLite database file (a .wicm project or a demi-wicm wim_info.db). */
export function isSqliteFile(bytes: Uint8Array): boolean {
  return bytes.length >= 16 && String.fromCharCode(...bytes.subarray(0, 16)) === SQLITE_MAGIC;
}
