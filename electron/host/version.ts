import { createRequire } from 'node:module';

/** The app version from package.json. */
export const version: string = (() => {
  try {
    const require = createRequire(import.meta.url);
    for (const candidate of ['../../package.json', '../../../package.json']) {
      try {
        const pkg = require(candidate) as { name?: string; version?: string };
        if (pkg.name === 'wicm-studio' && pkg.version) return pkg.version;
      } catch {
        // try the next location
      }
    }
  } catch {
    // fall through
  }
  return '0.0.0';
})();
