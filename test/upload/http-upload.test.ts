// Plain and multipart uploads through the engine to a real server (test/helpers/upload-server.ts,
// multipart parsed by busboy): the bytes the server got equal the file's (sha256), the answer is
// kept, and a bad file or a refusal is a clear error, never a false success.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { makeService, sha256File, waitFinal, waitFor } from '../helpers/engine.ts';
import { useUploadTestBed } from '../helpers/upload-server.ts';
import { MemoryJobStore, MemorySecretStore } from '../../electron/engine/state/store.ts';

const bed = useUploadTestBed('ferry-upload-');

it('PUTs a file as the raw body with its Content-Length and headers, and keeps the answer', async () => {
  const src = bed.file('report.bin', 3_000_000);
  const t = await bed.service.createUpload({ url: bed.server.url('/put/report.bin'), files: [{ path: src }], headers: { Filename: 'report.bin' }, credential: 'me:s3cret' });
  expect(t).toMatchObject({ kind: 'upload', path: src, totalBytes: 3_000_000, upload: { protocol: 'raw', method: 'PUT' } });
  const done = await waitFinal(bed.service, t.id);
  expect(done.state).toBe('completed');
  const [got] = bed.server.for('/put/report.bin');
  expect(got).toMatchObject({ method: 'PUT', size: 3_000_000, sha256: sha256File(src), complete: true });
  expect(got!.headers).toMatchObject({ 'content-length': '3000000', filename: 'report.bin', authorization: `Basic ${Buffer.from('me:s3cret').toString('base64')}` });
  expect(done.bytesTransferred).toBe(3_000_000);
  expect(done.response).toMatchObject({ status: 201, contentType: 'application/json', truncated: false });
  expect(JSON.parse(done.response!.body)).toMatchObject({ sha256: sha256File(src) });
  expect(done.history.at(-1)).toMatchObject({ to: 'completed', reason: 'the server accepted it (HTTP 201)' });
  expect(JSON.stringify(done)).not.toContain('s3cret');
});

it('POSTs a file as the raw body when asked', async () => {
  const src = bed.file('a.txt', 1000);
  const t = await bed.service.createUpload({ url: bed.server.url('/post'), files: [{ path: src }], method: 'POST' });
  expect((await waitFinal(bed.service, t.id)).state).toBe('completed');
  expect(bed.server.for('/post')[0]).toMatchObject({ method: 'POST', sha256: sha256File(src), headers: { 'content-type': 'text/plain' } });
});

it('sends several files and fields as one multipart POST, each part with its name, type and headers', async () => {
  const a = bed.file('a.bin', 700_000);
  const b = bed.file('notes.txt', 5000);
  const t = await bed.service.createUpload({
    url: bed.server.url('/form'),
    protocol: 'multipart',
    files: [
      { path: a, field: 'attachment', contentType: 'application/x-test', headers: { 'X-Part': 'first' } },
      { path: b, field: 'notes', name: 'renamed "notes".txt' },
    ],
    fields: [{ name: 'title', value: 'Quarterly ✓' }, { name: 'empty', value: '' }],
  });
  const done = await waitFinal(bed.service, t.id);
  expect(done.error).toBeNull();
  expect(done.state).toBe('completed');
  const [got] = bed.server.for('/form');
  expect(got!.method).toBe('POST');
  expect(got!.fields).toEqual([{ name: 'title', value: 'Quarterly ✓' }, { name: 'empty', value: '' }]);
  expect(got!.files).toEqual([
    { field: 'attachment', filename: 'a.bin', mimeType: 'application/x-test', size: 700_000, sha256: sha256File(a) },
    { field: 'notes', filename: 'renamed %22notes%22.txt', mimeType: 'text/plain', size: 5000, sha256: sha256File(b) },
  ]);
  expect(got!.rawHead).toMatch(/x-part: first/i);
  expect(Number(got!.headers['content-length'])).toBe(got!.size);
  expect(done.totalBytes).toBe(got!.size);
  expect(done.bytesTransferred).toBe(got!.size);
  expect(done.upload).toMatchObject({ protocol: 'multipart', method: 'POST', fields: ['title', 'empty'] });
});

