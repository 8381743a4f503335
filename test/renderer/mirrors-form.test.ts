// The add form's mirrors field (folded part): one address per line for the one file, refused in
// words per line by the engine's rules (a download URL, no login in it, one file).
import { expect, it } from 'vitest';
import { requestsFromForm } from '../../renderer/src/state/forms.ts';

it('makes the request\'s mirrors, one per line, blank lines ignored', () => {
  expect(requestsFromForm({ urls: 'http://a.example/f.iso', mirrors: ' https://b.example/f.iso \n\nftp://c.example/pub/f.iso\n' })).toEqual([
    { url: 'http://a.example/f.iso', mirrors: ['https://b.example/f.iso', 'ftp://c.example/pub/f.iso'] },
  ]);
  expect(requestsFromForm({ urls: 'http://a.example/f.iso', mirrors: '  ' })).toEqual([{ url: 'http://a.example/f.iso' }]);
});

it('refuses a bad mirror in words naming its line, a login in one, and mirrors with several URLs', () => {
  expect(requestsFromForm({ urls: 'http://a.example/f', mirrors: 'https://b.example/f\nnot a url' })).toBe('Mirror 2: "not a url" is not a valid URL.');
  expect(requestsFromForm({ urls: 'http://a.example/f', mirrors: 'gopher://b.example/f' })).toBe('Mirror 1: only http, https, ftp and ftps URLs can be downloaded.');
  expect(requestsFromForm({ urls: 'http://a.example/f', mirrors: 'https://b.example/f\nhttps://bob:pw@c.example/f' })).toBe(
    'Mirror 2: a mirror\'s address cannot carry a user name or password; enter the login under User name and Password.',
  );
  expect(requestsFromForm({ urls: 'http://a.example/f\nhttp://a.example/g', mirrors: 'https://b.example/f' })).toBe('Mirrors are other addresses of one file: give a single URL with them.');
  expect(requestsFromForm({ urls: 'http://a.example/f', mirrors: Array.from({ length: 17 }, (_, i) => `https://m${i}.example/f`).join('\n') })).toBe('Give at most 16 mirrors.');
});
