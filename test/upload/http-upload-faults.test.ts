// Plain and multipart uploads against servers that misbehave: one that stops reading, one that
// never answers, none at all, a file cut short while it is sent. Each ends in a clear status, never
// a success, and the server never holds a complete body mixed from two versions of a file.
import fs from 'node:fs';
import net from 'node:net';
import { expect, it } from 'vitest';
import { sha256File, waitFinal, waitFor } from '../helpers/engine.ts';
import { useUploadTestBed } from '../helpers/upload-server.ts';

const bed = useUploadTestBed('ferry-upload-faults-', { retries: 0 });

it('fails with Timeout when the server stops reading the body (its socket stays full)', async () => {
  // Larger than what the kernel buffers on loopback, so the sender really waits.
  const src = bed.file('stall.bin', 48_000_000);
  bed.server.fault('/stall', { kind: 'stall', bytes: 200_000 });
  const t = await bed.service.createUpload({ url: bed.server.url('/stall'), files: [{ path: src }] });
  const done = await waitFinal(bed.service, t.id);
  expect(done).toMatchObject({ state: 'failed', error: { status: 'Timeout', message: 'the server took no data for 1 s' } });
  expect(done.bytesTransferred).toBeLessThan(48_000_000);
});

it('fails with Timeout when the server takes the body slower than the speed floor', async () => {
  // The body goes out in 1 MiB writes, each one counted when the socket took it: at 150 kB/s
  // one takes 7 s, so the stall clock is set longer than that; the floor's window is not.
  await bed.service.setSettings({ stallTimeoutMs: 20_000, speedFloorBytesPerSec: 1_000_000, speedFloorWindowMs: 3000 });
  const src = bed.file('slow.bin', 48_000_000);
  bed.server.fault('/slow', { kind: 'slow', bytesPerSecond: 150_000 });
  const t = await bed.service.createUpload({ url: bed.server.url('/slow'), files: [{ path: src }] });
  const done = await waitFinal(bed.service, t.id);
  expect(done).toMatchObject({ state: 'failed', error: { status: 'Timeout' } });
  expect(done.error!.message).toMatch(/^the server took data at [\d.]+ k?B\/s over the last \d+ s, below the floor of 1\.0 MB\/s \(speedFloorBytesPerSec\)$/);
  expect(done.bytesTransferred).toBeLessThan(48_000_000);
});

it('fails with Timeout when the whole body went out and no answer comes', async () => {
  await bed.service.setSettings({ responseTimeoutMs: 800 });
  bed.server.fault('/quiet', { kind: 'noAnswer' });
  const t = await bed.service.createUpload({ url: bed.server.url('/quiet'), files: [{ path: bed.file('q.bin', 300_000) }] });
  const done = await waitFinal(bed.service, t.id);
  expect(done).toMatchObject({ state: 'failed', error: { status: 'Timeout', message: 'the server did not answer within 1 s after the upload was sent' } });
  expect(bed.server.for('/quiet')[0]).toMatchObject({ size: 300_000 });
});

it('fails with CannotConnect when nothing listens there', async () => {
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const t = await bed.service.createUpload({ url: `http://127.0.0.1:${port}/x`, files: [{ path: bed.file('c.bin', 10) }] });
  expect(await waitFinal(bed.service, t.id)).toMatchObject({ state: 'failed', error: { status: 'CannotConnect' } });
});

it('ends no body when the file is cut short while it is read: the server never sees it complete', async () => {
  const src = bed.file('shrink.bin', 48_000_000);
  bed.server.fault('/shrink', { kind: 'slow', bytesPerSecond: 20_000_000 });
  const t = await bed.service.createUpload({ url: bed.server.url('/shrink'), files: [{ path: src }] });
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 1_000_000);
  fs.truncateSync(src, 2_000_000);
  const done = await waitFinal(bed.service, t.id);
  expect(done).toMatchObject({ state: 'failed', error: { status: 'ResourceChanged' } });
  expect(done.error!.message).toContain('changed while it was being uploaded');
  expect(bed.server.for('/shrink')[0]!.complete).toBe(false);
});

it('sends a multipart body of many files, each whole and in order', async () => {
  const files = Array.from({ length: 12 }, (_, i) => bed.file(`part-${i}.bin`, i % 3 === 0 ? 0 : 150_000 * i));
  const t = await bed.service.createUpload({ url: bed.server.url('/many'), protocol: 'multipart', files: files.map((p, i) => ({ path: p, field: `f${i}` })) });
  expect((await waitFinal(bed.service, t.id)).state).toBe('completed');
  expect(bed.server.for('/many')[0]!.files.map((f) => [f.field, f.size, f.sha256])).toEqual(files.map((p, i) => [`f${i}`, fs.statSync(p).size, sha256File(p)]));
});

it('stops sending when the server answers before the body is in (413) and keeps the connection open', async () => {
  // A raw server (Node's own would close the connection): it answers at once and reads on, never closing.
  let received = 0;
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => socket.write('HTTP/1.1 413 Payload Too Large\r\nContent-Type: text/plain\r\nContent-Length: 24\r\n\r\nthis upload is too large'));
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const src = bed.file('huge.bin', 48_000_000);
    const t = await bed.service.createUpload({ url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/early`, files: [{ path: src }] });
    const done = await waitFinal(bed.service, t.id);
    expect(done).toMatchObject({ state: 'failed', error: { httpStatus: 413 }, response: { status: 413, body: 'this upload is too large' } });
    // Sending stopped once the answer came: far from the whole 48 MB went out.
    expect(received).toBeLessThan(40_000_000);
  } finally {
    server.close();
  }
});

it('keeps the answer of a server that trickles its body forever as far as it came, and judges by its status', async () => {
  await bed.service.setSettings({ responseTimeoutMs: 800 });
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    let body = 0;
    socket.on('data', (chunk: Buffer) => {
      body += chunk.length;
      if (body < 300_000) return;
      socket.write('HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\nstored');
      const drip = setInterval(() => (socket.destroyed ? clearInterval(drip) : socket.write('.')), 100);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    // The 300 kB body plus the request's head: the server answers once the body is in.
    const t = await bed.service.createUpload({ url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/drip`, files: [{ path: bed.file('d.bin', 300_000) }] });
    const done = await waitFinal(bed.service, t.id);
    expect(done).toMatchObject({ state: 'completed', response: { status: 201, truncated: true } });
    expect(done.response!.body).toMatch(/^stored\.*$/);
  } finally {
    server.close();
  }
});
