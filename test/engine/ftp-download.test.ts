// FTP downloads from a real FTP server (ftp-srv) on 127.0.0.1: anonymous and with a login, the
// server's replies as statuses, a folder refused, resume with REST after a pause, a file changed
// meanwhile fetched again, several connections at different REST offsets.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeService, sha256File, tempDir, waitFinal, waitFor, writeRandomFile } from '../helpers/engine.ts';
import { FtpTestServer } from '../helpers/ftp-server.ts';
import { throwawaySecret } from '../helpers/secrets.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

const password = throwawaySecret();
let root: string;
let out: string;
let open: FtpTestServer;
let locked: FtpTestServer;
let slow: FtpTestServer;

beforeAll(async () => {
  root = tempDir('ferry-ftp-root-');
  out = tempDir('ferry-ftp-out-');
  fs.mkdirSync(path.join(root, 'pub'));
  open = await new FtpTestServer(root).start();
  locked = await new FtpTestServer(root, { user: { name: 'ferry', password } }).start();
  slow = await new FtpTestServer(root, { rate: 2_000_000 }).start();
});

afterAll(async () => {
  await Promise.all([open.close(), locked.close(), slow.close()]);
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});

async function withService<T>(run: (service: TransferService) => Promise<T>): Promise<T> {
  const service = await makeService(out);
  try {
    return await run(service);
  } finally {
    await service.shutdown();
  }
}

