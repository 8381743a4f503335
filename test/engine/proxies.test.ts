// Transfers through a proxy the test runs (the `proxy` package on 127.0.0.1): absolute-form for
// http targets, Basic proxy auth (right, wrong, missing), an unreachable proxy, the transfer's own
// proxy and "none", the proxy setting with its bypass list, and the system's (the environment).
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, sha256File, useEngineTestBed, waitFinal } from '../helpers/engine.ts';
import { closedPort, TestProxy } from '../helpers/http-proxy.ts';
import { throwawaySecret } from '../helpers/secrets.ts';
import { environmentProxy } from '../../electron/engine/proxy/env-proxy.ts';

const bed = useEngineTestBed();
let proxy: TestProxy;
beforeEach(async () => {
  proxy = await new TestProxy().start();
});
afterEach(async () => {
  await proxy.close();
});

describe('an http:// proxy', () => {
  it('carries a download as absolute-form requests; the server sees only the proxy', async () => {
    const file = randomFile(300_000);
    bed.server.serve('/via.bin', file);
    const t = await bed.service.createDownload({ url: bed.server.url('/via.bin'), path: path.join(bed.dir, 'via.bin'), proxy: proxy.url() });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('completed');
    expect(sha256File(path.join(bed.dir, 'via.bin'))).toBe(sha256(file.body));
    expect(proxy.seen).toEqual([`GET ${bed.server.url('/via.bin')}`]);
    expect(bed.server.requestsFor('/via.bin')).toHaveLength(1);
  });

  it('logs in with Basic (right: completed; wrong or missing: ProxyAuthenticationRequired saying which)', async () => {
    const password = throwawaySecret();
    const guarded = await new TestProxy({ username: 'alice', password }).start();
    try {
      const file = randomFile(50_000);
      bed.server.serve('/guarded.bin', file);
      const url = bed.server.url('/guarded.bin');
      const right = await bed.service.createDownload({ url, path: path.join(bed.dir, 'right.bin'), proxy: guarded.url(), proxyCredential: `alice:${password}` });
      expect((await waitFinal(bed.service, right.id)).state).toBe('completed');
      expect(sha256File(path.join(bed.dir, 'right.bin'))).toBe(sha256(file.body));

      const wrong = await bed.service.createDownload({ url, path: path.join(bed.dir, 'wrong.bin'), proxy: guarded.url(), proxyCredential: 'alice:not-it' });
      const refused = await waitFinal(bed.service, wrong.id);
      expect(refused.error).toMatchObject({ status: 'ProxyAuthenticationRequired', httpStatus: 407 });
      expect(refused.error?.message).toMatch(/^the proxy http:\/\/127\.0\.0\.1:\d+ refused the login of user "alice"/);
      expect(refused.retries).toEqual([]);

      const missing = await bed.service.createDownload({ url, path: path.join(bed.dir, 'missing.bin'), proxy: guarded.url() });
      const asked = await waitFinal(bed.service, missing.id);
      expect(asked.error).toMatchObject({ status: 'ProxyAuthenticationRequired', httpStatus: 407 });
      expect(asked.error?.message).toMatch(/^the proxy http:\/\/127\.0\.0\.1:\d+ asks for a login and none was given: give it with --proxy-user/);
      // Only the right login reached the server.
      expect(bed.server.requestsFor('/guarded.bin')).toHaveLength(1);
      for (const t of [refused, asked]) expect(JSON.stringify(t)).not.toContain(password);
    } finally {
      await guarded.close();
    }
  });

  it('takes the credential out of a proxy URL given with the transfer, as a secret', async () => {
    const password = throwawaySecret();
    const guarded = await new TestProxy({ username: 'bob', password }).start();
    try {
      bed.server.serve('/in-url.bin', randomFile(10_000));
      const t = await bed.service.createDownload({ url: bed.server.url('/in-url.bin'), dir: bed.dir, proxy: `http://bob:${password}@127.0.0.1:${guarded.port}` });
      const done = await waitFinal(bed.service, t.id);
      expect(done.state).toBe('completed');
      expect(JSON.stringify(done)).not.toContain(password);
      expect(JSON.stringify(await bed.service.listTransfers())).not.toContain(password);
    } finally {
      await guarded.close();
    }
  });

  it('that cannot be reached is CannotConnect naming the proxy, not the server', async () => {
    const port = await closedPort();
    bed.server.serve('/unreached.bin', randomFile(1000));
    const t = await bed.service.createDownload({ url: bed.server.url('/unreached.bin'), dir: bed.dir, proxy: `http://127.0.0.1:${port}` });
    const done = await waitFinal(bed.service, t.id);
    expect(done.error?.status).toBe('CannotConnect');
    expect(done.error?.message).toContain(`could not connect to the proxy http://127.0.0.1:${port} (ECONNREFUSED) to reach ${bed.server.url('/unreached.bin')}`);
    expect(bed.server.requestsFor('/unreached.bin')).toEqual([]);
  });
});

