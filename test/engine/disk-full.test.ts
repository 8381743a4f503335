// A full disk: a clear DiskFull, the bytes that fit kept, and a resume once there is room.
// Needs a small tmpfs, which only root can mount; elsewhere it says so and is skipped.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { mountTmpfs, unmount } from '../helpers/tmpfs.ts';
import { makeService, sha256File, tempDir, waitFinal } from '../helpers/engine.ts';

const mountPoint = tempDir('ferry-full-');
const mounted = mountTmpfs(mountPoint, 'size=1m', 'disk-full test');
let server: FaultServer;
beforeAll(async () => {
  server = await new FaultServer().start();
});
afterAll(async () => {
  await server.close();
  if (mounted) unmount(mountPoint);
  fs.rmSync(mountPoint, { recursive: true, force: true });
});

it.skipIf(!mounted)('fails with DiskFull, keeps what fit, and resumes after space is freed', async () => {
  const file = randomFile(3_000_000);
  server.serve('/big.bin', file);
  const service = await makeService(mountPoint);
  try {
    const t = await service.createDownload({ url: server.url('/big.bin') });
    const failed = await waitFinal(service, t.id);
    expect(failed.state).toBe('failed');
    expect(failed.error?.status).toBe('DiskFull');
    expect(failed.error?.message).toMatch(/the disk is full \(.*big\.bin/);
    const part = path.join(mountPoint, 'big.bin.part');
    expect(fs.statSync(part).size).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(mountPoint, 'big.bin'))).toBe(false);

    execFileSync('mount', ['-o', 'remount,size=8m', mountPoint]);
    await service.resume(t.id);
    const done = await waitFinal(service, t.id);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(mountPoint, 'big.bin'))).toBe(sha256(file.body));
    expect(server.requestsFor('/big.bin')[1]?.status).toBe(206);
  } finally {
    await service.shutdown();
  }
});

const bombDir = tempDir('ferry-bomb-');
const bombMounted = mountTmpfs(bombDir, 'size=20m', 'gzip-bomb test');
afterAll(() => {
  if (bombMounted) unmount(bombDir);
  fs.rmSync(bombDir, { recursive: true, force: true });
});

it.skipIf(!bombMounted)('a gzip body that decodes past the free disk fails once with DiskFull, keeps the encoded part, and is not fetched again', async () => {
  // 256 MiB of zeros, gzip-encoded: about 250 kB on the wire, for a 20 MB disk.
  const bomb = zlib.gzipSync(Buffer.alloc(256 * 1024 * 1024), { level: 9 });
  server.serve('/bomb.txt', { body: bomb, etag: '"bomb"', headers: { 'content-encoding': 'gzip', 'content-type': 'text/plain' } });
  const service = await makeService(bombDir);
  try {
    const t = await service.createDownload({ url: server.url('/bomb.txt'), dir: bombDir });
    const failed = await waitFinal(service, t.id);
    expect(failed.state).toBe('failed');
    expect(failed.error?.status).toBe('DiskFull');
    expect(failed.error?.message).toMatch(/the disk is full .*decodes to more than the disk holds/);
    expect(server.requestsFor('/bomb.txt')).toHaveLength(1);
    expect(fs.readdirSync(bombDir)).toEqual(['bomb.txt.part']);
    expect(sha256File(path.join(bombDir, 'bomb.txt.part'))).toBe(sha256(bomb));
  } finally {
    await service.shutdown();
  }
});
