import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ProjectFileDto } from '../../core/contract/files-dto';
import type { Logger, ProjectLibrary } from '../../core/service/ports';
import type { SqlEngine } from '../../core/store/sqlite-port';
import { isInside, realLocation } from './platform/real-path';
import type { RecentProjects } from './recent-projects';

/** The Open dialog lists at most this many projects (the newest). */
export const MAX_LISTED_PROJECTS = 500;
/** Services are counted only in files up to this size, and only in the newest ones listed. */
const COUNT_MAX_BYTES = 16 * 1024 * 1024;
const COUNT_MAX_FILES = 60;

export interface ProjectLibraryOptions {
  /** The folders projects are listed from (real paths); the first is the data folder's `projects`. */
  readonly dirs: readonly string[];
  /** Recent projects outside `dirs` are left out (browser mode, where paths are confined). */
  readonly confineRecent: boolean;
  readonly recent: RecentProjects;
  readonly sql: SqlEngine;
  readonly logger: Logger;
}

/**
 * The project files the UI may open: the `.wicm` files directly in the allowed folders (newest
 * first), and the recent projects that still exist there. Service counts come from the file
 * itself, cached per path until its size or modification time changes, so listing again costs a
 * stat per file.
 */
export function projectLibrary(options: ProjectLibraryOptions): ProjectLibrary {
  const counts = new Map<string, { readonly size: number; readonly mtimeMs: number; readonly count: number | null }>();

  const countServices = async (path: string, size: number, mtimeMs: number): Promise<number | null> => {
    if (size > COUNT_MAX_BYTES) return null;
    const cached = counts.get(path);
    if (cached && cached.size === size && cached.mtimeMs === mtimeMs) return cached.count;
    let count: number | null = null;
    try {
      const db = new options.sql.Database(await readFile(path));
      try {
        count = Number(db.exec('SELECT count(*) FROM services')[0]?.values[0]?.[0] ?? 0);
      } finally {
        db.close();
      }
    } catch {
      count = null; // not a readable project: listed without a count; opening it says what is wrong
    }
    counts.set(path, { size, mtimeMs, count });
    return count;
  };

  const describe = async (path: string, count: boolean, known?: Stats): Promise<ProjectFileDto | null> => {
    try {
      const info = known ?? (await stat(path));
      if (!info.isFile()) return null;
      return {
        path,
        name: basename(path).replace(/\.wicm$/i, ''),
        modifiedAt: info.mtime.toISOString(),
        size: info.size,
        services: count ? await countServices(path, info.size, info.mtimeMs) : null,
      };
    } catch {
      return null;
    }
  };

  return {
    async projects() {
      const found: { path: string; info: Stats }[] = [];
      const seen = new Set<string>();
      for (const dir of options.dirs) {
        let names: string[];
        try {
          names = (await readdir(dir)).filter((n) => /\.wicm$/i.test(n));
        } catch (e) {
          options.logger.warn(`could not list the projects folder ${dir}`, e instanceof Error ? e.message : e);
          continue;
        }
        for (const name of names) {
          // A symlink that leads out of the allowed folders is not offered (opening it would be refused).
          const real = await realLocation(join(dir, name));
          if (!options.dirs.some((d) => isInside(d, real))) continue;
          const info = await stat(real).catch(() => null);
          if (info?.isFile() && !seen.has(real)) {
            seen.add(real);
            found.push({ path: real, info });
          }
        }
      }
      found.sort((a, b) => b.info.mtimeMs - a.info.mtimeMs || a.path.localeCompare(b.path));
      const listed = found.slice(0, MAX_LISTED_PROJECTS);
      const projects: ProjectFileDto[] = [];
      for (const [i, f] of listed.entries()) {
        const entry = await describe(f.path, i < COUNT_MAX_FILES, f.info);
        if (entry) projects.push(entry);
      }
      return { folders: options.dirs, projects, truncated: found.length > listed.length };
    },

    async recent() {
      const projects: ProjectFileDto[] = [];
      let hidden = 0;
      for (const path of await options.recent.list()) {
        const real = await realLocation(path);
        const allowed = !options.confineRecent || options.dirs.some((d) => isInside(d, real));
        const entry = allowed ? await describe(real, true) : null;
        if (entry && !projects.some((p) => p.path === entry.path)) projects.push(entry);
        else if (!entry) hidden += 1;
      }
      return { projects, hidden };
    },
  };
}
