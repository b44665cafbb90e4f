import type { AppMode, ControllerKindDto, LabApplyDto, LabControllerDto, LabDownDto, LabFaultDto, LabProbeDto, LabStatusDto, LabUpDto } from '../contract/api';
import type { PlanDto, ServiceDto, TopologyDto } from '../contract/dto';
import type { ProjectListDto, RecentProjectsDto } from '../contract/files-dto';
import type { HttpClient } from '../drivers/http';
import type { OpenFlowSwitches } from '../drivers/ovs/switches';

export type { OpenFlowSwitch, OpenFlowSwitches } from '../drivers/ovs/switches';
import type { EventMessage } from '../contract/events';
import type { SqlEngine } from '../store/sqlite-port';

/** File access the engine needs; the host implements it (atomic save: temp, fsync, rename). */
export interface ProjectFiles {
  readFile(path: string): Promise<Uint8Array>;
  /** Writes all bytes or nothing: a crash never leaves a half-written file at `path`. */
  writeFileAtomic(path: string, bytes: Uint8Array): Promise<void>;
  /**
   * Removes what interrupted saves of the project at `path` left next to it (their temp files,
   * never anything else); resolves to the paths removed. Called after the project opened.
   */
  removeSaveLeftovers?(path: string): Promise<readonly string[]>;
}

/**
 * The change log next to a project file (`P.wicm-log`, and `P.wicm-log.1` while a checkpoint
 * writes the file): changes made durable but not yet checkpointed into the `.wicm` file.
 */
export interface ChangeLogFiles {
  /** The leftover logs of the project at `path`, oldest first ([] when none). */
  read(path: string): Promise<readonly Uint8Array[]>;
  /** Appends bytes to the active log and fsyncs it: resolved = on disk. */
  append(path: string, bytes: Uint8Array): Promise<void>;
  /** Starts a new active log; what the old one held stays readable (oldest first) until `dropRotated`. */
  rotate(path: string): Promise<void>;
  /** Removes the rotated log once the file holding its changes is safely written. */
  dropRotated(path: string): Promise<void>;
  /** Removes every log of `path` (after the whole file was written with no log in use). */
  removeAll(path: string): Promise<void>;
  /** Bytes in the active log. */
  size(path: string): number;
  /** Closes open handles (shutdown). */
  close(path: string): Promise<void>;
}

/** Wall clock, injected so tests and journals are reproducible. */
export interface Clock {
  now(): Date;
}

/**
 * Fresh identifiers (transactions, ONOS application ids, controller profiles), injected so the
 * engine holds no hidden randomness or process-wide counters; tests pass a deterministic one.
 */
export interface IdSource {
  /** `prefix` followed by 10 lowercase hex digits, unpredictable and not repeated in practice. */
  next(prefix: string): string;
}

