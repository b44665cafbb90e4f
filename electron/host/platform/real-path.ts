import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Where a file operation on `path` really lands, for path confinement: the real path when it
 * exists, else the real path of its nearest existing folder with the rest appended (a new Save As
 * target). A symlink inside an allowed folder that points elsewhere is judged by where it leads.
 */
export async function realLocation(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    if (parent === absolute) return absolute;
    return join(await realLocation(parent), basename(absolute));
  }
}

/** Whether `path` is `dir` or inside it (both absolute and already resolved). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
