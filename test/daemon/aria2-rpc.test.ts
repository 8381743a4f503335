// aria2's JSON-RPC against the real daemon, driven by the `aria2` npm client (HTTP and WebSocket),
// with real bytes from a file server the test starts: add, status, pause, unpause, remove, the
// notifications, and the refusals (no secret, a wrong one, another site, options Ferry does not honour).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useSharedServer } from '../helpers/engine.ts';
import { ferry, startDaemon, type RunningDaemon } from '../helpers/cli.ts';
import { aria2Client, freePort, recordNotifications, type Aria2Client } from '../helpers/aria2-client.ts';

const SECRET = 'aria2-test-secret-4f1c9';
const CALL = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'aria2.tellActive', params: [`token:${SECRET}`] });
const shared = useSharedServer();
let home: string;
let port: number;
let daemon: RunningDaemon;
let downloads: string;

type Status = Record<string, unknown> & { status: string; files: Array<{ path: string; length: string; completedLength: string; uris: Array<{ uri: string }> }> };

async function statusUntil(client: Aria2Client, gid: string, wanted: string, timeoutMs = 20_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await client.call('tellStatus', gid)) as Status;
    if (status.status === wanted) return status;
    if (Date.now() > deadline) throw new Error(`${gid} is ${status.status}, not ${wanted}: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A client on a WebSocket with the secret, and what it hears, for the length of `run`. */
async function overWebSocket(run: (client: Aria2Client, notes: ReturnType<typeof recordNotifications>) => Promise<void>): Promise<void> {
  const client = aria2Client(port, SECRET);
  await client.open();
  try {
    await run(client, recordNotifications(client));
  } finally {
    await client.close();
  }
}

/** One raw request to the RPC; what came back. */
function exchange(options: http.RequestOptions, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: '/jsonrpc', ...options }, (response) => {
      let text = '';
      response.on('data', (d: Buffer) => (text += d.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** A WebSocket to the RPC: "open", or why it was refused. */
function upgrade(options: WebSocket.ClientOptions): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/jsonrpc`, options);
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('error', (error) => resolve(error.message));
  });
}

async function listJson(): Promise<Array<Record<string, unknown>>> {
  const result = await ferry(['ls', '--json', '--home', home]);
  expect(result.code).toBe(0);
  return result.stdout.trim() ? result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) : [];
}

beforeAll(async () => {
  home = path.join(shared.work, 'home');
  downloads = path.join(shared.work, 'downloads');
  fs.mkdirSync(downloads);
  const secretFile = path.join(shared.work, 'secret.txt');
  fs.writeFileSync(secretFile, `${SECRET}\n`);
  port = await freePort();
  for (const args of [['aria2Rpc.secret', `@${secretFile}`], ['aria2Rpc.port', String(port)], ['aria2Rpc.enabled', 'on']]) {
    const result = await ferry(['config', 'set', ...args, '--home', home]);
    expect(result.code, result.stderr).toBe(0);
  }
  daemon = await startDaemon(home);
});

afterAll(async () => {
  await daemon?.stop();
});

