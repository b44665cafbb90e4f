import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** Why the desktop app cannot be launched here, or null when it can. */
export function electronUnavailable(): string | null {
  let exe: string | null = null;
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    exe = existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
  } catch {
    return 'the electron package is not installed';
  }
  if (!exe || !existsSync(exe)) return 'no Electron binary in node_modules/electron/dist (electron >= 42 downloads it on first run; run `npm run install-electron` where downloads work)';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display (DISPLAY / WAYLAND_DISPLAY unset; try xvfb-run)';
  if (!existsSync(resolve('out/main/index.js'))) return 'the app is not built (run `npm run build`)';
  return null;
}
