// Checksums: the one given (sha256, sha512, sha1, md5) and, when none was, the server's (Repr-Digest,
// Digest, Content-MD5), checked against the finished file; a mismatch keeps nothing under its name.
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { listDir, sha256File, useEngineTestBed, waitFinal } from '../helpers/engine.ts';

const bed = useEngineTestBed();
const hex = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('hex');
const b64 = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('base64');

async function fetchWith(name: string, headers: Record<string, string>, request: Record<string, unknown> = {}, size = 300_000) {
  const file = randomFile(size, { headers });
  // A header naming the file's own digest needs the body first: made here, then served.
  const served = { ...file, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('$SHA256', b64('sha256', file.body)).replace('$SHA512', b64('sha512', file.body)).replace('$MD5', b64('md5', file.body))])) };
  bed.server.serve(`/${name}`, served);
  const t = await bed.service.createDownload({ url: bed.server.url(`/${name}`), path: path.join(bed.dir, name), ...request });
  return { done: await waitFinal(bed.service, t.id, 60_000), file };
}

describe('checksums given', () => {
  it.each(['sha512', 'sha1', 'md5', 'sha256'])('checks a %s given with the download', async (algorithm) => {
    const file = randomFile(200_000);
    bed.server.serve(`/given-${algorithm}`, file);
    const t = await bed.service.createDownload({ url: bed.server.url(`/given-${algorithm}`), checksum: `${algorithm}:${hex(algorithm, file.body).toUpperCase()}` });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    expect(done.checksum).toEqual({ algorithm, source: 'given', verified: true });
  });

  it('fails with ChecksumMismatch on a wrong md5 and keeps nothing', async () => {
    const file = randomFile(200_000);
    bed.server.serve('/wrong.bin', file);
    const t = await bed.service.createDownload({ url: bed.server.url('/wrong.bin'), checksum: `md5:${'0'.repeat(32)}` });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('failed');
    expect(done.error).toMatchObject({ status: 'ChecksumMismatch' });
    expect(done.error!.message).toMatch(new RegExp(`md5 is ${hex('md5', file.body)}, not the expected 0{32}`));
    expect(listDir(bed.dir)).toEqual([]);
  });

  it('refuses a checksum it cannot check, at once', async () => {
    for (const checksum of ['sha256:abc', 'crc32:12345678', `sha512:${'0'.repeat(64)}`]) {
      await expect(bed.service.createDownload({ url: bed.server.url('/x'), checksum })).rejects.toMatchObject({ status: 'InvalidArgument' });
    }
  });
});

describe("the server's checksum", () => {
  it('checks a Repr-Digest (sha-256) and says the file was verified by it', async () => {
    const { done, file } = await fetchWith('repr.bin', { 'repr-digest': 'sha-256=:$SHA256:' });
    expect(done.state).toBe('completed');
    expect(done.checksum).toEqual({ algorithm: 'sha256', source: 'server', verified: true });
    expect(sha256File(path.join(bed.dir, 'repr.bin'))).toBe(sha256(file.body));
  });

  it('takes the strongest of several (sha-512 over sha-256) and the older Digest header', async () => {
    const both = await fetchWith('both.bin', { 'repr-digest': 'sha-256=:$SHA256:, sha-512=:$SHA512:' });
    expect(both.done.checksum).toEqual({ algorithm: 'sha512', source: 'server', verified: true });
    const legacy = await fetchWith('legacy.bin', { digest: 'SHA-256=$SHA256' });
    expect(legacy.done.checksum).toEqual({ algorithm: 'sha256', source: 'server', verified: true });
  });

  it('checks Content-MD5 on a whole answer', async () => {
    const { done } = await fetchWith('md5.bin', { 'content-md5': '$MD5' });
    expect(done.checksum).toEqual({ algorithm: 'md5', source: 'server', verified: true });
  });

  it("fails with ChecksumMismatch when the file is not what the server's digest says, and keeps nothing", async () => {
    const { done } = await fetchWith('lie.bin', { 'repr-digest': `sha-256=:${Buffer.alloc(32, 7).toString('base64')}:` });
    expect(done.state).toBe('failed');
    expect(done.error).toMatchObject({ status: 'ChecksumMismatch' });
    expect(done.error!.message).toMatch(/not the server's 0707/);
    expect(listDir(bed.dir)).toEqual([]);
  });

  it('lets a checksum given win over the server\'s', async () => {
    const file = randomFile(200_000, { headers: { 'repr-digest': `sha-256=:${Buffer.alloc(32, 7).toString('base64')}:` } });
    bed.server.serve('/given-wins.bin', file);
    const t = await bed.service.createDownload({ url: bed.server.url('/given-wins.bin'), checksum: `sha1:${hex('sha1', file.body)}` });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    expect(done.checksum).toEqual({ algorithm: 'sha1', source: 'given', verified: true });
  });

  it('checks the digest of a download fetched over several connections (a Repr-Digest holds for every part)', async () => {
    // Four fixed: on loopback one connection is fast enough that the ramp would leave it alone.
    const { done, file } = await fetchWith('parts.bin', { 'repr-digest': 'sha-512=:$SHA512:' }, { connections: 4 }, 12 * 1024 * 1024);
    expect(done.state).toBe('completed');
    expect(bed.server.requestsFor('/parts.bin').length).toBeGreaterThanOrEqual(2);
    expect(done.checksum).toEqual({ algorithm: 'sha512', source: 'server', verified: true });
    expect(sha256File(path.join(bed.dir, 'parts.bin'))).toBe(sha256(file.body));
  });
});
