// A server that compresses although Ferry asked for identity: text is saved decoded (as Chromium
// does), archives as sent (as Firefox does), and a resume counts the bytes the server sends.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { sha256 } from '../helpers/fault-server.ts';
import { sha256File, useEngineTestBed, waitFinal, waitFor } from '../helpers/engine.ts';

const bed = useEngineTestBed();
const text = () => Buffer.from(Array.from({ length: 20_000 }, (_, i) => `line ${i}: ${randomBytes(8).toString('hex')}\n`).join(''));

it('saves report.txt decoded when the server sends it gzip-encoded anyway', async () => {
  const original = text();
  const encoded = zlib.gzipSync(original);
  bed.server.serve('/report.txt', { body: encoded, etag: '"r1"', headers: { 'content-encoding': 'gzip', 'content-type': 'text/plain' } });
  const t = await bed.service.createDownload({ url: bed.server.url('/report.txt'), dir: bed.dir });
  const final = await waitFinal(bed.service, t.id);
  expect(final.state).toBe('completed');
  expect(sha256File(final.path!)).toBe(sha256(original));
  expect(final).toMatchObject({ bytesTransferred: original.length, totalBytes: original.length });
  expect(bed.server.requestsFor('/report.txt')[0]!.headers['accept-encoding']).toBe('identity');
  expect(fs.readdirSync(bed.dir)).toEqual(['report.txt']);
});

it('keeps the bytes of an archive as sent (by its name, or by its type application/gzip)', async () => {
  const archive = zlib.gzipSync(text());
  bed.server.serve('/backup.tar.gz', { body: archive, etag: '"a1"', headers: { 'content-encoding': 'gzip' } });
  const typed = zlib.gzipSync(text());
  bed.server.serve('/download/7', { body: typed, etag: '"a2"', headers: { 'content-encoding': 'gzip', 'content-type': 'application/gzip', 'content-disposition': 'attachment; filename="logs"' } });
  for (const [urlPath, bytes] of [['/backup.tar.gz', archive], ['/download/7', typed]] as const) {
    const t = await bed.service.createDownload({ url: bed.server.url(urlPath), dir: bed.dir });
    const final = await waitFinal(bed.service, t.id);
    expect(final.state).toBe('completed');
    expect(sha256File(final.path!)).toBe(sha256(bytes));
  }
});

it('resumes an encoded download by the encoded bytes and decodes the whole at the end', async () => {
  const original = Buffer.concat([text(), randomBytes(300_000)]);
  const encoded = zlib.brotliCompressSync(original);
  bed.server.serve('/notes.txt', { body: encoded, etag: '"n1"', rate: 150_000, headers: { 'content-encoding': 'br' } });
  const t = await bed.service.createDownload({ url: bed.server.url('/notes.txt'), path: path.join(bed.dir, 'notes.txt') });
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 60_000);
  const paused = await bed.service.pause(t.id);
  await bed.service.resume(t.id);
  const final = await waitFinal(bed.service, t.id);
  expect(final.state).toBe('completed');
  expect(sha256File(final.path!)).toBe(sha256(original));
  const requests = bed.server.requestsFor('/notes.txt');
  expect(requests.at(-1)).toMatchObject({ status: 206 });
  expect(Number(/bytes=(\d+)-/.exec(requests.at(-1)!.range!)![1])).toBeLessThanOrEqual(paused.bytesTransferred);
});

it('starts over when the encoded body does not decode', async () => {
  bed.server.serve('/broken.txt', { body: Buffer.from('this is not gzip at all'), etag: '"b1"', headers: { 'content-encoding': 'gzip' } });
  const t = await bed.service.createDownload({ url: bed.server.url('/broken.txt'), dir: bed.dir });
  const final = await waitFinal(bed.service, t.id);
  expect(final.state).toBe('failed');
  expect(final.error?.status).toBe('ServerError');
  expect(final.error?.message).toMatch(/gzip-encoded and it does not decode/);
  expect(fs.readdirSync(bed.dir)).toEqual([]);
});
