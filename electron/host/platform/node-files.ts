import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, readFile, rename, unlink, mkdir } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { ProjectFiles } from '../../../core/service/ports';
import { CoreError } from '../../../core/util/core-error';

/**
 * Project file access on the local disk.
 *
 * Saves are atomic: write a temp file next to the target, fsync it, rename it over the
 * target, then fsync the folder so the rename itself survives a crash.
 */
export const nodeProjectFiles: ProjectFiles = {
  async readFile(path) {
    try {
      return new Uint8Array(await readFile(path));
    } catch (e) {
      throw fileError(e, path, 'read');
    }
  },
  async writeFileAtomic(path, bytes) {
    await writeFileAtomic(path, bytes);
  },
  removeSaveLeftovers,
};

/**
 * The temp file of one save of `path`: `.<name>.<pid>-<12 hex>.tmp` next to it. The pid says
 * whether the save may still be running (a live process) or was interrupted (kill -9, a crash,
 * power loss), so leftovers can be told from a save in flight.
 */
function tempPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/** Our temp names for `path`, with the writer's pid when the name has one (older builds: none). */
function tempPattern(path: string): RegExp {
  const name = basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${name}\\.(?:(\\d{1,10})-)?[0-9a-f]{12}\\.tmp$`);
}

/** Whether a process with this pid runs (EPERM: it does, as another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files that interrupted saves of `path` left next to it: only names of our own
 * pattern for this very file, only regular files, and never one whose writer still runs.
 */
export async function removeSaveLeftovers(path: string): Promise<string[]> {
  const dir = dirname(path);
  const pattern = tempPattern(path);
  const removed: string[] = [];
  for (const entry of await readdir(dir)) {
    const match = pattern.exec(entry);
    if (!match) continue;
    const pid = match[1] === undefined ? undefined : Number(match[1]);
    if (pid !== undefined && isRunning(pid)) continue;
    const temp = join(dir, entry);
    const stat = await lstat(temp).catch(() => undefined);
    if (!stat?.isFile()) continue;
    if (await unlinkIfThere(temp)) removed.push(temp);
  }
  return removed;
}

/** Removes a file; whether it was there (a missing file is no error). */
export async function unlinkIfThere(file: string): Promise<boolean> {
  return unlink(file).then(
    () => true,
    (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
      return false;
    },
  );
}

/** Writes `bytes` to `path` atomically (temp + fsync + rename + fsync dir). */
export async function writeFileAtomic(path: string, bytes: Uint8Array, mode = 0o644): Promise<void> {
  const dir = dirname(path);
  const temp = tempPathOf(path);
  try {
    await mkdir(dir, { recursive: true });
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw fileError(e, path, 'write');
  }
  await fsyncDir(dir);
}

/** Makes a folder's entries (a rename, a new file) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  // Directories cannot be opened for sync on Windows; the rename is still atomic there.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function fileError(e: unknown, path: string, verb: 'read' | 'write'): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new CoreError('NOT_FOUND', `Cannot ${verb} ${path}: no such file or folder. Check the path.`);
    case 'EACCES':
    case 'EPERM':
      return new CoreError('INVALID_INPUT', `Cannot ${verb} ${path}: permission denied. Choose a folder you can write to.`);
    case 'EISDIR':
      return new CoreError('INVALID_INPUT', `Cannot ${verb} ${path}: it is a folder. Give a file name ending in .wicm.`);
    case 'ENOSPC':
      return new CoreError('INVALID_INPUT', `Cannot ${verb} ${path}: the disk is full. The previous file is untouched.`);
    default:
      return e;
  }
}
