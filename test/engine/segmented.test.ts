// Downloads over several connections from a server the test runs: real bytes, sha256, the ranges
// each connection asked for, and what is left on disk, through the faults a server that limits or
// changes things shows.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomFile, sha256, type Fault, type RequestLog, type ServedFile } from '../helpers/fault-server.ts';
import type { TransferSnapshot } from '../../shared/model.ts';
import { listDir, sha256File, useEngineTestBed, waitFinal } from '../helpers/engine.ts';
import { SPLIT_ALIGN } from '../../electron/engine/segments/plan.ts';

const SIZE = 12 * 1024 * 1024 + 4321;
/** Each answer this fast: slow enough that connections overlap, fast enough for a test. */
const PER_CONNECTION = 4 * 1024 * 1024;
const bed = useEngineTestBed();

/** The byte ranges asked for ("bytes=a-b"), as [a, b] (b: null when open-ended). */
function ranges(requests: RequestLog[]): Array<[number, number | null]> {
  return requests.flatMap((r) => {
    const match = /^bytes=(\d+)-(\d*)$/.exec(r.range ?? '');
    return match ? [[Number(match[1]), match[2] ? Number(match[2]) : null] as [number, number | null]] : [];
  });
}

/** Serves `served` at /name with `faults` and downloads it: completed, exactly `expected` on disk, nothing else. */
async function downloadIs(name: string, served: ServedFile, faults: Fault[], expected = served): Promise<TransferSnapshot> {
  bed.server.serve(`/${name}`, served, faults);
  const t = await bed.service.createDownload({ url: bed.server.url(`/${name}`), path: path.join(bed.dir, `${name}.bin`) });
  const done = await waitFinal(bed.service, t.id, 60_000);
  expect(done.state).toBe('completed');
  expect(sha256File(path.join(bed.dir, `${name}.bin`))).toBe(sha256(expected.body));
  expect(listDir(bed.dir)).toEqual([`${name}.bin`]);
  return done;
}