it('keeps the refusal of the server with its status and body, and does not retry a 4xx', async () => {
  const src = bed.file('x.bin', 10_000);
  bed.server.fault('/deny', { kind: 'status', code: 403, body: 'quota exceeded for this account' });
  const t = await bed.service.createUpload({ url: bed.server.url('/deny'), files: [{ path: src }] });
  const done = await waitFinal(bed.service, t.id);
  expect(done).toMatchObject({ state: 'failed', error: { status: 'Forbidden', httpStatus: 403 }, response: { status: 403, body: 'quota exceeded for this account' } });
  expect(bed.server.for('/deny')).toHaveLength(1);
});

it('retries a PUT that was cut off with a fresh body from the first byte', async () => {
  const src = bed.file('cut.bin', 2_000_000);
  bed.server.fault('/cut', { kind: 'resetAfter', bytes: 500_000 }, { kind: 'status', code: 503 });
  const t = await bed.service.createUpload({ url: bed.server.url('/cut'), files: [{ path: src }] });
  const done = await waitFinal(bed.service, t.id);
  expect(done.state).toBe('completed');
  expect(done.retries.map((r) => r.status)).toEqual(['ConnectionReset', 'ServiceUnavailable']);
  const last = bed.server.for('/cut').at(-1)!;
  expect(last).toMatchObject({ size: 2_000_000, sha256: sha256File(src), complete: true });
});

it('keeps only the first 64 KiB of a long answer and says it was cut', async () => {
  bed.server.answer = () => ({ status: 200, body: 'x'.repeat(200_000) });
  const t = await bed.service.createUpload({ url: bed.server.url('/long'), files: [{ path: bed.file('s.bin', 10) }] });
  const done = await waitFinal(bed.service, t.id);
  expect(done.response).toMatchObject({ status: 200, truncated: true });
  expect(done.response!.body).toHaveLength(64 * 1024);
});

it('refuses a missing file and a folder at once, an unknown scheme, and protocols that do not fit', async () => {
  await expect(bed.service.createUpload({ url: bed.server.url('/x'), files: [{ path: path.join(bed.dir, 'nope.bin') }] })).rejects.toMatchObject({ status: 'InvalidArgument', message: expect.stringContaining('there is no file') });
  await expect(bed.service.createUpload({ url: bed.server.url('/x'), files: [{ path: bed.dir }] })).rejects.toMatchObject({ status: 'InvalidArgument', message: expect.stringContaining('is a folder') });
  // An unreadable file: test/daemon/upload-cli.test.ts (it needs another user when tests run as root).
  await expect(bed.service.createUpload({ url: 'ftp://127.0.0.1/x', files: [{ path: bed.file('f', 1) }] })).rejects.toMatchObject({ status: 'InvalidUri' });
  await expect(bed.service.createUpload({ url: bed.server.url('/x'), files: [{ path: bed.file('g', 1) }, { path: bed.file('h', 1) }] })).rejects.toMatchObject({ status: 'InvalidArgument', message: expect.stringContaining('multipart') });
  await expect(bed.service.createUpload({ url: bed.server.url('/x'), protocol: 'tus', method: 'PUT', files: [{ path: bed.file('i', 1) }] })).rejects.toMatchObject({ status: 'InvalidArgument' });
  expect(await bed.service.listTransfers()).toEqual([]);
});

it('fails with ResourceChanged, not success, when the file changes size while it is sent', async () => {
  const src = bed.file('grow.bin', 1_500_000);
  bed.server.fault('/grow', { kind: 'slow', bytesPerSecond: 1_000_000 });
  const t = await bed.service.createUpload({ url: bed.server.url('/grow'), files: [{ path: src }] });
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 100_000);
  fs.appendFileSync(src, randomBytes(1000));
  const done = await waitFinal(bed.service, t.id);
  expect(done).toMatchObject({ state: 'failed', error: { status: 'ResourceChanged' } });
  expect(done.error!.message).toContain('changed while it was being uploaded');
});

