// Downloads real bytes from a server that misbehaves on purpose; checks sha256, status, disk.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { listDir, sha256File, useEngineTestBed, waitFinal, waitFor } from '../helpers/engine.ts';

const SIZE = 3 * 1024 * 1024 + 17;
const bed = useEngineTestBed();

describe('downloads through faults', () => {
  it('downloads a file whole and leaves no part file', async () => {
    const file = randomFile(SIZE);
    bed.server.serve('/data/file.bin', file);
    const t = await bed.service.createDownload({ url: bed.server.url('/data/file.bin') });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    expect(done.path).toBe(path.join(bed.dir, 'file.bin'));
    expect(sha256File(done.path!)).toBe(sha256(file.body));
    expect(listDir(bed.dir)).toEqual(['file.bin']);
    expect(done.bytesTransferred).toBe(SIZE);
  });

  it('resumes after a connection reset mid-body with Range + If-Range', async () => {
    const file = randomFile(SIZE);
    bed.server.serve('/f', file, [{ kind: 'reset', afterBytes: 1_000_000 }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/f'), path: path.join(bed.dir, 'out.bin') });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(bed.dir, 'out.bin'))).toBe(sha256(file.body));
    const [first, second] = bed.server.requestsFor('/f');
    expect(first?.range).toBeUndefined();
    expect(second?.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(second!.range!)![0])).toBeGreaterThan(0);
    expect(second?.ifRange).toBe(file.etag);
    expect(second?.status).toBe(206);
    expect(done.retries.map((r) => r.status)).toEqual(['ConnectionReset']);
    expect(bed.server.bytesSent).toBeLessThan(SIZE + 1_000_000);
    expect(listDir(bed.dir)).toEqual(['out.bin']);
  });

  it('reconnects after a stall and finishes', async () => {
    const file = randomFile(SIZE);
    bed.server.serve('/s', file, [{ kind: 'stall', afterBytes: 500_000 }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/s'), path: path.join(bed.dir, 's.bin') });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(bed.dir, 's.bin'))).toBe(sha256(file.body));
    expect(done.retries[0]?.status).toBe('Timeout');
    expect(done.retries[0]?.message).toMatch(/no data arrived/);
    expect(bed.server.requestsFor('/s')[1]?.range).toMatch(/^bytes=[1-9]\d*-$/);
  });

  it('reconnects from a trickle that never falls silent (under the speed floor) and finishes', async () => {
    await bed.service.setSettings({ speedFloorBytesPerSec: 1000, speedFloorWindowMs: 2000 });
    const file = randomFile(SIZE);
    // A byte every 300 ms: the 1 s stall clock never runs out, the floor does.
    bed.server.serve('/trickle', file, [{ kind: 'trickle', afterBytes: 500_000, everyMs: 300 }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/trickle'), path: path.join(bed.dir, 'trickle.bin') });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(bed.dir, 'trickle.bin'))).toBe(sha256(file.body));
    expect(done.retries).toHaveLength(1);
    expect(done.retries[0]).toMatchObject({ status: 'Timeout' });
    expect(done.retries[0]!.message).toMatch(/^data arrived at \d+ B\/s over the last 2 s, below the floor of 1\.0 kB\/s \(speedFloorBytesPerSec\); reconnecting$/);
    // It went on from the bytes on disk, the trickled ones included.
    expect(Number(/bytes=(\d+)-/.exec(bed.server.requestsFor('/trickle')[1]!.range!)![1])).toBeGreaterThanOrEqual(500_000);
  });

  it('leaves a slow download above the floor alone', async () => {
    await bed.service.setSettings({ speedFloorBytesPerSec: 10_000, speedFloorWindowMs: 1000 });
    const file = randomFile(120_000, { rate: 40_000 });
    bed.server.serve('/slow', file);
    const t = await bed.service.createDownload({ url: bed.server.url('/slow'), path: path.join(bed.dir, 'slow.bin') });
    const done = await waitFinal(bed.service, t.id);
    expect(done).toMatchObject({ state: 'completed', retries: [] });
    expect(sha256File(path.join(bed.dir, 'slow.bin'))).toBe(sha256(file.body));
  });

  it('treats a body shorter than its Content-Length as retryable and resumes', async () => {
    const file = randomFile(SIZE);
    bed.server.serve('/t', file, [{ kind: 'truncate', afterBytes: 700_000 }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/t'), path: path.join(bed.dir, 't.bin') });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(bed.dir, 't.bin'))).toBe(sha256(file.body));
    expect(done.retries[0]?.status).toBe('ConnectionReset');
    expect(bed.server.requestsFor('/t')[1]?.range).toBe('bytes=700000-');
    expect(bed.server.requestsFor('/t')[1]?.status).toBe(206);
  });

  it('restarts from zero when the server answers a Range request with 200', async () => {
    const file = randomFile(SIZE);
    bed.server.serve('/r', file, [{ kind: 'reset', afterBytes: 900_000 }, { kind: 'ignoreRange' }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/r'), path: path.join(bed.dir, 'r.bin') });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(bed.dir, 'r.bin'))).toBe(sha256(file.body));
    expect(bed.server.requestsFor('/r')[1]?.status).toBe(200);
    expect(done.retries.map((r) => r.status)).toEqual(['ConnectionReset', 'ResourceChanged']);
  });

  it('never splices two versions: a changed ETag restarts from zero with the new file', async () => {
    const v1 = randomFile(SIZE);
    const v2 = randomFile(SIZE + 1000);
    bed.server.serve('/c', v1, [{ kind: 'reset', afterBytes: 1_200_000 }, { kind: 'replace', file: v2 }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/c'), path: path.join(bed.dir, 'c.bin') });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    const got = sha256File(path.join(bed.dir, 'c.bin'));
    expect(got).toBe(sha256(v2.body));
    expect(got).not.toBe(sha256(v1.body));
    expect(fs.statSync(path.join(bed.dir, 'c.bin')).size).toBe(SIZE + 1000);
    const second = bed.server.requestsFor('/c')[1];
    expect(second?.ifRange).toBe(v1.etag);
    expect(second?.status).toBe(200);
  });

  it('restarts from zero when the server gives only a weak ETag (cannot prove the file is unchanged)', async () => {
    const file = randomFile(SIZE, { etag: 'W/"weak"', lastModified: null });
    bed.server.serve('/w', file, [{ kind: 'reset', afterBytes: 800_000 }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/w'), path: path.join(bed.dir, 'w.bin') });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(bed.dir, 'w.bin'))).toBe(sha256(file.body));
    const second = bed.server.requestsFor('/w')[1];
    expect(second?.range).toBeUndefined();
    expect(second?.ifRange).toBeUndefined();
  });

  it('uses Last-Modified in If-Range when there is no strong ETag', async () => {
    const file = randomFile(SIZE, { etag: null });
    bed.server.serve('/lm', file, [{ kind: 'reset', afterBytes: 800_000 }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/lm'), path: path.join(bed.dir, 'lm.bin') });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    expect(bed.server.requestsFor('/lm')[1]?.ifRange).toBe(file.lastModified);
    expect(bed.server.requestsFor('/lm')[1]?.status).toBe(206);
    expect(sha256File(path.join(bed.dir, 'lm.bin'))).toBe(sha256(file.body));
  });

  it('honours Retry-After on 503 and then succeeds', async () => {
    const file = randomFile(100_000);
    bed.server.serve('/busy', file, [{ kind: 'status', code: 503, headers: { 'retry-after': '1' } }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/busy'), path: path.join(bed.dir, 'busy.bin') });
    const waiting = await waitFor(bed.service, t.id, (s) => s.state === 'retrying');
    expect(Date.parse(waiting.retryAt!)).toBeGreaterThan(Date.now() + 500);
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    const [first, second] = bed.server.requestsFor('/busy');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(done.retries).toMatchObject([{ status: 'ServiceUnavailable', httpStatus: 503 }]);
    expect(sha256File(path.join(bed.dir, 'busy.bin'))).toBe(sha256(file.body));
  });

  it('fails with TooManyRequests after the retries are spent on 429s', async () => {
    await bed.service.setSettings({ retries: 2 });
    const status = { kind: 'status', code: 429, headers: { 'retry-after': '0' } } as const;
    bed.server.serve('/limited', randomFile(1000), [status, status, status, status]);
    const t = await bed.service.createDownload({ url: bed.server.url('/limited'), path: path.join(bed.dir, 'l.bin') });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('failed');
    expect(done.error).toMatchObject({ status: 'TooManyRequests', httpStatus: 429 });
    expect(bed.server.requestsFor('/limited')).toHaveLength(3);
    expect(listDir(bed.dir)).toEqual([]);
  });

  it('fails at once with NotFound on 404, without retrying or leaving files', async () => {
    const t = await bed.service.createDownload({ url: bed.server.url('/missing.iso') });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('failed');
    expect(done.error?.status).toBe('NotFound');
    expect(done.error?.httpStatus).toBe(404);
    expect(done.error?.message).toContain('/missing.iso');
    expect(bed.server.requestsFor('/missing.iso')).toHaveLength(1);
    expect(listDir(bed.dir)).toEqual([]);
  });

  it('verifies a checksum and deletes a file that does not match', async () => {
    const file = randomFile(50_000);
    bed.server.serve('/sum', file);
    const good = await bed.service.createDownload({ url: bed.server.url('/sum'), path: path.join(bed.dir, 'good'), checksum: `sha256:${sha256(file.body)}` });
    expect((await waitFinal(bed.service, good.id)).state).toBe('completed');
    const bad = await bed.service.createDownload({ url: bed.server.url('/sum'), path: path.join(bed.dir, 'bad'), checksum: `sha256:${'0'.repeat(64)}` });
    const done = await waitFinal(bed.service, bad.id);
    expect(done.error?.status).toBe('ChecksumMismatch');
    expect(listDir(bed.dir)).toEqual(['good']);
  });
});
