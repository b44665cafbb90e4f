#!/usr/bin/env node
// Downloads the Electron binary (electron >= 42 fetches it on first run instead of on install).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const result = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error('install-electron: the download failed. Without network access to the Electron releases, use browser mode (npm start -- --browser).');
}
process.exit(result.status ?? 1);
