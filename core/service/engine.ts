import type { Handlers, ProjectInfoDto } from '../contract/api';
import { parseTopologyJson } from '../store/documents';
import { SCHEMA_VERSION } from '../store/migrations';
import { importDemiWimDb, isDemiWimDb } from '../store/demi-wim-db';
import { CoreError } from '../util/core-error';
import { compareWithProject } from './compare';
import { handlerContext, type HandlerContext } from './context';
import { attachDurableLog, replayLeftoverLog } from './durable-log';
import { controllerHandlers } from './handlers/controllers';
import { exportHandlers } from './handlers/exports';
import { filesHandlers } from './handlers/files';
import { importHandlers } from './handlers/imports';
import { journalHandlers } from './handlers/journal';
import { labHandlers } from './handlers/lab';
import { recoveryHandlers } from './handlers/recovery';
import { pushHandlers } from './handlers/push';
import { serviceHandlers } from './handlers/services';
import { topologyHandlers } from './handlers/topology';
import type { EnginePorts } from './ports';
import { baseName, ProjectSession } from './project-session';

/**
 * The WICM engine: the open project plus the use cases that implement the contract.
 *
 * One instance per process (Electron main, headless server, CLI run). It owns the project's
 * lifecycle (new, open, save, undo/redo); the other handlers get a `HandlerContext`, not the
 * engine. Handlers are plain async functions over validated requests; the host dispatches.
 */
export class WicmEngine {
  private sessionValue: ProjectSession;
  private readonly context: HandlerContext;

  private constructor(readonly ports: EnginePorts, session: ProjectSession) {
    this.sessionValue = session;
    this.context = handlerContext(ports, () => this.sessionValue);
    attachDurableLog(ports, session);
  }

  /** An engine with a new project: empty, or the bundled sample WAN. */
  static create(ports: EnginePorts, template: 'empty' | 'sample' = 'sample'): WicmEngine {
    return new WicmEngine(ports, newSession(ports, template, undefined));
  }

  /** An engine with the project stored at `path`. */
  static async open(ports: EnginePorts, path: string): Promise<WicmEngine> {
    return new WicmEngine(ports, await openSession(ports, path));
  }

  get session(): ProjectSession {
    return this.sessionValue;
  }

  /** Makes every change durable, writes the whole file and closes the change log (clean shutdown). */
  async shutdown(): Promise<void> {
    await this.session.durable?.close();
  }

  /**
   * The contract's handlers, bound to this engine. A durable engine answers only once the
   * changes a handler made are on disk (also when it failed after changing something).
   */
  handlers(): Handlers {
    const handlers = this.plainHandlers();
    if (!this.ports.durable) return handlers;
    const durable = {} as Record<string, (req: unknown) => Promise<unknown>>;
    for (const [method, handler] of Object.entries(handlers) as [string, (req: unknown) => Promise<unknown>][]) {
      durable[method] = async (req) => {
        try {
          return await handler(req);
        } finally {
          await this.session.persist();
        }
      };
    }
    return durable as unknown as Handlers;
  }

  private plainHandlers(): Handlers {
    const { ports, context } = this;
    return {
      'app.info': async () => ({
        name: 'WICM Studio',
        version: ports.version,
        mode: ports.mode,
        schemaVersion: SCHEMA_VERSION,
        modeReason: ports.modeReason,
      }),
      'project.new': async (req) => this.replaceSession(newSession(ports, req.template ?? 'empty', req.name)),
      'project.open': async (req) => this.replaceSession(await openSession(ports, req.path)),
      'project.save': async () => {
        const path = this.session.path;
        if (path === null) {
          throw new CoreError('INVALID_INPUT', 'This project has never been saved. Use Save As… and choose where to put it.');
        }
        return this.saveTo(path);
      },
      'project.saveAs': async (req) => this.saveTo(withExtension(req.path)),
      'project.info': async () => this.session.info(),
      'project.compare': async (req) => compareWithProject(ports.sql, await ports.files.readFile(req.path), baseName(req.path), this.session),
      'history.undo': async () => this.travel('undo'),
      'history.redo': async () => this.travel('redo'),
      ...topologyHandlers(context),
      ...serviceHandlers(context),
      ...importHandlers(context),
      ...exportHandlers(context),
      ...controllerHandlers(context),
      ...pushHandlers(context),
      ...journalHandlers(context),
      ...labHandlers(context),
      ...recoveryHandlers(ports.recovery, ports.sql, (session) => this.replaceSession(session)),
      ...filesHandlers(ports.library),
    };
  }

