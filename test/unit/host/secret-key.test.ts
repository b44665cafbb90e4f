import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localKeySecretBox } from '../../../electron/host/platform/profile-store';
import { startEngineHost } from '../../../electron/host/engine-host';
import { memoryLogger } from '../../helpers/quiet-logger';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('the local key of saved controller passwords', () => {
  it('a secret.key of the wrong length is refused naming the file, and kept as it is', async () => {
    const dataDir = await tempDir();
    const keyFile = join(dataDir, 'secret.key');
    const short = Buffer.from('0123456789abcdef'); // 16 bytes, e.g. truncated or from elsewhere
    await writeFile(keyFile, short);
    const host = await startEngineHost({ mode: 'cli', logger: memoryLogger(), dataDir, template: 'empty' });
    const reply = await host.dispatch('controllers.saveProfile', { name: 'lab', kind: 'odl-vtn', url: 'http://127.0.0.1:8181', user: 'admin', password: 'pw' });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining(`The key file ${keyFile} of the saved controller passwords is 16 bytes long; a key is 32 bytes. It was left as it is`) },
    });
    expect(await readFile(keyFile)).toEqual(short);
  });

  it('passwords sealed under a key still open after a refused key is put back', async () => {
    const dataDir = await tempDir();
    const box = localKeySecretBox(dataDir);
    const sealed = await box.seal('hunter2');
    const keyFile = join(dataDir, 'secret.key');
    const key = await readFile(keyFile);
    expect(key).toHaveLength(32);
    await writeFile(keyFile, key.subarray(0, 31));
    const fresh = localKeySecretBox(dataDir);
    await expect(fresh.open(sealed)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('is 31 bytes long') });
    expect(await readFile(keyFile)).toHaveLength(31);
    await writeFile(keyFile, key);
    expect(await fresh.open(sealed)).toBe('hunter2');
  });

  it('is made on first use with mode 0600', async () => {
    const dataDir = await tempDir();
    await localKeySecretBox(dataDir).seal('x');
    const { stat } = await import('node:fs/promises');
    const info = await stat(join(dataDir, 'secret.key'));
    expect(info.size).toBe(32);
    if (process.platform !== 'win32') expect(info.mode & 0o777).toBe(0o600);
  });
});
