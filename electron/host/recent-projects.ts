import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../core/service/ports';
import { writeFileAtomic } from './platform/node-files';

/** How many projects the list keeps. */
export const MAX_RECENT_PROJECTS = 10;

/**
 * The projects opened most recently, newest first, in `<dataDir>/recent.json`: the first one is
 * what the app reopens on start (desktop and browser mode), the list is the native File › Open
 * Recent menu. The CLI never touches it. A missing or unreadable file is an empty list (or the
 * last project an older version remembered in settings.json).
 */
export interface RecentProjects {
  list(): Promise<readonly string[]>;
  /** The project opened last, or null. */
  last(): Promise<string | null>;
  /** Puts `path` first (once), keeps at most MAX_RECENT_PROJECTS; returns the new list. */
  add(path: string): Promise<readonly string[]>;
  clear(): Promise<void>;
  /** Called after the list on disk changed; returns the unsubscribe function. */
  onChange(listener: (list: readonly string[]) => void): () => void;
}

/** The recent-projects store of a data folder. Write failures are logged, never thrown. */
export function recentProjectsStore(dataDir: string, logger: Logger): RecentProjects {
  const file = join(dataDir, 'recent.json');
  const listeners = new Set<(list: readonly string[]) => void>();
  // Writes run one after another, so two quick adds cannot drop each other's entry.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  };

  const list = async (): Promise<readonly string[]> => (await readList(file)) ?? (await readLegacyLastProject(dataDir));

  const write = async (next: readonly string[]): Promise<void> => {
    try {
      await writeFileAtomic(file, new TextEncoder().encode(JSON.stringify(next)));
    } catch (e) {
      logger.warn(`could not write ${file}`, e instanceof Error ? e.message : e);
      return;
    }
    for (const listener of listeners) listener(next);
  };

  return {
    list: () => serial(list),
    last: async () => (await serial(list))[0] ?? null,
    add: (path) =>
      serial(async () => {
        const current = await list();
        if (current[0] === path) return current;
        const next = [path, ...current.filter((p) => p !== path)].slice(0, MAX_RECENT_PROJECTS);
        await write(next);
        return next;
      }),
    clear: () => serial(() => write([])),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The list in `file`, or null when there is none or it is unreadable. */
async function readList(file: string): Promise<string[] | null> {
  try {
    const list = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT_PROJECTS) : null;
  } catch {
    return null;
  }
}

/** Before recent.json, the last project was `settings.json`'s `lastProject`: read it once more. */
async function readLegacyLastProject(dataDir: string): Promise<string[]> {
  try {
    const settings = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as { lastProject?: unknown };
    return typeof settings.lastProject === 'string' ? [settings.lastProject] : [];
  } catch {
    return [];
  }
}