describe('aria2 RPC over HTTP (the aria2 npm client)', () => {
  it('adds a download with dir and out, reports its status, lists it stopped, and takes it off the list', async () => {
    const file = randomFile(3_000_000);
    shared.server.serve('/rpc/one.bin', file);
    const client = aria2Client(port, SECRET);
    const gid = (await client.call('addUri', [shared.server.url('/rpc/one.bin')], { dir: downloads, out: 'first.bin', 'max-download-limit': '2M', split: '2' })) as string;
    expect(gid).toMatch(/^[0-9a-f]{16}$/);
    const [ferryTransfer] = await listJson();
    // The gid is the start of Ferry's id, and the options became the transfer's own.
    expect(String(ferryTransfer!['id']).replaceAll('-', '').slice(0, 16)).toBe(gid);
    expect(ferryTransfer!['limitBytesPerSec']).toBe(2 * 1024 * 1024);
    expect(await client.call('getOption', gid)).toMatchObject({ 'max-download-limit': String(2 * 1024 * 1024) });

    const done = await statusUntil(client, gid, 'complete');
    const target = path.join(downloads, 'first.bin');
    expect(done).toMatchObject({ gid, status: 'complete', totalLength: '3000000', completedLength: '3000000', dir: downloads, errorCode: '0' });
    expect(done.files).toEqual([{ index: '1', path: target, length: '3000000', completedLength: '3000000', selected: 'true', uris: [{ uri: shared.server.url('/rpc/one.bin'), status: 'used' }] }]);
    expect(sha256File(target)).toBe(sha256(file.body));

    expect(await client.call('tellStatus', gid, ['gid', 'status'])).toEqual({ gid, status: 'complete' });
    const stopped = (await client.call('tellStopped', 0, 100, ['gid', 'status'])) as unknown[];
    expect(stopped).toContainEqual({ gid, status: 'complete' });
    expect(await client.call('tellActive')).toEqual([]);
    expect(await client.call('getGlobalStat')).toMatchObject({ numActive: '0', numWaiting: '0' });

    await expect(client.call('remove', gid)).rejects.toThrow(/cannot be removed .*it is complete/);
    expect(await client.call('removeDownloadResult', gid)).toBe('OK');
    await expect(client.call('tellStatus', gid)).rejects.toThrow(`GID ${gid} is not found`);
    expect(await listJson()).toEqual([]);
    // The file stays; only the result left the list, as in aria2.
    expect(sha256File(target)).toBe(sha256(file.body));
  });

  it('takes several URIs of one file as its mirrors, as aria2 does: the file comes from the one that serves it', async () => {
    const file = randomFile(200_000);
    shared.server.serve('/rpc/mirror-b.bin', file);
    const client = aria2Client(port, SECRET);
    const [gone, good] = [shared.server.url('/rpc/mirror-a.bin'), shared.server.url('/rpc/mirror-b.bin')];
    const gid = (await client.call('addUri', [gone, good], { dir: downloads, out: 'mirrored.bin' })) as string;
    const done = await statusUntil(client, gid, 'complete');
    expect(sha256File(path.join(downloads, 'mirrored.bin'))).toBe(sha256(file.body));
    expect(done.files[0]!.uris).toEqual([{ uri: gone, status: 'waiting' }, { uri: good, status: 'used' }]);
    expect(await client.call('getUris', gid)).toEqual([{ uri: gone, status: 'waiting' }, { uri: good, status: 'used' }]);
    expect(await client.call('removeDownloadResult', gid)).toBe('OK');
  });

  it('answers system.multicall call by call, and system.listMethods', async () => {
    const client = aria2Client(port, SECRET);
    const results = await client.multicall([['getVersion'], ['tellStatus', '0123456789abcdef'], ['tellActive', ['gid']]]);
    expect(results[0]).toEqual([expect.objectContaining({ version: expect.any(String) as unknown })]);
    expect(results[1]).toEqual({ code: 1, message: 'GID 0123456789abcdef is not found' });
    expect(results[2]).toEqual([[]]);
    const methods = (await client.call('system.listMethods')) as string[];
    for (const name of ['aria2.addUri', 'aria2.tellStatus', 'aria2.pause', 'aria2.unpause', 'aria2.remove', 'aria2.changeGlobalOption', 'system.multicall']) expect(methods).toContain(name);
  });

  it('refuses an option Ferry does not honour, by name, and adds nothing', async () => {
    const client = aria2Client(port, SECRET);
    shared.server.serve('/rpc/never.bin', randomFile(1000));
    await expect(client.call('addUri', [shared.server.url('/rpc/never.bin')], { dir: downloads, 'max-connection-per-server': '4' })).rejects.toThrow(
      /Ferry does not honour the option "max-connection-per-server"; it takes dir, out, header, max-download-limit, split/,
    );
    await expect(client.call('addUri', [shared.server.url('/rpc/never.bin')], { out: '../escape.bin' })).rejects.toThrow(/out takes a file name without folders/);
    await expect(client.call('addUri', [shared.server.url('/rpc/never.bin')], { split: 'many' })).rejects.toThrow(/split takes a whole number from 1 to 64/);
    await expect(client.call('changeGlobalOption', { 'max-overall-download-limit': '1M', 'bt-max-peers': '5' })).rejects.toThrow(/"bt-max-peers"/);
    expect(await listJson()).toEqual([]);
    expect(shared.server.requestsFor('/rpc/never.bin')).toEqual([]);
    expect((await ferry(['config', 'get', 'downloadLimitBytesPerSec', '--home', home])).stdout.trim()).toBe('0');
    // What it does honour takes effect.
    expect(await client.call('changeGlobalOption', { 'max-concurrent-downloads': '3' })).toBe('OK');
    expect((await ferry(['config', 'get', 'maxConcurrent', '--home', home])).stdout.trim()).toBe('3');
  });

  it('a failed download is status error with aria2\'s exit code, and onDownloadError', async () => {
    await overWebSocket(async (client, notes) => {
      // The WebSocket hears notifications once one of its calls presented the secret: this one.
      const gid = (await client.call('addUri', [shared.server.url('/rpc/missing.bin')], { dir: downloads })) as string;
      await notes.until('onDownloadError', gid);
      expect(await client.call('tellStatus', gid, ['status', 'errorCode'])).toEqual({ status: 'error', errorCode: '3' });
      expect(((await client.call('tellStatus', gid)) as Status)['errorMessage']).toMatch(/404/);
      expect(await client.call('removeDownloadResult', gid)).toBe('OK');
    });
  });
});

