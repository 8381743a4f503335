// A download with mirrors (`--mirror`): when its address fails it continues from the next one, keeping
// the bytes on disk only where the next address provably serves the same file (the same strong
// validator, or the same size with a checksum checked at the end); otherwise it starts over and
// says so. On one connection a much faster mirror takes over, measured only while the speed in use
// is low. Real bytes through two real servers on 127.0.0.1, each counting what it served.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256, type Fault } from '../helpers/fault-server.ts';
import { listDir, sha256File, useEngineTestBed, waitFinal, waitFor } from '../helpers/engine.ts';

const bed = useEngineTestBed();
let mirror: FaultServer;
beforeEach(async () => {
  mirror = await new FaultServer().start();
});
afterEach(async () => {
  await mirror.close();
});

const gone = (code: number): Fault[] => Array.from({ length: 5 }, () => ({ kind: 'status', code }));

/** A download of `file` from the test bed's server with `mirrors`, paused once over 1 MB is on disk; its target and the bytes kept. */
async function pausedDownload(file: ReturnType<typeof randomFile>, mirrors: string[], extra: { checksum?: string } = {}) {
  bed.server.serve('/file.bin', file);
  const target = path.join(bed.dir, 'file.bin');
  const t = await bed.service.createDownload({ url: bed.server.url('/file.bin'), path: target, connections: 1, mirrors, ...extra });
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 1_000_000);
  await bed.service.pause(t.id);
  const kept = fs.statSync(`${target}.part`).size;
  return { id: t.id, target, kept };
}

it('continues from the bytes on disk at a mirror with the same strong validator after the address answers 404', async () => {
  const file = randomFile(3_000_000, { rate: 1_000_000 });
  mirror.serve('/copy.bin', { ...file, rate: undefined });
  const { id, target, kept } = await pausedDownload(file, [mirror.url('/copy.bin')]);
  bed.server.serve('/file.bin', file, gone(404));
  await bed.service.resume(id);
  const done = await waitFinal(bed.service, id);
  expect(done.state).toBe('completed');
  expect(sha256File(target)).toBe(sha256(file.body));
  // One request, from the saved offset, proving the version by the validator both servers share.
  expect(mirror.requestsFor('/copy.bin')).toMatchObject([{ range: `bytes=${kept}-`, ifRange: file.etag, status: 206 }]);
  expect(done.mirrorInUse).toBe(mirror.url('/copy.bin'));
  const switched = done.history.find((h) => h.to === 'retrying');
  expect(switched?.reason).toBe(`NotFound, HTTP 404 from ${bed.server.url('/file.bin')}: trying the next address, ${mirror.url('/copy.bin')}`);
  expect(done.retries.map((r) => r.message).join('\n')).not.toMatch(/starting over/);
});

it('starts over at a mirror that serves a different file when no checksum was given, and says so: never a splice', async () => {
  const file = randomFile(3_000_000, { rate: 1_000_000 });
  const other = randomFile(2_500_000);
  mirror.serve('/other.bin', other);
  const { id, target, kept } = await pausedDownload(file, [mirror.url('/other.bin')]);
  expect(kept).toBeGreaterThan(0);
  bed.server.serve('/file.bin', file, gone(404));
  await bed.service.resume(id);
  const done = await waitFinal(bed.service, id);
  expect(done.state).toBe('completed');
  expect(sha256File(target)).toBe(sha256(other.body));
  expect(fs.statSync(target).size).toBe(other.body.length);
  expect(done.retries.map((r) => r.message)).toContain(`${mirror.url('/other.bin')} serves a different file (the server sent the whole file instead of the missing part); starting over`);
});

it('continues at a mirror of the same size without a shared validator when a checksum vouches for the bytes', async () => {
  const file = randomFile(3_000_000, { rate: 1_000_000 });
  mirror.serve('/copy.bin', { body: file.body, etag: '"another-server"', lastModified: 'Mon, 01 Jun 2026 00:00:00 GMT' });
  const { id, target, kept } = await pausedDownload(file, [mirror.url('/copy.bin')], { checksum: `sha256:${sha256(file.body)}` });
  bed.server.serve('/file.bin', file, gone(410));
  await bed.service.resume(id);
  const done = await waitFinal(bed.service, id);
  expect(done.state).toBe('completed');
  expect(sha256File(target)).toBe(sha256(file.body));
  expect(done.checksum).toMatchObject({ source: 'given', verified: true });
  // From the saved offset, without the other server's validator.
  expect(mirror.requestsFor('/copy.bin')).toMatchObject([{ range: `bytes=${kept}-`, ifRange: undefined, status: 206 }]);
});

