import { decodeChangeLog, encodeChangeRecord, type ChangeRecord } from '../store/change-log';
import type { ChangeCapture } from '../store/change-capture';
import { CoreError } from '../util/core-error';
import type { ChangeLogFiles, EnginePorts, Logger } from './ports';
import type { ProjectSession } from './project-session';

/** Smallest log size past which a checkpoint writes the whole file in the background. */
export const CHECKPOINT_BYTES = 8 * 1024 * 1024;

/**
 * When a checkpoint is due: once the log outgrows both {@link CHECKPOINT_BYTES} and the file the
 * last checkpoint wrote. A checkpoint exports the whole project, so on a large fleet a fixed
 * threshold made the export's share of each request grow with the fleet; this way a change
 * pays for at most its own bytes of export, whatever the project's size.
 */
export function checkpointDue(logBytes: number, fileBytes: number): boolean {
  return logBytes > Math.max(CHECKPOINT_BYTES, fileBytes);
}

/** What opening a project found in its change log. */
export interface LogReplayReport {
  readonly records: number;
  readonly changes: number;
  /** Why the end of the log was ignored (a write cut short by a crash), or null. */
  readonly torn: string | null;
}

/**
 * Makes a project's changes durable as they happen: each `persist` appends the rows changed
 * since the last one to the change log and fsyncs it (callers answer only after it resolved);
 * concurrent callers share one append (group commit). A checkpoint writes the whole `.wicm`
 * file atomically and retires the log: in the background past {@link CHECKPOINT_BYTES}, on
 * Save and on a clean shutdown.
 */
export class DurableLog {
  private lastWrite: Promise<void> = Promise.resolve();
  private waiting: Promise<void> | null = null;
  private checkpoints: Promise<void> = Promise.resolve();
  /** Set when an append failed: the log misses changes until a whole-file checkpoint. */
  private broken = false;
  /** Size of the file the last checkpoint wrote (0 before the first). */
  private fileBytes = 0;

  constructor(
    private readonly files: ChangeLogFiles,
    private readonly writeFile: (path: string, bytes: Uint8Array) => Promise<void>,
    private readonly capture: ChangeCapture,
    readonly path: string,
    private readonly exportBytes: () => Uint8Array,
    private readonly logger: Logger,
    private readonly due: (logBytes: number, fileBytes: number) => boolean = checkpointDue,
  ) {}

  /** Resolves once every change made so far is on disk. */
  persist(): Promise<void> {
    if (!this.capture.hasPending && !this.broken) return this.lastWrite;
    if (this.waiting) return this.waiting;
    const next = this.lastWrite
      .catch(() => undefined)
      .then(async () => {
        this.waiting = null;
        if (this.broken) return this.writeWhole();
        const record = this.capture.take();
        if (record) await this.append(record);
      });
    this.waiting = next;
    this.lastWrite = next;
    return next;
  }

  /** Writes the whole file and retires the log; appends go on meanwhile (to a new log). */
  checkpoint(): Promise<void> {
    const run = this.checkpoints
      .catch(() => undefined)
      .then(async () => {
        let bytes: Uint8Array | undefined;
        const rotated = this.lastWrite
          .catch(() => undefined)
          .then(async () => {
            await this.files.rotate(this.path);
            bytes = this.exportBytes();
            this.fileBytes = bytes.length;
          });
        this.lastWrite = rotated;
        this.waiting = null;
        await rotated;
        await this.writeFile(this.path, bytes as Uint8Array);
        await this.files.dropRotated(this.path);
      });
    this.checkpoints = run;
    return run;
  }

  /** Persists, checkpoints and closes the log (clean shutdown, or the project is replaced). */
  async close(): Promise<void> {
    await this.persist();
    await this.checkpoint();
    await this.files.close(this.path);
  }

  private async append(record: ChangeRecord): Promise<void> {
    try {
      await this.files.append(this.path, encodeChangeRecord(record));
    } catch (e) {
      this.broken = true;
      throw new CoreError('INTERNAL', `The change could not be written to disk next to ${this.path} (${e instanceof Error ? e.message : String(e)}). It is not saved: free disk space; the next change retries.`);
    }
    if (this.due(this.files.size(this.path), this.fileBytes)) {
      this.checkpoint().catch((e: unknown) => this.logger.warn(`background checkpoint of ${this.path} failed; the change log keeps the changes`, e instanceof Error ? e.message : e));
    }
  }

  private async writeWhole(): Promise<void> {
    this.capture.take();
    const bytes = this.exportBytes();
    this.fileBytes = bytes.length;
    await this.writeFile(this.path, bytes);
    await this.files.removeAll(this.path);
    this.broken = false;
  }
}

/**
 * Replays what a crash left in the change log of the project just opened from `path`, writes
 * the whole file with it and removes the log. Null when there was no log.
 */
export async function replayLeftoverLog(ports: EnginePorts, session: ProjectSession, path: string): Promise<LogReplayReport | null> {
  const files = ports.changeLog;
  if (!files) return null;
  const logs = await files.read(path);
  if (logs.length === 0) return null;
  const records: ChangeRecord[] = [];
  let torn: string | null = null;
  for (const bytes of logs) {
    const decoded = decodeChangeLog(bytes);
    records.push(...decoded.records);
    if (decoded.torn) torn = `${decoded.torn.reason} at byte ${decoded.torn.offset}`;
  }
  const changes = session.db.applyChanges(records);
  await ports.files.writeFileAtomic(path, session.db.export());
  await files.removeAll(path);
  ports.logger.info(`replayed ${records.length} change record(s) (${changes} row change(s)) left in the change log of ${path}`);
  if (torn) ports.logger.warn(`the change log of ${path} ended in a record cut short by a crash (${torn}); that change was never acknowledged and was ignored`);
  return { records: records.length, changes, torn };
}

/** Attaches a durable log to an open session with a file (serve); false when it cannot. */
export function attachDurableLog(ports: EnginePorts, session: ProjectSession): boolean {
  const path = session.path;
  if (!ports.durable || !ports.changeLog || path === null) return false;
  const capture = session.db.captureChanges();
  if (!capture) return false;
  session.attachDurable(new DurableLog(ports.changeLog, (p, b) => ports.files.writeFileAtomic(p, b), capture, path, () => session.db.export(), ports.logger));
  return true;
}