/** Where diagnostics about the engine itself go (never credentials). */
export interface Logger {
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** Starts the built-in lab controllers (the host runs them; at most one per kind per process). */
export interface LabControllers {
  start(kind: ControllerKindDto): Promise<LabControllerDto>;
  /** Starts the lab of that kind if needed and replaces its injected failure (null = none). */
  setFault(kind: ControllerKindDto, fault: LabFaultDto | null): Promise<void>;
}

/** The open project as a live-lab call sees it: the host builds, applies and probes from this. */
export interface LabProject {
  /** The project's file path (its name while unsaved): which project the lab was built from. */
  readonly path: string;
  readonly topology: TopologyDto;
  readonly services: readonly ServiceDto[];
  /** Fresh plans of the services (as `wicm lab` plans them). */
  readonly plans: readonly PlanDto[];
}

/**
 * The live lab on this machine (Open vSwitch, network namespaces; `wicm lab`): the host runs it
 * in its data folder. Without root or Open vSwitch, `status` says why and the others reject
 * with that reason.
 */
export interface LiveLab {
  status(): Promise<LabStatusDto>;
  up(project: LabProject): Promise<LabUpDto>;
  down(): Promise<LabDownDto>;
  apply(project: LabProject, serviceIds: readonly string[], remove: boolean): Promise<LabApplyDto>;
  probe(project: LabProject, serviceId: string, count: number): Promise<LabProbeDto>;
  setLink(linkId: string, up: boolean): Promise<LabStatusDto>;
}

/** A controller profile as stored: the password sealed by the host's SecretBox. */
export interface StoredProfile {
  readonly id: string;
  readonly name: string;
  readonly kind: ControllerKindDto;
  readonly url: string;
  readonly user: string;
  readonly tenant?: string;
  readonly appId?: string;
  /** Deadline of each controller request in ms; absent = the driver's default. */
  readonly timeoutMs?: number;
  /** Sealed password (SecretBox.seal), or null. */
  readonly secret: string | null;
  /** The password was dropped when the endpoint (URL, user, kind) changed: ask for it again. */
  readonly passwordNeeded?: true;
}

/** Where the user's controller profiles live (per user, not per project). */
export interface ProfileStore {
  list(): Promise<readonly StoredProfile[]>;
  saveAll(profiles: readonly StoredProfile[]): Promise<void>;
}

/** Encrypts secrets at rest (Electron safeStorage on the desktop, a local key file elsewhere). */
export interface SecretBox {
  /** How secrets are protected, shown to the user (`safeStorage`, `local-key`). */
  readonly kind: string;
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/** Everything the engine gets from its host. */
export interface EnginePorts {
  readonly sql: SqlEngine;
  readonly files: ProjectFiles;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: Logger;
  /** Receives every event; the host fans it out to its transports. */
  readonly emit: (event: EventMessage) => void;
  readonly mode: AppMode;
  readonly modeReason: string | null;
  readonly version: string;
  /**
   * The change log files; with `durable`, every accepted change is on disk before its handler
   * answers (`wicm serve`). Without `durable` (the desktop editor), changes wait for Save, and a
   * leftover log is still replayed when a project opens.
   */
  readonly changeLog?: ChangeLogFiles;
  readonly durable?: boolean;
  /** The bundled sample WAN as topology JSON text (resources/sample/sample-wan.json). */
  readonly sampleTopologyJson: string;
  /** HTTP client of the controller drivers; without it push methods answer DRIVER_UNAVAILABLE. */
  readonly http?: HttpClient;
  /** ovs-ofctl for Open vSwitch targets; without it pushes to `ovs` answer DRIVER_UNAVAILABLE. */
  readonly switches?: OpenFlowSwitches;
  /** The built-in lab controllers, when the host can run them. */
  readonly labControllers?: LabControllers;
  /** The live lab of the host's data folder; absent = `lab.*` answer DRIVER_UNAVAILABLE. */
  readonly liveLab?: LiveLab;
  /** Saved controller profiles and how their passwords are sealed; absent = no profiles. */
  readonly profiles?: { readonly store: ProfileStore; readonly secrets: SecretBox };
  /** Unsaved work left by a run that stopped; absent = no crash recovery (CLI runs, tests). */
  readonly recovery?: RecoveryStore;
  /** The project files the UI may open (Open dialog, Open Recent); absent = none (CLI runs). */
  readonly library?: ProjectLibrary;
}

/** The project files a person may open from the UI; the host confines them to its allowed folders. */
export interface ProjectLibrary {
  projects(): Promise<ProjectListDto>;
  recent(): Promise<RecentProjectsDto>;
}

/** Unsaved work a run that stopped left behind: its project bytes and what it was. */
export interface RecoveredWork {
  readonly name: string;
  readonly path: string | null;
  readonly savedAt: string;
  readonly bytes: Uint8Array;
}

/**
 * Where the host keeps a copy of unsaved work while the project is dirty (the host writes it;
 * the engine only offers what an earlier run left behind, once, at the next start).
 */
export interface RecoveryStore {
  /** The work an earlier run left behind, or null. */
  pending(): Promise<RecoveredWork | null>;
  /** Removes it; resolves to whether there was any. */
  discardPending(): Promise<boolean>;
}
