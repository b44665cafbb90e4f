import type { PositionDto, ServiceDto, TopologyDto } from './dto';

/** Where the engine runs, as the UI shows it in the title bar. */
export type AppMode = 'desktop' | 'browser' | 'cli';

/** About the running engine. */
export interface AppInfoDto {
  readonly name: string;
  readonly version: string;
  readonly mode: AppMode;
  /** Project schema version this build writes. */
  readonly schemaVersion: number;
  /** Why the app runs in browser mode, when it does (no Electron binary, no display, forced). */
  readonly modeReason: string | null;
}

/** The open project, as the title bar and the File menu need it. */
export interface ProjectInfoDto {
  readonly name: string;
  /** File path of the `.wicm` file; null until first saved. */
  readonly path: string | null;
  /** Unsaved changes exist. */
  readonly dirty: boolean;
  /** Increases on every model change (layout included). */
  readonly revision: number;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

/** Everything the graph editor draws, in one consistent snapshot. */
export interface TopologySnapshotDto {
  readonly project: ProjectInfoDto;
  readonly topology: TopologyDto;
  readonly positions: readonly PositionDto[];
  readonly services: readonly ServiceDto[];
}

/** Empty request. */
export type NoArgs = Readonly<Record<string, never>>;

/**
 * Every call the UI (and the headless clients) can make, `domain.verb` → (request) => response.
 *
 * Both transports (IPC, HTTP) and the in-process dispatcher are typed from this map; requests
 * are validated at run time by `requestSchemas` (validate.ts) before any handler runs.
 */
export interface Api {
  /** Name, version, mode of the engine. */
  'app.info': (req: NoArgs) => AppInfoDto;
  /** Replaces the open project with a new one: empty, or a copy of the bundled sample WAN. */
  'project.new': (req: { readonly name?: string; readonly template?: 'empty' | 'sample' }) => ProjectInfoDto;
  /** Opens a `.wicm` file. */
  'project.open': (req: { readonly path: string }) => ProjectInfoDto;
  /** Saves to the project's path (atomic: temp file, fsync, rename). */
  'project.save': (req: NoArgs) => ProjectInfoDto;
  /** Saves to a new path and makes it the project's path. */
  'project.saveAs': (req: { readonly path: string }) => ProjectInfoDto;
  /** The open project's info. */
  'project.info': (req: NoArgs) => ProjectInfoDto;
  /** Undoes the last model change (any edit, import or replacement). */
  'history.undo': (req: NoArgs) => ProjectInfoDto;
  /** Redoes the last undone change. */
  'history.redo': (req: NoArgs) => ProjectInfoDto;
  /** The whole topology, layout and services of the open project. */
  'topology.get': (req: NoArgs) => TopologySnapshotDto;
}

/** A method name of the contract. */
export type Method = keyof Api;
/** Request type of a method. */
export type Req<M extends Method> = Parameters<Api[M]>[0];
/** Response type of a method. */
export type Res<M extends Method> = ReturnType<Api[M]>;
/** What core/service implements: one async handler per method. */
export type Handlers = { readonly [M in Method]: (req: Req<M>) => Promise<Res<M>> };
