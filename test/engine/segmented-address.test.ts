// Where a segmented download's extra connections ask: the first answer's final address (after its
// redirects), never the redirector again (it may hand each connection another mirror or another
// file); an expired final address is re-resolved through the given one once; secrets stay with the
// origin they were given for; and a download continued after a restart splices nothing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256, type Fault, type RequestLog, type ServedFile } from '../helpers/fault-server.ts';
import type { TransferSnapshot } from '../../shared/model.ts';
import { listDir, makeService, sha256File, useEngineTestBed, waitFinal } from '../helpers/engine.ts';
import { throwawaySecret } from '../helpers/secrets.ts';
import { MemoryJobStore } from '../../electron/engine/state/store.ts';
import { buildDownloadRecord } from '../../electron/engine/intake/download-request.ts';
import { emptyState } from '../../electron/engine/state/records.ts';
import { identityOf } from '../../electron/engine/storage/part-file.ts';
import { SPLIT_ALIGN } from '../../electron/engine/segments/plan.ts';

const SIZE = 12 * 1024 * 1024 + 4321;
const PER_CONNECTION = 4 * 1024 * 1024;
const bed = useEngineTestBed();

/** The same fault for every request after the listed ones (more than a test makes). */
const always = (fault: Fault): Fault[] => Array.from({ length: 200 }, () => fault);
/** The same length and type, other bytes and validators. */
const otherFile = (): ServedFile => randomFile(SIZE, { rate: PER_CONNECTION, lastModified: new Date(Date.now() - 5_000).toUTCString() });
const ranged = (requests: RequestLog[]): RequestLog[] => requests.filter((r) => r.range !== undefined);

/** /file redirects to `first` once, then to `then` for good (a redirector handing out mirrors or signed URLs). */
function redirector(first: string, then: string): void {
  bed.server.serve('/file', randomFile(1), [{ kind: 'redirect', location: first }, ...always({ kind: 'redirect', location: then })]);
}

/** Downloads /file over `connections`: completed, and exactly `expected` on disk. */
async function downloadIs(expected: ServedFile, connections: number): Promise<TransferSnapshot> {
  const t = await bed.service.createDownload({ url: bed.server.url('/file'), path: path.join(bed.dir, 'file.bin'), connections });
  const done = await waitFinal(bed.service, t.id, 60_000);
  expect(done.state).toBe('completed');
  expect(sha256File(path.join(bed.dir, 'file.bin'))).toBe(sha256(expected.body));
  expect(listDir(bed.dir)).toEqual(['file.bin']);
  return done;
}

