import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder's own YAML parser and config validator (app-builder-lib 26, its JSON schema):
// the packaging config is read here exactly as `npm run package` reads it, without the binary.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const libRequire = createRequire(builderRequire.resolve('app-builder-lib/package.json'));
const yaml = libRequire('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = libRequire('./out/util/config/config.js') as {
  validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};
const quiet = { isEnabled: false, add: () => undefined };

const config = () => yaml.load(readFileSync(resolve('electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('packaging: Electron fuses (electron-builder.yml)', () => {
  it('the whole config passes electron-builder 26 schema validation', async () => {
    await expect(validateConfiguration(config(), quiet)).resolves.toBeUndefined();
  });

  it('sets the fuses #12 asks for', () => {
    expect(config().electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('a misspelt fuse would fail validation (the check above is not vacuous)', async () => {
    const wrong = { ...config(), electronFuses: { runAsNod: false } };
    await expect(validateConfiguration(wrong, quiet)).rejects.toThrow(/electronFuses/);
  });

  it('packs the app into an asar archive (onlyLoadAppFromAsar needs one)', () => {
    expect(config().asar ?? true).not.toBe(false);
  });
});
