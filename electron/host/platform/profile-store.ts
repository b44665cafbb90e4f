import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProfileStore, SecretBox, StoredProfile } from '../../../core/service/ports';
import { CoreError } from '../../../core/util/core-error';
import { writeFileAtomic } from './node-files';

/** Controller profiles in `<dataDir>/controllers.json` (passwords already sealed). */
export function fileProfileStore(dataDir: string): ProfileStore {
  const file = join(dataDir, 'controllers.json');
  return {
    async list() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        return [];
      }
      try {
        const doc = JSON.parse(text) as { profiles?: StoredProfile[] };
        return Array.isArray(doc.profiles) ? doc.profiles : [];
      } catch {
        throw new CoreError('PARSE_FAILED', `${file} is not valid JSON: fix or delete it (its controller profiles would be lost).`);
      }
    },
    async saveAll(profiles) {
      await writeFileAtomic(file, new TextEncoder().encode(`${JSON.stringify({ profiles }, null, 2)}\n`));
    },
  };
}

/**
 * Seals secrets with AES-256-GCM under a random key kept in `<dataDir>/secret.key` (mode 0600):
 * passwords are never stored in clear, but anyone who can read both files can decrypt them.
 * The desktop app uses Electron's safeStorage (the OS keychain) instead.
 */
export function localKeySecretBox(dataDir: string): SecretBox {
  const keyFile = join(dataDir, 'secret.key');
  let key: Promise<Buffer> | undefined;
  const loadKey = (): Promise<Buffer> => {
    const loading = (key ??= readOrCreateKey(keyFile));
    // A refused key is not cached: once the user fixes or moves the file, the next call reads it.
    loading.catch(() => {
      if (key === loading) key = undefined;
    });
    return loading;
  };
  return {
    kind: 'local-key',
    async seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', await loadKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    async open(sealed) {
      const raw = Buffer.from(sealed.replace(/^v1:/, ''), 'base64');
      const secretKey = await loadKey();
      try {
        const decipher = createDecipheriv('aes-256-gcm', secretKey, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        throw new CoreError('DRIVER_UNAVAILABLE', `A saved controller password cannot be decrypted (${keyFile} changed?): enter the password again in the profile.`);
      }
    },
  };
}

/** Length of an AES-256 key, the only length `secret.key` may have. */
const KEY_BYTES = 32;

/**
 * The key in `keyFile`, made on first use. A key file that exists is never replaced: one of the
 * wrong length (edited, truncated, copied from elsewhere) or unreadable is refused with what to
 * do, since a new key would make every saved password undecryptable for good.
 */
async function readOrCreateKey(keyFile: string): Promise<Buffer> {
  let existing: Buffer;
  try {
    existing = await readFile(keyFile);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      throw new CoreError('CONFLICT', `The key file ${keyFile} of the saved controller passwords cannot be read (${code ?? String(e)}). Fix its permissions; it was left as it is.`);
    }
    const fresh = randomBytes(KEY_BYTES);
    await writeFileAtomic(keyFile, fresh, 0o600);
    return fresh;
  }
  if (existing.length !== KEY_BYTES) {
    throw new CoreError(
      'CONFLICT',
      `The key file ${keyFile} of the saved controller passwords is ${existing.length} bytes long; a key is ${KEY_BYTES} bytes. It was left as it is: restore it from a backup, or move it away to start a new key (the saved passwords must then be entered again).`,
    );
  }
  return existing;
}
