// The native host with nothing serving the desktop app's home: it starts the home's owner (the
// injected step; by default the app, to its tray, as the home says) and waits for it, bounded.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { tempDir, waitFinal } from '../helpers/engine.ts';
import { ferry } from '../helpers/cli.ts';
import { talkToNativeHost } from '../helpers/native-host.ts';
import { APP_RENDERER, desktopIntegrations, desktopService } from '../helpers/desktop-home.ts';
import { claimDesktopHome, serveDesktopHome } from '../../electron/main/desktop-home.ts';
import { serveNativeMessages } from '../../electron/daemon/commands/native-host.ts';
import { daemonLink } from '../../electron/daemon/native-host/daemon-link.ts';
import { encodeFrame, FrameReader } from '../../electron/daemon/native-host/framing.ts';
import { readDesktopStart, TRAY_FLAG, writeDesktopStart, type StartOwner } from '../../electron/daemon/home-owner.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';
import type { LocalApi } from '../../electron/daemon/local-api-host.ts';

const STAND_IN = path.resolve(import.meta.dirname, 'fixtures/desktop-app-standin.ts');

/** The native host's answers, served in this process over the given link. */
async function hostAnswers(link: ReturnType<typeof daemonLink>, messages: unknown[]): Promise<unknown[]> {
  const reader = new FrameReader();
  const replies: unknown[] = [];
  await serveNativeMessages(
    (async function* () {
      for (const message of messages) yield encodeFrame(message);
    })(),
    (frame) => replies.push(...reader.push(frame).map((f) => ('message' in f ? f.message : f.problem))),
    link,
  );
  return replies;
}

let server: FaultServer;
beforeAll(async () => {
  server = await new FaultServer().start();
});
afterAll(async () => {
  await server.close();
});

describe('the injected "start the owner of this home" step', () => {
  it('is taken for a hand-off when nothing serves the home, and the download lands in the started owner\'s list', async () => {
    const home = tempDir('ferry-owner-start-');
    const downloads = tempDir('ferry-owner-start-dl-');
    const file = randomFile(250_000);
    server.serve('/owner/started.bin', file);
    const owner: { service?: TransferService; local?: LocalApi; release?: () => Promise<void> } = {};
    const starts: string[] = [];
    const start: StartOwner = (h) => {
      starts.push(h);
      void (async () => {
        owner.release = await claimDesktopHome(h, () => undefined);
        owner.service = await desktopService(h, downloads);
        owner.local = await serveDesktopHome(owner.service, { home: h, integrations: desktopIntegrations(h, tempDir('ferry-owner-user-')), start: { command: '/opt/Ferry/ferry', args: [] }, rendererDir: APP_RENDERER, quit: () => undefined, aria2Secret: () => null, warn: () => undefined, info: () => undefined });
      })();
      return { name: 'the Ferry desktop app', hint: 'start Ferry yourself to see why', gaveUp: () => false };
    };
    try {
      const replies = await hostAnswers(daemonLink(home, start), [
        { type: 'ping', requestId: 1 },
        { type: 'list', requestId: 2 },
        { type: 'add', requestId: 3, url: server.url('/owner/started.bin'), filename: 'started.bin' },
        { type: 'ping', requestId: 4 },
      ]);
      // A ping or a list never starts anything; a hand-off does, once.
      expect(replies).toEqual([
        { requestId: 1, ok: true, reachable: false, version: expect.any(String) },
        { requestId: 2, ok: false, error: { status: 'CannotConnect', message: 'Ferry is not running' } },
        { requestId: 3, ok: true, id: expect.any(String) },
        { requestId: 4, ok: true, reachable: true, version: expect.any(String) },
      ]);
      expect(starts).toEqual([home]);
      const done = await waitFinal(owner.service!, (replies[2] as { id: string }).id);
      expect(done.state).toBe('completed');
      expect(sha256(fs.readFileSync(path.join(downloads, 'started.bin')))).toBe(sha256(file.body));
    } finally {
      await owner.service?.shutdown();
      await owner.local?.close();
      await owner.release?.();
    }
  });

  it('gives up in words when the owner does not come within the bound, or ends without serving', async () => {
    const home = tempDir('ferry-owner-never-');
    const hung: StartOwner = () => ({ name: 'the Ferry desktop app', hint: 'start Ferry yourself to see why', gaveUp: () => false });
    const add = { type: 'add', requestId: 1, url: server.url('/owner/none.bin') };
    expect(await hostAnswers(daemonLink(home, hung, 1000), [add])).toEqual([
      { requestId: 1, ok: false, error: { status: 'CannotConnect', message: `the Ferry desktop app did not answer within 1 s of being started for home ${home}; start Ferry yourself to see why` } },
    ]);
    const ended: StartOwner = () => ({ name: "Ferry's daemon", hint: 'run "ferry daemon" to see why', gaveUp: () => true });
    expect(await hostAnswers(daemonLink(home, ended, 10_000), [add])).toEqual([
      { requestId: 1, ok: false, error: { status: 'CannotConnect', message: `Ferry's daemon could not be started for home ${home}; run "ferry daemon" to see why` } },
    ]);
    expect(server.requestsFor('/owner/none.bin')).toEqual([]);
  });
});

describe('a real `ferry native-host` on the desktop app\'s home', () => {
  it('starts the app the home names (to its tray, without ELECTRON_RUN_AS_NODE), waits for it, and hands the download to it', async () => {
    const home = tempDir('ferry-owner-real-');
    const downloads = tempDir('ferry-owner-real-dl-');
    const file = randomFile(300_000);
    server.serve('/owner/real.bin', file);
    // What the app writes into its home each time it starts (this Node running the stand-in as its binary).
    writeDesktopStart(home, { command: process.execPath, args: [STAND_IN] });
    expect(readDesktopStart(home)).toEqual({ command: process.execPath, args: [STAND_IN] });
    expect((fs.statSync(path.join(home, 'desktop-app.json')).mode & 0o777).toString(8)).toBe('600');
    // As the launcher runs the host: the app's binary as Node, which the app itself must not inherit.
    const env = { ELECTRON_RUN_AS_NODE: '1', STANDIN_DOWNLOADS: downloads };
    try {
      const run = await talkToNativeHost(home, [{ type: 'add', requestId: 'a', url: server.url('/owner/real.bin'), filename: 'real.bin' }], env);
      const reply = run.replies[0] as { ok: boolean; id: string };
      expect(reply).toEqual({ requestId: 'a', ok: true, id: expect.any(String) });
      expect((await ferry(['--home', home, 'wait', reply.id])).code).toBe(0);
      expect(sha256(fs.readFileSync(path.join(downloads, 'real.bin')))).toBe(sha256(file.body));
      // A second hand-off finds it running: nothing more is started.
      const again = await talkToNativeHost(home, [{ type: 'list', requestId: 'l' }], env);
      expect(again.replies).toEqual([{ requestId: 'l', ok: true, transfers: [] }]);
      const starts = fs.readFileSync(path.join(home, 'started.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown);
      expect(starts).toEqual([{ argv: [TRAY_FLAG], runAsNode: null }]);
      expect(JSON.parse(fs.readFileSync(path.join(home, 'daemon.json'), 'utf8'))).toMatchObject({ owner: 'desktop' });
    } finally {
      expect((await ferry(['--home', home, 'stop'])).code).toBe(0);
    }
    expect(fs.existsSync(path.join(home, 'daemon.json'))).toBe(false);
  });
});
