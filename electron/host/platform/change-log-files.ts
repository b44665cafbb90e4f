import { appendFile, open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChangeLogFiles } from '../../../core/service/ports';
import { fsyncDir, unlinkIfThere } from './node-files';

/** The active change log of a project file: `P.wicm` → `P.wicm-log`. */
export function changeLogPath(path: string): string {
  return `${path}-log`;
}

/** The log a running checkpoint retired: `P.wicm-log.1` (replayed first when it is still there). */
export function rotatedLogPath(path: string): string {
  return `${path}-log.1`;
}

interface ActiveLog {
  readonly handle: FileHandle;
  size: number;
}

/**
 * The change log on the local disk. Appends go through one open handle per project and are
 * fdatasync'd before they resolve; a new log file's folder entry is fsync'd once, so the log
 * itself survives power loss, not only its bytes.
 */
export function nodeChangeLogFiles(): ChangeLogFiles {
  const active = new Map<string, Promise<ActiveLog>>();
  const sizes = new Map<string, number>();

  const activeOf = (path: string): Promise<ActiveLog> => {
    let log = active.get(path);
    if (!log) {
      log = (async () => {
        const handle = await open(changeLogPath(path), 'a', 0o644);
        const size = (await handle.stat()).size;
        if (size === 0) await fsyncDir(dirname(path));
        sizes.set(path, size);
        return { handle, size };
      })();
      active.set(path, log);
      log.catch(() => active.delete(path));
    }
    return log;
  };

  const closeActive = async (path: string): Promise<void> => {
    const log = active.get(path);
    sizes.delete(path);
    active.delete(path);
    if (log) await (await log.catch(() => null))?.handle.close();
  };

  return {
    async read(path) {
      const out: Uint8Array[] = [];
      for (const file of [rotatedLogPath(path), changeLogPath(path)]) {
        const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
          if (e.code === 'ENOENT') return null;
          throw e;
        });
        if (bytes && bytes.length > 0) out.push(new Uint8Array(bytes));
      }
      return out;
    },
    async append(path, bytes) {
      const log = await activeOf(path);
      await log.handle.write(bytes);
      await log.handle.datasync();
      log.size += bytes.length;
      sizes.set(path, log.size);
    },
    async rotate(path) {
      await closeActive(path);
      sizes.delete(path);
      const current = await readFile(changeLogPath(path)).catch(() => null);
      if (current === null) return;
      const previous = await readFile(rotatedLogPath(path)).catch(() => null);
      if (previous === null) {
        await rename(changeLogPath(path), rotatedLogPath(path));
      } else {
        // An earlier checkpoint did not finish: the retired log grows, oldest records first.
        await appendFile(rotatedLogPath(path), current, { flush: true });
        await unlink(changeLogPath(path));
      }
      await fsyncDir(dirname(path));
    },
    async dropRotated(path) {
      await unlinkIfThere(rotatedLogPath(path));
      await fsyncDir(dirname(path));
    },
    async removeAll(path) {
      await closeActive(path);
      await unlinkIfThere(rotatedLogPath(path));
      await unlinkIfThere(changeLogPath(path));
      await fsyncDir(dirname(path));
    },
    size(path) {
      return sizes.get(path) ?? 0;
    },
    close: closeActive,
  };
}
