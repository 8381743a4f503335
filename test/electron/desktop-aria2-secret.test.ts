// The desktop app's aria2 RPC secret (safeStorage injected): the plain file the CLI writes is taken
// in encrypted; without encryption it stays as the daemon keeps it, said once; a sealed file that
// does not decrypt is no secret, said.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine.ts';
import { xorStorage } from '../helpers/desktop-home.ts';
import { desktopAria2Secret } from '../../electron/main/desktop-aria2-secret.ts';
import { aria2SecretIsSet, writeAria2Secret } from '../../electron/daemon/aria2-secret.ts';

const SECRET = 'unit-secret-93a1';
const homes: string[] = [];
const home = (): string => {
  const dir = tempDir('ferry-desk-secret-');
  homes.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of homes.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

it('takes the plain file in, encrypted (0600), and reads it back after a restart', () => {
  const dir = home();
  const warnings: string[] = [];
  expect(desktopAria2Secret(dir, xorStorage, (m) => warnings.push(m))()).toBeNull();
  writeAria2Secret(dir, SECRET);
  expect(desktopAria2Secret(dir, xorStorage, (m) => warnings.push(m))()).toBe(SECRET);
  expect(fs.readdirSync(dir)).toEqual(['aria2-rpc-secret.enc']);
  expect((fs.statSync(path.join(dir, 'aria2-rpc-secret.enc')).mode & 0o777).toString(8)).toBe('600');
  expect(aria2SecretIsSet(dir)).toBe(true);
  // A new reader (the app started again) decrypts it.
  expect(desktopAria2Secret(dir, xorStorage, (m) => warnings.push(m))()).toBe(SECRET);
  expect(warnings).toEqual([]);
});

it('without encryption the plain file stays and is used, said once', () => {
  const dir = home();
  const warnings: string[] = [];
  const read = desktopAria2Secret(dir, { ...xorStorage, isEncryptionAvailable: () => false }, (m) => warnings.push(m));
  writeAria2Secret(dir, SECRET);
  expect(read()).toBe(SECRET);
  expect(read()).toBe(SECRET);
  expect(fs.readdirSync(dir)).toEqual(['aria2-rpc-secret']);
  expect(warnings).toEqual(['the aria2 RPC secret stays in a plain 0600 file: the system offers no encryption (safeStorage is unavailable)']);
});

it('a sealed file that does not decrypt is no secret, said in words', () => {
  const dir = home();
  const warnings: string[] = [];
  fs.writeFileSync(path.join(dir, 'aria2-rpc-secret.enc'), 'bm90IHNlYWxlZA==', { mode: 0o600 });
  const broken = { ...xorStorage, decryptString: (): string => { throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'); } };
  expect(desktopAria2Secret(dir, broken, (m) => warnings.push(m))()).toBeNull();
  expect(warnings).toEqual(['the aria2 RPC secret could not be decrypted: set it again with "ferry config set aria2Rpc.secret"']);
});
