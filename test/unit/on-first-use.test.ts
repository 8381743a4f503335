// Schemas built on first use (shared/on-first-use.ts): nothing is built before something reads the
// schema, it is built once, and a stand-in behaves as the schema in every way zod and callers use
// one: parse, composed into other schemas, checked, instanceof.
import { expect, it } from 'vitest';
import * as z from 'zod/mini';
import { onFirstUse } from '../../shared/on-first-use.ts';
import { DownloadRequestSchema, RateSchema } from '../../shared/schemas.ts';

it('builds the value once, on the first read, not before', () => {
  let builds = 0;
  const Name = onFirstUse(() => {
    builds++;
    return z.string().check(z.minLength(2, 'too short'));
  });
  const Pair = onFirstUse(() => z.strictObject({ name: Name, other: z.optional(Name) }));
  expect(builds).toBe(0);
  expect(Pair.safeParse({ name: 'ab' }).success).toBe(true);
  expect(builds).toBe(1);
  const refused = Pair.safeParse({ name: 'a' });
  expect(refused.success).toBe(false);
  expect(refused.error?.issues[0]).toMatchObject({ message: 'too short', path: ['name'] });
  expect(Pair.safeParse({ name: 'ab', extra: 1 }).success).toBe(false);
  expect(Name.check(z.maxLength(3)).safeParse('abcd').success).toBe(false);
  expect(Name instanceof z.ZodMiniString).toBe(true);
  expect('_zod' in Name).toBe(true);
  expect(builds).toBe(1);
});

it('keeps the project schemas answering as before', () => {
  expect(DownloadRequestSchema.safeParse({ url: 'http://127.0.0.1/x', connections: 4, limitBytesPerSec: 1000 }).success).toBe(true);
  const bad = DownloadRequestSchema.safeParse({ url: 'http://127.0.0.1/x', headers: { 'Bad Name': 'v' } });
  expect(bad.success).toBe(false);
  expect(bad.error?.issues[0]).toMatchObject({ code: 'invalid_key', path: ['headers', 'Bad Name'], issues: [{ message: 'not a valid HTTP header name' }] });
  expect(DownloadRequestSchema.safeParse({ url: 'http://127.0.0.1/x', nope: 1 }).success).toBe(false);
  expect(RateSchema.safeParse(-1).success).toBe(false);
});
