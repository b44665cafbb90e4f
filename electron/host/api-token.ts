import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CoreError } from '../../core/util/core-error';

/** Where `wicm serve` takes its API token from. */
export interface ApiTokenSources {
  /** `--api-token` (visible in `ps`). */
  readonly flag?: string | undefined;
  /** `--api-token-file`. */
  readonly file?: string | undefined;
  /** `WICM_API_TOKEN`. */
  readonly env?: string | undefined;
  readonly cwd: string;
}

/** The token and what to tell the user about where it came from. */
export interface ResolvedApiToken {
  readonly token: string | null;
  readonly warnings: readonly string[];
}

/**
 * The API token: `--api-token-file` (trimmed), else `--api-token`, else `WICM_API_TOKEN`, else
 * none. A file that is missing, unreadable or empty is refused (exit 2) rather than starting
 * the server unprotected; both flags at once are refused as ambiguous. Warns when the token is
 * on the command line (every local user sees it in `ps`) or the file is readable by others.
 */
export async function resolveApiToken(sources: ApiTokenSources): Promise<ResolvedApiToken> {
  const warnings: string[] = [];
  if (sources.file !== undefined && sources.flag !== undefined) {
    throw new CoreError('INVALID_INPUT', 'Give the API token once: --api-token-file <file> or --api-token <token>, not both.');
  }
  if (sources.file !== undefined) {
    const path = resolve(sources.cwd, sources.file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
      throw new CoreError('INVALID_INPUT', `--api-token-file '${sources.file}': ${why}. Write the token to a file only you can read (e.g. \`openssl rand -hex 24 > ${sources.file} && chmod 600 ${sources.file}\`).`);
    }
    const token = text.trim();
    if (token === '') throw new CoreError('INVALID_INPUT', `--api-token-file '${sources.file}' is empty: put the token in it (e.g. \`openssl rand -hex 24 > ${sources.file}\`).`);
    if (/\s/.test(token)) throw new CoreError('INVALID_INPUT', `--api-token-file '${sources.file}' holds more than one word: put only the token in it.`);
    if (process.platform !== 'win32' && ((await stat(path)).mode & 0o077) !== 0) {
      warnings.push(`--api-token-file '${sources.file}' is readable by other users: run \`chmod 600 ${sources.file}\`.`);
    }
    return { token, warnings };
  }
  if (sources.flag !== undefined) {
    warnings.push('--api-token shows in the process list (ps) to every local user: prefer --api-token-file <file> or WICM_API_TOKEN.');
    return { token: sources.flag === '' ? null : sources.flag, warnings };
  }
  return { token: sources.env === undefined || sources.env === '' ? null : sources.env, warnings };
}
