// The attempt knows no protocol: any DownloadSource's body lands in the part file with durable
// checkpoints, and its other answers (complete, last byte, start over) are handled the same way.
// The source here is a buffer in memory, as an FTP or segmented source would be another file.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { runDownloadAttempt, type AttemptInput } from '../../electron/engine/download/download-attempt.ts';
import type { DownloadSource, SourceOpening, SourceRequest } from '../../electron/engine/protocols/download-source.ts';
import { tempDir } from '../helpers/engine.ts';
import { UNLIMITED } from '../../electron/engine/pipe/token-bucket.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function bufferSource(data: Buffer, opened: SourceRequest[] = []): DownloadSource {
  return {
    async open(request): Promise<SourceOpening> {
      opened.push(request);
      if (request.offset === data.length) return { kind: 'lastByte', byte: data[data.length - 1]! };
      const answer = { finalUrl: request.url, suggestedName: 'memory.bin', contentEncoding: undefined, contentType: undefined, total: data.length, facts: { protocol: 'http' as const, etag: '"m"', lastModified: null }, offset: request.offset, restartReason: null, splittable: false };
      return { kind: 'body', answer, body: Readable.from([data.subarray(request.offset, request.offset + 70_000), data.subarray(request.offset + 70_000)]) };
    },
  };
}

function input(partPath: string, offset: number, durable: number[]): AttemptInput {
  return {
    url: 'memory://x',
    headers: {},
    credential: null,
    offset,
    partPath: offset > 0 ? partPath : null,
    knownTotal: null,
    end: null,
    facts: null,
    connectTimeoutMs: 1000,
    responseTimeoutMs: 1000,
    flow: { stallTimeoutMs: 5000, speedFloorBytesPerSec: 0, speedFloorWindowMs: 60_000 },
    pacer: UNLIMITED,
    signal: new AbortController().signal,
    preparePart: async () => ({ partPath, identity: null, segments: null }),
    onPartOpened: () => undefined,
    onWritten: () => undefined,
    onDurable: (bytes) => durable.push(bytes),
  };
}

it('writes any source body into the part file and resumes it from an offset', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const data = randomBytes(200_000);
  const part = path.join(dir, 'memory.bin.part');
  const opened: SourceRequest[] = [];
  const durable: number[] = [];
  fs.writeFileSync(part, data.subarray(0, 50_000));
  expect(await runDownloadAttempt(bufferSource(data, opened), input(part, 50_000, durable))).toEqual({ kind: 'complete', bytes: 200_000, total: 200_000 });
  expect(fs.readFileSync(part).equals(data)).toBe(true);
  expect(opened.map((r) => r.offset)).toEqual([50_000]);
  expect(durable.at(-1)).toBe(200_000);

  // Every byte on disk: the source's last byte decides.
  expect(await runDownloadAttempt(bufferSource(data), input(part, 200_000, []))).toMatchObject({ kind: 'complete' });
  const other = Buffer.from(data);
  other[other.length - 1] = other[other.length - 1]! ^ 1;
  expect(await runDownloadAttempt(bufferSource(other), input(part, 200_000, []))).toMatchObject({ kind: 'retryFromZero' });
});
