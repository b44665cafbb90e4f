import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AppMode, ControllerKindDto, LabFaultDto } from '../../core/contract/api';
import type { EventMessage } from '../../core/contract/events';
import { WicmEngine } from '../../core/service/engine';
import type { EnginePorts, IdSource, LabControllers, Logger, SecretBox } from '../../core/service/ports';
import { fileProfileStore, localKeySecretBox } from './platform/profile-store';
import { LAB_DEFAULT_CREDENTIALS, startLabController, type LabController, type LabFault, type LabFaultAction, type LabKind } from './lab';
import { CoreError } from '../../core/util/core-error';
import { ovsOfctlSwitches } from './platform/ovs-ofctl';
import { createNodeHttpClient } from './platform/http-client';
import { createDispatch, type Dispatch } from './dispatch';
import { nodeProjectFiles } from './platform/node-files';
import { nodeChangeLogFiles } from './platform/change-log-files';
import { loadSqlEngine } from './platform/sqljs';
import { findResourcesDir, projectsDirOf } from './paths';
import { projectLibrary } from './project-library';
import { recentProjectsStore, type RecentProjects } from './recent-projects';
import { recoveryKeeper } from './recovery';
import { liveLabService } from './live-lab/lab-service';
import { version } from './version';

/** An engine with its dispatcher and event fan-out, ready for any transport. */
export interface EngineHost {
  readonly engine: WicmEngine;
  readonly dispatch: Dispatch;
  /** The recently opened projects of this data folder (the first is reopened on start). */
  readonly recent: RecentProjects;
  /** Subscribes to engine events; returns the unsubscribe function. */
  onEvent(listener: (event: EventMessage) => void): () => void;
}

export interface EngineHostOptions {
  readonly mode: AppMode;
  readonly modeReason?: string | null;
  readonly logger: Logger;
  /** Folder for projects and settings (Electron userData, or ~/.wicm-studio). */
  readonly dataDir: string;
  /** Open this project instead of the last one / the sample. */
  readonly projectPath?: string;
  /** Start with a fresh, unsaved project instead of opening one from disk. */
  readonly template?: 'empty' | 'sample';
  readonly exposeStacks?: boolean;
  /** How controller passwords are sealed (Electron passes safeStorage); default a local key file. */
  readonly secretBox?: SecretBox;
  /**
   * Every accepted change is on disk (the change log next to the project) before its answer:
   * `wicm serve`. The desktop editor keeps Save semantics.
   */
  readonly durable?: boolean;
  /** Where fresh ids come from; default 40 random bits each (node:crypto). Tests pass a counter. */
  readonly ids?: IdSource;
  /**
   * The folders (real paths) a remote-capable transport confines project files to (`wicm serve`):
   * the UI lists projects there, and offers only the recent projects inside them. Without it the
   * UI lists the data folder's `projects` and every recent project (the desktop).
   */
  readonly projectDirs?: readonly string[];
}

/** Fresh ids: the prefix and 10 hex digits from the system's random source. */
export const randomIds: IdSource = { next: (prefix) => `${prefix}${randomBytes(5).toString('hex')}` };

/**
 * Starts the engine the way every runtime mode does: loads sql.js, opens the requested project
 * (or the last one, or on first start a saved copy of the bundled sample WAN), and wires events.
 */
