import { mkdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Method } from '../../core/contract/api';
import type { Envelope } from '../../core/contract/errors';
import { CoreError } from '../../core/util/core-error';
import type { Dispatch } from './dispatch';
import { isInside, realLocation } from './platform/real-path';

/** The RPC methods that take a file path, and whether they read or write it. */
const PATH_METHODS: Partial<Record<Method, { readonly field: 'path'; readonly access: 'read' | 'write' }>> = {
  'project.open': { field: 'path', access: 'read' },
  'project.saveAs': { field: 'path', access: 'write' },
  'project.compare': { field: 'path', access: 'read' },
};

/** Folders a remote-capable transport may read and write project files in. */
export interface FileConfinement {
  /** Real paths (symlinks resolved) of the allowed folders; the first is where relative paths go. */
  readonly dirs: readonly string[];
}

/**
 * Builds the confinement for a server: the data folder's `projects` directory (created if
 * missing) and the extra folders given with `--projects-dir`, each resolved to its real path.
 * An extra folder that does not exist is refused here, so a typo never silently narrows or
 * widens what the server may touch.
 */
export async function fileConfinement(projectsDir: string, extraDirs: readonly string[] = [], cwd = process.cwd()): Promise<FileConfinement> {
  await mkdir(projectsDir, { recursive: true });
  const dirs = [await realpath(projectsDir)];
  for (const given of extraDirs) {
    let real: string;
    try {
      real = await realpath(resolve(cwd, given));
    } catch {
      throw new CoreError('INVALID_INPUT', `--projects-dir '${given}': no such folder. Create it first, or leave the option out.`);
    }
    if (!dirs.includes(real)) dirs.push(real);
  }
  return { dirs };
}

/**
 * Wraps a dispatcher so that RPC methods taking a file path (`project.open`, `project.saveAs`)
 * read and write only inside the allowed folders. The path is resolved first (relative paths
 * against the first allowed folder, `..` and symlinks to their real target), checked, and the
 * resolved path is what the handler gets, so what runs is exactly what was checked.
 *
 * Used by the HTTP transport, where the caller may be a page or another process; the desktop
 * app's IPC goes through the native dialogs instead.
 */
export function confineFileAccess(dispatch: Dispatch, confinement: FileConfinement): Dispatch {
  return async (method, req) => {
    const rule = PATH_METHODS[method as Method];
    if (!rule || typeof req !== 'object' || req === null) return dispatch(method, req);
    const given = (req as Record<string, unknown>)[rule.field];
    // Anything but a usable string is left to the request schema, which says what is wrong.
    if (typeof given !== 'string' || given.trim() === '' || given.includes('\u0000')) return dispatch(method, req);
    const wanted = method === 'project.saveAs' && !/\.wicm$/i.test(given) ? `${given}.wicm` : given;
    const real = await realLocation(isAbsolute(wanted) ? wanted : join(confinement.dirs[0]!, wanted));
    if (!confinement.dirs.some((dir) => isInside(dir, real))) {
      return forbidden(given, real, rule.access, confinement.dirs);
    }
    return dispatch(method, { ...(req as Record<string, unknown>), [rule.field]: real });
  };
}

function forbidden(given: string, real: string, access: 'read' | 'write', dirs: readonly string[]): Envelope {
  const verb = access === 'read' ? 'open files' : 'save';
  const resolvedNote = given === real ? '' : ` (it resolves to '${real}')`;
  return {
    ok: false,
    error: {
      code: 'FORBIDDEN',
      message: `'${given}'${resolvedNote} is outside the folders this server may ${verb} in: ${dirs.join(', ')}. Choose a path inside one of them, or restart the server with --projects-dir <folder> to allow another.`,
      details: { pointer: `/path`, input: given, allowedDirs: dirs },
    },
  };
}
