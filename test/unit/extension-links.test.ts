// "Download all links with Ferry", its pure parts: the list made from the page's links (names,
// hosts, kinds, once each, only what Ferry can fetch), the type filter, and the batch message.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../extension/src/catch-rules.ts';
import { FILE_TYPES, fileTypeOf } from '../../extension/src/file-types.ts';
import { addAllMessage, addMessage, handOffAll } from '../../extension/src/handoff.ts';
import { linkEntries, shownLinks } from '../../extension/src/links.ts';

describe('the list of a page\'s links', () => {
  const entries = linkEntries([
    { url: 'https://files.test/dl/big%20one.zip', text: 'Big' },
    { url: 'https://files.test/dl/big%20one.zip#again', text: 'Big again' },
    { url: 'https://mirror.test/img/disk.iso?x=1', text: '' },
    { url: 'https://files.test/about.html', text: 'About' },
    { url: 'https://files.test/', text: 'Home' },
    { url: 'https://files.test/doc.PDF', text: '' },
    { url: 'javascript:alert(1)', text: 'evil' },
    { url: 'mailto:a@b.test', text: 'mail' },
    { url: 'ftp://ftp.test/pub/tool.deb', text: '' },
  ]);

  it('names each link by its file, with its host and kind; once each; only http, https, ftp, ftps', () => {
    expect(entries).toEqual([
      { url: 'https://files.test/dl/big%20one.zip', name: 'big one.zip', host: 'files.test', type: 'archives' },
      { url: 'https://mirror.test/img/disk.iso?x=1', name: 'disk.iso', host: 'mirror.test', type: 'diskImages' },
      { url: 'https://files.test/about.html', name: 'about.html', host: 'files.test', type: null },
      { url: 'https://files.test/', name: 'Home', host: 'files.test', type: null },
      { url: 'https://files.test/doc.PDF', name: 'doc.PDF', host: 'files.test', type: 'documents' },
      { url: 'ftp://ftp.test/pub/tool.deb', name: 'tool.deb', host: 'ftp.test', type: 'installers' },
    ]);
  });

  it('filters by type; all shows every link', () => {
    expect(shownLinks(entries, 'archives').map((e) => e.name)).toEqual(['big one.zip']);
    expect(shownLinks(entries, 'documents').map((e) => e.name)).toEqual(['doc.PDF']);
    expect(shownLinks(entries, 'media')).toEqual([]);
    expect(shownLinks(entries, 'all')).toHaveLength(6);
  });

  it('knows the kinds the catch rules take by default, and documents besides', () => {
    expect(DEFAULT_SETTINGS.extensions).toEqual([...FILE_TYPES.archives, ...FILE_TYPES.diskImages, ...FILE_TYPES.installers, ...FILE_TYPES.media]);
    expect(fileTypeOf('mkv')).toBe('media');
    expect(fileTypeOf('html')).toBeNull();
  });
});

describe('handing a batch of links to Ferry', () => {
  const messages = [addMessage({ url: 'https://h.test/a.zip', cookies: [{ name: 'sid', value: 'x' }], referer: 'https://h.test/', userAgent: 'UA/1' }), addMessage({ url: 'https://h.test/b.zip', cookies: [] })];

  it('sends one addAll message with each link as a single add would carry it', () => {
    expect(addAllMessage(messages)).toEqual({
      type: 'addAll',
      items: [{ url: 'https://h.test/a.zip', cookies: 'sid=x', referer: 'https://h.test/', userAgent: 'UA/1' }, { url: 'https://h.test/b.zip' }],
    });
  });

  it('says what Ferry took, or why not', async () => {
    expect(await handOffAll(messages, async () => ({ ok: true, ids: ['1', '2'] }))).toEqual({ handedOver: true, ids: ['1', '2'] });
    expect(await handOffAll(messages, async () => ({ ok: false, error: { status: 'TooManyTransfers', message: 'at most 200' } }))).toEqual({ handedOver: false, reason: 'at most 200' });
    expect(await handOffAll(messages, async () => Promise.reject(new Error('Specified native messaging host not found.')))).toEqual({ handedOver: false, reason: 'Specified native messaging host not found.' });
  });
});
