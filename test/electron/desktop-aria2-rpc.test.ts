// The desktop app answering aria2's JSON-RPC as the daemon does, with its Electron parts injected
// (safeStorage as the Electron tests stub it): the secret set by a real `ferry --home` is taken in
// encrypted, the setting is followed live (on, another port, off), the `aria2` npm client adds,
// reads, pauses and hears the notifications, a wrong secret is refused; the app's API says it is the
// desktop app, and a group's notice reaches a browser page logged in to the app.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, tempDir, waitFinal } from '../helpers/engine.ts';
import { ferry } from '../helpers/cli.ts';
import { aria2Client, freePort, recordNotifications } from '../helpers/aria2-client.ts';
import { claimDesktopHome, desktopGroupNotify, serveDesktopHome, type DesktopHome } from '../../electron/main/desktop-home.ts';
import { desktopAria2Secret } from '../../electron/main/desktop-aria2-secret.ts';
import { desktopIntegrations, desktopService, DESKTOP_START, xorStorage } from '../helpers/desktop-home.ts';
import { plainGroupActions } from '../../electron/engine/groups/group-actions.ts';
import type { GroupNotice } from '../../shared/groups.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

const SECRET = 'desk-aria2-secret-7d21';

type Status = Record<string, unknown> & { status: string; files: Array<{ path: string }> };

