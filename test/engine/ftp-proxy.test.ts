// FTP through a proxy: through a real SOCKS5 proxy (Debian's microsocks, with a password) to a real
// FTP server (ftp-srv) on 127.0.0.1, the control connection and every passive data connection
// tunnelled (microsocks logs each), also split over several connections and over TLS (ferry get,
// explicit and implicit); an HTTP proxy refused in words at once, nothing sent to it or the FTP
// server; HTTP_PROXY does not apply to ftp:// (ftp_proxy and ALL_PROXY do, as with curl).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeService, sha256File, tempDir, waitFinal, writeRandomFile } from '../helpers/engine.ts';
import { FtpTestServer } from '../helpers/ftp-server.ts';
import { TestProxy } from '../helpers/http-proxy.ts';
import { startMicrosocks, type ProxyProcess } from '../helpers/proxy-servers.ts';
import { makeCertificates, type TestCertificates } from '../helpers/tls.ts';
import { throwawaySecret } from '../helpers/secrets.ts';
import { ferry } from '../helpers/cli.ts';
import { environmentProxy } from '../../electron/engine/proxy/env-proxy.ts';
import type { TransferServiceOptions } from '../../electron/engine/service/service-options.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

const login = { username: 'ferry', password: throwawaySecret() };
let work: string;
let certs: TestCertificates;
let ftp: FtpTestServer;
let explicit: FtpTestServer;
let implicit: FtpTestServer;
let socks: ProxyProcess;
let http: TestProxy;

beforeAll(async () => {
  work = tempDir('ferry-ftp-proxy-');
  fs.mkdirSync(path.join(work, 'root'));
  certs = makeCertificates(work);
  ftp = await new FtpTestServer(path.join(work, 'root')).start();
  explicit = await new FtpTestServer(path.join(work, 'root'), { tls: { key: certs.key, cert: certs.cert } }).start();
  implicit = await new FtpTestServer(path.join(work, 'root'), { tls: { key: certs.key, cert: certs.cert }, implicit: true }).start();
  socks = await startMicrosocks(login);
  http = await new TestProxy().start();
});

afterAll(async () => {
  await Promise.all([ftp.close(), explicit.close(), implicit.close(), socks.stop(), http.close()]);
  fs.rmSync(work, { recursive: true, force: true });
});

async function withService<T>(options: Partial<TransferServiceOptions>, run: (service: TransferService) => Promise<T>): Promise<T> {
  const service = await makeService(work, options);
  try {
    return await run(service);
  } finally {
    await service.shutdown();
  }
}

/** The ports microsocks connected to since `from` lines of its log. */
const tunnelled = (from: number): number[] => socks.accessLog().slice(from).map((line) => Number(/connected to 127\.0\.0\.1:(\d+)/.exec(line)?.[1]));

