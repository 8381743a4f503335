// Interop with Debian's proxies: squid with Basic auth (absolute-form to nginx, CONNECT to an https
// server) and microsocks (SOCKS5 with a user and password; socks5h leaves the name to the proxy).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type Nginx } from '../helpers/nginx.ts';
import { startMicrosocks, startSquid, type ProxyProcess } from '../helpers/proxy-servers.ts';
import { makeService, sha256File, tempDir, waitFinal } from '../helpers/engine.ts';
import { ferry } from '../helpers/cli.ts';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeCertificates, type TestCertificates } from '../helpers/tls.ts';
import { throwawaySecret } from '../helpers/secrets.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

const login = { username: 'ferry', password: throwawaySecret() };
let nginx: Nginx;
let squid: ProxyProcess;
let socks: ProxyProcess;
let tls: FaultServer;
let certs: TestCertificates;
let root: string;
let work: string;
let body: Buffer;
let service: TransferService;

beforeAll(async () => {
  root = tempDir('ferry-proxy-root-');
  work = tempDir('ferry-proxy-work-');
  body = randomBytes(3 * 1024 * 1024 + 7);
  fs.writeFileSync(path.join(root, 'file.bin'), body);
  nginx = await startNginx(root, path.join(work, 'nginx'));
  fs.mkdirSync(path.join(work, 'squid'));
  squid = await startSquid(path.join(work, 'squid'), login);
  socks = await startMicrosocks(login);
  certs = makeCertificates(work);
  tls = await new FaultServer({ key: certs.key, cert: certs.cert }).start();
  service = await makeService(work);
});
afterAll(async () => {
  await service?.shutdown();
  await tls?.close();
  await socks?.stop();
  await squid?.stop();
  await nginx?.stop();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe('squid', () => {
  it('carries a download from nginx with the right login; refuses a wrong or missing one in words', async () => {
    const out = path.join(work, 'via-squid.bin');
    const ok = await ferry(['get', nginx.url('/file.bin'), '-o', out, '--proxy', squid.url(), '--home', path.join(work, 'h1')], { FERRY_PROXY_USER: `${login.username}:${login.password}` });
    expect(ok.code).toBe(0);
    expect(sha256File(out)).toBe(sha256(body));
    expect(squid.accessLog()).toContain(`GET ${nginx.url('/file.bin')} 200`);

    const wrong = await service.createDownload({ url: nginx.url('/file.bin'), path: path.join(work, 'wrong.bin'), proxy: squid.url({ username: login.username, password: 'not-it' }) });
    const refused = await waitFinal(service, wrong.id);
    expect(refused.error).toMatchObject({ status: 'ProxyAuthenticationRequired', httpStatus: 407 });
    expect(refused.error?.message).toMatch(/^the proxy http:\/\/127\.0\.0\.1:\d+ refused the login of user "ferry"/);
    const missing = await service.createDownload({ url: nginx.url('/file.bin'), path: path.join(work, 'missing.bin'), proxy: squid.url() });
    expect((await waitFinal(service, missing.id)).error?.message).toMatch(/asks for a login and none was given/);
    expect(fs.existsSync(path.join(work, 'wrong.bin'))).toBe(false);
  });

  it('tunnels to an https server with CONNECT', async () => {
    const file = randomFile(500_000);
    tls.serve('/secure.bin', file);
    const out = path.join(work, 'tunnel.bin');
    const result = await ferry(['get', tls.url('/secure.bin'), '-o', out, '--home', path.join(work, 'h2')], {
      NODE_EXTRA_CA_CERTS: certs.caFile,
      HTTPS_PROXY: squid.url(login),
    });
    expect(result.code).toBe(0);
    expect(sha256File(out)).toBe(sha256(file.body));
    expect(squid.accessLog()).toContain(`CONNECT 127.0.0.1:${tls.port} 200`);
  });
});

describe('microsocks (SOCKS5)', () => {
  it('carries downloads with socks5 and socks5h and a password; a wrong or missing one is ProxyAuthenticationRequired', async () => {
    for (const scheme of ['socks5', 'socks5h']) {
      const proxy = socks.url().replace(/^socks5:/, `${scheme}:`);
      const out = path.join(work, `${scheme}.bin`);
      // socks5h: the name goes to the proxy as it is.
      const t = await service.createDownload({ url: nginx.url('/file.bin').replace('127.0.0.1', scheme === 'socks5h' ? 'localhost' : '127.0.0.1'), path: out, proxy, proxyCredential: `${login.username}:${login.password}` });
      const done = await waitFinal(service, t.id);
      expect(done.error).toBeNull();
      expect(sha256File(out)).toBe(sha256(body));
    }
    const wrong = await service.createDownload({ url: nginx.url('/file.bin'), path: path.join(work, 'socks-wrong.bin'), proxy: socks.url(), proxyCredential: `${login.username}:not-it` });
    const refused = await waitFinal(service, wrong.id);
    expect(refused.error?.status).toBe('ProxyAuthenticationRequired');
    expect(refused.error?.message).toMatch(/^the proxy socks5:\/\/127\.0\.0\.1:\d+ refused the login of user "ferry"/);
    const missing = await service.createDownload({ url: nginx.url('/file.bin'), path: path.join(work, 'socks-missing.bin'), proxy: socks.url() });
    const asked = await waitFinal(service, missing.id);
    expect(asked.error?.status).toBe('ProxyAuthenticationRequired');
    expect(asked.error?.message).toMatch(/^the proxy socks5:\/\/127\.0\.0\.1:\d+ asks for a login and none was given/);
  });

  it('uploads through SOCKS5 to nginx\'s WebDAV', async () => {
    const src = path.join(work, 'upload-src.bin');
    fs.writeFileSync(src, randomBytes(2_000_000));
    const t = await service.createUpload({ url: nginx.url('/dav/up.bin'), files: [{ path: src }], proxy: socks.url(), proxyCredential: `${login.username}:${login.password}` });
    const done = await waitFinal(service, t.id);
    expect(done.error).toBeNull();
    expect(sha256File(path.join(work, 'nginx', 'dav', 'up.bin'))).toBe(sha256File(src));
  });
});