describe('segmented downloads', () => {
  it('fetches a file over several connections, each its own part, and splices nothing', async () => {
    // Slow enough per connection that the ramp adds more after its first window.
    const file = randomFile(SIZE, { rate: PER_CONNECTION / 4 });
    bed.server.serve('/big', file);
    const t = await bed.service.createDownload({ url: bed.server.url('/big'), path: path.join(bed.dir, 'big.bin') });
    const done = await waitFinal(bed.service, t.id, 60_000);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(bed.dir, 'big.bin'))).toBe(sha256(file.body));
    expect(listDir(bed.dir)).toEqual(['big.bin']);
    const asked = ranges(bed.server.requestsFor('/big'));
    // The first request is the plain one; the others ask for bounded parts, each proving the version.
    expect(bed.server.requestsFor('/big')[0]!.range).toBeUndefined();
    expect(asked.length).toBeGreaterThanOrEqual(3);
    for (const [start, end] of asked) {
      expect(start % SPLIT_ALIGN).toBe(0);
      expect(end).not.toBeNull();
    }
    expect(bed.server.requestsFor('/big').slice(1).every((r) => r.ifRange === file.etag)).toBe(true);
    expect(done.retries).toEqual([]);
    expect(done.segments?.done).toEqual([[0, SIZE]]);
  });

  it('goes on with the connections that stream when the server refuses more (503), and says so', async () => {
    const file = randomFile(SIZE, { rate: PER_CONNECTION });
    bed.server.serve('/limited', file, [{ kind: 'none' }, { kind: 'status', code: 503, headers: { 'retry-after': '1' } }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/limited'), path: path.join(bed.dir, 'limited.bin') });
    const done = await waitFinal(bed.service, t.id, 60_000);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(bed.dir, 'limited.bin'))).toBe(sha256(file.body));
    expect(bed.server.requestsFor('/limited')[1]!.status).toBe(503);
    // The server's limit, said where connections are shown; not a retry, not an error.
    expect(done.segments?.serverLimit).toBe(1);
    expect(done.retries).toEqual([]);
    expect(done.error).toBeNull();
  });

  it.each([429, 403])('takes a %i to an extra connection as the server\'s limit too, and leaves no gap', async (code) => {
    const file = randomFile(SIZE, { rate: PER_CONNECTION });
    bed.server.serve(`/refused${code}`, file, [{ kind: 'none' }, { kind: 'status', code }]);
    const t = await bed.service.createDownload({ url: bed.server.url(`/refused${code}`), path: path.join(bed.dir, `refused${code}.bin`) });
    const done = await waitFinal(bed.service, t.id, 60_000);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(bed.dir, `refused${code}.bin`))).toBe(sha256(file.body));
    expect(done.segments?.serverLimit).toBe(1);
    expect(done.retries).toEqual([]);
  });

  it('never writes a whole-file answer (200) to a part at its offset', async () => {
    const file = randomFile(SIZE, { rate: PER_CONNECTION });
    bed.server.serve('/norange', file, [{ kind: 'none' }, { kind: 'ignoreRange' }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/norange'), path: path.join(bed.dir, 'norange.bin') });
    const done = await waitFinal(bed.service, t.id, 60_000);
    expect(done.state).toBe('completed');
    expect(bed.server.requestsFor('/norange')[1]!.status).toBe(200);
    expect(sha256File(path.join(bed.dir, 'norange.bin'))).toBe(sha256(file.body));
  });

  it('takes a whole answer (200) of the same version as the server\'s limit, also when it leaves out Last-Modified', async () => {
    // Its strong ETag proves the version: a whole answer that differs only in what it leaves out is
    // the server not splitting, never a reason to throw away what the others fetched.
    const file = randomFile(SIZE, { rate: PER_CONNECTION });
    bed.server.serve('/whole', file, [{ kind: 'none' }, { kind: 'ignoreRange', omit: ['last-modified'] }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/whole'), path: path.join(bed.dir, 'whole.bin') });
    const done = await waitFinal(bed.service, t.id, 60_000);
    expect(done.state).toBe('completed');
    expect(bed.server.requestsFor('/whole')[1]!.status).toBe(200);
    expect(sha256File(path.join(bed.dir, 'whole.bin'))).toBe(sha256(file.body));
    expect(done.retries).toEqual([]);
    expect(done.segments?.serverLimit).toBe(1);
    // One plain request, the refused one, and parts: never the whole file asked again from zero.
    expect(bed.server.requestsFor('/whole').filter((r) => r.range === undefined)).toHaveLength(1);
  });

  it('starts over when the file changes on the server mid-download, and the result is the new file whole', async () => {
    const file = randomFile(SIZE, { rate: PER_CONNECTION });
    const changed = randomFile(SIZE, { rate: PER_CONNECTION });
    const done = await downloadIs('changing', file, [{ kind: 'none' }, { kind: 'replace', file: changed }], changed);
    expect(done.retries.map((r) => r.status)).toContain('ResourceChanged');
  });

  it('starts over on one connection when an extra connection is answered a part other than the one asked for', async () => {
    const file = randomFile(SIZE, { rate: PER_CONNECTION });
    // Content-Range 64 KiB further than the part asked: the same file, the wrong place.
    const done = await downloadIs('shifted', file, [{ kind: 'none' }, { kind: 'forge', shift: SPLIT_ALIGN }]);
    const requests = bed.server.requestsFor('/shifted');
    expect(requests[1]!.status).toBe(206);
    expect(done.retries.map((r) => r.status)).toEqual(['ResourceChanged']);
    // Started over without a Range, and no part asked after that: a server that misplaces parts gets one connection.
    const restart = requests.findIndex((r, i) => i > 1 && r.range === undefined);
    expect(restart).toBeGreaterThan(1);
    expect(requests.slice(restart + 1)).toEqual([]);
  });

  it('starts over when an extra connection\'s answer gives the file another length', async () => {
    const file = randomFile(SIZE, { rate: PER_CONNECTION });
    const done = await downloadIs('longer', file, [{ kind: 'none' }, { kind: 'forge', total: SIZE + 1 }]);
    expect(done.retries.map((r) => r.status)).toEqual(['ResourceChanged']);
    expect(done.retries[0]!.message).toMatch(/size|length/);
    // Not taken for the server's limit.
    expect(done.segments?.serverLimit).toBeNull();
  });

  it('fetches a part again after its connection is reset, and only that part', async () => {
    const file = randomFile(SIZE, { rate: PER_CONNECTION });
    bed.server.serve('/reset', file, [{ kind: 'none' }, { kind: 'reset', afterBytes: 1_000_000 }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/reset'), path: path.join(bed.dir, 'reset.bin') });
    const done = await waitFinal(bed.service, t.id, 60_000);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(bed.dir, 'reset.bin'))).toBe(sha256(file.body));
    expect(bed.server.bytesSent).toBeLessThan(SIZE + 2_000_000);
  });

  it('does not wait for a connection slowed to a crawl: another takes over its part', async () => {
    const file = randomFile(SIZE, { rate: PER_CONNECTION });
    // The second connection crawls at 64 kB/s: alone it would need over a minute for its half.
    bed.server.serve('/straggler', file, [{ kind: 'none' }, { kind: 'rate', bytesPerSec: 64 * 1024 }]);
    const t = await bed.service.createDownload({ url: bed.server.url('/straggler'), path: path.join(bed.dir, 'straggler.bin') });
    const done = await waitFinal(bed.service, t.id, 60_000);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(bed.dir, 'straggler.bin'))).toBe(sha256(file.body));
    const requests = bed.server.requestsFor('/straggler');
    const [slowStart, slowEnd] = ranges([requests[1]!])[0]!;
    // Another connection asked for bytes inside the slow one's part: it was taken from it.
    const helpers = ranges(requests.slice(2)).filter(([start]) => start > slowStart && start <= (slowEnd ?? SIZE));
    expect(helpers.length).toBeGreaterThan(0);
  });

  it('uses one connection when asked to', async () => {
    const file = randomFile(SIZE);
    bed.server.serve('/one', file);
    const t = await bed.service.createDownload({ url: bed.server.url('/one'), path: path.join(bed.dir, 'one.bin'), connections: 1 });
    const done = await waitFinal(bed.service, t.id, 60_000);
    expect(done.state).toBe('completed');
    expect(bed.server.requestsFor('/one')).toHaveLength(1);
    expect(done.segments).toBeNull();
    expect(fs.existsSync(path.join(bed.dir, 'one.bin'))).toBe(true);
  });

  it('uses one connection for a weak validator or an encoded body', async () => {
    const weak = randomFile(SIZE, { etag: 'W/"weak"', lastModified: null });
    bed.server.serve('/weak', weak);
    const t = await bed.service.createDownload({ url: bed.server.url('/weak'), path: path.join(bed.dir, 'weak.bin') });
    expect((await waitFinal(bed.service, t.id, 60_000)).state).toBe('completed');
    expect(bed.server.requestsFor('/weak')).toHaveLength(1);
    expect(sha256File(path.join(bed.dir, 'weak.bin'))).toBe(sha256(weak.body));
  });
});