/** Whether something accepts connections on 127.0.0.1:port now. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the desktop app answering aria2 RPC', () => {
  let server: FaultServer;
  let home: string;
  let downloads: string;
  let service: TransferService;
  let local: DesktopHome;
  let release: () => Promise<void>;
  const shown: GroupNotice[] = [];
  const infos: string[] = [];
  let port: number;

  beforeAll(async () => {
    server = await new FaultServer().start();
    home = tempDir('ferry-desktop-aria2-home-');
    downloads = tempDir('ferry-desktop-aria2-dl-');
    release = await claimDesktopHome(home, () => undefined);
    let served: DesktopHome | null = null;
    // As main.ts wires it: the notify action shows a notification and tells the home's pages.
    service = await desktopService(home, downloads, { groupActions: plainGroupActions({}, { notify: desktopGroupNotify((notice) => shown.push(notice), () => served?.server ?? null) }) });
    served = local = await serveDesktopHome(service, {
      home,
      integrations: desktopIntegrations(home, tempDir('ferry-desktop-aria2-user-')),
      start: DESKTOP_START,
      rendererDir: tempDir('ferry-desktop-aria2-renderer-'),
      quit: () => undefined,
      aria2Secret: desktopAria2Secret(home, xorStorage, () => undefined),
      warn: () => undefined,
      info: (message) => infos.push(message),
    });
    port = await freePort();
  });
  afterAll(async () => {
    await service.shutdown();
    await local.close();
    await release();
    await server.close();
    for (const dir of [home, downloads]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes the secret from `ferry --home` encrypted, and listens when the setting is turned on, without a restart', async () => {
    expect(local.aria2Rpc.port()).toBeNull();
    const refused = await ferry(['--home', home, 'config', 'set', 'aria2RpcEnabled', 'true']);
    expect(refused).toMatchObject({ code: 1, stderr: 'ferry: InvalidArgument: the aria2 RPC needs a secret first: ferry config set aria2Rpc.secret\n' });

    const secretFile = path.join(tempDir('ferry-desktop-aria2-secret-'), 'secret.txt');
    fs.writeFileSync(secretFile, `${SECRET}\n`);
    const set = await ferry(['--home', home, 'config', 'set', 'aria2Rpc.secret', `@${secretFile}`]);
    expect(set).toMatchObject({ code: 0, stderr: 'ferry: aria2Rpc.secret set (handed to the desktop app, which keeps it encrypted)\n' });
    // Taken in at once, even with the RPC off: no plain copy waits on disk for it to be switched on.
    expect(fs.existsSync(path.join(home, 'aria2-rpc-secret'))).toBe(false);
    expect((await ferry(['--home', home, 'config', 'set', 'aria2RpcPort', String(port)])).code).toBe(0);
    expect((await ferry(['--home', home, 'config', 'set', 'aria2RpcEnabled', 'true'])).code).toBe(0);
    expect(local.aria2Rpc.port()).toBe(port);
    expect(infos).toContain(`aria2 RPC: listening at http://127.0.0.1:${port}/jsonrpc (and ws://)`);
    // Encrypted in the home, the plain file the CLI wrote gone; `config get` still says it is set.
    expect(fs.existsSync(path.join(home, 'aria2-rpc-secret'))).toBe(false);
    const sealed = path.join(home, 'aria2-rpc-secret.enc');
    expect((fs.statSync(sealed).mode & 0o777).toString(8)).toBe('600');
    expect(fs.readFileSync(sealed, 'utf8')).not.toContain(SECRET);
    expect(Buffer.from(fs.readFileSync(sealed, 'utf8'), 'base64').toString()).not.toContain(SECRET);
    expect((await ferry(['--home', home, 'config', 'get', 'aria2Rpc.secret'])).stdout).toBe('set\n');
  });

  it('adds, reads, pauses and unpauses with the aria2 client, the notifications heard; the file is whole', async () => {
    const file = randomFile(2_000_000, { rate: 400_000 });
    server.serve('/desk-rpc/slow.bin', file);
    const client = aria2Client(port, SECRET);
    await client.open();
    const notes = recordNotifications(client);
    try {
      const gid = (await client.call('addUri', [server.url('/desk-rpc/slow.bin')], { dir: downloads, split: '1' })) as string;
      await notes.until('onDownloadStart', gid);
      expect(await client.call('tellStatus', gid, ['gid', 'status'])).toEqual({ gid, status: 'active' });
      // In the app's own list: what its window shows.
      expect((await service.listTransfers()).map((t) => t.url)).toContain(server.url('/desk-rpc/slow.bin'));

      expect(await client.call('pause', gid)).toBe(gid);
      await notes.until('onDownloadPause', gid);
      expect(await client.call('tellStatus', gid, ['status'])).toEqual({ status: 'paused' });
      expect(await client.call('unpause', gid)).toBe(gid);
      await notes.until('onDownloadComplete', gid);
      const done = (await client.call('tellStatus', gid)) as Status;
      expect(done.status).toBe('complete');
      expect(sha256File(done.files[0]!.path)).toBe(sha256(file.body));
      expect(notes.heard.filter((h) => h.endsWith(gid))).toEqual([`onDownloadStart ${gid}`, `onDownloadPause ${gid}`, `onDownloadStart ${gid}`, `onDownloadComplete ${gid}`]);
    } finally {
      await client.close();
    }
  });

  it('refuses a wrong secret and adds nothing', async () => {
    const before = (await service.listTransfers()).length;
    await expect(aria2Client(port, 'wrong-desk-secret').call('addUri', [server.url('/desk-rpc/none.bin')])).rejects.toThrow(/^Unauthorized: wrong secret$/);
    expect((await service.listTransfers()).length).toBe(before);
  });

  it('moves to another port and stops as the setting says, without a restart', async () => {
    const next = await freePort();
    expect((await ferry(['--home', home, 'config', 'set', 'aria2RpcPort', String(next)])).code).toBe(0);
    expect(local.aria2Rpc.port()).toBe(next);
    expect(await listening(port)).toBe(false);
    expect(await aria2Client(next, SECRET).call('getGlobalStat')).toMatchObject({ numActive: '0' });
    expect((await ferry(['--home', home, 'config', 'set', 'aria2RpcEnabled', 'false'])).code).toBe(0);
    expect(local.aria2Rpc.port()).toBeNull();
    expect(await listening(next)).toBe(false);
  });

  it("says it is the desktop app to the CLI and browser pages, and tells a page logged in to it a group's notice", async () => {
    expect(await local.api.getHostInfo()).toMatchObject({ kind: 'daemon', owner: 'desktop', fileLinks: true });
    const ui = await ferry(['--home', home, 'ui', '--no-open']);
    const url = new URL(ui.stdout.trim());
    const login = await fetch(`${url.origin}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: url.hash.replace('#login=', '') }) });
    const { session } = ((await login.json()) as { result: { session: string } }).result;
    const ws = new WebSocket(`ws://127.0.0.1:${local.server.port}/api/ws`, ['ferry', `ferry.session.${session}`], { origin: url.origin });
    const notices: unknown[] = [];
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(String(data)) as { event?: string; payload?: unknown };
      if (message.event === 'groupNotice') notices.push(message.payload);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    try {
      const file = randomFile(100_000);
      server.serve('/desk-rpc/grouped.bin', file);
      expect((await ferry(['--home', home, 'group', 'create', 'desk-told', '--on-complete-notify'])).code).toBe(0);
      const added = await ferry(['--home', home, 'add', server.url('/desk-rpc/grouped.bin'), '--group', 'desk-told']);
      expect((await waitFinal(service, added.stdout.trim())).state).toBe('completed');
      expect((await ferry(['--home', home, 'group', 'close', 'desk-told'])).code).toBe(0);
      const deadline = Date.now() + 20_000;
      while (notices.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const expected = { group: 'desk-told', title: 'Group desk-told finished', body: '1 completed', ok: true, counts: { completed: 1 } };
      expect(notices).toEqual([expected]);
      expect(shown).toEqual([expected]);
    } finally {
      ws.close();
    }
  });
});
