/**
 * What the Journal view and the crash-recovery prompt read: push transactions as the project's
 * journal recorded them, and the unsaved work a stopped run left behind.
 */

/** One controller write of a push transaction, named for a person. */
export interface JournalStepDto {
  /** 1-based position in the transaction. */
  readonly seq: number;
  /** What was written, in words (e.g. "vBridge c1 on tenant wicm"). */
  readonly summary: string;
  /** The controller object's id (shown on hover). */
  readonly objectId: string;
  /** The owning service's id and name, or null for objects services share. */
  readonly serviceId: string | null;
  readonly service: string | null;
  /** `applied`: the controller accepted it; `undone`: the rollback removed it again. */
  readonly state: 'applied' | 'undone';
}

/** One push, teardown or adopt transaction of the project's journal. */
export interface JournalTransactionDto {
  readonly tx: string;
  /** When it started (ISO 8601). */
  readonly at: string;
  /** The controller, as kind, URL and tenant / application (never credentials). */
  readonly target: string;
  readonly op: 'push' | 'teardown' | 'adopt';
  /** Services in scope, by name (ids of deleted services are shown as they were stored). */
  readonly services: readonly { readonly id: string; readonly name: string }[];
  readonly steps: readonly JournalStepDto[];
  /** `unfinished`: no end was recorded (the run stopped mid-transaction). */
  readonly outcome: 'committed' | 'rolled-back' | 'rollback-incomplete' | 'unfinished';
  readonly verified: boolean;
}

/** Unsaved work the host kept while the project was dirty, left by a run that stopped. */
export interface RecoveryDto {
  /** The project's name at the time. */
  readonly name: string;
  /** Its file, or null when it had never been saved. */
  readonly path: string | null;
  /** When the copy was written (ISO 8601). */
  readonly savedAt: string;
}
