// The desktop app's own home (its user-data folder), served with the daemon's local API by the
// desktop-side module with the Electron parts injected: a real `ferry native-host` process hands a
// download over and it lands in the app's own list; the token is required; one owner per home.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { tempDir, waitFinal } from '../helpers/engine.ts';
import { ferry, startDaemon } from '../helpers/cli.ts';
import { talkToNativeHost } from '../helpers/native-host.ts';
import { claimDesktopHome, serveDesktopHome } from '../../electron/main/desktop-home.ts';
import { desktopIntegrations, desktopService, DESKTOP_START } from '../helpers/desktop-home.ts';
import { readDaemonInfo, readToken } from '../../electron/daemon/home.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';
import type { LocalApi } from '../../electron/daemon/local-api-host.ts';

const COOKIE = 'sid=desk-cookie-value';
/** POSTs to the local API's /api/rpc as a client would; the status and body. */
function rpc(port: number, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: string }> {
  const json = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: '/api/rpc', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), ...headers } }, (response) => {
      let text = '';
      response.on('data', (d: Buffer) => (text += d.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
    request.end(json);
  });
}

describe("the desktop app serving its own home's local API", () => {
  let server: FaultServer;
  let home: string;
  let downloads: string;
  let service: TransferService;
  let local: LocalApi;
  let release: () => Promise<void>;
  const quits: string[] = [];
  let renderer: string;

  beforeAll(async () => {
    server = await new FaultServer().start();
    home = tempDir('ferry-desktop-home-');
    downloads = tempDir('ferry-desktop-dl-');
    // The app's own renderer (inside the app), which `ferry --home <this folder> ui` opens in a browser.
    renderer = tempDir('ferry-desktop-renderer-');
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>the app page</title>');
    release = await claimDesktopHome(home, () => undefined);
    service = await desktopService(home, downloads);
    local = await serveDesktopHome(service, { home, integrations: desktopIntegrations(home, tempDir('ferry-desktop-user-')), start: DESKTOP_START, rendererDir: renderer, quit: () => quits.push('quit'), aria2Secret: () => null, warn: () => undefined, info: () => undefined });
  });
  afterAll(async () => {
    await service.shutdown();
    await local.close();
    await release();
    await server.close();
    for (const dir of [home, downloads, renderer]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes a browser's hand-off through a real `ferry native-host --home` into the app's own list", async () => {
    const file = randomFile(400_000, { requireCookie: COOKIE });
    server.serve('/desk/file.bin', file);
    const run = await talkToNativeHost(home, [
      { type: 'ping', requestId: 1 },
      { type: 'add', requestId: 2, url: server.url('/desk/file.bin'), cookies: COOKIE, referer: server.url('/page.html'), filename: 'handed.bin' },
    ]);
    expect(run.replies[0]).toEqual({ requestId: 1, ok: true, reachable: true, version: expect.any(String) });
    const reply = run.replies[1] as { ok: boolean; id: string };
    expect(reply).toEqual({ requestId: 2, ok: true, id: expect.any(String) });
    // In the app's own engine: what its window lists.
    const done = await waitFinal(service, reply.id);
    expect(done).toMatchObject({ state: 'completed', bytesTransferred: 400_000 });
    expect(sha256(fs.readFileSync(path.join(downloads, 'handed.bin')))).toBe(sha256(file.body));
    expect(server.requestsFor('/desk/file.bin')[0]?.cookie).toBe(COOKIE);
    // The cookie went to the secrets file through safeStorage, never into the state file.
    expect(fs.readFileSync(path.join(home, 'state.json'), 'utf8')).not.toContain('desk-cookie-value');
    expect(fs.readFileSync(path.join(home, 'secrets.json'), 'utf8')).not.toContain('desk-cookie-value');
    // The CLI reaches the same list with --home.
    const listed = await ferry(['--home', home, 'ls', '--json']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(reply.id);
    expect(listed.stdout).not.toContain('desk-cookie-value');
  });

  it('adds from `ferry --home` into the app, and says who serves the home', async () => {
    const file = randomFile(120_000);
    server.serve('/desk/cli.bin', file);
    const added = await ferry(['--home', home, 'add', server.url('/desk/cli.bin')]);
    expect(added.code).toBe(0);
    const id = added.stdout.trim();
    expect((await waitFinal(service, id)).state).toBe('completed');
    expect(sha256(fs.readFileSync(path.join(downloads, 'cli.bin')))).toBe(sha256(file.body));
    expect(readDaemonInfo(home)).toMatchObject({ pid: process.pid, host: '127.0.0.1', owner: 'desktop', port: local.server.port });
    expect((fs.statSync(path.join(home, 'daemon.json')).mode & 0o777).toString(8)).toBe('600');
  });

  it("serves the app's own renderer to the browser page `ferry ui` opens, with a one-time login", async () => {
    const ui = await ferry(['--home', home, 'ui', '--no-open']);
    expect(ui.code).toBe(0);
    const url = new URL(ui.stdout.trim());
    expect(url.origin).toBe(`http://127.0.0.1:${local.server.port}`);
    expect(url.hash).toMatch(/^#login=/);
    const page = await fetch(new URL('/', url));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
    expect(await page.text()).toBe('<!doctype html><title>the app page</title>');
  });

  it('refuses a request without the token, with a wrong one, or naming another host', async () => {
    const port = local.server.port;
    const call = { method: 'listTransfers', args: [] };
    const none = await rpc(port, {}, call);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ error: { status: 'Unauthorized' } });
    const wrong = await rpc(port, { authorization: `Bearer ${'x'.repeat(32)}` }, call);
    expect(wrong.status).toBe(401);
    const token = readToken(home)!;
    const otherHost = await rpc(port, { authorization: `Bearer ${token}`, host: `evil.example:${port}` }, call);
    expect(otherHost.status).toBe(421);
    const otherSite = await rpc(port, { authorization: `Bearer ${token}`, origin: 'https://evil.example' }, call);
    expect(otherSite.status).toBe(403);
    const good = await rpc(port, { authorization: `Bearer ${token}` }, call);
    expect(good.status).toBe(200);
    expect((JSON.parse(good.body) as { result: unknown[] }).result.length).toBeGreaterThan(0);
  });

  it('refuses a daemon on the home the app holds, in words', async () => {
    // The app's folder (it says how to start it there): never a daemon's.
    const daemon = await ferry(['--home', home, 'daemon'], {}, 30_000);
    expect(daemon.code).toBe(3);
    expect(daemon.stderr).toContain(`ferry: ${home} is the Ferry desktop app's own folder`);
    // Without that file, the lock the app holds refuses it, naming the app.
    fs.renameSync(path.join(home, 'desktop-app.json'), path.join(home, 'desktop-app.json.aside'));
    try {
      const locked = await ferry(['--home', home, 'daemon'], {}, 30_000);
      expect(locked.code).toBe(3);
      expect(locked.stderr).toContain(`ferry: the Ferry desktop app (pid ${process.pid}) is already running with home ${home}`);
    } finally {
      fs.renameSync(path.join(home, 'desktop-app.json.aside'), path.join(home, 'desktop-app.json'));
    }
    // The app still serves it.
    expect((await ferry(['--home', home, 'ls'])).code).toBe(0);
  });

  it('`ferry stop` quits the app as its tray would', async () => {
    const stopped = ferry(['--home', home, 'stop'], {}, 30_000);
    for (let i = 0; i < 200 && quits.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(quits).toEqual(['quit']);
    // The app's quit ends by closing the API, which takes daemon.json out: the command sees it go.
    await service.shutdown();
    await local.close();
    expect((await stopped).code).toBe(0);
    // With the app gone, ferry does not open its folder itself (it cannot read the app's credentials).
    const offline = await ferry(['--home', home, 'config', 'get', 'maxConcurrent']);
    expect(offline.code).not.toBe(0);
    expect(offline.stderr).toContain(`${home} is the Ferry desktop app's own folder (its credentials are encrypted with the system's keyring, which only the app can read): start the app`);
    const daemon = await ferry(['--home', home, 'daemon'], {}, 30_000);
    expect(daemon.code).toBe(3);
    expect(fs.readdirSync(home).filter((name) => name.includes('rejected'))).toEqual([]);
  });
});

describe('the desktop app on a home a daemon holds', () => {
  it('is refused in words naming the daemon and what to do', async () => {
    const home = tempDir('ferry-desktop-taken-');
    const daemon = await startDaemon(home);
    try {
      await expect(claimDesktopHome(home, () => undefined)).rejects.toThrow(
        new RegExp(`^Ferry cannot open its data folder: another ferry daemon \\(pid ${daemon.child.pid}\\) is already running with home ${home}\\. Stop it \\("ferry --home '${home}' stop"\\) and start Ferry again\\.$`),
      );
    } finally {
      await daemon.stop();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