describe('aria2 RPC over WebSocket, with notifications', () => {
  it('pause, unpause and completion are heard and seen; the file is whole', async () => {
    const file = randomFile(2_000_000, { rate: 400_000 });
    shared.server.serve('/rpc/slow.bin', file);
    await overWebSocket(async (client, notes) => {
      const gid = (await client.call('addUri', [shared.server.url('/rpc/slow.bin')], { dir: downloads, split: '1' })) as string;
      await notes.until('onDownloadStart', gid);
      const active = (await client.call('tellActive', ['gid', 'status', 'connections'])) as unknown[];
      expect(active).toEqual([{ gid, status: 'active', connections: '1' }]);

      expect(await client.call('pause', gid)).toBe(gid);
      await notes.until('onDownloadPause', gid);
      const paused = await statusUntil(client, gid, 'paused');
      expect(Number(paused['completedLength'])).toBeLessThan(2_000_000);
      expect(await client.call('tellWaiting', 0, 10, ['gid', 'status'])).toEqual([{ gid, status: 'paused' }]);
      await expect(client.call('pause', gid)).rejects.toThrow(/cannot be paused: it is paused/);

      expect(await client.call('unpause', gid)).toBe(gid);
      await notes.until('onDownloadComplete', gid);
      const done = await statusUntil(client, gid, 'complete');
      expect(sha256File(done.files[0]!.path)).toBe(sha256(file.body));
      // Started, paused, started again, completed: in that order.
      expect(notes.heard.filter((h) => h.endsWith(gid))).toEqual([`onDownloadStart ${gid}`, `onDownloadPause ${gid}`, `onDownloadStart ${gid}`, `onDownloadComplete ${gid}`]);
      // Resumed from the bytes on disk, not from zero.
      expect(shared.server.requestsFor('/rpc/slow.bin').at(-1)!.range).toMatch(/^bytes=[1-9]\d*-$/);
      expect(await client.call('removeDownloadResult', gid)).toBe('OK');
    });
  });

  it('remove stops a running download: onDownloadStop, status removed, no partial file left', async () => {
    shared.server.serve('/rpc/removed.bin', randomFile(2_000_000, { rate: 200_000 }));
    await overWebSocket(async (client, notes) => {
      const gid = (await client.call('addUri', [shared.server.url('/rpc/removed.bin')], { dir: downloads, out: 'removed.bin' })) as string;
      await notes.until('onDownloadStart', gid);
      expect(await client.call('remove', gid)).toBe(gid);
      await notes.until('onDownloadStop', gid);
      expect(await client.call('tellStatus', gid, ['status'])).toEqual({ status: 'removed' });
      expect(fs.readdirSync(downloads).filter((name) => name.startsWith('removed.bin'))).toEqual([]);
      expect(await client.call('removeDownloadResult', gid)).toBe('OK');
    });
  });
});

