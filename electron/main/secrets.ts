import type { SafeStorage } from 'electron';
import type { SecretBox } from '../../core/service/ports';

/**
 * Controller passwords sealed with Electron's safeStorage (the OS keychain / DPAPI / libsecret).
 * Undefined when the OS offers no encryption, so the host falls back to its local key file.
 */
export function safeStorageSecretBox(safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    kind: 'safeStorage',
    seal: async (plain) => `ss:${safeStorage.encryptString(plain).toString('base64')}`,
    open: async (sealed) => safeStorage.decryptString(Buffer.from(sealed.replace(/^ss:/, ''), 'base64')),
  };
}
