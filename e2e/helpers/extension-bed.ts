// The setup the extension e2e files share: a fault server, a daemon on a fresh home downloading
// into a folder of its own, the native host installed by `ferry integrate` into a fresh Chromium
// profile, and Chromium with the built extension; all stopped and removed after the file's tests.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { FaultServer } from '../../test/helpers/fault-server.ts';
import { tempDir } from '../../test/helpers/engine.ts';
import { ferry, startDaemon, type RunningDaemon } from '../../test/helpers/cli.ts';
import { launchWithExtension, type ExtensionBrowser } from './extension-browser.ts';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts');

export interface Listed {
  id: string;
  url: string;
  state: string;
}

export interface ExtensionBed {
  server: FaultServer;
  /** May be replaced (stopped and started again by a test). */
  daemon: RunningDaemon;
  chromium: ExtensionBrowser;
  root: string;
  home: string;
  profile: string;
  /** Where Ferry saves, and where the browser saves its own downloads. */
  ferryDir: string;
  browserDir: string;
  /** `ferry ls --json`, parsed. */
  listed(): Promise<Listed[]>;
  /** Makes Ferry refuse every add (its download folder becomes a file: FileAccessDenied) until `refuseNoMore`. */
  refuseEveryAdd(): Promise<void>;
  refuseNoMore(): Promise<void>;
}

export function useExtensionBed(prefix: string): ExtensionBed {
  const root = tempDir(prefix);
  const bed = { root, home: path.join(root, 'home'), profile: path.join(root, 'profile'), ferryDir: path.join(root, 'ferry-downloads'), browserDir: path.join(root, 'browser-downloads') } as ExtensionBed;
  bed.listed = async () => {
    const run = await ferry(['--home', bed.home, 'ls', '--json']);
    expect(run.code).toBe(0);
    return run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Listed);
  };
  const downloadDir = async (dir: string) => expect((await ferry(['--home', bed.home, 'config', 'set', 'downloadDir', dir])).code).toBe(0);
  bed.refuseEveryAdd = async () => {
    const gone = path.join(root, 'gone');
    fs.mkdirSync(gone);
    await downloadDir(gone);
    fs.rmdirSync(gone);
    fs.writeFileSync(gone, '');
  };
  bed.refuseNoMore = async () => {
    await downloadDir(bed.ferryDir);
    fs.rmSync(path.join(root, 'gone'), { force: true });
  };
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    for (const dir of [bed.ferryDir, bed.browserDir]) fs.mkdirSync(dir, { recursive: true });
    bed.server = await new FaultServer().start();
    bed.daemon = await startDaemon(bed.home);
    await downloadDir(bed.ferryDir);
    expect((await ferry(['--home', bed.home, 'integrate', 'chromium', '--user-data-dir', bed.profile])).code).toBe(0);
    bed.chromium = await launchWithExtension(bed.profile, bed.browserDir);
  });
  afterAll(async () => {
    await bed.chromium?.close();
    await bed.daemon?.stop();
    await bed.server?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  return bed;
}
