// Resuming against third-party servers, each with its own quirks: apache2 and lighttpd answer a
// Range past the end with a 416 that has no Content-Range, so a part file that already holds
// every byte (a crash after the last checkpoint, before the rename) is confirmed by its last byte.
// And the same servers serving one file over several connections.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApache, startLighttpd, type WebServer } from '../helpers/web-servers.ts';
import { startNginx } from '../helpers/nginx.ts';
import { makeService, sha256File, tempDir, waitFinal } from '../helpers/engine.ts';
import { sha256 } from '../helpers/fault-server.ts';
import { MemoryJobStore } from '../../electron/engine/state/store.ts';
import { buildDownloadRecord } from '../../electron/engine/intake/download-request.ts';
import { emptyState } from '../../electron/engine/state/records.ts';

const root = tempDir('ferry-servers-root-');
const work = tempDir('ferry-servers-work-');
const downloads = tempDir('ferry-servers-dl-');
const body = randomBytes(3 * 1024 * 1024 + 17);
/** Big enough to be fetched over several connections. */
const big = randomBytes(24 * 1024 * 1024 + 5);
const servers: WebServer[] = [];

beforeAll(async () => {
  // apache2's workers run as nobody: the served folder must be readable by others.
  fs.chmodSync(root, 0o755);
  fs.writeFileSync(path.join(root, 'file.bin'), body, { mode: 0o644 });
  fs.writeFileSync(path.join(root, 'big.bin'), big, { mode: 0o644 });
  servers.push(await startNginx(root, work), await startLighttpd(root, work), await startApache(root, work));
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const dir of [root, work, downloads]) fs.rmSync(dir, { recursive: true, force: true });
});

/** A download the last run left with `held` bytes of the file on disk, as a record says. */
async function resumeWith(server: WebServer, held: number) {
  const url = server.url('/file.bin');
  const head = await fetch(url, { method: 'HEAD' });
  const protocolState = { protocol: 'http', etag: head.headers.get('etag'), lastModified: head.headers.get('last-modified') };
  const target = path.join(downloads, `${server.name}-${held}.bin`);
  fs.writeFileSync(`${target}.part`, body.subarray(0, held));
  const { record } = buildDownloadRecord({ url, path: target }, { seq: 1, defaultDir: downloads });
  Object.assign(record, { state: 'running', totalBytes: body.length, bytesDurable: held, protocolState });
  const store = new MemoryJobStore();
  store.save({ ...emptyState(), seq: 1, operations: { [record.id]: record } });
  const gets = () => server.accessLog().filter((r) => r.method === 'GET' && r.uri === '/file.bin');
  const before = gets().length;
  const service = await makeService(downloads, { store });
  try {
    const done = await waitFinal(service, record.id);
    await expect.poll(() => gets().length, { timeout: 15_000 }).toBeGreaterThan(before);
    return { done, target, requests: gets().slice(before).map(({ method: _, ...rest }) => rest) };
  } finally {
    await service.shutdown();
  }
}

for (const name of ['nginx', 'lighttpd', 'apache2']) {
  describe(name, () => {
    const server = () => servers.find((s) => s.name === name)!;

    it('finishes a part file that holds every byte by fetching one byte', async () => {
      const { done, target, requests } = await resumeWith(server(), body.length);
      expect(done.state).toBe('completed');
      expect(sha256File(target)).toBe(sha256(body));
      expect(requests).toEqual([{ uri: '/file.bin', range: `bytes=${body.length - 1}-${body.length - 1}`, status: 206, bytes: 1 }]);
      expect(done.retries).toEqual([]);
    });

    it('resumes a half-done download with exactly the missing bytes', async () => {
      const half = Math.floor(body.length / 2);
      const { done, target, requests } = await resumeWith(server(), half);
      expect(done.state).toBe('completed');
      expect(sha256File(target)).toBe(sha256(body));
      expect(requests).toEqual([{ uri: '/file.bin', range: `bytes=${half}-`, status: 206, bytes: body.length - half }]);
    });

    it('fetches a file over several connections, each part a 206 for exactly its range', async () => {
      const service = await makeService(downloads);
      try {
        const target = path.join(downloads, `${name}-segments.bin`);
        const t = await service.createDownload({ url: server().url('/big.bin'), path: target, connections: 4 });
        const done = await waitFinal(service, t.id, 60_000);
        expect(done.state).toBe('completed');
        expect(sha256File(target)).toBe(sha256(big));
        expect(done.retries).toEqual([]);
        const gets = () => server().accessLog().filter((r) => r.method === 'GET' && r.uri === '/big.bin');
        await expect.poll(() => gets().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
        // Logged as each answer ends (not as it starts): the plain first request, and ranged parts.
        const parts = gets().filter((r) => r.range !== '');
        expect(gets().filter((r) => r.range === '').map((r) => r.status)).toEqual([200]);
        for (const part of parts) {
          expect(part.range).toMatch(/^bytes=\d+-\d+$/);
          expect(part.status).toBe(206);
        }
      } finally {
        await service.shutdown();
      }
    });
  });
}
