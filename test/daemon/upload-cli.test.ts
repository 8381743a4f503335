// `ferry upload` end to end: in the foreground and through the daemon, to a busboy server and to
// @tus/server; a daemon killed with SIGKILL mid-upload is picked up by the next one, which asks the
// tus server for its offset and sends only the rest.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sha256File, tempDir, writeRandomFile } from '../helpers/engine.ts';
import { spawn } from 'node:child_process';
import { FERRY_BIN, ferry, startDaemon } from '../helpers/cli.ts';
import { UploadServer } from '../helpers/upload-server.ts';
import { TusTestServer } from '../helpers/tus-server.ts';
import { ThrottleProxy } from '../helpers/throttle-proxy.ts';

let work: string;
let home: string;
let server: UploadServer;
beforeEach(async () => {
  work = tempDir('ferry-upload-cli-');
  home = path.join(work, 'home');
  server = await new UploadServer().start();
});
afterEach(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const file = (name: string, size: number): string => writeRandomFile(work, name, size);

it('uploads a file in the foreground with PUT and says what the server answered', async () => {
  const src = file('photo.jpg', 2_000_000);
  const result = await ferry(['upload', src, '--to', server.url('/dav/'), '--header', 'X-Trace: cli', '--home', home]);
  expect(result.stderr).toContain('ferry: uploaded photo.jpg (2.0 MB): the server answered HTTP 201');
  expect(result.code).toBe(0);
  expect(server.for('/dav/photo.jpg')).toMatchObject([{ method: 'PUT', sha256: sha256File(src), headers: { 'x-trace': 'cli', 'content-type': 'image/jpeg' } }]);
  // Nothing of the job is in the home: a plain upload is never continued, so it is kept in memory.
  expect(fs.existsSync(path.join(home, 'foreground')) ? fs.readdirSync(path.join(home, 'foreground')) : []).toEqual([]);
});

it('sends several files and fields as one multipart POST, and prints the transfer as JSON', async () => {
  const a = file('a.csv', 1000);
  const b = file('b.bin', 300_000);
  const result = await ferry(['upload', a, b, '--to', server.url('/form'), '--multipart', '--field', 'title=two files', '--form-name', 'docs', '--json', '--home', home]);
  expect(result.code).toBe(0);
  const printed = JSON.parse(result.stdout.trim()) as Record<string, unknown>;
  expect(printed).toMatchObject({ kind: 'upload', state: 'completed', upload: { protocol: 'multipart', method: 'POST' }, response: { status: 201 } });
  expect(server.for('/form')[0]!.files.map((f) => [f.field, f.filename, f.sha256])).toEqual([
    ['docs', 'a.csv', sha256File(a)],
    ['docs', 'b.bin', sha256File(b)],
  ]);
  expect(server.for('/form')[0]!.fields).toEqual([{ name: 'title', value: 'two files' }]);
});

it('refuses bad input with one clear line and sends nothing', async () => {
  const missing = await ferry(['upload', path.join(work, 'nope.bin'), '--to', server.url('/x'), '--home', home]);
  expect(missing).toMatchObject({ code: 1 });
  expect(missing.stderr).toMatch(/^ferry: InvalidArgument: there is no file .*nope\.bin to upload\n$/);
  const folder = await ferry(['upload', work, '--to', server.url('/x'), '--home', home]);
  expect(folder.stderr).toContain('is a folder');
  const two = await ferry(['upload', file('c', 1), file('d', 1), '--to', server.url('/x'), '--home', home]);
  expect(two.stderr).toContain('end the URL with / to send each under its own name');
  const field = await ferry(['upload', file('e', 1), '--to', server.url('/x'), '--field', 'a=b', '--home', home]);
  expect(field.stderr).toContain('--field needs --multipart');
  const noTo = await ferry(['upload', file('f', 1), '--home', home]);
  expect(noTo.code).toBe(2);
  expect(server.received).toEqual([]);
});

it('refuses a file it cannot read with FileAccessDenied (as an unprivileged user when the tests run as root)', async () => {
  const locked = file('locked.bin', 1000);
  fs.chmodSync(locked, 0o000);
  // Root reads anything, so the check runs as nobody then, with a home nobody can write.
  const asRoot = process.getuid?.() === 0;
  const userHome = path.join(work, 'nobody-home');
  if (asRoot) {
    fs.mkdirSync(userHome, { mode: 0o700 });
    fs.chownSync(userHome, 65534, 65534);
    fs.chmodSync(work, 0o755);
  }
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [FERRY_BIN, 'upload', locked, '--to', server.url('/x'), '--home', asRoot ? userHome : home], {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
  expect(result.stderr).toMatch(/^ferry: FileAccessDenied: cannot read .*locked\.bin: permission denied\n$/);
  expect(result.code).toBe(1);
  expect(server.received).toEqual([]);
});

it('reports a refusal with its status and what the server said', async () => {
  // 413 is final (a 5xx would be retried, and the next try succeed).
  server.fault('/full', { kind: 'status', code: 413, body: 'Payload Too Large for the share' });
  const result = await ferry(['upload', file('g.bin', 5000), '--to', server.url('/full'), '--home', home]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('ferry: Unknown (HTTP 413): the server answered HTTP 413');
  expect(result.stderr).toContain('the server said: Payload Too Large for the share');
  expect(server.for('/full')).toHaveLength(1);
});

it('a daemon killed with SIGKILL mid tus upload is picked up by the next one, which sends only the rest', async () => {
  const tus = await new TusTestServer(path.join(work, 'tus')).start();
  const proxy = await new ThrottleProxy(Number(new URL(tus.endpoint).port), 2_000_000).start();
  const src = file('movie.bin', 12_000_000);
  const first = await startDaemon(home);
  try {
    const added = await ferry(['upload', src, '--to', proxy.via(tus.endpoint), '--tus', '--daemon', '--home', home]);
    expect(added.code).toBe(0);
    const id = added.stdout.trim();
    for (;;) {
      const row = JSON.parse((await ferry(['ls', '--json', '--home', home])).stdout.trim()) as { bytesTransferred: number };
      if (row.bytesTransferred > 5_000_000) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const sentBeforeKill = proxy.bytesUp;
    proxy.bytesPerSecond = 100_000_000;
    const second = await startDaemon(home);
    try {
      const waited = await ferry(['wait', id, '--home', home], {}, 60_000);
      expect(waited.code).toBe(0);
      const row = JSON.parse((await ferry(['ls', '--json', '--home', home])).stdout.trim()) as { response: { status: number; location: string }; history: Array<{ reason: string }> };
      expect([200, 204]).toContain(row.response.status);
      expect(sha256File(tus.fileFor(row.response.location))).toBe(sha256File(src));
      const twice = proxy.bytesUp - 12_000_000;
      console.log(`tus crash test: ${sentBeforeKill} bytes sent before the kill, ${twice} bytes sent twice (headers included)`);
      // Only what was in flight at the kill (socket buffers) goes twice, not what the server stored.
      expect(twice).toBeLessThan(5_000_000);
      expect(tus.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    } finally {
      await second.stop();
    }
  } finally {
    await first.stop();
    await proxy.close();
    await tus.close();
  }
});
