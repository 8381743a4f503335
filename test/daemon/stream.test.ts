// Reading while downloading through the daemon: GET /stream/ID with a ticket from streamLink, and
// `ferry cat`. Real bytes from a slow server the test runs (so the readers overtake the download),
// checked by sha256; a range asked ahead of the download starts a connection there.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, waitFor as waitForEngine } from '../helpers/engine.ts';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { ferry, FERRY_BIN } from '../helpers/cli.ts';
import { useDaemon } from '../helpers/daemon-under-test.ts';
import { connectToDaemon } from '../../electron/daemon/client.ts';
import type { TransferSnapshot } from '../../shared/model.ts';

const d = useDaemon('ferry-stream-');
let server: FaultServer;
let downloads: string;

beforeAll(async () => {
  server = await new FaultServer().start();
  downloads = tempDir('ferry-stream-dl-');
});
afterAll(async () => {
  await server.close();
});

async function add(path: string): Promise<string> {
  const added = await ferry(['add', server.url(path), '-d', downloads, '--home', d.home]);
  expect(added.stderr).toBe('');
  return added.stdout.trim();
}

async function streamLink(id: string): Promise<string> {
  const answer = (await (await fetch(`http://127.0.0.1:${d.port}/api/rpc`, { method: 'POST', headers: d.auth, body: JSON.stringify({ method: 'streamLink', args: [id] }) })).json()) as { result: string };
  return `http://127.0.0.1:${d.port}${answer.result}`;
}

/** Waits (polling the daemon) until the transfer is as `predicate` says. */
function waitUntil(id: string, predicate: (t: TransferSnapshot) => boolean): Promise<TransferSnapshot> {
  return waitForEngine(connectToDaemon(d.home) as never, id, predicate, 30_000);
}

/** `ferry cat` with its stdout as bytes. */
function cat(args: string[]): { done: Promise<{ code: number | null; stdout: Buffer; stderr: string }> } {
  const child = spawn(process.execPath, [FERRY_BIN, 'cat', ...args, '--home', d.home], { stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks), stderr }))) };
}

describe('GET /stream/ID', () => {
  it('serves a running download from the start and a range ahead of it at once, each exactly the source bytes; the range starts a connection there', async () => {
    const file = randomFile(16 * 1024 * 1024 + 7, { rate: 1_500_000 });
    server.serve('/clip.mp4', file);
    const id = await add('/clip.mp4');
    const link = await streamLink(id);
    const offset = 11_000_000 + 4321;
    const [whole, ranged] = await Promise.all([fetch(link), fetch(link, { headers: { range: `bytes=${offset}-` } })]);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(file.body.length));
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('content-security-policy')).toBe("default-src 'none'; media-src 'self'");
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes ${offset}-${file.body.length - 1}/${file.body.length}`);
    const [wholeBytes, rangedBytes] = await Promise.all([whole.arrayBuffer(), ranged.arrayBuffer()]);
    expect(sha256(Buffer.from(rangedBytes))).toBe(sha256(file.body.subarray(offset)));
    expect(sha256(Buffer.from(wholeBytes))).toBe(sha256(file.body));
    const aligned = Math.floor(offset / 65536) * 65536;
    expect(server.requestsFor('/clip.mp4').map((r) => r.range)).toContain(`bytes=${aligned}-${file.body.length - 1}`);
    // The same link again, a closed range of the finished file (a player seeking).
    expect((await waitUntil(id, (t) => t.state === 'completed')).state).toBe('completed');
    const seek = await fetch(link, { headers: { range: 'bytes=100-199' } });
    expect(seek.status).toBe(206);
    expect(Buffer.from(await seek.arrayBuffer()).equals(file.body.subarray(100, 200))).toBe(true);
    expect((await fetch(link, { headers: { range: `bytes=${file.body.length}-` } })).status).toBe(416);
  });

  it('refuses a link without its ticket, or with the ticket of another transfer', async () => {
    server.serve('/small.bin', randomFile(10_000));
    const [a, b] = [await add('/small.bin'), await add('/small.bin')];
    const linkA = await streamLink(a);
    expect((await fetch(linkA.split('?')[0]!)).status).toBe(401);
    const ticketA = new URL(linkA).searchParams.get('ticket')!;
    const bLink = new URL(await streamLink(b));
    bLink.searchParams.set('ticket', ticketA);
    expect((await fetch(bLink)).status).toBe(401);
  });
});

describe('ferry cat', () => {
  it('writes a running download to stdout as it arrives, exactly its bytes, and from --offset; exit 0', async () => {
    const file = randomFile(3_000_000, { rate: 1_000_000 });
    server.serve('/cat.bin', file);
    const id = await add('/cat.bin');
    const [all, tail] = [cat([id]), cat([id, '--offset', '1234567'])];
    const [a, t] = [await all.done, await tail.done];
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(sha256(a.stdout)).toBe(sha256(file.body));
    expect(t.code).toBe(0);
    expect(sha256(t.stdout)).toBe(sha256(file.body.subarray(1_234_567)));
  });

  /** `ferry cat` of a slow download that `command` stops once `after` bytes arrived; what cat gave back. */
  async function catStoppedBy(path: string, command: string, after: number) {
    const file = randomFile(3_000_000, { rate: 500_000 });
    server.serve(path, file);
    const id = await add(path);
    const reading = cat([id]);
    await waitUntil(id, (t) => t.bytesTransferred > after);
    expect((await ferry([command, id, '--home', d.home])).code).toBe(0);
    const r = await reading.done;
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeLessThan(file.body.length);
    // Never a wrong byte: what it wrote is the file's beginning.
    expect(sha256(r.stdout)).toBe(sha256(file.body.subarray(0, r.stdout.length)));
    return { id, ...r };
  }

  it('stops with a clear line and exit 1 when the download is paused: what it wrote is the file\'s first bytes', async () => {
    const r = await catStoppedBy('/pause.bin', 'pause', 600_000);
    expect(r.stdout.length).toBeGreaterThan(0);
    const { id } = r;
    expect(r.stderr).toMatch(new RegExp(`^ferry: Canceled: transfer ${id} was paused after ${r.stdout.length} bytes; "ferry resume ${id}", then "ferry cat ${id} --offset ${r.stdout.length}" goes on\\n$`));
  });

  it('stops with NotFound and exit 1 when the download is removed under it', async () => {
    const r = await catStoppedBy('/rm.bin', 'rm', 300_000);
    expect(r.stderr).toMatch(/^ferry: NotFound: transfer .* was taken off the list after \d+ bytes\n$/);
  });

  it('refuses a bad --offset at once', async () => {
    server.serve('/o.bin', randomFile(1000));
    const id = await add('/o.bin');
    const r = await cat([id, '--offset', '12k']).done;
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe('ferry: InvalidArgument: --offset takes a whole number of bytes, not "12k"\n');
  });
});