describe('aria2 RPC on every download at once', () => {
  it('pauseAll pauses every running download and unpauseAll continues them to whole files', async () => {
    const files = [randomFile(600_000, { rate: 200_000 }), randomFile(600_000, { rate: 200_000 })];
    files.forEach((file, i) => shared.server.serve(`/rpc/all-${i}.bin`, file));
    const client = aria2Client(port, SECRET);
    const gids: string[] = [];
    for (let i = 0; i < files.length; i++) gids.push((await client.call('addUri', [shared.server.url(`/rpc/all-${i}.bin`)], { dir: downloads, out: `all-${i}.bin` })) as string);
    for (const gid of gids) await statusUntil(client, gid, 'active');
    expect(await client.call('pauseAll')).toBe('OK');
    for (const gid of gids) await statusUntil(client, gid, 'paused');
    expect(await client.call('unpauseAll')).toBe('OK');
    for (const [i, gid] of gids.entries()) {
      await statusUntil(client, gid, 'complete');
      expect(sha256File(path.join(downloads, `all-${i}.bin`))).toBe(sha256(files[i]!.body));
      expect(await client.call('removeDownloadResult', gid)).toBe('OK');
    }
  });
});

describe('aria2 RPC refusals', () => {
  it('without the secret or with a wrong one: refused, over HTTP and WebSocket, and nothing is added', async () => {
    shared.server.serve('/rpc/refused.bin', randomFile(1000));
    const url = shared.server.url('/rpc/refused.bin');
    await expect(aria2Client(port, '').call('addUri', [url])).rejects.toThrow(/^Unauthorized: give the secret/);
    await expect(aria2Client(port, 'wrong-secret-1').call('addUri', [url])).rejects.toThrow(/^Unauthorized: wrong secret$/);
    await expect(aria2Client(port, '').call('tellActive')).rejects.toThrow(/^Unauthorized/);
    const wrong = aria2Client(port, 'wrong-secret-2');
    await wrong.open();
    const notes = recordNotifications(wrong);
    try {
      await expect(wrong.call('addUri', [url])).rejects.toThrow(/^Unauthorized: wrong secret$/);
      await expect(wrong.multicall([['getGlobalStat']])).resolves.toEqual([{ code: 1, message: 'Unauthorized: wrong secret' }]);
      // A download others add is not announced to a socket that never gave the secret.
      const right = aria2Client(port, SECRET);
      shared.server.serve('/rpc/others.bin', randomFile(1000));
      const gid = (await right.call('addUri', [shared.server.url('/rpc/others.bin')], { dir: downloads })) as string;
      await statusUntil(right, gid, 'complete');
      await right.call('removeDownloadResult', gid);
      expect(notes.heard).toEqual([]);
    } finally {
      await wrong.close();
    }
    expect(shared.server.requestsFor('/rpc/refused.bin')).toEqual([]);
    expect(await listJson()).toEqual([]);
    expect(daemon.stderr()).not.toContain(SECRET);
  });

  it('refuses another site (Origin) and another name (Host), over HTTP and WebSocket, before reading a call', async () => {
    const evil = await exchange({ method: 'POST', headers: { origin: 'http://evil.example' } }, CALL);
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toEqual({ id: null, jsonrpc: '2.0', error: { code: 1, message: expect.stringMatching(/^requests from other sites are refused/) as unknown } });
    expect((await exchange({ method: 'POST', headers: { host: `rebound.example:${port}` } }, CALL)).status).toBe(421);
    expect((await exchange({ method: 'POST' }, CALL)).status).toBe(200);
    expect(await upgrade({ origin: 'http://evil.example' })).toBe('Unexpected server response: 403');
    expect(await upgrade({ headers: { host: `rebound.example:${port}` } })).toBe('Unexpected server response: 421');
    expect(await upgrade({})).toBe('open');
  });

  it('lets in a web UI from an origin the user listed (CORS, WebSocket), still with the secret; others stay out', async () => {
    const ui = 'http://localhost:9999';
    const bad = await ferry(['config', 'set', 'aria2Rpc.origins', 'http://localhost:9999/ariang/', '--home', home]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/is not a web origin: write scheme:\/\/host\[:port\]/);
    const set = await ferry(['config', 'set', 'aria2Rpc.origins', `${ui}, https://ariang.example`, '--home', home]);
    expect(set.code, set.stderr).toBe(0);
    const call = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'aria2.getGlobalStat', params: [`token:${SECRET}`] });
    const listed = await exchange({ method: 'POST', headers: { origin: ui, 'content-type': 'application/json' } }, call);
    expect(listed.status).toBe(200);
    expect(listed.headers['access-control-allow-origin']).toBe(ui);
    expect(JSON.parse(listed.body)).toMatchObject({ id: 7, result: { numActive: '0' } });
    const preflight = await exchange({ method: 'OPTIONS', headers: { origin: ui, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type', 'access-control-request-private-network': 'true' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({ 'access-control-allow-origin': ui, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type, accept', 'access-control-allow-private-network': 'true' });
    const wrongSecret = await exchange({ method: 'POST', headers: { origin: ui } }, call.replace(SECRET, 'not-the-secret'));
    expect(JSON.parse(wrongSecret.body)).toMatchObject({ id: 7, error: { code: 1, message: 'Unauthorized: wrong secret' } });
    expect(await upgrade({ origin: ui })).toBe('open');
    for (const other of ['http://localhost:9998', 'http://evil.example']) {
      expect((await exchange({ method: 'POST', headers: { origin: other } }, call)).status).toBe(403);
      expect((await exchange({ method: 'OPTIONS', headers: { origin: other } })).headers['access-control-allow-origin']).toBeUndefined();
      expect(await upgrade({ origin: other })).toBe('Unexpected server response: 403');
    }
    expect((await ferry(['config', 'set', 'aria2Rpc.origins', '', '--home', home])).code).toBe(0);
    expect((await exchange({ method: 'POST', headers: { origin: ui } }, call)).status).toBe(403);
  });

  it('the secret is kept apart (0600, not in the settings), never taken from the arguments, and required to enable', async () => {
    const secretFile = path.join(home, 'aria2-rpc-secret');
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(home, 'state.json'), 'utf8')).not.toContain(SECRET);
    const listing = await ferry(['config', 'get', '--home', home]);
    expect(listing.stdout).toContain('aria2Rpc.secret=set');
    expect(listing.stdout).not.toContain(SECRET);
    const literal = await ferry(['config', 'set', 'aria2Rpc.secret', 'typed-on-the-line', '--home', home]);
    expect(literal.code).toBe(1);
    expect(literal.stderr).toMatch(/^ferry: InvalidArgument: aria2Rpc.secret is not taken from the command line/);
    expect(fs.readFileSync(secretFile, 'utf8').trim()).toBe(SECRET);

    const fresh = path.join(shared.work, 'home-without-secret');
    const enable = await ferry(['config', 'set', 'aria2Rpc.enabled', 'on', '--home', fresh]);
    expect(enable.code).toBe(1);
    expect(enable.stderr).toMatch(/the aria2 RPC needs a secret first: ferry config set aria2Rpc.secret/);
    const viaEnv = await ferry(['config', 'set', 'aria2Rpc.secret', '--home', fresh], { FERRY_ARIA2_SECRET: 'from-the-environment' });
    expect(viaEnv.code, viaEnv.stderr).toBe(0);
    expect((await ferry(['config', 'set', 'aria2Rpc.enabled', 'on', '--home', fresh])).code).toBe(0);
  });

  it('a gid names the same download after the daemon restarts', async () => {
    shared.server.serve('/rpc/kept.bin', randomFile(1000));
    const gid = (await aria2Client(port, SECRET).call('addUri', [shared.server.url('/rpc/kept.bin')], { dir: downloads })) as string;
    await statusUntil(aria2Client(port, SECRET), gid, 'complete');
    await daemon.stop();
    daemon = await startDaemon(home);
    expect(await aria2Client(port, SECRET).call('tellStatus', gid, ['gid', 'status'])).toEqual({ gid, status: 'complete' });
    expect(await aria2Client(port, SECRET).call('removeDownloadResult', gid)).toBe('OK');
  });

  it('after five wrong secrets in a row every call is refused for a while, the right secret too, and the daemon says so', async () => {
    for (let i = 0; i < 5; i++) await expect(aria2Client(port, `guess-${i}-xxxxxxxx`).call('getGlobalStat')).rejects.toThrow(/wrong secret/);
    await expect(aria2Client(port, SECRET).call('getGlobalStat')).rejects.toThrow(/^Unauthorized: too many calls with a wrong secret; every call is refused for \d+ s more$/);
    expect(daemon.stderr()).toMatch(/aria2 RPC: 5 calls in a row with a wrong secret \(\d+ refused in all\); every call is refused for the next 10 s/);
    expect(daemon.stderr()).not.toContain(SECRET);
  });
});