describe('FTP through SOCKS5', () => {
  it('tunnels the control connection and the passive data connection, logging in to the proxy', async () => {
    const file = writeRandomFile(path.join(work, 'root'), 'small.bin', 300_000);
    for (const scheme of ['socks5', 'socks5h']) {
      const before = socks.accessLog().length;
      await withService({}, async (service) => {
        const proxy = socks.url(login).replace(/^socks5:/, `${scheme}:`);
        const t = await service.createDownload({ url: ftp.url('/small.bin'), path: path.join(work, `small-${scheme}.bin`), proxy });
        const done = await waitFinal(service, t.id);
        expect(done.state, done.error?.message).toBe('completed');
        expect(JSON.stringify(done)).not.toContain(login.password);
      });
      expect(sha256File(path.join(work, `small-${scheme}.bin`))).toBe(sha256File(file));
      const ports = tunnelled(before);
      // The control connection, then at least one data connection to a passive port.
      expect(ports[0]).toBe(ftp.port);
      expect(ports.slice(1).length).toBeGreaterThan(0);
      for (const port of ports.slice(1)) expect(port).not.toBe(ftp.port);
    }
  });

  it('tunnels every connection of a download split over several', async () => {
    const file = writeRandomFile(path.join(work, 'root'), 'large.bin', 12 * 1024 * 1024);
    const before = socks.accessLog().length;
    await withService({ defaults: { proxy: socks.url(login) } }, async (service) => {
      const t = await service.createDownload({ url: ftp.url('/large.bin'), path: path.join(work, 'large.bin'), connections: 3 });
      const done = await waitFinal(service, t.id, 60_000);
      expect(done.state, done.error?.message).toBe('completed');
    });
    expect(sha256File(path.join(work, 'large.bin'))).toBe(sha256File(file));
    const reads = ftp.readsOf('large.bin');
    expect(reads.length).toBeGreaterThan(1);
    // Each RETR came through the proxy: a control and a data connection for each.
    expect(tunnelled(before).filter((port) => port === ftp.port)).toHaveLength(reads.length);
  });

  it('speaks TLS through the tunnel, explicit and implicit (ferry get; the proxy login from FERRY_PROXY_USER)', async () => {
    const file = writeRandomFile(path.join(work, 'root'), 'secret.bin', 200_000);
    for (const [server, name] of [[explicit, 'explicit.bin'], [implicit, 'implicit.bin']] as const) {
      const before = socks.accessLog().length;
      const out = path.join(work, name);
      const env = { NODE_EXTRA_CA_CERTS: certs.caFile, FERRY_PROXY_USER: `${login.username}:${login.password}` };
      const result = await ferry(['get', server.url('/secret.bin'), '-o', out, '--proxy', socks.url(), '--home', path.join(work, 'home')], env);
      expect(result.code, result.stderr).toBe(0);
      expect(sha256File(out)).toBe(sha256File(file));
      expect(server.logins.at(-1)).toEqual({ user: 'anonymous', secure: true });
      expect(tunnelled(before)[0]).toBe(server.port);
      expect(result.stderr).not.toContain(login.password);
    }
  });

  it('a wrong proxy password is ProxyAuthenticationRequired, and the FTP server sees nothing', async () => {
    writeRandomFile(path.join(work, 'root'), 'refused.bin', 1000);
    const connections = ftp.connections;
    await withService({}, async (service) => {
      const t = await service.createDownload({ url: ftp.url('/refused.bin'), dir: work, proxy: socks.url(), proxyCredential: `${login.username}:wrong` });
      const done = await waitFinal(service, t.id);
      expect(done.error?.status).toBe('ProxyAuthenticationRequired');
      expect(done.error?.message).toContain(`the proxy socks5://127.0.0.1:${socks.port} refused the login of user "ferry"`);
    });
    expect(ftp.connections).toBe(connections);
  });
});

describe('FTP and an HTTP proxy', () => {
  it('is refused in words at once, whether the transfer or the setting names it; nothing is sent', async () => {
    writeRandomFile(path.join(work, 'root'), 'nothttp.bin', 1000);
    const connections = ftp.connections;
    await withService({ defaults: { proxy: http.url() } }, async (service) => {
      for (const proxy of [http.url(), undefined]) {
        const t = await service.createDownload({ url: ftp.url('/nothttp.bin'), dir: work, ...(proxy ? { proxy } : {}) });
        const done = await waitFinal(service, t.id);
        expect(done.state).toBe('failed');
        expect(done.error?.status).toBe('InvalidArgument');
        expect(done.error?.message).toContain(`FTP cannot go through the HTTP proxy http://127.0.0.1:${http.port} (for ${ftp.url('/nothttp.bin')}): choose "no proxy" for this download (--proxy none)`);
        expect(done.retries).toEqual([]);
      }
      // "none" for this download goes direct.
      const direct = await service.createDownload({ url: ftp.url('/nothttp.bin'), path: path.join(work, 'direct.bin'), proxy: 'none' });
      expect((await waitFinal(service, direct.id)).state).toBe('completed');
    });
    expect(http.connections).toBe(0);
    expect(ftp.connections).toBe(connections + 1);
  });

  it('HTTP_PROXY does not apply to ftp:// (direct); ALL_PROXY does (here SOCKS5), as curl reads them', async () => {
    writeRandomFile(path.join(work, 'root'), 'env.bin', 5000);
    await withService({ systemProxy: environmentProxy({ HTTP_PROXY: http.url(), HTTPS_PROXY: http.url() }) }, async (service) => {
      const t = await service.createDownload({ url: ftp.url('/env.bin'), path: path.join(work, 'env-direct.bin') });
      expect((await waitFinal(service, t.id)).state).toBe('completed');
    });
    expect(http.connections).toBe(0);
    const before = socks.accessLog().length;
    await withService({ systemProxy: environmentProxy({ HTTP_PROXY: http.url(), ALL_PROXY: socks.url(login) }) }, async (service) => {
      const t = await service.createDownload({ url: ftp.url('/env.bin'), path: path.join(work, 'env-socks.bin') });
      expect((await waitFinal(service, t.id)).state).toBe('completed');
    });
    expect(tunnelled(before)[0]).toBe(ftp.port);
    const refused = await withService({ systemProxy: environmentProxy({ ftp_proxy: http.url() }) }, async (service) =>
      waitFinal(service, (await service.createDownload({ url: ftp.url('/env.bin'), path: path.join(work, 'env-refused.bin') })).id),
    );
    expect(refused.error?.message).toContain('FTP cannot go through the HTTP proxy');
  });
});
