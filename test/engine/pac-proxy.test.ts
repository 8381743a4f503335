// The proxy setting "pac": a PAC script served on 127.0.0.1 (fetched directly, never through a
// proxy) sends one origin's requests through a real proxy and another's DIRECT; the script from a
// file: URL; a script that throws, does not parse, cannot be fetched or answers nothing usable
// fails the transfer naming the PAC URL, with nothing sent to the server; "pac" needs a pacUrl.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useEngineTestBed, waitFinal } from '../helpers/engine.ts';
import { TestProxy } from '../helpers/http-proxy.ts';

const bed = useEngineTestBed();
let proxy: TestProxy;
let other: FaultServer;
beforeEach(async () => {
  proxy = await new TestProxy().start();
  other = await new FaultServer().start();
});
afterEach(async () => {
  await proxy.close();
  await other.close();
});

const script = (body: string) => ({ body: Buffer.from(body), etag: null, lastModified: null, headers: { 'content-type': 'application/x-ns-proxy-autoconfig' } });

/** Requests for `other`'s origin through the test proxy, the rest DIRECT. */
const choosingScript = () => `function FindProxyForURL(url, host) {
  if (shExpMatch(url, "http://127.0.0.1:${other.port}/*")) return "PROXY 127.0.0.1:${proxy.port}; DIRECT";
  return "DIRECT";
}`;

describe('the proxy setting "pac"', () => {
  it('sends each request where the script says: one origin through the proxy, the other direct', async () => {
    bed.server.serve('/proxy.pac', script(choosingScript()));
    const viaProxy = randomFile(400_000);
    const direct = randomFile(300_000);
    other.serve('/via.bin', viaProxy);
    bed.server.serve('/direct.bin', direct);
    await bed.service.setSettings({ pacUrl: bed.server.url('/proxy.pac'), proxy: 'pac' });

    const a = await bed.service.createDownload({ url: other.url('/via.bin'), path: path.join(bed.dir, 'via.bin') });
    const b = await bed.service.createDownload({ url: bed.server.url('/direct.bin'), path: path.join(bed.dir, 'direct.bin') });
    expect((await waitFinal(bed.service, a.id)).state).toBe('completed');
    expect((await waitFinal(bed.service, b.id)).state).toBe('completed');
    expect(sha256File(path.join(bed.dir, 'via.bin'))).toBe(sha256(viaProxy.body));
    expect(sha256File(path.join(bed.dir, 'direct.bin'))).toBe(sha256(direct.body));
    // The proxy carried exactly the one request; the script itself came straight from its server, once.
    expect(proxy.seen).toEqual([`GET ${other.url('/via.bin')}`]);
    expect(bed.server.requestsFor('/proxy.pac')).toHaveLength(1);
    expect(bed.server.requestsFor('/direct.bin')).toHaveLength(1);
  });

  it('reads the script from a file: URL, and loads it again when the setting changes', async () => {
    const file = path.join(bed.dir, 'proxy.pac');
    fs.writeFileSync(file, 'function FindProxyForURL(url, host) { return "DIRECT"; }');
    other.serve('/first.bin', randomFile(20_000));
    other.serve('/second.bin', randomFile(20_000));
    await bed.service.setSettings({ pacUrl: `file://${file}`, proxy: 'pac' });
    const first = await bed.service.createDownload({ url: other.url('/first.bin'), dir: bed.dir });
    expect((await waitFinal(bed.service, first.id)).state).toBe('completed');
    expect(proxy.seen).toEqual([]);

    fs.writeFileSync(file, choosingScript());
    await bed.service.setSettings({ pacUrl: `file://${file}` });
    const second = await bed.service.createDownload({ url: other.url('/second.bin'), dir: bed.dir });
    expect((await waitFinal(bed.service, second.id)).state).toBe('completed');
    expect(proxy.seen).toEqual([`GET ${other.url('/second.bin')}`]);
  });

  it('fails the transfer naming the PAC URL when the script throws, never going direct', async () => {
    bed.server.serve('/throws.pac', script('function FindProxyForURL(url, host) { throw new Error("no rule for " + host); }'));
    other.serve('/x.bin', randomFile(1000));
    await bed.service.setSettings({ pacUrl: bed.server.url('/throws.pac'), proxy: 'pac' });
    const t = await bed.service.createDownload({ url: other.url('/x.bin'), dir: bed.dir });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('failed');
    expect(done.error?.status).toBe('InvalidArgument');
    expect(done.error?.message).toContain(`the PAC script ${bed.server.url('/throws.pac')}`);
    expect(done.error?.message).toContain('no rule for 127.0.0.1');
    expect(other.requestsFor('/x.bin')).toEqual([]);
  });

  it('fails the transfer naming the PAC URL when the script does not parse or answers nothing Ferry can use', async () => {
    bed.server.serve('/broken.pac', script('function FindProxyForURL(url, host) { return "DIRECT" '));
    other.serve('/y.bin', randomFile(1000));
    await bed.service.setSettings({ pacUrl: bed.server.url('/broken.pac'), proxy: 'pac' });
    const broken = await waitFinal(bed.service, (await bed.service.createDownload({ url: other.url('/y.bin'), dir: bed.dir })).id);
    expect(broken.error?.status).toBe('InvalidArgument');
    expect(broken.error?.message).toMatch(new RegExp(`^the PAC script ${bed.server.url('/broken.pac').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(the proxy setting is pac\\) cannot be used`));

    bed.server.serve('/quic.pac', script('function FindProxyForURL(url, host) { return "QUIC 127.0.0.1:443"; }'));
    await bed.service.setSettings({ pacUrl: bed.server.url('/quic.pac') });
    const quic = await waitFinal(bed.service, (await bed.service.createDownload({ url: other.url('/y.bin'), dir: bed.dir })).id);
    expect(quic.error?.status).toBe('InvalidArgument');
    expect(quic.error?.message).toContain('Ferry does not speak QUIC proxies');
    expect(other.requestsFor('/y.bin')).toEqual([]);
  });

  it('fails the transfer (CannotConnect, naming the PAC URL) when the script cannot be fetched', async () => {
    other.serve('/z.bin', randomFile(1000));
    await bed.service.setSettings({ pacUrl: bed.server.url('/missing.pac'), proxy: 'pac', retries: 0 });
    const done = await waitFinal(bed.service, (await bed.service.createDownload({ url: other.url('/z.bin'), dir: bed.dir })).id);
    expect(done.error).toMatchObject({ status: 'CannotConnect' });
    expect(done.error?.message).toContain(`could not load the PAC script ${bed.server.url('/missing.pac')} (the proxy setting is pac): the server answered HTTP 404`);
    expect(other.requestsFor('/z.bin')).toEqual([]);
  });

  it('refuses "pac" without a pacUrl, and a pacUrl that is not http, https or file:', async () => {
    await expect(bed.service.setSettings({ proxy: 'pac' })).rejects.toThrow(/needs the PAC script's address in the pacUrl setting/);
    await expect(bed.service.setSettings({ pacUrl: 'ftp://127.0.0.1/proxy.pac' })).rejects.toThrow(/not "ftp"/);
    expect((await bed.service.getSettings()).proxy).toBe('system');
  });
});
