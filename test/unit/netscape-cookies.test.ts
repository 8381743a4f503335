// The Netscape cookies.txt reader: tabs, #HttpOnly_, subdomain and secure flags, expiry 0 = a
// session cookie, expired ones dropped, comments and blank lines, CRLF; a wrong line named.
import { expect, it } from 'vitest';
import { parseNetscapeCookies } from '../../electron/engine/protocols/http/auth/netscape-cookies.ts';

it('reads what curl and browser exports write', () => {
  const text = [
    '# Netscape HTTP Cookie File',
    '# https://curl.se/docs/http-cookies.html',
    '',
    '.example.com\tTRUE\t/\tTRUE\t4102444800\tsid\ta=b;c',
    '#HttpOnly_files.example.com\tFALSE\t/dl\tFALSE\t0\ttoken\txyz',
    'old.example.com\tFALSE\t/\tFALSE\t1000\tgone\tlong ago',
    'empty.example.com\tFALSE\t/\tFALSE\t0\tblank\t',
  ].join('\r\n');
  expect(parseNetscapeCookies(text)).toEqual([
    { key: 'sid', value: 'a=b;c', domain: 'example.com', path: '/', secure: true, httpOnly: false, hostOnly: false, expires: '2100-01-01T00:00:00.000Z' },
    { key: 'token', value: 'xyz', domain: 'files.example.com', path: '/dl', secure: false, httpOnly: true, hostOnly: true },
    { key: 'blank', value: '', domain: 'empty.example.com', path: '/', secure: false, httpOnly: false, hostOnly: true },
  ]);
});

it('names the line and what is wrong with it', () => {
  expect(() => parseNetscapeCookies('# c\nexample.com TRUE / FALSE 0 a b\n', 'cookies.txt')).toThrow(/^cookies\.txt, line 2: 1 fields separated by tabs, not 7/);
  expect(() => parseNetscapeCookies('example.com\tyes\t/\tFALSE\t0\ta\tb')).toThrow(/line 1: the 2nd and 4th fields must be TRUE or FALSE/);
  expect(() => parseNetscapeCookies('example.com\tTRUE\t/\tFALSE\t-1\ta\tb')).toThrow(/line 1: the expiry \(5th field\) must be a whole number/);
  expect(() => parseNetscapeCookies('\tTRUE\t/\tFALSE\t0\ta\tb')).toThrow(/line 1: no domain or no name/);
});