describe('which proxy', () => {
  it('"none" goes direct even when the system names a proxy', async () => {
    const service = await makeService(bed.dir, { systemProxy: environmentProxy({ HTTP_PROXY: proxy.url() }) });
    try {
      bed.server.serve('/direct.bin', randomFile(10_000));
      bed.server.serve('/system.bin', randomFile(10_000));
      const direct = await service.createDownload({ url: bed.server.url('/direct.bin'), dir: bed.dir, proxy: 'none' });
      const system = await service.createDownload({ url: bed.server.url('/system.bin'), dir: bed.dir });
      expect((await waitFinal(service, direct.id)).state).toBe('completed');
      expect((await waitFinal(service, system.id)).state).toBe('completed');
      expect(proxy.seen).toEqual([`GET ${bed.server.url('/system.bin')}`]);
    } finally {
      await service.shutdown();
    }
  });

  it('follows http_proxy and NO_PROXY (a name and the names under it, with a port or not)', async () => {
    const service = await makeService(bed.dir, { systemProxy: environmentProxy({ http_proxy: proxy.url(), NO_PROXY: `example.test, localhost:${bed.server.port}` }) });
    try {
      bed.server.serve('/bypass.bin', randomFile(10_000));
      bed.server.serve('/proxied.bin', randomFile(10_000));
      const bypass = await service.createDownload({ url: `http://localhost:${bed.server.port}/bypass.bin`, dir: bed.dir });
      const proxied = await service.createDownload({ url: bed.server.url('/proxied.bin'), dir: bed.dir });
      expect((await waitFinal(service, bypass.id)).state).toBe('completed');
      expect((await waitFinal(service, proxied.id)).state).toBe('completed');
      expect(proxy.seen).toEqual([`GET ${bed.server.url('/proxied.bin')}`]);
    } finally {
      await service.shutdown();
    }
  });

  it('uses the proxy setting, except for hosts in its bypass list, over the system\'s', async () => {
    const other = await new TestProxy().start();
    const service = await makeService(bed.dir, { systemProxy: environmentProxy({ HTTP_PROXY: other.url() }) });
    try {
      await service.setSettings({ proxy: proxy.url(), noProxy: 'localhost' });
      bed.server.serve('/set.bin', randomFile(10_000));
      const viaSetting = await service.createDownload({ url: bed.server.url('/set.bin'), dir: bed.dir });
      const bypassed = await service.createDownload({ url: `http://localhost:${bed.server.port}/set.bin`, path: path.join(bed.dir, 'bypassed.bin') });
      expect((await waitFinal(service, viaSetting.id)).state).toBe('completed');
      expect((await waitFinal(service, bypassed.id)).state).toBe('completed');
      expect(proxy.seen).toEqual([`GET ${bed.server.url('/set.bin')}`]);
      expect(other.seen).toEqual([]);
      await expect(service.setSettings({ proxy: `http://u:${throwawaySecret()}@127.0.0.1:1` })).rejects.toThrow(/the proxy setting is saved in plain text/);
      await expect(service.setSettings({ proxy: 'ftp://127.0.0.1:1' })).rejects.toThrow(/Ferry speaks to http, https, socks5 and socks5h proxies, not "ftp"/);
    } finally {
      await service.shutdown();
      await other.close();
    }
  });
});
