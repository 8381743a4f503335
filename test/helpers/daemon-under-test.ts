// One `ferry daemon` for a test file, with what raw clients need to reach it. A case that killed
// it gets a fresh one for the next case (and fails itself).
import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { tempDir } from './engine.ts';
import { startDaemon, type RunningDaemon } from './cli.ts';
import { cliToken, daemonPort } from './raw-client.ts';

export interface DaemonUnderTest {
  home: string;
  daemon: RunningDaemon;
  port: number;
  /** The CLI's token as a header. */
  auth: Record<string, string>;
}

export function useDaemon(prefix: string): DaemonUnderTest {
  const under = { home: '' } as DaemonUnderTest;
  const start = async (): Promise<void> => {
    under.daemon = await startDaemon(under.home);
    under.port = daemonPort(under.daemon.url);
    under.auth = { Authorization: `Bearer ${cliToken(under.home)}` };
  };
  beforeAll(async () => {
    under.home = tempDir(prefix);
    await start();
  });
  beforeEach(async () => {
    if (under.daemon.child.exitCode !== null || under.daemon.child.signalCode !== null) await start();
  });
  afterAll(async () => {
    await under.daemon?.stop();
    fs.rmSync(under.home, { recursive: true, force: true });
  });
  return under;
}
