// The setup every browser e2e shares: a fault server, a daemon on a fresh home, a folder for
// downloads and Chromium; all stopped and removed after the file's tests. `daemon` may be replaced.
import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright';
import { launchChromium } from './browser.ts';
import { FaultServer } from '../../test/helpers/fault-server.ts';
import { tempDir } from '../../test/helpers/engine.ts';
import { startDaemon, type RunningDaemon } from '../../test/helpers/cli.ts';

export interface DaemonBed {
  server: FaultServer;
  daemon: RunningDaemon;
  browser: Browser;
  home: string;
  downloads: string;
}

/** `env`: the daemon's environment beyond this process's (a fake program first on its PATH). */
export function useDaemonBed(prefix: string, env: NodeJS.ProcessEnv = {}): DaemonBed {
  const bed = {} as DaemonBed;
  beforeAll(async () => {
    bed.server = await new FaultServer().start();
    bed.home = tempDir(`${prefix}-home-`);
    bed.downloads = tempDir(`${prefix}-dl-`);
    bed.daemon = await startDaemon(bed.home, env);
    bed.browser = await launchChromium();
  });
  afterAll(async () => {
    await bed.browser?.close();
    await bed.daemon?.stop();
    await bed.server?.close();
    if (bed.home) fs.rmSync(bed.home, { recursive: true, force: true });
    if (bed.downloads) fs.rmSync(bed.downloads, { recursive: true, force: true });
  });
  return bed;
}