export async function startEngineHost(options: EngineHostOptions): Promise<EngineHost> {
  const listeners = new Set<(event: EventMessage) => void>();
  labDataDir ??= options.dataDir;
  // The UI keeps a copy of unsaved work for after a crash; CLI runs never touch the user's data.
  const keeper = options.mode !== 'cli' ? recoveryKeeper(options.dataDir, options.logger) : null;
  const resourcesDir = findResourcesDir();
  const sql = await loadSqlEngine();
  const recent = recentProjectsStore(options.dataDir, options.logger);
  const library =
    options.mode === 'cli'
      ? undefined
      : projectLibrary({ dirs: options.projectDirs ?? [projectsDirOf(options.dataDir)], confineRecent: options.projectDirs !== undefined, recent, sql, logger: options.logger });
  const ports: EnginePorts = {
    sql,
    files: nodeProjectFiles,
    clock: { now: () => new Date() },
    ids: options.ids ?? randomIds,
    logger: options.logger,
    emit: (event) => {
      for (const listener of listeners) listener(event);
    },
    mode: options.mode,
    modeReason: options.modeReason ?? null,
    version,
    changeLog: nodeChangeLogFiles(),
    durable: options.durable ?? false,
    sampleTopologyJson: await readFile(join(resourcesDir, 'sample', 'sample-wan.json'), 'utf8'),
    http: createNodeHttpClient(),
    switches: ovsOfctlSwitches(),
    labControllers: processLabControllers,
    liveLab: liveLabService(options.dataDir),
    profiles: { store: fileProfileStore(options.dataDir), secrets: options.secretBox ?? localKeySecretBox(options.dataDir) },
    ...(keeper ? { recovery: keeper.store } : {}),
    ...(library ? { library } : {}),
  };
  const engine = await openInitialProject(ports, options, recent);
  // The UI reopens the last project; CLI runs never touch the user's settings.
  if (options.mode !== 'cli') {
    listeners.add((event) => {
      if (event.name === 'project.didChange' && event.payload.path) void recent.add(event.payload.path);
    });
  }
  if (keeper) listeners.add(keeper.attach({ info: () => engine.session.info(), bytes: () => engine.session.db.export() }).onEvent);
  return {
    engine,
    recent,
    dispatch: createDispatch(engine.handlers(), options.logger, { exposeStacks: options.exposeStacks ?? false }),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function openInitialProject(ports: EnginePorts, options: EngineHostOptions, recent: RecentProjects): Promise<WicmEngine> {
  if (options.projectPath) return WicmEngine.open(ports, resolve(options.projectPath));
  if (options.template) return WicmEngine.create(ports, options.template);
  const last = await recent.last();
  if (last && existsSync(last)) {
    try {
      return await WicmEngine.open(ports, last);
    } catch (e) {
      options.logger.warn(`could not reopen the last project ${last}; opening the sample instead`, e instanceof Error ? e.message : e);
    }
  }
  // First start: save the sample WAN as a real project file so Save works right away.
  const projectsDir = projectsDirOf(options.dataDir);
  const samplePath = join(projectsDir, 'sample-wan.wicm');
  if (existsSync(samplePath)) return WicmEngine.open(ports, samplePath);
  const engine = WicmEngine.create(ports, 'sample');
  await mkdir(projectsDir, { recursive: true });
  await engine.handlers()['project.saveAs']({ path: samplePath });
  return engine;
}

const runningLabs = new Map<LabKind, Promise<LabController>>();
/** Data folder whose live lab the built-in lab controllers drive (the first engine host's). */
let labDataDir: string | undefined;

/** The lab kinds: Open vSwitch has no stand-in (the real switch runs here). */
function labKind(kind: ControllerKindDto): LabKind {
  if (kind === 'ovs') throw new CoreError('INVALID_INPUT', 'There is no built-in lab controller for Open vSwitch: push to a real bridge (wicm lab up builds them).');
  return kind;
}

/** The running lab controller of a kind, started on first use. */
function labOf(kind: LabKind): Promise<LabController> {
  let running = runningLabs.get(kind);
  if (!running) {
    running = startLabController({ kind, port: 0, ...(labDataDir === undefined ? {} : { dataDir: labDataDir }) });
    runningLabs.set(kind, running);
    running.catch(() => runningLabs.delete(kind));
  }
  return running;
}

/** The lab's fault for a rehearsed failure: the nth write request fails once. */
function labFaults(fault: LabFaultDto | null): LabFault[] {
  if (!fault) return [];
  const action: LabFaultAction = fault.action === 'error-500' ? { kind: 'status', status: 500, body: { error: 'fault injected by WICM Studio (rehearsed failure)' } } : { kind: fault.action };
  return [{ nth: fault.nthWrite, action }];
}

/** The built-in lab controllers: started on first use, one per kind for the whole process. */
const processLabControllers: LabControllers = {
  async start(kind) {
    const lab = await labOf(labKind(kind));
    return { kind, url: lab.url, ...LAB_DEFAULT_CREDENTIALS[labKind(kind)] };
  },
  async setFault(kind, fault) {
    (await labOf(labKind(kind))).setFaults(labFaults(fault));
  },
};

/** Stops the built-in lab controllers this process started (on shutdown). */
export async function stopLabControllers(): Promise<void> {
  const labs = [...runningLabs.values()];
  runningLabs.clear();
  await Promise.all(labs.map(async (lab) => (await lab.catch(() => null))?.close()));
}
