// An address that expired answers a resumed download with a web page (a login or error page): it is
// never written into the file, neither appended nor as a new start.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { randomFile } from '../helpers/fault-server.ts';
import { useEngineTestBed, waitFinal, waitFor } from '../helpers/engine.ts';

const bed = useEngineTestBed();
const page = { body: Buffer.from('<!doctype html><title>Sign in</title><p>Your session expired.</p>'), etag: '"login"', headers: { 'content-type': 'text/html; charset=utf-8' } };

it('fails in words, keeping the bytes on disk, when a resumed download is answered with a web page', async () => {
  const file = randomFile(3_000_000, { rate: 1_000_000 });
  bed.server.serve('/expiring.zip', file);
  const target = path.join(bed.dir, 'expiring.zip');
  const t = await bed.service.createDownload({ url: bed.server.url('/expiring.zip'), path: target, connections: 1 });
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 1_000_000);
  await bed.service.pause(t.id);
  const kept = fs.readFileSync(`${target}.part`);
  bed.server.serve('/expiring.zip', page);
  await bed.service.resume(t.id);
  const done = await waitFinal(bed.service, t.id);
  expect(done.state).toBe('failed');
  expect(done.error).toMatchObject({ status: 'ResourceChanged', httpStatus: 200 });
  expect(done.error!.message).toMatch(/now answers with a web page \(text\/html, HTTP 200\) instead of the file \(application\/octet-stream\): the address may have expired/);
  // Not retried, not started over: the bytes on disk are as they were, and no page became the file.
  expect(done.retries).toEqual([]);
  expect(fs.readFileSync(`${target}.part`).equals(kept)).toBe(true);
  expect(fs.existsSync(target)).toBe(false);
});

it('resumes a download that is a web page itself', async () => {
  const html = randomFile(3_000_000, { rate: 1_000_000, headers: { 'content-type': 'text/html' } });
  bed.server.serve('/big.html', html);
  const t = await bed.service.createDownload({ url: bed.server.url('/big.html'), path: path.join(bed.dir, 'big.html'), connections: 1 });
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 1_000_000);
  await bed.service.pause(t.id);
  await bed.service.resume(t.id);
  expect((await waitFinal(bed.service, t.id)).state).toBe('completed');
  expect(bed.server.requestsFor('/big.html').at(-1)).toMatchObject({ status: 206 });
});
