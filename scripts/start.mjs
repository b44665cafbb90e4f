#!/usr/bin/env node
// `npm start`: build if needed, then open the Electron window when an Electron binary and a
// display exist; otherwise say why (one line) and serve the same UI + engine in browser mode.
//   npm start -- --browser | --electron   force a mode (also WICM_MODE=browser|electron)
//   npm start -- --port N                 browser-mode port (also WICM_PORT; default 4321)
//   npm start -- --api-token-file FILE    browser mode: browsers sign in with this token (also WICM_API_TOKEN)
//   npm start -- --projects-dir DIR       browser mode: also open/save projects in DIR (repeatable)
// Every `wicm serve` option passes through to browser mode; the desktop app ignores them.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, isBuildCurrent } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forced = args.includes('--browser') ? 'browser' : args.includes('--electron') ? 'electron' : process.env.WICM_MODE;
const passThrough = args.filter((a) => a !== '--browser' && a !== '--electron');

if (forced && forced !== 'browser' && forced !== 'electron') {
  console.error(`start: WICM_MODE must be 'browser' or 'electron' (got '${forced}').`);
  process.exit(2);
}

if (!isBuildCurrent()) {
  console.log('Building WICM Studio…');
  if (build({ quiet: true }) !== 0) {
    console.error('start: the build failed (see above).');
    process.exit(1);
  }
}

const electron = forced === 'browser' ? { ok: false, reason: 'browser mode requested' } : findElectron();
const display = electron.ok ? hasDisplay() : { ok: false, reason: '' };

if (electron.ok && display.ok) {
  const serveOnly = passThrough.filter((a) => /^--(api-token|api-token-file|projects-dir|host)(=|$)/.test(a)).map((a) => a.split('=')[0]);
  if (serveOnly.length > 0) console.log(`start: ${serveOnly.join(', ')} only apply to browser mode (npm start -- --browser); the desktop app opens files through its own dialogs.`);
  const extra = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const child = spawn(electron.path, [...extra, root, ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
} else {
  const reason = !electron.ok ? `Electron binary not available: ${electron.reason}` : `No display for Electron: ${display.reason}`;
  if (forced === 'electron') {
    console.error(`start: cannot open the Electron window. ${reason}`);
    process.exit(1);
  }
  console.log(forced === 'browser' ? 'Browser mode requested' : `${reason} — starting browser mode instead`);
  const serve = spawn(process.execPath, [join(root, 'out', 'main', 'serve.js'), '--reason', reason, ...passThrough], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => serve.kill(signal));
  serve.on('exit', (code) => process.exit(code ?? 0));
}

/** The Electron executable, trying its one-time download when it is missing. */
function findElectron() {
  const require = createRequire(import.meta.url);
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  }
  const located = locate(pkgDir);
  if (located) return { ok: true, path: located };
  const attempt = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { encoding: 'utf8', timeout: 120_000 });
  const again = locate(pkgDir);
  if (again) return { ok: true, path: again };
  const output = `${attempt.stderr ?? ''}\n${attempt.stdout ?? ''}`;
  const firstLine = output.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at ')) ?? 'unknown error';
  return { ok: false, reason: `download failed (${attempt.error ? attempt.error.message : firstLine})` };
}

function locate(pkgDir) {
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

function hasDisplay() {
  if (process.platform !== 'linux') return { ok: true };
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return { ok: true };
  return { ok: false, reason: 'neither DISPLAY nor WAYLAND_DISPLAY is set' };
}