describe('the address of extra connections', () => {
  it('is the first answer\'s final URL: a redirector that moves on to another file splices nothing', async () => {
    const a = randomFile(SIZE, { rate: PER_CONNECTION });
    const b = otherFile();
    bed.server.serve('/a', a).serve('/b', b);
    redirector('/a', '/b');
    const done = await downloadIs(a, 4);
    expect(bed.server.requestsFor('/file')).toHaveLength(1);
    expect(bed.server.requestsFor('/b')).toEqual([]);
    const parts = ranged(bed.server.requestsFor('/a'));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts.every((r) => r.ifRange === a.etag && /^bytes=\d+-\d+$/.test(r.range!) && r.status === 206)).toBe(true);
    expect(done.retries).toEqual([]);
  });

  it('goes back through the given address once when the final one expired, and takes its new end for the same file', async () => {
    const a = randomFile(SIZE, { rate: PER_CONNECTION });
    // A signed URL: it served the first answer, then it expired; the redirector signs a new one.
    bed.server.serve('/signed1', a, [{ kind: 'none' }, ...always({ kind: 'status', code: 403 })]).serve('/signed2', a);
    redirector('/signed1', '/signed2');
    const done = await downloadIs(a, 3);
    expect(ranged(bed.server.requestsFor('/signed1')).every((r) => r.status === 403)).toBe(true);
    // The first answer, then the one way back (with its part's Range and If-Range).
    const viaGiven = bed.server.requestsFor('/file');
    expect(viaGiven).toHaveLength(2);
    expect(viaGiven[1]).toMatchObject({ ifRange: a.etag });
    expect(viaGiven[1]!.range).toMatch(/^bytes=\d+-\d+$/);
    expect(ranged(bed.server.requestsFor('/signed2')).filter((r) => r.status === 206).length).toBeGreaterThanOrEqual(2);
    expect(done.retries).toEqual([]);
    expect(done.segments?.serverLimit).toBeNull();
  });

  it('starts over when the re-resolved address serves another file', async () => {
    const a = randomFile(SIZE, { rate: PER_CONNECTION });
    const b = otherFile();
    bed.server.serve('/signed1', a, [{ kind: 'none' }, ...always({ kind: 'status', code: 410 })]).serve('/other', b);
    redirector('/signed1', '/other');
    const done = await downloadIs(b, 3);
    expect(done.retries.map((r) => r.status)).toEqual(['ResourceChanged']);
    // The first answer, the way back, the start over: no loop.
    expect(bed.server.requestsFor('/file')).toHaveLength(3);
  });

  it('stops adding connections when the re-resolved address expired too: once, never a loop', async () => {
    const a = randomFile(SIZE, { rate: PER_CONNECTION });
    bed.server.serve('/signed1', a, [{ kind: 'none' }, ...always({ kind: 'status', code: 404 })]);
    bed.server.serve('/signed2', a, always({ kind: 'status', code: 410 }));
    redirector('/signed1', '/signed2');
    const done = await downloadIs(a, 3);
    expect(bed.server.requestsFor('/file')).toHaveLength(2);
    expect(bed.server.requestsFor('/signed2')).toHaveLength(1);
    expect(done.retries).toEqual([]);
  });

  it('carries no Authorization, cookie, login or secret header to a final URL on another origin', async () => {
    const other = await new FaultServer().start();
    try {
      const file = randomFile(SIZE, { rate: PER_CONNECTION });
      other.serve('/landing.bin', file);
      bed.server.serve('/start', randomFile(1), always({ kind: 'redirect', location: other.url('/landing.bin') }));
      const authorization = throwawaySecret('Bearer ');
      const apiKey = throwawaySecret();
      const cookie = throwawaySecret('session=');
      const t = await bed.service.createDownload({
        url: bed.server.url('/start'),
        path: path.join(bed.dir, 'landing.bin'),
        connections: 3,
        headers: { Authorization: authorization, 'X-Api-Key': apiKey, 'X-Trace': 'kept' },
        cookie,
        credential: `user:${throwawaySecret()}`,
      });
      const done = await waitFinal(bed.service, t.id, 60_000);
      expect(done.state).toBe('completed');
      expect(sha256File(path.join(bed.dir, 'landing.bin'))).toBe(sha256(file.body));
      expect(bed.server.requestsFor('/start')).toHaveLength(1);
      expect(bed.server.requestsFor('/start')[0]).toMatchObject({ authorization, cookie });
      const landed = other.requestsFor('/landing.bin');
      expect(ranged(landed).length).toBeGreaterThanOrEqual(2);
      for (const request of landed) {
        expect(request).toMatchObject({ authorization: undefined, cookie: undefined });
        expect(request.headers['x-api-key']).toBeUndefined();
        expect(request.headers['x-trace']).toBe('kept');
      }
    } finally {
      await other.close();
    }
  });
});

