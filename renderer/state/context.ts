import type { PlanSetDto, ProjectInfoDto, TopologySnapshotDto } from '../../core/contract/api';
import type { PositionDto, TopologyDto } from '../../core/contract/dto';
import type { GraphKind } from '../graph/elements';
import type { Client } from '../lib/rpc/client';

/**
 * The small contexts the feature states are built with. `AppState` makes one of each and
 * hands every feature state only the ones it uses, so a state's constructor says what it
 * depends on (and a test can build it from fakes).
 */

/** Element the side panel or the graph selected (model id), or null. */
export type Selection = { readonly kind: GraphKind; readonly id: string } | null;

/** Where errors shown to the user go (the toasts). */
export interface Toasts {
  post(title: string, error: unknown): void;
}

/** Calls to the engine, and the toasts a failed call posts. */
export interface EngineContext {
  readonly rpc: Pick<Client, 'call'>;
  readonly toasts: Toasts;
  /** Runs an action, posting any error as a toast; returns its result or undefined. */
  run<T>(title: string, action: () => Promise<T>): Promise<T | undefined>;
}

/** The project as last fetched from the engine (reactive reads), and how to bring it up to date. */
export interface ProjectContext {
  readonly snapshot: TopologySnapshotDto | null;
  readonly plans: PlanSetDto | null;
  /** The project's name, path, revision, dirty and undo state. */
  readonly info: ProjectInfoDto | null;
  readonly topology: TopologyDto | null;
  readonly positions: readonly PositionDto[];
  /** Brings the snapshot and plans up to `revision`, or refetches when none is given. */
  refresh(revision?: number): Promise<void>;
}

/** Local changes to the fetched project that need no refetch. */
export interface ProjectUpdates {
  /** Takes the project's name, path, dirty and undo state (the model itself is unchanged). */
  setProject(project: ProjectInfoDto): void;
  /** Applies moved positions to the local snapshot (the engine stores them without an event). */
  mergePositions(moved: readonly PositionDto[]): void;
}

/** The selected element, and how to change it. */
export interface SelectionContext {
  readonly current: Selection;
  /** Selects an element; `reveal` also centres the graph on it. */
  select(selection: Selection, reveal?: boolean): void;
}

/** The engine context over a client: `run` posts a failed action's error to `toasts`. */
export function engineContext(rpc: Pick<Client, 'call'>, toasts: Toasts): EngineContext {
  return {
    rpc,
    toasts,
    async run<T>(title: string, action: () => Promise<T>): Promise<T | undefined> {
      try {
        return await action();
      } catch (e) {
        toasts.post(title, e);
        return undefined;
      }
    },
  };
}
