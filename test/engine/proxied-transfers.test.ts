// Every kind of HTTP transfer through the same proxy (the `proxy` package on 127.0.0.1): a
// segmented download still over several connections, a plain and a multipart upload, a tus upload;
// the server's copy checked by sha256, the proxy's log showing each request passed through it.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, sha256File, tempDir, waitFinal, writeRandomFile } from '../helpers/engine.ts';
import { TestProxy } from '../helpers/http-proxy.ts';
import { UploadServer } from '../helpers/upload-server.ts';
import { TusTestServer } from '../helpers/tus-server.ts';
import { throwawaySecret } from '../helpers/secrets.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

const password = throwawaySecret();
let proxy: TestProxy;
let dir: string;
let service: TransferService;
beforeEach(async () => {
  proxy = await new TestProxy({ username: 'carol', password }).start();
  dir = tempDir('ferry-proxied-');
  // Everything through the proxy setting; its login per transfer.
  service = await makeService(dir, { defaults: { proxy: proxy.url() } });
});
afterEach(async () => {
  await service.shutdown();
  await proxy.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const login = `carol:${password}`;

it('downloads a file over several connections through the proxy, each its own proxied request', async () => {
  const server = await new FaultServer().start();
  try {
    const size = 12 * 1024 * 1024 + 4321;
    // Slow per connection, so more connections help and the ramp adds them.
    const file = randomFile(size, { rate: 1024 * 1024 });
    server.serve('/big', file);
    const t = await service.createDownload({ url: server.url('/big'), path: path.join(dir, 'big.bin'), proxyCredential: login });
    const done = await waitFinal(service, t.id, 60_000);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(dir, 'big.bin'))).toBe(sha256(file.body));
    const requests = server.requestsFor('/big');
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(requests.slice(1).every((r) => r.range !== undefined)).toBe(true);
    // Each of them came through the proxy, over connections of their own.
    expect(proxy.seen.filter((line) => line === `GET ${server.url('/big')}`)).toHaveLength(requests.length);
    expect(proxy.connections).toBeGreaterThanOrEqual(3);
    expect(done.segments?.done).toEqual([[0, size]]);
  } finally {
    await server.close();
  }
});

it('uploads plain and multipart through the proxy', async () => {
  const server = await new UploadServer().start();
  try {
    const src = writeRandomFile(dir, 'up.bin', 3_000_000);
    const raw = await service.createUpload({ url: server.url('/raw/up.bin'), files: [{ path: src }], proxyCredential: login });
    const multipart = await service.createUpload({ url: server.url('/form'), protocol: 'multipart', files: [{ path: src }], proxyCredential: login });
    expect((await waitFinal(service, raw.id)).state).toBe('completed');
    expect((await waitFinal(service, multipart.id)).state).toBe('completed');
    expect(server.for('/raw/up.bin')[0]).toMatchObject({ method: 'PUT', sha256: sha256File(src), complete: true });
    expect(server.for('/form')[0]!.files[0]).toMatchObject({ size: 3_000_000, sha256: sha256File(src) });
    expect(proxy.seen).toEqual(expect.arrayContaining([`PUT ${server.url('/raw/up.bin')}`, `POST ${server.url('/form')}`]));
  } finally {
    await server.close();
  }
});

it('refuses an upload the proxy does not let through with ProxyAuthenticationRequired, having stored nothing', async () => {
  const server = await new UploadServer().start();
  try {
    const src = writeRandomFile(dir, 'no.bin', 2_000_000);
    const t = await service.createUpload({ url: server.url('/raw/no.bin'), files: [{ path: src }] });
    const done = await waitFinal(service, t.id);
    expect(done.error).toMatchObject({ status: 'ProxyAuthenticationRequired', httpStatus: 407 });
    expect(done.error?.message).toMatch(/asks for a login and none was given/);
    expect(server.for('/raw/no.bin')).toEqual([]);
  } finally {
    await server.close();
  }
});

it('sends a tus upload through the proxy: creation, and the PATCH of its bytes', async () => {
  const tus = await new TusTestServer(path.join(dir, 'tus')).start();
  try {
    const src = writeRandomFile(dir, 'video.bin', 4_000_000);
    const t = await service.createUpload({ url: tus.endpoint, protocol: 'tus', files: [{ path: src }], proxyCredential: login });
    const done = await waitFinal(service, t.id);
    expect(done.error).toBeNull();
    expect(done.state).toBe('completed');
    expect(sha256File(tus.fileFor(done.response!.location!))).toBe(sha256File(src));
    expect(proxy.seen[0]).toBe(`POST ${tus.endpoint}`);
    expect(proxy.seen.some((line) => line.startsWith(`PATCH ${tus.endpoint}/`))).toBe(true);
    expect(tus.requests.map((r) => r.method)).toEqual(proxy.seen.map((line) => line.split(' ')[0]));

    // Without the login: the proxy's refusal, said of the proxy.
    const refused = await service.createUpload({ url: tus.endpoint, protocol: 'tus', files: [{ path: src }] });
    const failed = await waitFinal(service, refused.id);
    expect(failed.error).toMatchObject({ status: 'ProxyAuthenticationRequired', httpStatus: 407 });
    expect(failed.error?.message).toMatch(/^the proxy http:\/\/127\.0\.0\.1:\d+ asks for a login/);
  } finally {
    await tus.close();
  }
});
