// Which proxy a request goes through: the bypass list as curl reads NO_PROXY, the environment's
// variables in either case, and the order of a transfer's own proxy, the setting and the system's.
import { describe, expect, it } from 'vitest';
import { bypassesProxy } from '../../electron/engine/proxy/no-proxy.ts';
import { environmentProxy } from '../../electron/engine/proxy/env-proxy.ts';
import { proxyChooser } from '../../electron/engine/proxy/choose-proxy.ts';
import { proxySettingProblem, proxyUrlProblem } from '../../shared/proxy-url.ts';

const at = (url: string) => new URL(url);

describe('the bypass list', () => {
  it('matches a name and the names under it, a leading dot or *. alike, with a port or not', () => {
    const list = 'example.com, .corp.test *.lan,intra:8080';
    expect(bypassesProxy(list, at('http://example.com/x'))).toBe(true);
    expect(bypassesProxy(list, at('https://dl.example.com/x'))).toBe(true);
    expect(bypassesProxy(list, at('http://notexample.com/x'))).toBe(false);
    expect(bypassesProxy(list, at('http://a.corp.test/'))).toBe(true);
    expect(bypassesProxy(list, at('http://corp.test/'))).toBe(true);
    expect(bypassesProxy(list, at('http://box.lan/'))).toBe(true);
    expect(bypassesProxy(list, at('http://intra:8080/'))).toBe(true);
    expect(bypassesProxy(list, at('http://intra/'))).toBe(false);
    expect(bypassesProxy('EXAMPLE.COM', at('http://Example.com./'))).toBe(true);
  });

  it('matches IP addresses, CIDR blocks (v4 and v6) and *', () => {
    expect(bypassesProxy('127.0.0.1', at('http://127.0.0.1:9/'))).toBe(true);
    expect(bypassesProxy('10.0.0.0/8', at('http://10.20.30.40/'))).toBe(true);
    expect(bypassesProxy('10.0.0.0/8', at('http://11.0.0.1/'))).toBe(false);
    expect(bypassesProxy('::1, fd00::/8', at('http://[fd12::5]:81/'))).toBe(true);
    expect(bypassesProxy('[::1]:80', at('http://[::1]/'))).toBe(true);
    expect(bypassesProxy('*', at('https://anything.example/'))).toBe(true);
    expect(bypassesProxy('', at('https://anything.example/'))).toBe(false);
  });
});

describe('the environment', () => {
  it('takes http_proxy for http, https_proxy for https, all_proxy otherwise, lower case first; no_proxy goes direct', () => {
    const env = environmentProxy({ http_proxy: 'http://lower:3128', HTTP_PROXY: 'http://upper:3128', HTTPS_PROXY: 'proxy.example:8080', ALL_PROXY: 'socks5h://s:1080', no_proxy: 'local.test' });
    expect(env(at('http://a.example/'))).toBe('http://lower:3128');
    expect(env(at('https://a.example/'))).toBe('http://proxy.example:8080');
    expect(env(at('http://local.test/'))).toBeNull();
    expect(environmentProxy({ ALL_PROXY: 'socks5h://s:1080' })(at('https://a.example/'))).toBe('socks5h://s:1080');
    expect(environmentProxy({ HTTPS_PROXY: ' ' })(at('https://a.example/'))).toBeNull();
  });
});

describe('the choice', () => {
  const system = environmentProxy({ HTTP_PROXY: 'http://user:envpass@sys:3128' });
  const choose = (transferProxy: string | undefined, proxy: string, noProxy = '', transferCredential?: string) =>
    proxyChooser({ transferProxy, transferCredential, settings: { proxy, noProxy, pacUrl: '' }, system })(at('http://files.example/a'));

  it('puts the transfer\'s own first, then the setting (with its bypass list), then the system\'s', async () => {
    expect(await choose('none', 'http://set:1')).toBeNull();
    expect((await choose('socks5://own:1080', 'http://set:1'))?.url.href).toBe('socks5://own:1080');
    expect((await choose(undefined, 'http://set:1'))?.url.href).toBe('http://set:1/');
    expect(await choose(undefined, 'http://set:1', 'files.example')).toBeNull();
    expect(await choose(undefined, 'none')).toBeNull();
    const fromSystem = await choose(undefined, 'system');
    expect(fromSystem).toMatchObject({ credential: { username: 'user', password: 'envpass' } });
    expect(fromSystem?.url.href).toBe('http://sys:3128/');
    // --proxy-user goes with whichever proxy is chosen, over the one in its URL.
    expect((await choose(undefined, 'system', '', 'me:mine'))?.credential).toEqual({ username: 'me', password: 'mine' });
  });

  it('refuses what is not a proxy in words', async () => {
    expect(proxyUrlProblem('socks4://h:1080')).toBe('Ferry speaks to http, https, socks5 and socks5h proxies, not "socks4"');
    expect(proxyUrlProblem('http://h:3128/path')).toBe('a proxy URL is only scheme://host:port (no path, query or fragment)');
    expect(proxySettingProblem('http://u:p@h:1')).toMatch(/^the proxy setting is saved in plain text/);
    const bad = proxyChooser({ transferProxy: undefined, settings: { proxy: 'system', noProxy: '', pacUrl: '' }, transferCredential: undefined, system: () => 'ftp://h:21' });
    await expect(bad(at('http://x/'))).rejects.toThrow('the system\'s proxy (the OS\'s settings, or the environment\'s HTTP_PROXY, HTTPS_PROXY, FTP_PROXY or ALL_PROXY): Ferry speaks to http, https, socks5 and socks5h proxies, not "ftp"');
  });
});
