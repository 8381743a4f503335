// The extension's pure parts: which downloads it takes, the message it sends Ferry, and the order
// of a hand-off (Ferry asked first; the browser's copy dropped only once Ferry took it).
import { describe, expect, it } from 'vitest';
import { decide, DEFAULT_SETTINGS, hostExcluded, listFromText, settingsFrom, type CatchSettings } from '../../extension/src/catch-rules.ts';
import { addMessage, handOff, type AddReply } from '../../extension/src/handoff.ts';

const rules: CatchSettings = DEFAULT_SETTINGS;

describe('which downloads go to Ferry', () => {
  it('takes the default types (archives, images, installers, media) and anything of 5 MB or more', () => {
    for (const name of ['a.zip', 'b.tar.gz', 'c.iso', 'd.dmg', 'setup.exe', 'pkg.deb', 'film.mkv', 'song.flac']) {
      expect(decide({ url: `https://example.test/${name}`, filename: `/home/u/Downloads/${name}` }, rules)).toEqual({ take: true });
    }
    expect(decide({ url: 'https://example.test/report.pdf', filename: 'report.pdf', totalBytes: 4_999_999 }, rules)).toEqual({ take: false, why: 'not-matched' });
    expect(decide({ url: 'https://example.test/report.pdf', filename: 'report.pdf', totalBytes: 5_000_000 }, rules)).toEqual({ take: true });
    expect(decide({ url: 'https://example.test/get?id=1', mime: 'video/mp4' }, rules)).toEqual({ take: true });
    expect(decide({ url: 'https://example.test/get?id=1', mime: 'application/x-iso9660-image' }, rules)).toEqual({ take: true });
  });

  it('leaves the browser what Ferry cannot fetch, private windows, excluded sites and bypassed clicks', () => {
    expect(decide({ url: 'blob:https://example.test/1234', filename: 'a.zip' }, rules)).toEqual({ take: false, why: 'scheme' });
    expect(decide({ url: 'data:application/zip;base64,AA==', filename: 'a.zip' }, rules)).toEqual({ take: false, why: 'scheme' });
    expect(decide({ url: 'https://example.test/a.zip', incognito: true }, rules)).toEqual({ take: false, why: 'incognito' });
    const excluding = { ...rules, excludedHosts: ['example.test'] };
    expect(decide({ url: 'https://cdn.example.test/a.zip' }, excluding)).toEqual({ take: false, why: 'excluded' });
    expect(decide({ url: 'https://notexample.test/a.zip' }, excluding)).toEqual({ take: true });
    // The final URL counts too: a redirect to an excluded host stays with the browser.
    expect(decide({ url: 'https://other.test/a.zip', finalUrl: 'https://example.test/a.zip' }, excluding)).toEqual({ take: false, why: 'excluded' });
    expect(decide({ url: 'https://example.test/a.zip' }, rules, true)).toEqual({ take: false, why: 'bypassed' });
    expect(decide({ url: 'https://example.test/a.zip' }, { ...rules, enabled: false })).toEqual({ take: false, why: 'disabled' });
  });

  it('reads settings as stored, defaults for what is missing or wrong; lists typed in any separator', () => {
    expect(settingsFrom(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(settingsFrom({ minSizeMB: -1, extensions: 'zip', enabled: false })).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
    expect(listFromText(' zip, .7z\niso  ')).toEqual(['zip', '.7z', 'iso']);
    expect(hostExcluded('a.b.example.test', ['*.example.test'])).toBe(true);
    expect(hostExcluded('example.test', [''])).toBe(false);
  });
});

describe('handing a download to Ferry', () => {
  it('builds the add message: final URL, Cookie header, Referer, User-Agent, the base name', () => {
    expect(addMessage({ url: 'https://h.test/f.zip', cookies: [{ name: 'sid', value: 'x1' }, { name: 'lang', value: 'en' }], referer: 'https://h.test/', userAgent: 'UA/1', filename: '/home/u/Downloads/f.zip' })).toEqual({
      type: 'add',
      url: 'https://h.test/f.zip',
      cookies: 'sid=x1; lang=en',
      referer: 'https://h.test/',
      userAgent: 'UA/1',
      filename: 'f.zip',
    });
    expect(addMessage({ url: 'https://h.test/f.zip', cookies: [], filename: 'C:\\Users\\u\\f.zip' })).toEqual({ type: 'add', url: 'https://h.test/f.zip', filename: 'f.zip' });
  });

  const steps = (reply: () => Promise<AddReply>) => {
    const calls: string[] = [];
    return {
      calls,
      steps: {
        ask: async () => {
          calls.push('ask');
          return reply();
        },
        dropBrowserCopy: async () => void calls.push('drop'),
        release: () => void calls.push('release'),
      },
    };
  };

  it('drops the browser\'s copy only after Ferry took it', async () => {
    const s = steps(async () => ({ ok: true, id: 't1' }));
    expect(await handOff({ type: 'add', url: 'https://h.test/a.zip' }, s.steps)).toEqual({ handedOver: true, id: 't1' });
    expect(s.calls).toEqual(['ask', 'drop']);
  });

  it('lets the browser go on when Ferry refuses, is not installed, or answers nothing', async () => {
    const refused = steps(async () => ({ ok: false, error: { status: 'InvalidUri', message: 'no' } }));
    expect(await handOff({ type: 'add', url: 'https://h.test/a.zip' }, refused.steps)).toEqual({ handedOver: false, reason: 'no' });
    expect(refused.calls).toEqual(['ask', 'release']);
    const missing = steps(async () => {
      throw new Error('Specified native messaging host not found.');
    });
    expect(await handOff({ type: 'add', url: 'https://h.test/a.zip' }, missing.steps)).toEqual({ handedOver: false, reason: 'Specified native messaging host not found.' });
    expect(missing.calls).toEqual(['ask', 'release']);
    const silent = steps(async () => undefined as unknown as AddReply);
    expect(await handOff({ type: 'add', url: 'https://h.test/a.zip' }, silent.steps)).toEqual({ handedOver: false, reason: 'no answer from Ferry' });
    expect(silent.calls).toEqual(['ask', 'release']);
  });
});
