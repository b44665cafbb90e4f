#!/usr/bin/env node
// Builds main + preload + renderer + the host entries (serve, CLI) with electron-vite.
// `--if-needed` skips the build when out/ is newer than every source file.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputs = ['out/main/index.js', 'out/main/cli.js', 'out/main/serve.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const sources = ['core', 'electron', 'renderer', 'resources', 'electron.vite.config.ts', 'package.json'];

function newestMtime(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

export function isBuildCurrent() {
  if (!outputs.every((o) => existsSync(join(root, o)))) return false;
  const built = Math.min(...outputs.map((o) => statSync(join(root, o)).mtimeMs));
  return sources.every((s) => newestMtime(s) <= built);
}

export function build({ quiet = false } = {}) {
  const require = createRequire(import.meta.url);
  let bin;
  try {
    bin = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  } catch {
    process.stderr.write('build: electron-vite is not installed; run `npm install` first.\n');
    return 1;
  }
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  return result.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifNeeded = process.argv.includes('--if-needed');
  if (ifNeeded && isBuildCurrent()) process.exit(0);
  process.exit(build({ quiet: ifNeeded }));
}
