// The add and upload forms' proxy fields: what requests they make, what they refuse in words, and a
// download added through the form that really goes through the proxy named there.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFerryStore, requestsFromForm } from '../../renderer/src/state/store.ts';
import { uploadRequestsFromForm } from '../../renderer/src/state/forms.ts';
import { t } from '../../renderer/src/i18n/catalog.ts';
import { randomFile } from '../helpers/fault-server.ts';
import { waitFinal } from '../helpers/engine.ts';
import { useUiBed } from '../helpers/ui-bridge.ts';
import { TestProxy } from '../helpers/http-proxy.ts';

const bed = useUiBed();
let proxy: TestProxy;
beforeEach(async () => {
  proxy = await new TestProxy({ username: 'dora', password: 'pw-for-the-form' }).start();
});
afterEach(async () => {
  await proxy.close();
});

describe('the proxy fields', () => {
  it('make the request\'s proxy and proxy login; empty leaves both to Settings', () => {
    expect(requestsFromForm({ urls: 'http://a.example/f', proxy: ' socks5h://127.0.0.1:1080 ', proxyUsername: 'me', proxyPassword: 'pw' })).toEqual([
      { url: 'http://a.example/f', proxy: 'socks5h://127.0.0.1:1080', proxyCredential: 'me:pw' },
    ]);
    expect(requestsFromForm({ urls: 'http://a.example/f', proxy: 'none' })).toEqual([{ url: 'http://a.example/f', proxy: 'none' }]);
    expect(requestsFromForm({ urls: 'http://a.example/f', proxy: '' })).toEqual([{ url: 'http://a.example/f' }]);
    expect(uploadRequestsFromForm({ url: 'http://a.example/up', protocol: 'raw', method: '', proxy: 'http://127.0.0.1:3128' }, [{ name: 'a.bin', path: '/tmp/a.bin' }])).toEqual([
      { url: 'http://a.example/up', protocol: 'raw', proxy: 'http://127.0.0.1:3128', files: [{ path: '/tmp/a.bin' }] },
    ]);
  });

  it('refuse what is not a proxy, and a proxy password without its user, in words', () => {
    expect(requestsFromForm({ urls: 'http://a.example/f', proxy: 'ftp://127.0.0.1:21' })).toBe(t.proxy.notProxy);
    expect(requestsFromForm({ urls: 'http://a.example/f', proxy: 'proxy:3128' })).toBe(t.proxy.notProxy);
    expect(requestsFromForm({ urls: 'http://a.example/f', proxyPassword: 'pw' })).toBe(t.proxy.userForPassword);
  });

  it('send a download added through the form through that proxy, with its login', async () => {
    const store = createFerryStore({ bridge: bed.bridge, scheduleFrame: (cb) => void cb() });
    try {
      await store.getState().load();
      bed.server.serve('/form.bin', randomFile(20_000));
      const outcome = await store.getState().addDownloads({ urls: bed.server.url('/form.bin'), dir: bed.dir, proxy: proxy.url(), proxyUsername: 'dora', proxyPassword: 'pw-for-the-form' });
      expect(outcome.ok).toBe(true);
      const done = await waitFinal(bed.service, outcome.ok ? outcome.ids[0]! : '');
      expect(done.state).toBe('completed');
      expect(proxy.seen).toEqual([`GET ${bed.server.url('/form.bin')}`]);
      expect(JSON.stringify(store.getState().transfers)).not.toContain('pw-for-the-form');
    } finally {
      store.dispose();
    }
  });
});
