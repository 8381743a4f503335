// The PAC sandbox: the PAC functions work, an endless loop is interrupted (the event loop goes on),
// a script sees no Node (require, process), myIpAddress answers without a connection, and the
// script is given a URL without its login, and only the origin of an https one.
import { describe, expect, it } from 'vitest';
import { compilePacScript } from '../../electron/engine/proxy/pac/pac-sandbox.ts';
import { pacTarget } from '../../electron/engine/proxy/pac/pac-proxies.ts';

describe('a PAC script in the sandbox', () => {
  it('answers with the PAC functions', async () => {
    const script = await compilePacScript('function FindProxyForURL(url, host) { return isPlainHostName(host) ? "DIRECT" : dnsDomainIs(host, ".example") ? "PROXY p.example:3128" : "SOCKS5 s:1"; }', 'test.pac');
    try {
      expect(await script.findProxy(new URL('http://intranet/a'))).toBe('DIRECT');
      expect(await script.findProxy(new URL('https://files.example/a'))).toBe('PROXY p.example:3128');
      expect(await script.findProxy(new URL('http://other.test/a'))).toBe('SOCKS5 s:1');
    } finally {
      script.dispose();
    }
  });

  it('interrupts an endless loop, and the same script answers the next call', async () => {
    const script = await compilePacScript('function FindProxyForURL(url, host) { if (host === "loop.test") { for (;;) {} } return "DIRECT"; }', 'loop.pac', { runMs: 200, callMs: 2000 });
    try {
      const started = Date.now();
      await expect(script.findProxy(new URL('http://loop.test/'))).rejects.toThrow(/interrupted/);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(await script.findProxy(new URL('http://fine.test/'))).toBe('DIRECT');
    } finally {
      script.dispose();
    }
  });

  it('gives the script no Node: no require, process or globalThis.process', async () => {
    const script = await compilePacScript('function FindProxyForURL(url, host) { return [typeof require, typeof process, typeof globalThis.process].join(","); }', 'probe.pac');
    try {
      expect(await script.findProxy(new URL('http://a.test/'))).toBe('undefined,undefined,undefined');
    } finally {
      script.dispose();
    }
  });

  it('answers myIpAddress from the interfaces, at once', async () => {
    const script = await compilePacScript('function FindProxyForURL(url, host) { return myIpAddress(); }', 'ip.pac');
    try {
      expect(await script.findProxy(new URL('http://a.test/'))).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    } finally {
      script.dispose();
    }
  });

  it('refuses a script without FindProxyForURL', async () => {
    await expect(compilePacScript('var x = 1;', 'none.pac')).rejects.toThrow(/FindProxyForURL/);
  });
});

describe('what the script is given', () => {
  it('drops the login, and the path and query of an https URL', () => {
    expect(pacTarget(new URL('http://u:secret@a.test:8080/p/q?x=1#f')).href).toBe('http://a.test:8080/p/q?x=1');
    expect(pacTarget(new URL('https://u:secret@a.test/private/token?sig=1')).href).toBe('https://a.test/');
  });
});