describe('FTP downloads', () => {
  it('downloads anonymously: the bytes, the name from the URL, no part file left', async () => {
    const file = writeRandomFile(path.join(root, 'pub'), 'anon.bin', 300_000);
    await withService(async (service) => {
      const t = await service.createDownload({ url: open.url('/pub/anon.bin'), dir: out });
      const done = await waitFinal(service, t.id);
      expect(done.state).toBe('completed');
      expect(done.totalBytes).toBe(300_000);
      expect(sha256File(path.join(out, 'anon.bin'))).toBe(sha256File(file));
      expect(fs.existsSync(path.join(out, 'anon.bin.part'))).toBe(false);
      expect(open.readsOf('pub/anon.bin')).toEqual([0]);
    });
  });

  it('logs in with the transfer credential or the URL user info; a wrong password is Unauthorized at once, never retried', async () => {
    const file = writeRandomFile(root, 'private.bin', 100_000);
    await withService(async (service) => {
      const byCredential = await service.createDownload({ url: locked.url('/private.bin'), path: path.join(out, 'by-credential.bin'), credential: `ferry:${password}` });
      const byUrl = await service.createDownload({ url: locked.url('/private.bin').replace('ftp://', `ftp://ferry:${encodeURIComponent(password)}@`), path: path.join(out, 'by-url.bin') });
      for (const t of [byCredential, byUrl]) expect((await waitFinal(service, t.id)).state).toBe('completed');
      expect(sha256File(path.join(out, 'by-credential.bin'))).toBe(sha256File(file));
      expect(sha256File(path.join(out, 'by-url.bin'))).toBe(sha256File(file));
      expect(byUrl.url).not.toContain(password);

      const wrong = await service.createDownload({ url: locked.url('/private.bin'), path: path.join(out, 'wrong.bin'), credential: `ferry:${throwawaySecret()}` });
      const failed = await waitFinal(service, wrong.id);
      expect(failed.state).toBe('failed');
      expect(failed.error?.status, failed.error?.message).toBe("Unauthorized");
      expect(failed.error?.message).toContain(locked.url('/private.bin'));
      expect(failed.error?.message).not.toContain(password);
      expect(failed.retries).toEqual([]);
      expect(fs.existsSync(path.join(out, 'wrong.bin'))).toBe(false);
      expect(fs.existsSync(path.join(out, 'wrong.bin.part'))).toBe(false);
    });
  });

  it('a missing file is NotFound (550), a folder is refused in words; nothing is written', async () => {
    await withService(async (service) => {
      const missing = await waitFinal(service, (await service.createDownload({ url: open.url('/pub/none.bin'), path: path.join(out, 'none.bin') })).id);
      expect(missing.error?.status).toBe('NotFound');
      expect(missing.error?.message).toMatch(/550/);
      expect(missing.retries).toEqual([]);
      for (const folder of ['/pub', '/pub/']) {
        const refused = await waitFinal(service, (await service.createDownload({ url: open.url(folder), path: path.join(out, 'folder.bin') })).id);
        expect(refused.state).toBe('failed');
        expect(refused.error?.message).toContain(`${open.url(folder)} is a folder`);
        expect(refused.retries).toEqual([]);
      }
      expect(fs.readdirSync(out).filter((name) => /^(none|folder)\.bin/.test(name))).toEqual([]);
    });
  });

  it('refuses a path or a login holding a line break (it would start another FTP command) without connecting', async () => {
    const before = open.connections;
    await withService(async (service) => {
      const injected = await waitFinal(service, (await service.createDownload({ url: open.url('/pub/anon.bin%0D%0ADELE%20pub/anon.bin'), path: path.join(out, 'injected.bin') })).id);
      expect(injected.error?.status).toBe('InvalidUri');
      expect(injected.error?.message).toMatch(/line break/);
      expect(injected.retries).toEqual([]);
      const login = await waitFinal(service, (await service.createDownload({ url: open.url('/pub/anon.bin'), path: path.join(out, 'login.bin'), credential: 'ferry:x\r\nDELE pub/anon.bin' })).id);
      expect(login.error?.status).toBe('InvalidArgument');
      expect(login.error?.message).toMatch(/line break/);
      expect(login.error?.message).not.toContain('DELE');
    });
    expect(open.connections).toBe(before);
  });

  it('resumes after a pause with REST from the bytes on disk', async () => {
    const file = writeRandomFile(root, 'pause.bin', 3_000_000);
    await withService(async (service) => {
      const t = await service.createDownload({ url: slow.url('/pause.bin'), dir: out, connections: 1 });
      await waitFor(service, t.id, (s) => s.bytesTransferred > 600_000);
      await service.pause(t.id);
      const kept = fs.statSync(path.join(out, 'pause.bin.part')).size;
      await service.resume(t.id);
      expect((await waitFinal(service, t.id)).state).toBe('completed');
      const reads = slow.readsOf('pause.bin');
      expect(reads).toHaveLength(2);
      expect(reads[0]).toBe(0);
      expect(reads[1]).toBeGreaterThan(0);
      expect(reads[1]).toBeLessThanOrEqual(kept);
      expect(sha256File(path.join(out, 'pause.bin'))).toBe(sha256File(file));
    });
  });

  it.each([
    ['its size', (file: string) => fs.appendFileSync(file, Buffer.alloc(1000, 7))],
    ['its modification time', (file: string) => fs.utimesSync(file, new Date(), new Date(Date.now() + 3_600_000))],
  ])('starts over when the file changed (%s) between pause and resume', async (_what, change) => {
    const name = `changed-${Math.random().toString(36).slice(2)}.bin`;
    const file = writeRandomFile(root, name, 3_000_000);
    await withService(async (service) => {
      const t = await service.createDownload({ url: slow.url(`/${name}`), dir: out, connections: 1 });
      await waitFor(service, t.id, (s) => s.bytesTransferred > 600_000);
      await service.pause(t.id);
      change(file);
      await service.resume(t.id);
      const done = await waitFinal(service, t.id);
      expect(done.state).toBe('completed');
      expect(done.retries.map((r) => r.status)).toContain('ResourceChanged');
      // The resume saw the change before any RETR: the next transfer is the whole file again.
      expect(slow.readsOf(name)).toEqual([0, 0]);
      expect(sha256File(path.join(out, name))).toBe(sha256File(file));
    });
  });

  it('fetches a large file over several connections, each from its own REST offset', async () => {
    const file = writeRandomFile(root, 'large.bin', 12 * 1024 * 1024);
    await withService(async (service) => {
      const t = await service.createDownload({ url: slow.url('/large.bin'), dir: out, connections: 4 });
      const done = await waitFinal(service, t.id, 60_000);
      expect(done.state).toBe('completed');
      expect(done.error).toBeNull();
      const reads = slow.readsOf('large.bin');
      expect(reads.length).toBeGreaterThan(1);
      expect(new Set(reads).size).toBe(reads.length);
      expect(reads.some((start) => start > 0)).toBe(true);
      expect(sha256File(path.join(out, 'large.bin'))).toBe(sha256File(file));
      expect(fs.existsSync(path.join(out, 'large.bin.part'))).toBe(false);
    });
  });
});
