// The aria2 RPC's secret in the desktop app's home, encrypted with the system's keyring
// (safeStorage, injected) as the app's other credentials are: `aria2-rpc-secret.enc`, 0600.
// `ferry --home <this folder> config set aria2Rpc.secret` writes the daemon's plain 0600 file (the
// CLI cannot reach the keyring); the app takes it in at the next read: encrypted, the plain file
// removed. Without encryption (no keyring at all) the plain file is left as the daemon keeps it, said once.
import fs from 'node:fs';
import type { SafeStorage } from 'electron';
import { aria2SealedSecretPath, aria2SecretPath, aria2SecretReader } from '../daemon/aria2-secret.ts';
import { writePrivateFile } from '../daemon/home.ts';

type Sealer = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

/** The secret as it is now, for hostAria2Rpc: read again only when a file changed. */
export function desktopAria2Secret(home: string, safeStorage: Sealer, warn: (message: string) => void): () => string | null {
  const plain = aria2SecretReader(home);
  const sealedFile = aria2SealedSecretPath(home);
  let cached: { stamp: string; secret: string | null } | null = null;
  let saidPlain = false;
  const takeIn = (secret: string): boolean => {
    if (!safeStorage.isEncryptionAvailable()) {
      if (!saidPlain) warn('the aria2 RPC secret stays in a plain 0600 file: the system offers no encryption (safeStorage is unavailable)');
      saidPlain = true;
      return false;
    }
    try {
      writePrivateFile(sealedFile, safeStorage.encryptString(secret).toString('base64'));
      fs.rmSync(aria2SecretPath(home), { force: true });
      return true;
    } catch (error) {
      // Used as it is (still 0600) until it can be taken in: the RPC keeps answering.
      warn(`cannot encrypt the aria2 RPC secret into ${sealedFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); it stays in the plain 0600 file for now`);
      return false;
    }
  };
  return () => {
    const given = plain();
    if (given !== null && !takeIn(given)) return given;
    try {
      const stat = fs.statSync(sealedFile);
      const stamp = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
      if (cached?.stamp !== stamp) cached = { stamp, secret: unseal(fs.readFileSync(sealedFile, 'utf8')) };
      return cached.secret;
    } catch {
      return null;
    }
  };

  function unseal(stored: string): string | null {
    try {
      return safeStorage.decryptString(Buffer.from(stored.trim(), 'base64')) || null;
    } catch {
      warn('the aria2 RPC secret could not be decrypted: set it again with "ferry config set aria2Rpc.secret"');
      return null;
    }
  }
}
