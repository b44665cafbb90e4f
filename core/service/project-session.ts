import type { ProjectInfoDto } from '../contract/api';
import { ProjectDb } from '../store/project-db';
import type { SqlEngine } from '../store/sqlite-port';
import type { UndoLog } from '../store/undo-log';
import type { DurableLog } from './durable-log';
import { History, type ApplyChanges } from './history';

/**
 * The open project: its database, file path, dirty state and undo history.
 *
 * Every model change goes through `mutate`, which runs the change in one transaction, records
 * the inverse of the rows it changed as an undo step and bumps the revision. A durable session
 * (`wicm serve`) has a change log instead: its changes are on disk once `persist` resolved, and
 * it keeps no undo.
 */
export class ProjectSession {
  private revisionValue = 0;
  private savedRevision = 0;
  private readonly history = new History();
  private durableLog: DurableLog | null = null;
  /** Opened from a recovery copy: unsaved until the first Save. */
  private recoveredWork = false;
  /** The inverse changes being recorded (null in a durable session). */
  private changes: UndoLog | null;

  private constructor(
    private readonly dbValue: ProjectDb,
    private nameValue: string,
    private pathValue: string | null,
  ) {
    this.changes = dbValue.recordUndo();
  }

  static create(sql: SqlEngine, name: string): ProjectSession {
    const session = new ProjectSession(ProjectDb.create(sql), name, null);
    session.db.meta.set('name', name);
    return session;
  }

  static open(sql: SqlEngine, bytes: Uint8Array, path: string): ProjectSession {
    const db = ProjectDb.open(sql, bytes, path);
    return new ProjectSession(db, db.meta.get('name') ?? baseName(path), path);
  }

  /**
   * Unsaved work a stopped run left behind (checked like a project file), reopened as unsaved
   * changes to `path` (or to a new, never-saved project).
   */
  static recovered(sql: SqlEngine, bytes: Uint8Array, name: string, path: string | null): ProjectSession {
    const session = new ProjectSession(ProjectDb.open(sql, bytes, 'recovered work'), name, path);
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
    this.dbValue.stopUndo();
    this.changes = null;
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
    const log = this.changes;
    if (!log) return this.touch(change);
    this.absorbStray(log);
    const { result, inverse } = this.dbValue.transaction(() => ({ result: change(this.dbValue), inverse: log.take() }));
    this.history.record(typeof label === 'string' ? label : label(result), inverse);
    this.revisionValue += 1;
    return result;
  }

  /**
   * Applies a change that is persisted but not undoable (layout moves, push states): no step of
   * its own; the next undo or redo takes it back with its step, as restoring that state would.
   */
  touch<T>(change: (db: ProjectDb) => T): T {
    const result = this.dbValue.transaction(() => change(this.dbValue));
    if (this.changes) this.absorbStray(this.changes);
    this.revisionValue += 1;
    return result;
  }

  undo(): string | undefined {
    return this.travel((apply) => this.history.undo(apply));
  }

  redo(): string | undefined {
    return this.travel((apply) => this.history.redo(apply));
  }

  /** Marks the current state as saved at `path`. */
  markSaved(path: string): void {
    if (this.durableLog && this.durableLog.path !== path) {
      this.durableLog = null;
      this.changes = this.dbValue.recordUndo();
    }
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

  /**
   * Runs an undo or a redo. Undo restores the model, not the controllers: the push journal,
   * controller identities and service states stay as they are (see `ProjectDb.recordUndo`).
   */
  private travel(move: (apply: ApplyChanges) => string | undefined): string | undefined {
    const log = this.changes;
    if (!log) return undefined;
    this.absorbStray(log);
    const label = move((changes) => log.replay(changes));
    if (label !== undefined) this.revisionValue += 1;
    return label;
  }

  /** Changes recorded outside `mutate` join the steps undo and redo would take next. */
  private absorbStray(log: UndoLog): void {
    this.history.absorb(log.take());
  }
}

/** File name without folders and the `.wicm` extension. */
export function baseName(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path;
  return file.replace(/\.wicm$/i, '') || file;
}
