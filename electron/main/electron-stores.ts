// The desktop app's secrets: the same file as the daemon's (secrets-file.ts), each entry encrypted
// with the OS keychain through safeStorage and kept as base64.
import type { SafeStorage } from 'electron';
import type { Warn } from '../engine/state/store.ts';
import { TransferSecretSchema } from '../engine/state/records.ts';
import type { SecretCodec } from '../engine/state/secrets-file.ts';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & { getSelectedStorageBackend?: () => string };

/**
 * Secrets encrypted with safeStorage. On Linux without a keyring Electron falls back to a fixed
 * key ("basic_text"): say so once.
 */
export function safeStorageSecrets(safeStorage: SafeStorageLike, warn: Warn, platform: NodeJS.Platform = process.platform): SecretCodec {
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    warn('no system keyring was found: saved credentials are only obfuscated, not encrypted (install and unlock a keyring such as gnome-keyring or KWallet)');
  }
  return {
    readable: (stored) => typeof stored === 'string',
    encode: (secret) => {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new Error('credentials cannot be stored: the system offers no encryption (safeStorage is unavailable)');
      }
      return safeStorage.encryptString(JSON.stringify(secret)).toString('base64');
    },
    decode: (stored, id) => {
      try {
        const parsed = TransferSecretSchema.safeParse(JSON.parse(safeStorage.decryptString(Buffer.from(stored as string, 'base64'))));
        if (parsed.success) return parsed.data;
      } catch {
        // said below
      }
      warn(`the saved credentials of transfer ${id} could not be decrypted or are not the shape Ferry writes; it will be sent without them`);
      return undefined;
    },
  };
}
