// The desktop app's persistence: transfers in electron-store, secrets encrypted with safeStorage.
import type { SafeStorage } from 'electron';
import type { SecretStore, Warn } from '../engine/store.ts';
import type { TransferSecret } from '../engine/records.ts';

/** The part of electron-store (or conf) this module uses. */
export interface KeyValueFile {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Everything in the file (electron-store and conf both offer it). */
  readonly store: Record<string, unknown>;
}

/**
 * Secrets encrypted with the OS keychain through safeStorage, stored as base64 per transfer.
 * On Linux without a keyring Electron falls back to a fixed key ("basic_text"): say so once.
 */
export class SafeStorageSecretStore implements SecretStore {
  private readonly file: KeyValueFile;
  private readonly safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
    getSelectedStorageBackend?: () => string;
  };
  private readonly warn: Warn;

  constructor(file: KeyValueFile, safeStorage: SafeStorageSecretStore['safeStorage'], warn: Warn, platform: NodeJS.Platform = process.platform) {
    this.file = file;
    this.safeStorage = safeStorage;
    this.warn = warn;
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      warn('no system keyring was found: saved credentials are only obfuscated, not encrypted (install and unlock a keyring such as gnome-keyring or KWallet)');
    }
  }

  get(id: string): TransferSecret | undefined {
    const stored = this.file.get(id);
    if (typeof stored !== 'string') return undefined;
    try {
      return JSON.parse(this.safeStorage.decryptString(Buffer.from(stored, 'base64'))) as TransferSecret;
    } catch {
      this.warn(`the saved credentials of transfer ${id} could not be decrypted; it will be sent without them`);
      return undefined;
    }
  }

  set(id: string, secret: TransferSecret): void {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new Error('credentials cannot be stored: the system offers no encryption (safeStorage is unavailable)');
    }
    this.file.set(id, this.safeStorage.encryptString(JSON.stringify(secret)).toString('base64'));
  }

  delete(id: string): void {
    this.file.delete(id);
  }

  ids(): string[] {
    return Object.keys(this.file.store);
  }
}
