import type { ProjectInfoDto } from '../contract/api';
import { ProjectDb } from '../store/project-db';
import type { SqlEngine } from '../store/sqlite-port';
import type { DurableLog } from './durable-log';
import { History } from './history';

/**
 * The open project: its database, file path, dirty state and undo history.
 *
 * Every model change goes through `mutate`, which records an undo step, bumps the revision and
 * runs the change in one transaction. A durable session (`wicm serve`) has a change log instead:
 * its changes are on disk once `persist` resolved, and it keeps no undo snapshots (they cost a
 * whole-file export per change).
 */
export class ProjectSession {
  private revisionValue = 0;
  private savedRevision = 0;
  private readonly history = new History();
  private durableLog: DurableLog | null = null;
  /** Opened from a recovery copy: unsaved until the first Save. */
  private recoveredWork = false;

  private constructor(
    private readonly sql: SqlEngine,
    private dbValue: ProjectDb,
    private nameValue: string,
    private pathValue: string | null,
  ) {}

  static create(sql: SqlEngine, name: string): ProjectSession {
    const session = new ProjectSession(sql, ProjectDb.create(sql), name, null);
    session.db.meta.set('name', name);
    return session;
  }

  static open(sql: SqlEngine, bytes: Uint8Array, path: string): ProjectSession {
    const db = ProjectDb.open(sql, bytes, path);
    return new ProjectSession(sql, db, db.meta.get('name') ?? baseName(path), path);
  }

  /**
   * Unsaved work a stopped run left behind (checked like a project file), reopened as unsaved
   * changes to `path` (or to a new, never-saved project).
   */
  static recovered(sql: SqlEngine, bytes: Uint8Array, name: string, path: string | null): ProjectSession {
    const session = new ProjectSession(sql, ProjectDb.open(sql, bytes, 'recovered work'), name, path);
    session.recoveredWork = true;
    session.savedRevision = -1;
    return session;
  }

  get db(): ProjectDb {
    return this.dbValue;
  }

  get path(): string | null {
    return this.pathValue;
  }

  get revision(): number {
    return this.revisionValue;
  }

  /** The change log making this session durable, or null (changes wait for Save). */
  get durable(): DurableLog | null {
    return this.durableLog;
  }

  attachDurable(log: DurableLog): void {
    this.durableLog = log;
    this.history.clear();
  }

  /** Resolves once every change so far is on disk (at once for a session without a change log). */
  persist(): Promise<void> {
    return this.durableLog?.persist() ?? Promise.resolve();
  }

  info(): ProjectInfoDto {
    return {
      name: this.nameValue,
      path: this.pathValue,
      dirty: this.durableLog === null && this.revisionValue !== this.savedRevision,
      revision: this.revisionValue,
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
      undoLabel: this.history.undoLabel,
      redoLabel: this.history.redoLabel,
    };
  }

  /**
   * Starts this session's revisions after `previous`, so a revision names one state across the
   * engine's lifetime: a UI that holds revision 7 of one project never takes revision 7 of the
   * next for it. The new session counts as saved at its first revision.
   */
  continueFrom(previous: number): void {
    this.revisionValue = previous + 1;
    this.savedRevision = this.recoveredWork ? -1 : this.revisionValue;
  }

  /**
   * Applies a model change as one undoable, transactional step, labelled for the Undo / Redo
   * commands (a function names it from the change's result, e.g. the deleted element's name).
   */
  mutate<T>(label: string | ((result: T) => string), change: (db: ProjectDb) => T): T {
    if (this.durableLog) return this.touch(change);
    const before = this.dbValue.export();
    const result = this.dbValue.transaction(() => change(this.dbValue));
    this.history.record(typeof label === 'string' ? label : label(result), before);
    this.revisionValue += 1;
    return result;
  }

  /** Applies a change that is persisted but not undoable (layout moves). */
  touch<T>(change: (db: ProjectDb) => T): T {
    const result = this.dbValue.transaction(() => change(this.dbValue));
    this.revisionValue += 1;
    return result;
  }

  undo(): string | undefined {
    return this.restore(this.history.undo(this.dbValue.export()));
  }

  redo(): string | undefined {
    return this.restore(this.history.redo(this.dbValue.export()));
  }

  /** Marks the current state as saved at `path`. */
  markSaved(path: string): void {
    if (this.durableLog && this.durableLog.path !== path) this.durableLog = null;
    if (this.pathValue !== path) {
      this.pathValue = path;
      if (this.nameValue.startsWith('Untitled')) this.nameValue = baseName(path);
    }
    this.savedRevision = this.revisionValue;
  }

  close(): void {
    this.dbValue.close();
    this.history.clear();
  }

  private restore(step: { readonly label: string; readonly bytes: Uint8Array } | undefined): string | undefined {
    if (!step) return undefined;
    const next = ProjectDb.restore(this.sql, step.bytes, this.nameValue);
    // Undo restores the model, not the controllers: what was pushed stays recorded.
    next.writeDurableFacts(this.dbValue.readDurableFacts());
    this.dbValue.close();
    this.dbValue = next;
    this.revisionValue += 1;
    return step.label;
  }
}

/** File name without folders and the `.wicm` extension. */
export function baseName(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path;
  return file.replace(/\.wicm$/i, '') || file;
}
