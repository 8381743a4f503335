// The packaging config cannot be run here (electron-builder downloads Electron), so check it the
// way electron-builder itself does before building, and check what it points at exists.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
// Resolve electron-builder's own dependencies as it sees them.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const logger = { isEnabled: false, add: () => undefined };
const config = yaml.load(fs.readFileSync(path.join(ROOT, 'build/electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

it('passes electron-builder\'s own schema validation (and the check can fail)', async () => {
  await expect(validateConfiguration(structuredClone(config), logger)).resolves.toBeUndefined();
  await expect(validateConfiguration({ ...structuredClone(config), linux: { ...config['linux'], nonsense: 1 } }, logger)).rejects.toThrow(/Invalid configuration/);
});

it('targets every desktop platform and points at files that exist', () => {
  expect(config['linux'].target).toEqual(['AppImage', 'deb']);
  expect(config['win'].target).toEqual(['nsis']);
  expect(config['mac'].target).toEqual(['dmg']);
  for (const icon of ['icon.png', 'tray-dark.png', 'tray-dark@2x.png', 'tray-light.png', 'tray-light@2x.png', 'trayTemplate.png', 'trayTemplate@2x.png']) {
    expect(fs.existsSync(path.join(ROOT, 'resources', icon)), icon).toBe(true);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
  expect(pkg.main).toBe('dist-electron/main.js');
  // Built by `npm test`'s pretest (and `npm install`'s prepare).
  for (const built of [pkg.main, 'dist-electron/preload.cjs', 'dist/renderer/index.html']) {
    expect(fs.existsSync(path.join(ROOT, built)), built).toBe(true);
  }
  expect(config['files']).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist-electron/**', '!node_modules/**']));
});
