// A PAC answer (FindProxyForURL's, or Electron's resolveProxy's) as the proxy Ferry uses: the first
// entry it can use, SOCKS as socks5h, default ports, unknown and broken entries skipped with a reason.
import { describe, expect, it } from 'vitest';
import { parsePacAnswer } from '../../shared/pac-answer.ts';

describe('a PAC answer', () => {
  it('takes each kind of entry as its proxy URL', () => {
    expect(parsePacAnswer('PROXY proxy.example:3128')).toEqual({ usable: true, proxy: 'http://proxy.example:3128', skipped: [] });
    expect(parsePacAnswer('HTTP proxy.example:3128')).toMatchObject({ proxy: 'http://proxy.example:3128' });
    expect(parsePacAnswer('HTTPS secure.example:8443')).toMatchObject({ proxy: 'https://secure.example:8443' });
    expect(parsePacAnswer('SOCKS5 127.0.0.1:1080')).toMatchObject({ proxy: 'socks5h://127.0.0.1:1080' });
    expect(parsePacAnswer('SOCKS 127.0.0.1:1081')).toMatchObject({ proxy: 'socks5h://127.0.0.1:1081' });
    expect(parsePacAnswer('proxy [::1]:8080')).toMatchObject({ proxy: 'http://[::1]:8080' });
  });

  it('goes direct for DIRECT and for an empty answer', () => {
    expect(parsePacAnswer('DIRECT')).toEqual({ usable: true, proxy: null, skipped: [] });
    expect(parsePacAnswer('')).toEqual({ usable: true, proxy: null, skipped: [] });
    expect(parsePacAnswer(' ; ')).toEqual({ usable: true, proxy: null, skipped: [] });
  });

  it('takes the first usable entry, in order, with spaces around the semicolons', () => {
    expect(parsePacAnswer('PROXY a.example:1;  SOCKS5 b.example:2; DIRECT')).toMatchObject({ proxy: 'http://a.example:1', skipped: [] });
    expect(parsePacAnswer('DIRECT; PROXY a.example:1')).toMatchObject({ proxy: null });
  });

  it('gives the default port of the kind when an entry names none', () => {
    expect(parsePacAnswer('PROXY a.example')).toMatchObject({ proxy: 'http://a.example:80' });
    expect(parsePacAnswer('HTTPS a.example')).toMatchObject({ proxy: 'https://a.example:443' });
    expect(parsePacAnswer('SOCKS5 a.example')).toMatchObject({ proxy: 'socks5h://a.example:1080' });
  });

  it('skips entries it cannot use, each with its reason, and says so when none is left', () => {
    const answer = parsePacAnswer('QUIC q.example:443; PROXY ; PROXY bad/host:1; PROXY a.example:1');
    expect(answer).toMatchObject({ usable: true, proxy: 'http://a.example:1' });
    expect(answer.skipped).toHaveLength(3);
    expect(answer.skipped[0]).toMatch(/QUIC q\.example:443.*does not speak QUIC/);
    expect(answer.skipped[1]).toMatch(/expected PROXY host:port/);
    expect(answer.skipped[2]).toMatch(/bad\/host:1.*is not host:port/);
    const none = parsePacAnswer('QUIC q.example:443; PROXY a.example:99999');
    expect(none.usable).toBe(false);
    expect(none.skipped).toHaveLength(2);
    expect(parsePacAnswer('DIRECT extra')).toMatchObject({ usable: false });
  });
});
