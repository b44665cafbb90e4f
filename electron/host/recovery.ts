import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectInfoDto } from '../../core/contract/api';
import type { EventMessage } from '../../core/contract/events';
import type { Logger, RecoveredWork, RecoveryStore } from '../../core/service/ports';
import { isRunning, unlinkIfThere, writeFileAtomic } from './platform/node-files';

/** How often a dirty project is copied, and after how many revisions at the latest. */
export const RECOVERY_INTERVAL_MS = 30_000;
export const RECOVERY_EVERY_REVISIONS = 10;

/** The open project as the keeper reads it (the engine's session). */
export interface RecoverySource {
  info(): ProjectInfoDto;
  /** The project's database bytes now. */
  bytes(): Uint8Array;
}

export interface RecoveryKeeper {
  /** What the engine offers at start: work a run that stopped left behind. */
  readonly store: RecoveryStore;
  /** Starts copying `source` while it is dirty; feed it every engine event. Returns stop. */
  attach(source: RecoverySource): { readonly onEvent: (event: EventMessage) => void; readonly stop: () => void };
}

interface Meta {
  readonly name: string;
  readonly path: string | null;
  readonly savedAt: string;
  readonly revision: number;
  readonly pid: number;
}

const RUN_FILE = /^(run-(\d{1,10})-[0-9a-f]{8})\.json$/;

/**
 * Crash recovery in `<dataDir>/recovery/`: while the project has unsaved changes this process
 * keeps a copy of it there (`run-<pid>-<hex>.wicm` and its `.json` description, each written
 * atomically), on the first unsaved change, every `everyRevisions` revisions and every
 * `intervalMs`; the copy goes once the project is saved, replaced or closed clean. A copy whose
 * process no longer runs is work a crash left behind: the next start offers it (newest first).
 */
export function recoveryKeeper(dataDir: string, logger: Logger, options: { intervalMs?: number; everyRevisions?: number } = {}): RecoveryKeeper {
  const dir = join(dataDir, 'recovery');
  const ownBase = join(dir, `run-${process.pid}-${randomBytes(4).toString('hex')}`);
  const own = { data: `${ownBase}.wicm`, meta: `${ownBase}.json` };
  const everyRevisions = options.everyRevisions ?? RECOVERY_EVERY_REVISIONS;
  // Writes and removals run one after another, so a removal never races a write.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = (job: () => Promise<void>): Promise<void> => {
    const run = queue.then(job).catch((e: unknown) => logger.warn(`could not update the recovery copy in ${dir}`, e instanceof Error ? e.message : e));
    queue = run;
    return run;
  };

  const store: RecoveryStore = {
    async pending() {
      const found = await leftBehind(dir);
      if (!found) return null;
      try {
        const bytes = new Uint8Array(await readFile(join(dir, `${found.base}.wicm`)));
        return { name: found.name, path: found.path, savedAt: found.savedAt, bytes } satisfies RecoveredWork;
      } catch {
        return null;
      }
    },
    async discardPending() {
      const found = await leftBehind(dir);
      if (!found) return false;
      await removePair(join(dir, found.base));
      return true;
    },
  };

  return {
    store,
    attach(source) {
      let written: number | null = null;
      const write = (): Promise<void> =>
        serial(async () => {
          const info = source.info();
          if (!info.dirty || info.revision === written) return;
          const meta: Meta = { name: info.name, path: info.path, savedAt: new Date().toISOString(), revision: info.revision, pid: process.pid };
          await writeFileAtomic(own.data, source.bytes(), 0o600);
          await writeFileAtomic(own.meta, new TextEncoder().encode(JSON.stringify(meta)), 0o600);
          written = info.revision;
        });
      const remove = (): Promise<void> =>
        serial(async () => {
          if (written === null) return;
          await removePair(ownBase);
          written = null;
        });
      const timer = setInterval(() => void write(), options.intervalMs ?? RECOVERY_INTERVAL_MS);
      timer.unref?.();
      return {
        onEvent(event) {
          if (event.name !== 'project.didChange') return;
          const info = event.payload;
          if (!info.dirty) void remove();
          else if (written === null || info.revision - written >= everyRevisions) void write();
        },
        stop() {
          clearInterval(timer);
        },
      };
    },
  };
}

/** The newest copy whose process no longer runs (with its file name without extension), or null. */
async function leftBehind(dir: string): Promise<(Meta & { readonly base: string }) | null> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return null;
  }
  let newest: (Meta & { readonly base: string }) | null = null;
  for (const name of names) {
    const match = RUN_FILE.exec(name);
    const pid = Number(match?.[2]);
    if (!match?.[1] || !pid || pid === process.pid || isRunning(pid)) continue;
    const meta = await readMeta(join(dir, name));
    if (meta && (!newest || meta.savedAt > newest.savedAt)) newest = { ...meta, pid, base: match[1] };
  }
  return newest;
}

async function readMeta(file: string): Promise<Meta | null> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<Meta>;
    if (typeof value.name !== 'string' || typeof value.savedAt !== 'string') return null;
    return { name: value.name, path: typeof value.path === 'string' ? value.path : null, savedAt: value.savedAt, revision: Number(value.revision) || 0, pid: 0 };
  } catch {
    return null;
  }
}

async function removePair(base: string): Promise<void> {
  // The description first: without it the data file is never offered.
  for (const file of [`${base}.json`, `${base}.wicm`]) await unlinkIfThere(file);
}

