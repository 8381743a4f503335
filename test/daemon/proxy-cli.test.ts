// Proxies from the command line and the environment, with the real `ferry`: CONNECT for an https
// server (HTTPS_PROXY), the proxy's login right, wrong and missing, `--proxy none`, the daemon
// following its own environment, and the proxy's password in no listing, error, log or process list.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { useTlsServer } from '../helpers/tls.ts';
import { sha256File, useSharedServer } from '../helpers/engine.ts';
import { FERRY_BIN, ferry, startDaemon } from '../helpers/cli.ts';
import { TestProxy } from '../helpers/http-proxy.ts';
import { throwawaySecret } from '../helpers/secrets.ts';

const tls = useTlsServer('ferry-proxy-tls-', (keys) => new FaultServer(keys));
const shared = useSharedServer();
const password = throwawaySecret();
let open: TestProxy;
let guarded: TestProxy;
beforeAll(async () => {
  open = await new TestProxy().start();
  guarded = await new TestProxy({ username: 'alice', password }).start();
});
afterAll(async () => {
  await open.close();
  await guarded.close();
});

describe('ferry get', () => {
  it('reaches an https server through HTTPS_PROXY with CONNECT, logging in with FERRY_PROXY_USER', async () => {
    const file = randomFile(400_000);
    tls.server.serve('/tunnel.bin', file);
    const out = path.join(tls.work, 'tunnel.bin');
    const env = { NODE_EXTRA_CA_CERTS: tls.certs.caFile, HTTPS_PROXY: guarded.url(), FERRY_PROXY_USER: `alice:${password}` };
    const result = await ferry(['get', tls.server.url('/tunnel.bin'), '-o', out, '--home', path.join(tls.work, 'home-a')], env);
    expect(result.stderr).toMatch(/^ferry: saved /);
    expect(result.code).toBe(0);
    expect(sha256File(out)).toBe(sha256(file.body));
    expect(guarded.seen).toContain(`CONNECT 127.0.0.1:${tls.server.port}`);
  });

  it('speaks TLS to an https:// proxy, for an http server (absolute-form) and an https one (CONNECT)', async () => {
    const secureProxy = await new TestProxy({ username: 'alice', password }, { key: tls.certs.key, cert: tls.certs.cert }).start();
    try {
      const file = randomFile(200_000);
      tls.server.serve('/through-tls.bin', file);
      shared.server.serve('/through-tls.bin', file);
      const env = { NODE_EXTRA_CA_CERTS: tls.certs.caFile, FERRY_PROXY_USER: `alice:${password}` };
      for (const url of [tls.server.url('/through-tls.bin'), shared.server.url('/through-tls.bin')]) {
        const out = path.join(tls.work, `through-${new URL(url).protocol.slice(0, -1)}.bin`);
        const result = await ferry(['get', url, '-o', out, '--proxy', secureProxy.url(), '--home', path.join(tls.work, 'home-tls-proxy')], env);
        expect(result.code, result.stderr).toBe(0);
        expect(sha256File(out)).toBe(sha256(file.body));
      }
      expect(secureProxy.seen).toEqual([`CONNECT 127.0.0.1:${tls.server.port}`, `GET ${shared.server.url('/through-tls.bin')}`]);
    } finally {
      await secureProxy.close();
    }
  });

  it('says which proxy login is wrong or missing (CONNECT answered 407), showing no password', async () => {
    tls.server.serve('/locked.bin', randomFile(1000));
    const base = (home: string) => ['get', tls.server.url('/locked.bin'), '-o', path.join(tls.work, 'locked.bin'), '--proxy', guarded.url(), '--home', path.join(tls.work, home)];
    const env = { NODE_EXTRA_CA_CERTS: tls.certs.caFile };
    const wrongPassword = throwawaySecret();
    const wrong = await ferry([...base('home-wrong'), '--proxy-user', `alice:${wrongPassword}`], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(new RegExp(`^ferry: ProxyAuthenticationRequired \\(HTTP 407\\): the proxy http://127\\.0\\.0\\.1:${guarded.port} refused the login of user "alice"`));
    expect(wrong.stderr + wrong.stdout).not.toContain(wrongPassword);
    const missing = await ferry(base('home-missing'), env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^ferry: ProxyAuthenticationRequired \(HTTP 407\): the proxy http:\/\/127\.0\.0\.1:\d+ asks for a login and none was given/);
    expect(tls.server.requestsFor('/locked.bin')).toEqual([]);
  });

  it('--proxy none goes direct whatever http_proxy says; a bad --proxy is refused in words', async () => {
    shared.server.serve('/plain.bin', randomFile(2000));
    const seen = open.seen.length;
    const direct = await ferry(['get', shared.server.url('/plain.bin'), '-o', path.join(shared.work, 'plain.bin'), '--proxy', 'none'], { http_proxy: open.url() });
    expect(direct.code).toBe(0);
    expect(open.seen.length).toBe(seen);
    const viaEnv = await ferry(['get', shared.server.url('/plain.bin'), '-o', path.join(shared.work, 'plain2.bin')], { http_proxy: open.url() });
    expect(viaEnv.code).toBe(0);
    expect(open.seen.slice(seen)).toEqual([`GET ${shared.server.url('/plain.bin')}`]);
    const bad = await ferry(['get', shared.server.url('/plain.bin'), '--proxy', 'socks4://127.0.0.1:1080']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ferry: InvalidArgument: .*Ferry speaks to http, https, socks5 and socks5h proxies, not "socks4"/);
  });

  it.skipIf(process.platform !== 'linux')('keeps the proxy password out of /proc/PID/cmdline', async () => {
    shared.server.serve('/slow-proxied.bin', randomFile(300_000, { rate: 100_000 }));
    const urlPassword = throwawaySecret();
    const child = spawn(
      process.execPath,
      [FERRY_BIN, 'get', shared.server.url('/slow-proxied.bin'), '--proxy', `http://alice:${urlPassword}@127.0.0.1:${guarded.port}`, '--proxy-user', `alice:${password}`, '-o', path.join(shared.work, 'slow.bin'), '--home', path.join(shared.work, 'h-proc')],
      { stdio: 'ignore' },
    );
    try {
      await expect.poll(() => shared.server.requestsFor('/slow-proxied.bin').length, { timeout: 10_000 }).toBeGreaterThan(0);
      const shown = fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8');
      expect(shown).toContain('alice:***');
      for (const secret of [password, urlPassword]) expect(shown).not.toContain(secret);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('the daemon', () => {
  it('follows its own HTTP_PROXY; keeps a transfer\'s proxy password out of ls, its log and errors', async () => {
    const home = path.join(shared.work, 'home-daemon');
    const daemon = await startDaemon(home, { HTTP_PROXY: open.url(), NO_PROXY: '' });
    try {
      const file = randomFile(30_000);
      shared.server.serve('/daemon/env.bin', file);
      const seen = open.seen.length;
      const added = await ferry(['add', shared.server.url('/daemon/env.bin'), '-d', path.join(shared.work, 'd'), '--wait', '--home', home]);
      expect(added).toMatchObject({ code: 0, stderr: '' });
      expect(sha256File(path.join(shared.work, 'd', 'env.bin'))).toBe(sha256(file.body));
      expect(open.seen.slice(seen)).toEqual([`GET ${shared.server.url('/daemon/env.bin')}`]);

      // Its own proxy and a wrong password: refused, and the password shown nowhere.
      const wrongPassword = throwawaySecret();
      const refused = await ferry(['add', shared.server.url('/daemon/env.bin'), '-d', path.join(shared.work, 'd'), '--proxy', `http://alice:${wrongPassword}@127.0.0.1:${guarded.port}`, '--wait', '--home', home]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^ferry: ProxyAuthenticationRequired \(HTTP 407\): the proxy http:\/\/127\.0\.0\.1:\d+ refused the login of user "alice"/);
      const listed = await ferry(['ls', '--json', '--home', home]);
      for (const text of [refused.stdout, refused.stderr, listed.stdout, daemon.stderr()]) expect(text).not.toContain(wrongPassword);
      expect(listed.stdout).toContain('ProxyAuthenticationRequired');
    } finally {
      await daemon.stop();
    }
  });
});
