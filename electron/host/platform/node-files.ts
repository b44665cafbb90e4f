import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink, mkdir } from 'node:fs/promises';
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
};

/** Writes `bytes` to `path` atomically (temp + fsync + rename + fsync dir). */
export async function writeFileAtomic(path: string, bytes: Uint8Array, mode = 0o644): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
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

async function fsyncDir(dir: string): Promise<void> {
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
