// openReadStream: read a download while it arrives, never across two versions of the file.
import type { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { useEngineTestBed, waitFinal, waitFor } from '../helpers/engine.ts';

const bed = useEngineTestBed();

/** The error a read ends with (attached at once, so a rejection is never left unhandled). */
function readError(stream: Readable): Promise<unknown> {
  return readAll(stream).then(
    () => new Error('expected the read to fail'),
    (error: unknown) => error,
  );
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

it('follows a download from the start while it arrives, through a reconnect, to the end', async () => {
  const file = randomFile(1_200_000, { rate: 800_000 });
  bed.server.serve('/f.bin', file, [{ kind: 'reset', afterBytes: 400_000 }]);
  const t = await bed.service.createDownload({ url: bed.server.url('/f.bin') });
  const stream = bed.service.openReadStream(t.id, 0);
  const data = await readAll(stream);
  expect((await bed.service.getTransfer(t.id)).state).toBe('completed');
  expect(sha256(data)).toBe(sha256(file.body));
});

it('starts at an offset, also after completion', async () => {
  const file = randomFile(300_000);
  bed.server.serve('/g.bin', file);
  const t = await bed.service.createDownload({ url: bed.server.url('/g.bin') });
  await waitFinal(bed.service, t.id);
  expect(sha256(await readAll(bed.service.openReadStream(t.id, 100_000)))).toBe(sha256(file.body.subarray(100_000)));
  expect(() => bed.service.openReadStream(t.id, 300_001)).toThrow(/past the end/);
});

it.each([
  ['Canceled', 'canceled', (id: string) => bed.service.cancel(id)],
  ['NotFound', 'taken off the list', (id: string) => bed.service.remove(id)],
] as const)('fails with %s when the download is %s under it', async (status, _what, act) => {
  bed.server.serve('/h.bin', randomFile(2_000_000, { rate: 300_000 }));
  const t = await bed.service.createDownload({ url: bed.server.url('/h.bin') });
  const failure = readError(bed.service.openReadStream(t.id));
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 100_000);
  await act(t.id);
  expect(await failure).toMatchObject({ status });
});

it('fails with ResourceChanged rather than mixing two versions when the file changes', async () => {
  const v1 = randomFile(1_000_000, { rate: 1_000_000 });
  const v2 = randomFile(1_000_000);
  bed.server.serve('/c.bin', v1, [{ kind: 'reset', afterBytes: 300_000 }, { kind: 'replace', file: v2 }]);
  const t = await bed.service.createDownload({ url: bed.server.url('/c.bin') });
  expect(await readError(bed.service.openReadStream(t.id))).toMatchObject({ status: 'ResourceChanged' });
  expect((await waitFinal(bed.service, t.id)).state).toBe('completed');
  expect(sha256(await readAll(bed.service.openReadStream(t.id)))).toBe(sha256(v2.body));
});

it('follows a download fetched over several connections in order, waiting at each part not yet on disk', async () => {
  const file = randomFile(12 * 1024 * 1024 + 11, { rate: 2_000_000 });
  bed.server.serve('/parts.bin', file);
  const t = await bed.service.createDownload({ url: bed.server.url('/parts.bin') });
  const stream = bed.service.openReadStream(t.id, 0);
  const data = await readAll(stream);
  const done = await bed.service.getTransfer(t.id);
  expect(done.state).toBe('completed');
  // Really several connections: the parts were apart while the reader followed.
  expect(bed.server.requestsFor('/parts.bin').length).toBeGreaterThanOrEqual(2);
  expect(sha256(data)).toBe(sha256(file.body));
});

it('fetches next where a reader waits ahead of the download: a connection starts there, and the reader gets exactly those bytes', async () => {
  const file = randomFile(16 * 1024 * 1024 + 7, { rate: 1_500_000 });
  bed.server.serve('/ahead.bin', file);
  const t = await bed.service.createDownload({ url: bed.server.url('/ahead.bin') });
  // Not a split the planner would choose by itself (halves of remainders, on 64 KiB).
  const offset = 13_000_000 + 12_345;
  const data = await readAll(bed.service.openReadStream(t.id, offset));
  expect(sha256(data)).toBe(sha256(file.body.subarray(offset)));
  const aligned = Math.floor(offset / 65536) * 65536;
  const ranges = bed.server.requestsFor('/ahead.bin').map((r) => r.range);
  expect(ranges).toContain(`bytes=${aligned}-${file.body.length - 1}`);
  expect((await waitFinal(bed.service, t.id)).state).toBe('completed');
});

it('with stopWhenPaused, ends a reader waiting on a paused download (after every byte on disk, never a wrong one)', async () => {
  const file = randomFile(2_000_000, { rate: 400_000 });
  bed.server.serve('/p.bin', file);
  const t = await bed.service.createDownload({ url: bed.server.url('/p.bin') });
  const stream = bed.service.openReadStream(t.id, 0, { stopWhenPaused: true });
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<unknown>((resolve) => stream.on('error', resolve).on('end', () => resolve(null)));
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 300_000);
  await bed.service.pause(t.id);
  expect(await ended).toMatchObject({ status: 'Canceled', message: expect.stringMatching(/paused/) });
  const got = Buffer.concat(chunks);
  expect(got.length).toBeGreaterThan(0);
  expect(got.length).toBeLessThan(file.body.length);
  expect(sha256(got)).toBe(sha256(file.body.subarray(0, got.length)));
});