it('fails with ChecksumMismatch when the bytes a checksum vouched for do not match it, leaving nothing under the final name', async () => {
  const file = randomFile(3_000_000, { rate: 1_000_000 });
  const impostor = randomFile(3_000_000);
  mirror.serve('/copy.bin', impostor);
  const { id, target } = await pausedDownload(file, [mirror.url('/copy.bin')], { checksum: `sha256:${sha256(file.body)}` });
  bed.server.serve('/file.bin', file, gone(404));
  await bed.service.resume(id);
  const done = await waitFinal(bed.service, id);
  expect(done.state).toBe('failed');
  expect(done.error?.status).toBe('ChecksumMismatch');
  expect(done.error?.message).toContain(`every address of the file failed: ${bed.server.url('/file.bin')} (NotFound, HTTP 404); ${mirror.url('/copy.bin')} (ChecksumMismatch)`);
  expect(mirror.requestsFor('/copy.bin')[0]).toMatchObject({ range: expect.stringMatching(/^bytes=[1-9]\d*-$/), status: 206 });
  expect(fs.existsSync(target)).toBe(false);
  expect(listDir(bed.dir)).toEqual([]);
});

it('fails naming every address and how each failed when none serves the file', async () => {
  bed.server.serve('/file.bin', randomFile(1000), gone(404));
  mirror.serve('/copy.bin', randomFile(1000), gone(403));
  const closed = 'http://127.0.0.1:1/nothing-listens.bin';
  const t = await bed.service.createDownload({ url: bed.server.url('/file.bin'), dir: bed.dir, mirrors: [closed, mirror.url('/copy.bin')] });
  const done = await waitFinal(bed.service, t.id);
  expect(done.state).toBe('failed');
  // The last address's failure, in words naming them all.
  expect(done.error).toMatchObject({ status: 'Forbidden', httpStatus: 403 });
  expect(done.error!.message).toContain(`every address of the file failed: ${bed.server.url('/file.bin')} (NotFound, HTTP 404); ${closed} (CannotConnect); ${mirror.url('/copy.bin')} (Forbidden, HTTP 403)`);
  // The closed port was tried with its own retries before the next address.
  expect(done.retries.filter((r) => r.status === 'CannotConnect').length).toBeGreaterThan(1);
  expect(done.history.filter((h) => h.to === 'retrying' && /trying the next address/.test(h.reason))).toHaveLength(2);
  expect(done.mirrorInUse).toBeNull();
  expect(listDir(bed.dir)).toEqual([]);
});

