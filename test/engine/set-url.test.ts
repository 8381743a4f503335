// A new address for a download whose old one expired: it continues from the bytes on disk when the
// new address serves the same file, is refused (nothing lost) when it serves another, unless asked
// to start over.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useEngineTestBed, waitFinal, waitFor } from '../helpers/engine.ts';

const bed = useEngineTestBed();

/** A download that failed half-way because its address went (404). */
async function expired(name: string, file: ReturnType<typeof randomFile>) {
  bed.server.serve(`/old/${name}`, file, [{ kind: 'none' }, { kind: 'status', code: 404 }, { kind: 'status', code: 404 }, { kind: 'status', code: 404 }, { kind: 'status', code: 404 }]);
  const target = path.join(bed.dir, name);
  const t = await bed.service.createDownload({ url: bed.server.url(`/old/${name}`), path: target, connections: 1 });
  await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 500_000);
  await bed.service.pause(t.id);
  await bed.service.resume(t.id);
  const failed = await waitFinal(bed.service, t.id);
  expect(failed).toMatchObject({ state: 'failed', error: { status: 'NotFound' } });
  return { id: t.id, target, kept: fs.readFileSync(`${target}.part`) };
}

describe('a new address', () => {
  it('continues from the bytes on disk when the new address serves the same file', async () => {
    const file = randomFile(2_000_000, { rate: 1_000_000 });
    const { id, target, kept } = await expired('same.bin', file);
    bed.server.serve('/new/same.bin', { ...file, rate: undefined });
    const moved = await bed.service.setUrl(id, bed.server.url('/new/same.bin'));
    expect(moved).toMatchObject({ url: bed.server.url('/new/same.bin'), error: null });
    expect(['queued', 'running']).toContain(moved.state);
    const done = await waitFinal(bed.service, id);
    expect(done.state).toBe('completed');
    expect(sha256File(target)).toBe(sha256(file.body));
    // Asked from the bytes on disk, proving the version: the checking request and the run's.
    const asked = bed.server.requestsFor('/new/same.bin');
    expect(asked.every((r) => r.range === `bytes=${kept.length}-` && r.ifRange === file.etag && r.status === 206)).toBe(true);
  });

  it('is refused, losing nothing, when the new address serves another file; starting over downloads that one', async () => {
    const file = randomFile(2_000_000, { rate: 1_000_000 });
    const other = randomFile(1_500_000);
    const { id, target, kept } = await expired('other.bin', file);
    bed.server.serve('/new/other.bin', other);
    await expect(bed.service.setUrl(id, bed.server.url('/new/other.bin'))).rejects.toMatchObject({
      status: 'ResourceChanged',
      message: expect.stringMatching(/does not serve the same file as the \d+ bytes on disk .*start over/),
    });
    expect(await bed.service.getTransfer(id)).toMatchObject({ state: 'failed', url: bed.server.url('/old/other.bin') });
    expect(fs.readFileSync(`${target}.part`).equals(kept)).toBe(true);
    await bed.service.setUrl(id, bed.server.url('/new/other.bin'), { startOver: true });
    expect((await waitFinal(bed.service, id)).state).toBe('completed');
    expect(sha256File(target)).toBe(sha256(other.body));
  });

  it('keeps a paused download paused, and refuses a running one, an upload and a bad address in words', async () => {
    const file = randomFile(3_000_000, { rate: 500_000 });
    bed.server.serve('/run.bin', file);
    const t = await bed.service.createDownload({ url: bed.server.url('/run.bin'), connections: 1 });
    await waitFor(bed.service, t.id, (s) => s.state === 'running');
    await expect(bed.service.setUrl(t.id, bed.server.url('/run2.bin'))).rejects.toMatchObject({ status: 'InvalidArgument', message: expect.stringMatching(/pause it first/) });
    await bed.service.pause(t.id);
    await expect(bed.service.setUrl(t.id, 'not a url')).rejects.toMatchObject({ status: 'InvalidUri' });
    bed.server.serve('/run2.bin', file);
    expect(await bed.service.setUrl(t.id, bed.server.url('/run2.bin'))).toMatchObject({ state: 'paused', url: bed.server.url('/run2.bin') });
    const upload = path.join(bed.dir, 'up.txt');
    fs.writeFileSync(upload, 'x');
    const up = await bed.service.createUpload({ url: bed.server.url('/in'), files: [{ path: upload }], protocol: 'raw', method: 'PUT' });
    await expect(bed.service.setUrl(up.id, bed.server.url('/in2'))).rejects.toMatchObject({ status: 'InvalidArgument' });
  });
});