it('fails a file deleted before its upload starts with a clear error', async () => {
  await bed.service.setSettings({ maxConcurrent: 1 });
  const blocker = bed.file('block.bin', 3_000_000);
  bed.server.fault('/slow', { kind: 'slow', bytesPerSecond: 3_000_000 });
  const first = await bed.service.createUpload({ url: bed.server.url('/slow'), files: [{ path: blocker }] });
  const src = bed.file('gone.bin', 100);
  const t = await bed.service.createUpload({ url: bed.server.url('/gone'), files: [{ path: src }] });
  fs.rmSync(src);
  const done = await waitFinal(bed.service, t.id);
  expect(done).toMatchObject({ state: 'failed', error: { status: 'InvalidArgument', message: expect.stringContaining('there is no file') } });
  expect((await waitFinal(bed.service, first.id)).state).toBe('completed');
});

it('after a restart: a plain PUT starts again from zero and says so; a POST fails and offers Retry', async () => {
  const store = new MemoryJobStore();
  const secrets = new MemorySecretStore();
  await bed.service.shutdown();
  bed.service = await makeService(bed.dir, { store, secrets });
  const big = bed.file('big.bin', 4_000_000);
  bed.server.fault('/put-slow', { kind: 'slow', bytesPerSecond: 2_000_000 });
  bed.server.fault('/post-slow', { kind: 'slow', bytesPerSecond: 2_000_000 });
  const put = await bed.service.createUpload({ url: bed.server.url('/put-slow'), files: [{ path: big }] });
  const post = await bed.service.createUpload({ url: bed.server.url('/post-slow'), files: [{ path: big }], method: 'POST' });
  await waitFor(bed.service, put.id, (s) => s.bytesTransferred > 200_000);
  await waitFor(bed.service, post.id, (s) => s.bytesTransferred > 200_000);
  await bed.service.shutdown();
  bed.service = await makeService(bed.dir, { store, secrets });
  const failed = await bed.service.getTransfer(post.id);
  expect(failed).toMatchObject({ state: 'failed', error: { status: 'ConnectionReset', message: expect.stringContaining('a POST is not sent again by itself') } });
  const donePut = await waitFinal(bed.service, put.id);
  expect(donePut.state).toBe('completed');
  expect(donePut.history.map((h) => h.reason)).toContain('picked up again after Ferry restarted; a plain PUT cannot continue, so it starts again from the first byte');
  expect(bed.server.for('/put-slow').at(-1)).toMatchObject({ size: 4_000_000, sha256: sha256File(big), complete: true });
  await bed.service.resume(post.id);
  expect((await waitFinal(bed.service, post.id)).state).toBe('completed');
  expect(bed.server.for('/post-slow').at(-1)).toMatchObject({ method: 'POST', sha256: sha256File(big), complete: true });
});

it('uploads an empty file: a PUT with Content-Length 0, and a multipart part with no bytes', async () => {
  const src = bed.file('empty.bin', 0);
  const put = await bed.service.createUpload({ url: bed.server.url('/put/empty.bin'), files: [{ path: src }] });
  expect(await waitFinal(bed.service, put.id)).toMatchObject({ state: 'completed', bytesTransferred: 0, totalBytes: 0 });
  expect(bed.server.for('/put/empty.bin')[0]).toMatchObject({ method: 'PUT', size: 0, complete: true, headers: { 'content-length': '0' } });
  const form = await bed.service.createUpload({ url: bed.server.url('/form'), files: [{ path: src }], protocol: 'multipart' });
  expect((await waitFinal(bed.service, form.id)).state).toBe('completed');
  expect(bed.server.for('/form')[0]!.files).toEqual([expect.objectContaining({ field: 'file', filename: 'empty.bin', size: 0 })]);
});
