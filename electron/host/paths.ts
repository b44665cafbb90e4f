import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the app's `resources/` folder: next to the built files in a checkout, or under
 * Electron's resourcesPath in a packaged app. Walks up from this module so it works from the
 * TypeScript sources (tests) and from `out/main/*.js` alike.
 */
export function findResourcesDir(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'resources', 'sample'))) return join(packaged, 'resources');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'sample', 'sample-wan.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('WICM Studio resources folder not found (resources/sample/sample-wan.json). Reinstall or rebuild the app.');
}

/** The built renderer (`out/renderer`), or null when the app has not been built. */
export function findRendererDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const sibling = join(dir, 'renderer');
    if (existsSync(join(sibling, 'index.html')) && existsSync(join(sibling, 'assets'))) return sibling;
    dir = dirname(dir);
  }
  return null;
}

/**
 * Where projects and settings live when no Electron `userData` applies (browser mode, CLI):
 * `$WICM_HOME`, else `~/.wicm-studio`.
 */
export function defaultDataDir(): string {
  return resolve(process.env.WICM_HOME ?? join(homedir(), '.wicm-studio'));
}

/**
 * The projects folder of a data folder: where the first start saves the sample WAN, and the
 * one folder (with any `--projects-dir`) that HTTP clients may open and save projects in.
 */
export function projectsDirOf(dataDir: string): string {
  return join(dataDir, 'projects');
}
