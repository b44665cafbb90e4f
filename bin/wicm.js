#!/usr/bin/env node
// Thin launcher for the `wicm` CLI. Builds the app first when it has not been built yet
// (e.g. installed with --ignore-scripts), then runs the bundled CLI.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('wicm: first run, building the app (out/ is missing)...\n');
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0 || !existsSync(cli)) {
    process.stderr.write('wicm: the build failed; run `npm run build` to see why.\n');
    process.exit(1);
  }
}
const { main } = await import(pathToFileURL(cli).href);
await main(process.argv.slice(2));
