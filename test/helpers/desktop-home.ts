// The desktop app's engine and Browsers on its user-data folder, as electron/main/main.ts makes
// them, for tests of the desktop-side local API (the Electron binary cannot run here).
import path from 'node:path';
import { makeService } from './engine.ts';
import { safeStorageSecrets } from '../../electron/main/electron-stores.ts';
import { desktopIntegrationHost } from '../../electron/main/desktop-integrations.ts';
import { integrationApi, type IntegrationApi } from '../../electron/daemon/integrate/browser-integrations.ts';
import { FileJobStore } from '../../electron/engine/state/state-file.ts';
import { FileSecretStore } from '../../electron/engine/state/secrets-file.ts';
import type { TransferService, TransferServiceOptions } from '../../electron/engine/transfer-service.ts';
import type { DesktopStart } from '../../electron/daemon/home-owner.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// safeStorage as the stub of the Electron tests has it: the secrets file is written through it.
export const xorStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s: string) => Buffer.from(Buffer.from(s).map((b) => b ^ 0x5a)),
  decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString(),
};

/** The desktop app's engine on its user-data folder, as main.ts makes it (`extra`: its group actions...). */
export async function desktopService(home: string, downloads: string, extra: Partial<TransferServiceOptions> = {}): Promise<TransferService> {
  const warn = (): void => undefined;
  const secrets = new FileSecretStore(path.join(home, 'secrets.json'), warn, safeStorageSecrets(xorStorage, warn, 'linux'));
  return makeService(downloads, { store: new FileJobStore(path.join(home, 'state.json'), warn, secrets), secrets, ...extra });
}

export function desktopIntegrations(home: string, userHome: string): IntegrationApi {
  return integrationApi(() => desktopIntegrationHost({ appPath: ROOT, resourcesPath: null, appImage: null, execPath: process.execPath, home, where: { platform: 'linux', homeDir: userHome } }));
}

/** The renderer the app carries (dist/renderer, as `npm run build` makes it). */
export const APP_RENDERER = path.join(ROOT, 'dist', 'renderer');

/** A start nothing here runs (the in-process tests serve the home themselves). */
export const DESKTOP_START: DesktopStart = { command: '/opt/Ferry/ferry', args: [] };