it('refuses a mirror with a login in it, in words that do not show it, and drops repeats of an address', async () => {
  const url = bed.server.url('/file.bin');
  await expect(bed.service.createDownload({ url, dir: bed.dir, mirrors: ['https://alice:s3cret@mirror.example.com/file.bin'] })).rejects.toMatchObject({
    status: 'InvalidArgument',
    message: expect.stringMatching(/^mirror 1: a mirror's address cannot carry a user name or password; give the login with --user/),
  });
  await expect(bed.service.createDownload({ url, dir: bed.dir, mirrors: ['gopher://mirror.example.com/f'] })).rejects.toMatchObject({ status: 'InvalidUri', message: expect.stringMatching(/^mirror 1: unsupported scheme "gopher"/) });
  bed.server.serve('/file.bin', randomFile(1000));
  const t = await bed.service.createDownload({ url, dir: bed.dir, mirrors: ['ftp://mirror.example.com/file.bin', url, 'ftp://mirror.example.com/file.bin', 'https://other.example.com/file.bin'] });
  expect(t.mirrors).toEqual(['ftp://mirror.example.com/file.bin', 'https://other.example.com/file.bin']);
  expect(JSON.stringify(await bed.service.listTransfers())).not.toContain('s3cret');
});

it('moves on when the address answers a resumed download with a web page, and never writes the page', async () => {
  const file = randomFile(3_000_000, { rate: 1_000_000 });
  mirror.serve('/copy.bin', { ...file, rate: undefined });
  const { id, target } = await pausedDownload(file, [mirror.url('/copy.bin')]);
  bed.server.serve('/file.bin', { body: Buffer.from('<!doctype html><p>Sign in</p>'), etag: '"login"', headers: { 'content-type': 'text/html' } });
  await bed.service.resume(id);
  const done = await waitFinal(bed.service, id);
  expect(done.state).toBe('completed');
  expect(sha256File(target)).toBe(sha256(file.body));
  expect(done.history.find((h) => h.to === 'retrying')?.reason).toMatch(/^ResourceChanged, HTTP 200 from .*: trying the next address/);
});

it('sends the login to the download\'s own origin only, not to a mirror elsewhere', async () => {
  bed.server.serve('/file.bin', randomFile(1000), gone(404));
  const file = randomFile(100_000);
  mirror.serve('/copy.bin', file);
  const t = await bed.service.createDownload({ url: bed.server.url('/file.bin'), dir: bed.dir, credential: 'alice:s3cret', headers: { 'X-Api-Key': 'k-123' }, mirrors: [mirror.url('/copy.bin')] });
  expect((await waitFinal(bed.service, t.id)).state).toBe('completed');
  expect(bed.server.requestsFor('/file.bin')[0]).toMatchObject({ authorization: `Basic ${Buffer.from('alice:s3cret').toString('base64')}` });
  expect(bed.server.requestsFor('/file.bin')[0]!.headers['x-api-key']).toBe('k-123');
  expect(mirror.requestsFor('/copy.bin')).toMatchObject([{ authorization: undefined, status: 200 }]);
  expect(mirror.requestsFor('/copy.bin')[0]!.headers['x-api-key']).toBeUndefined();
  expect(sha256File(path.join(bed.dir, 'copy.bin'))).toBe(sha256(file.body));
});

it('set-url keeps the bytes on disk at a new address of the same size when a checksum vouches for them (the same rule as a mirror)', async () => {
  const file = randomFile(3_000_000, { rate: 1_000_000 });
  const { id, target, kept } = await pausedDownload(file, [], { checksum: `sha256:${sha256(file.body)}` });
  mirror.serve('/moved.bin', { body: file.body, etag: '"elsewhere"', lastModified: null });
  const moved = await bed.service.setUrl(id, mirror.url('/moved.bin'));
  expect(moved.bytesTransferred).toBe(kept);
  await bed.service.resume(id);
  const done = await waitFinal(bed.service, id);
  expect(done.state).toBe('completed');
  expect(sha256File(target)).toBe(sha256(file.body));
  // The check and the run both asked from the bytes on disk, without the old server's validator.
  expect(mirror.requestsFor('/moved.bin').map((r) => [r.range, r.ifRange])).toEqual([[`bytes=${kept}-`, undefined], [`bytes=${kept}-`, undefined]]);
});

/** `file` at `rate` from the bed's server on one connection, `mirrored` at full speed from the mirror: finished, by sha256; its last snapshot. */
async function oneConnectionRun(file: ReturnType<typeof randomFile>, rate: number, mirrored: ReturnType<typeof randomFile>, timeoutMs: number) {
  bed.server.serve('/file.bin', { ...file, rate });
  mirror.serve('/copy.bin', mirrored);
  const target = path.join(bed.dir, 'file.bin');
  const t = await bed.service.createDownload({ url: bed.server.url('/file.bin'), path: target, connections: 1, mirrors: [mirror.url('/copy.bin')] });
  const done = await waitFinal(bed.service, t.id, timeoutMs);
  expect(done.state).toBe('completed');
  expect(sha256File(target)).toBe(sha256(file.body));
  return done;
}

it('moves a download on one connection to a mirror measured much faster, continuing the bytes on disk by the shared ETag', async () => {
  const file = randomFile(3_000_000);
  const done = await oneConnectionRun(file, 32_000, file, 60_000);
  // One part ahead to measure it, then the rest from the bytes on disk: both proving the ETag.
  expect(mirror.requestsFor('/copy.bin')).toMatchObject([
    { range: expect.stringMatching(/^bytes=\d+-\d+$/), ifRange: file.etag, status: 206 },
    { range: expect.stringMatching(/^bytes=[1-9]\d*-$/), ifRange: file.etag, status: 206 },
  ]);
  expect(bed.server.requestsFor('/file.bin')).toHaveLength(1);
  expect(bed.server.bytesSent).toBeLessThan(file.body.length / 2);
  expect(done.mirrorInUse).toBe(mirror.url('/copy.bin'));
  expect(done.retries.map((r) => r.message)).toContainEqual(expect.stringMatching(new RegExp(`^${bed.server.url('/file.bin')} is much slower than ${mirror.url('/copy.bin')} \\(\\d+ KiB/s against \\d+ KiB/s measured there\\): continuing the bytes on disk from it$`)));
  expect(done.retries.map((r) => r.message).join('\n')).not.toMatch(/starting over/);
}, 90_000);

it('measures no other address when the rest would arrive within 30 s at the speed in use: the mirror serves not a byte', async () => {
  // 14 MB at 1 MB/s at most: the first window is judged after 10 s, with at most 4 MB (4 s) left
  // at full speed; a machine too loaded to keep 350 kB/s would probe (more than 30 s left).
  const file = randomFile(14_000_000);
  const done = await oneConnectionRun(file, 1_000_000, file, 90_000);
  expect(Date.parse(done.completedAt!) - Date.parse(done.createdAt)).toBeGreaterThan(10_000);
  expect(mirror.requestsFor('/copy.bin')).toEqual([]);
  expect(mirror.bytesSent).toBe(0);
  expect(bed.server.requestsFor('/file.bin')).toHaveLength(1);
  expect(bed.server.bytesSent).toBe(file.body.length);
}, 120_000);

it('never leaves a slow address for a faster mirror that cannot prove the same file: no start over for speed', async () => {
  // After the first 10 s window, 1.28 MB or more is left at 32 kB/s at most: over 30 s, so it is measured.
  const file = randomFile(1_600_000);
  const done = await oneConnectionRun(file, 32_000, { ...file, etag: '"another-version"' }, 150_000);
  // Measured once: its whole 200 (If-Range did not match) proved another file, and nothing moved.
  expect(mirror.requestsFor('/copy.bin')).toMatchObject([{ ifRange: file.etag, status: 200 }]);
  expect(bed.server.requestsFor('/file.bin')).toHaveLength(1);
  expect(done.mirrorInUse).toBeNull();
  expect(done.retries).toEqual([]);
}, 180_000);