describe('a segmented download continued after a restart', () => {
  /** A service started on a saved segmented record of `a` at /file, with `done` on disk (the rest zeros). */
  async function restartWith(a: ServedFile, done: Array<[number, number]>) {
    await bed.service.shutdown();
    const target = path.join(bed.dir, 'file.bin');
    const onDisk = Buffer.alloc(SIZE);
    for (const [start, end] of done) a.body.copy(onDisk, start, start, end);
    fs.writeFileSync(`${target}.part`, onDisk);
    const { record } = buildDownloadRecord({ url: bed.server.url('/file'), path: target, connections: 4 }, { seq: 1, defaultDir: bed.dir });
    Object.assign(record, {
      state: 'running',
      totalBytes: SIZE,
      bytesDurable: done.reduce((sum, [start, end]) => sum + end - start, 0),
      doneRanges: done,
      partIdentity: identityOf(fs.statSync(`${target}.part`)),
      protocolState: { protocol: 'http', etag: a.etag, lastModified: a.lastModified, mediaType: 'application/octet-stream' },
    });
    const store = new MemoryJobStore();
    store.save({ ...emptyState(), seq: record.seq, operations: { [record.id]: record } });
    bed.service = await makeService(bed.dir, { store });
    return { id: record.id, target };
  }

  it('asks its extra connections at the final URL its first answer came from', async () => {
    const a = randomFile(SIZE, { rate: PER_CONNECTION });
    bed.server.serve('/a', a).serve('/b', otherFile());
    redirector('/a', '/b');
    const kept = 4 * SPLIT_ALIGN * 16;
    const { id, target } = await restartWith(a, [[0, kept]]);
    const done = await waitFinal(bed.service, id, 60_000);
    expect(done.state).toBe('completed');
    expect(sha256File(target)).toBe(sha256(a.body));
    expect(bed.server.requestsFor('/file')).toMatchObject([{ range: `bytes=${kept}-`, ifRange: a.etag }]);
    expect(bed.server.requestsFor('/b')).toEqual([]);
    expect(ranged(bed.server.requestsFor('/a')).length).toBeGreaterThanOrEqual(2);
    expect(done.retries).toEqual([]);
  });

  it('starts over, never splices, when the first hole is answered with a part of another file', async () => {
    const a = randomFile(SIZE, { rate: PER_CONNECTION });
    // Another mirror, whose server does not know If-Range: it sends its own bytes for the part asked.
    const b = otherFile();
    bed.server.serve('/b', b, [{ kind: 'ignoreIfRange' }]);
    bed.server.serve('/file', randomFile(1), always({ kind: 'redirect', location: '/b' }));
    const hole = 4 * SPLIT_ALIGN * 16;
    const { id, target } = await restartWith(a, [[hole, SIZE]]);
    const done = await waitFinal(bed.service, id, 60_000);
    expect(done.state).toBe('completed');
    expect(bed.server.requestsFor('/b')[0]).toMatchObject({ range: `bytes=0-${hole - 1}`, status: 206 });
    expect(sha256File(target)).toBe(sha256(b.body));
    expect(done.retries.map((r) => r.status)).toEqual(['ResourceChanged']);
  });
});

describe('what is remembered of a server\'s limit', () => {
  it('is kept under the origin that refused a connection, not the one the first answer came from', async () => {
    const limited = await new FaultServer().start();
    try {
      // Slow enough that the second download's ramp judges a window before its tail.
      const a = randomFile(6 * 1024 * 1024, { rate: 1024 * 1024 });
      // The first answer comes from /signed1, which then expires; the redirector signs a new URL on
      // another server, which sends at most two answers at once (503 past them).
      limited.limitAnswers(2).serve('/signed2', a);
      bed.server.serve('/signed1', a, [{ kind: 'none' }, ...always({ kind: 'status', code: 403 })]);
      redirector('/signed1', limited.url('/signed2'));
      // Four at once (not the ramp, whose windows a loaded machine stretches past the tail): the
      // limited server is asked for three parts while the first answer streams from /signed1.
      const first = await bed.service.createDownload({ url: bed.server.url('/file'), path: path.join(bed.dir, 'first.bin'), connections: 4 });
      expect((await waitFinal(bed.service, first.id, 60_000)).state).toBe('completed');
      expect(sha256File(path.join(bed.dir, 'first.bin'))).toBe(sha256(a.body));
      const metTheLimit = limited.requestsFor('/signed2').length;
      expect(limited.requestsFor('/signed2').some((r) => r.status === 503)).toBe(true);
      expect(bed.server.requestsFor('/signed1').some((r) => r.status === 503)).toBe(false);

      // A later download from the limited server tries one more than it took at most (3), not the
      // ramp's doubling to 4: at most one connection refused.
      const second = await bed.service.createDownload({ url: limited.url('/signed2'), path: path.join(bed.dir, 'second.bin') });
      const done = await waitFinal(bed.service, second.id, 60_000);
      expect(done.state).toBe('completed');
      expect(sha256File(path.join(bed.dir, 'second.bin'))).toBe(sha256(a.body));
      expect(limited.requestsFor('/signed2').slice(metTheLimit).filter((r) => r.status === 503).length).toBeLessThanOrEqual(1);
      expect(done.retries).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});
