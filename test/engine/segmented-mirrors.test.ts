// A segmented download with mirrors: mirrors that provably hold the same file (the same strong
// validator and size, or the same size with a checksum to verify) serve different ranges at once;
// one that answers another validator never contributes a byte; one much slower than another loses
// its parts to the faster. Real bytes through real servers on 127.0.0.1, counted per server.
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256, type ServedFile } from '../helpers/fault-server.ts';
import type { TransferSnapshot } from '../../shared/model.ts';
import { listDir, sha256File, useEngineTestBed, waitFinal } from '../helpers/engine.ts';

const SIZE = 12 * 1024 * 1024 + 4321;
/** Each answer this fast: slow enough that connections overlap and mirrors join, fast enough for a test. */
const PER_CONNECTION = 2 * 1024 * 1024;
const bed = useEngineTestBed();
let mirrors: FaultServer[];
beforeEach(async () => {
  mirrors = [await new FaultServer().start(), await new FaultServer().start()];
});
afterEach(async () => {
  for (const mirror of mirrors) await mirror.close();
});

/** Serves `file` at the test bed's /file.bin, downloads it with `mirrorUrls`: completed, exactly its bytes on disk, nothing else. */
async function download(file: ServedFile, mirrorUrls: string[], extra: { checksum?: string; credential?: string; cookie?: string } = {}): Promise<TransferSnapshot> {
  bed.server.serve('/file.bin', file);
  const target = path.join(bed.dir, 'file.bin');
  const t = await bed.service.createDownload({ url: bed.server.url('/file.bin'), path: target, mirrors: mirrorUrls, ...extra });
  const done = await waitFinal(bed.service, t.id, 90_000);
  expect(done.state).toBe('completed');
  expect(sha256File(target)).toBe(sha256(file.body));
  expect(listDir(bed.dir)).toEqual(['file.bin']);
  return done;
}

it('takes parts from a mirror with the same ETag at once, and a mirror slowed to a crawl loses its parts to the faster', async () => {
  const file = randomFile(SIZE, { rate: PER_CONNECTION });
  const [fast, crawl] = mirrors as [FaultServer, FaultServer];
  fast.serve('/copy.bin', file);
  crawl.serve('/slow.bin', { ...file, rate: 16 * 1024 });
  const done = await download(file, [fast.url('/copy.bin'), crawl.url('/slow.bin')], { credential: 'alice:s3cret', cookie: 'session=abc' });
  // Different ranges from both fast servers, each part proving the first answer's ETag.
  const mirrorAsked = fast.requestsFor('/copy.bin');
  expect(mirrorAsked.length).toBeGreaterThan(0);
  expect(mirrorAsked.every((r) => r.status === 206 && r.ifRange === file.etag && /^bytes=\d+-\d+$/.test(r.range ?? ''))).toBe(true);
  expect(fast.bytesSent).toBeGreaterThan(0);
  // The login and the cookie stay with the download's own origin.
  expect(bed.server.requestsFor('/file.bin')[0]).toMatchObject({ authorization: expect.stringMatching(/^Basic /), cookie: 'session=abc' });
  expect([...mirrorAsked, ...crawl.requestsFor('/slow.bin')].every((r) => r.authorization === undefined && r.cookie === undefined)).toBe(true);
  // Most bytes from the fast ones; the crawl sent little, and the details say why it stopped.
  console.log(`mirror bytes: own ${bed.server.bytesSent}, fast mirror ${fast.bytesSent}, crawl ${crawl.bytesSent} (file ${SIZE})`);
  expect(bed.server.bytesSent + fast.bytesSent).toBeGreaterThan(SIZE * 0.9);
  // About ten seconds of the crawl (its window: segments/slow-source.ts); without the rule it kept ~1.2 MB of parts.
  expect(crawl.bytesSent).toBeLessThan(SIZE * 0.05);
  const sources = done.segments!.sources;
  expect(sources.map((s) => s.address)).toEqual([bed.server.url('/file.bin'), fast.url('/copy.bin'), crawl.url('/slow.bin')]);
  expect(sources[1]!.bytes).toBeGreaterThan(0);
  expect(sources.every((s) => s.connections === 0)).toBe(true);
  expect(sources[2]!.unused).toMatch(/^much slower than another address/);
  expect(done.retries.map((r) => r.message).join('\n')).not.toMatch(/starting over/);
}, 120_000);

