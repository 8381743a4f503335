// The quick check of the state file's records must answer what zod does, for every record JSON
// could hold: each field of a valid download and upload record removed, or replaced by a value of
// each JSON type, at every depth.
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { checkFor } from '../../electron/engine/state/record-check.ts';
import { TransferRecordSchema } from '../../electron/engine/state/records.ts';

const history = [{ at: '2026-01-01T00:00:00.000Z', from: 'queued', to: 'running', reason: 'started' }];
const error = { status: 'NotFound', message: 'gone', httpStatus: 404 };
const common = {
  id: 'a', seq: 1, queueOrder: 1, url: 'http://example.com/f', state: 'completed', priority: 'default', costPolicy: 'default', group: 'g',
  headers: { Accept: 'x' }, secretHeaderNames: ['Cookie'], hasCredential: false, totalBytes: 10, limitBytesPerSec: null, error,
  retries: [{ at: 'x', status: 'Timeout', httpStatus: null, message: 'slow' }], history, createdAt: 'x', completedAt: null,
};
const download = {
  ...common, kind: 'download', requestedPath: null, dir: '/d', dirByCategory: true, path: '/d/f', connections: null, checksum: null, mirrors: ['http://mirror.example.com/f'], source: 1, newAddress: false, vouchedByChecksum: false, serverDigest: 'sha256:ab', verified: 'server', bytesDurable: 10, doneRanges: [[0, 4], [6, 12]],
  protocolState: { protocol: 'http', etag: '"e"', lastModified: null }, partIdentity: { dev: 1, ino: 2, birth: 3 }, decodeOnFinish: null, finalizing: false,
};
const upload = {
  ...common, kind: 'upload', protocol: 'multipart', method: 'POST',
  files: [{ path: '/f', field: 'file', name: 'f', contentType: 'text/plain', partHeaders: { 'X-A': 'b' }, size: 1, mtimeMs: 2 }],
  fields: [{ name: 'n', value: 'v' }], bytesConfirmed: 0, protocolState: { protocol: 'tus', uploadUrl: 'http://example.com/u/1' }, ownsFiles: false,
  response: { status: 200, body: 'ok', truncated: false, contentType: null, location: null },
};

/** Every value JSON can hold, of each type, and some the schemas name (states, kinds, ...). */
const replacements: unknown[] = [null, true, false, 0, -1, 1.5, '', 'x', 'download', 'upload', 'completed', 'PUT', 'tus', 'NotFound', [], ['x'], [1], {}, { a: 'b' }, { a: 1 }];

type Json = unknown;
/** Every variant of `value` with one place (at any depth) removed or replaced. */
function* variants(value: Json): Generator<Json> {
  if (Array.isArray(value)) {
    yield [];
    for (let i = 0; i < value.length; i++) {
      yield value.filter((_, j) => j !== i);
      for (const inner of variants(value[i])) yield value.map((v, j) => (j === i ? inner : v));
    }
  } else if (value && typeof value === 'object') {
    const object = value as Record<string, Json>;
    yield { ...object, extra: 'kept out by zod, allowed' };
    for (const key of Object.keys(object)) {
      const rest = { ...object };
      delete rest[key];
      yield rest;
      for (const inner of variants(object[key])) yield { ...object, [key]: inner };
    }
  }
  for (const replacement of replacements) yield replacement;
}

describe('the quick check of saved records', () => {
  it('answers what zod answers for every variant of a download and an upload record', () => {
    const check = checkFor(TransferRecordSchema);
    expect(check(download)).toBe(true);
    expect(check(upload)).toBe(true);
    let valid = 0;
    let invalid = 0;
    for (const record of [download, upload]) {
      for (const variant of variants(record)) {
        const zod = TransferRecordSchema.safeParse(variant).success;
        expect(check(variant), JSON.stringify(variant)).toBe(zod);
        if (zod) valid++;
        else invalid++;
      }
    }
    // Both answers are exercised, many times.
    expect(valid).toBeGreaterThan(50);
    expect(invalid).toBeGreaterThan(500);
  });

  it('checks the records itself, without zod', () => {
    const safeParse = vi.spyOn(TransferRecordSchema, 'safeParse');
    const check = checkFor(TransferRecordSchema);
    expect(check(download)).toBe(true);
    expect(check({ ...download, seq: 'one' })).toBe(false);
    expect(safeParse).not.toHaveBeenCalled();
    safeParse.mockRestore();
  });

  it('leaves a schema with a part it does not know to zod', () => {
    const schema = z.object({ name: z.string().check(z.minLength(2)) });
    const check = checkFor(schema);
    expect(check({ name: 'ab' })).toBe(true);
    expect(check({ name: 'a' })).toBe(false);
  });
});