  private travel(verb: 'undo' | 'redo'): ProjectInfoDto {
    let label: string | undefined;
    try {
      label = verb === 'undo' ? this.session.undo() : this.session.redo();
    } catch (e) {
      // The model is unchanged, but the history lost its steps: the Undo and Redo commands show it.
      this.context.emit({ name: 'project.didChange', payload: this.session.info() });
      throw e;
    }
    if (label === undefined) throw new CoreError('CONFLICT', `Nothing to ${verb}.`);
    return this.context.changed(`${verb}: ${label}`);
  }

  private async saveTo(path: string): Promise<ProjectInfoDto> {
    const log = this.session.durable;
    if (log && log.path === path) {
      await log.checkpoint();
    } else {
      await log?.close();
      await this.ports.files.writeFileAtomic(path, this.session.db.export());
      // A log left next to the file belongs to what was there before: never replay it onto this.
      await this.ports.changeLog?.removeAll(path);
    }
    this.session.markSaved(path);
    if (this.session.durable === null) attachDurableLog(this.ports, this.session);
    const info = this.session.info();
    this.context.emit({ name: 'project.didChange', payload: info });
    return info;
  }

  private async replaceSession(next: ProjectSession): Promise<ProjectInfoDto> {
    const previous = this.sessionValue;
    await previous.durable?.close();
    next.continueFrom(previous.revision);
    this.sessionValue = next;
    attachDurableLog(this.ports, next);
    previous.close();
    return this.context.changed('project');
  }
}

function newSession(ports: EnginePorts, template: 'empty' | 'sample', name: string | undefined): ProjectSession {
  const session = ProjectSession.create(ports.sql, name ?? (template === 'sample' ? 'Sample WAN' : 'Untitled'));
  if (template === 'sample') {
    const { topology, positions } = parseTopologyJson(ports.sampleTopologyJson);
    session.db.topology.replace(topology);
    session.db.positions.write(positions);
  }
  return session;
}

async function openSession(ports: EnginePorts, path: string): Promise<ProjectSession> {
  const bytes = await ports.files.readFile(path);
  if (isDemiWimDb(ports.sql, bytes)) {
    // A demi-wicm database is imported into a new, unsaved project: Save never overwrites it.
    const { topology, diagnostics } = importDemiWimDb(ports.sql, bytes, baseName(path));
    for (const d of diagnostics) ports.logger.warn(d.message);
    const session = ProjectSession.create(ports.sql, `${baseName(path)} (imported)`);
    session.db.topology.replace(topology);
    return session;
  }
  const session = ProjectSession.open(ports.sql, bytes, path);
  // Changes a crash left in the change log (acknowledged, not yet in the file) come back first.
  await replayLeftoverLog(ports, session, path);
  // Only once the project opened: while it does not, an interrupted save's temp file may be the
  // last copy of the work, so it stays for the user to look at.
  try {
    const removed = (await ports.files.removeSaveLeftovers?.(path)) ?? [];
    if (removed.length > 0) ports.logger.info(`removed ${removed.length} temp file(s) left by an interrupted save of ${path}`, removed);
  } catch (e) {
    ports.logger.warn(`could not remove the temp files of an interrupted save of ${path}`, e instanceof Error ? e.message : e);
  }
  return session;
}

function withExtension(path: string): string {
  return /\.wicm$/i.test(path) ? path : `${path}.wicm`;
}