it('never takes a byte from a mirror that answers another ETag when no checksum was given, and says why', async () => {
  const file = randomFile(SIZE, { rate: PER_CONNECTION });
  const [other] = mirrors as [FaultServer];
  other.serve('/copy.bin', { ...file, etag: '"another-version"' });
  const done = await download(file, [other.url('/copy.bin')]);
  // Asked once, with the first answer's ETag in If-Range: its whole 200 was not written and it was asked no more.
  expect(other.requestsFor('/copy.bin')).toMatchObject([{ ifRange: file.etag, status: 200 }]);
  expect(done.segments!.sources[1]).toMatchObject({ address: other.url('/copy.bin'), bytes: 0, unused: expect.stringMatching(/changed/) });
  expect(done.retries.map((r) => r.message)).toContain(`${other.url('/copy.bin')} serves no parts of this download: ${done.segments!.sources[1]!.unused}`);
  expect(done.retries.map((r) => r.message).join('\n')).not.toMatch(/starting over/);
}, 120_000);

it('shares ranges with a mirror of another ETag when a checksum vouches for the bytes, and the checksum verifies', async () => {
  const file = randomFile(SIZE, { rate: PER_CONNECTION });
  const [copy] = mirrors as [FaultServer];
  copy.serve('/copy.bin', { body: file.body, etag: '"another-server"', lastModified: null, rate: PER_CONNECTION });
  const done = await download(file, [copy.url('/copy.bin')], { checksum: `sha256:${sha256(file.body)}` });
  const asked = copy.requestsFor('/copy.bin');
  // Ranges without the other server's validator: the same total and the checksum prove them.
  expect(asked.length).toBeGreaterThan(0);
  expect(asked.every((r) => r.status === 206 && r.ifRange === undefined)).toBe(true);
  expect(done.segments!.sources[1]!.bytes).toBeGreaterThan(0);
  expect(done.checksum).toMatchObject({ source: 'given', verified: true });
}, 120_000);

it('gives a part back when a mirror resets its connection mid-range, and goes on', async () => {
  const file = randomFile(SIZE, { rate: PER_CONNECTION });
  const [flaky] = mirrors as [FaultServer];
  flaky.serve('/copy.bin', file, [{ kind: 'reset', afterBytes: 300_000 }]);
  const done = await download(file, [flaky.url('/copy.bin')]);
  const asked = flaky.requestsFor('/copy.bin');
  expect(asked[0]).toMatchObject({ status: 206, ifRange: file.etag });
  // One reset does not drop the mirror: it is asked for parts again.
  expect(asked.length).toBeGreaterThan(1);
  expect(done.segments!.sources[1]!.unused).toBeNull();
  expect(done.retries.map((r) => r.message).join('\n')).not.toMatch(/starting over/);
}, 120_000);

it('never takes a byte from a mirror with the same ETag but another size, and says why', async () => {
  const file = randomFile(SIZE, { rate: PER_CONNECTION });
  const [longer] = mirrors as [FaultServer];
  longer.serve('/copy.bin', { body: Buffer.concat([file.body, Buffer.from('more')]), etag: file.etag!, lastModified: file.lastModified! });
  const done = await download(file, [longer.url('/copy.bin')]);
  // Its 206 stated another total: nothing of it was written, and it was asked no more.
  expect(longer.requestsFor('/copy.bin')).toMatchObject([{ ifRange: file.etag, status: 206 }]);
  expect(done.segments!.sources[1]).toMatchObject({ bytes: 0, unused: expect.stringMatching(/^it holds another version of the file/) });
}, 120_000);
