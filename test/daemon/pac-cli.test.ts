// The proxy setting "pac" from the command line, with the real `ferry` daemon: `ferry config set
// pacUrl URL` then `proxy pac`; a download the script sends through the proxy and one it sends
// DIRECT; a script that throws fails the transfer with one line naming the PAC URL.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useSharedServer } from '../helpers/engine.ts';
import { ferry, startDaemon } from '../helpers/cli.ts';
import { TestProxy } from '../helpers/http-proxy.ts';

const shared = useSharedServer();
let proxy: TestProxy;
let other: FaultServer;
beforeAll(async () => {
  proxy = await new TestProxy().start();
  other = await new FaultServer().start();
});
afterAll(async () => {
  await proxy.close();
  await other.close();
});

describe('ferry config set proxy pac', () => {
  it('needs pacUrl first; then the script chooses per origin; a script that throws fails in one line', async () => {
    const home = path.join(shared.work, 'home-pac');
    // The environment's proxy must not be what carries anything here.
    const daemon = await startDaemon(home, { HTTP_PROXY: '', http_proxy: '', ALL_PROXY: '', all_proxy: '' });
    try {
      const early = await ferry(['config', 'set', 'proxy', 'pac', '--home', home]);
      expect(early.code).toBe(1);
      expect(early.stderr).toContain('needs the PAC script\'s address in the pacUrl setting');

      const pac = `function FindProxyForURL(url, host) {
        return shExpMatch(url, "http://127.0.0.1:${other.port}/*") ? "PROXY 127.0.0.1:${proxy.port}" : "DIRECT";
      }`;
      shared.server.serve('/cli/proxy.pac', { body: Buffer.from(pac), etag: null, lastModified: null });
      const pacUrl = shared.server.url('/cli/proxy.pac');
      expect((await ferry(['config', 'set', 'pacUrl', pacUrl, '--home', home])).code).toBe(0);
      expect((await ferry(['config', 'set', 'proxy', 'pac', '--home', home])).code).toBe(0);
      expect((await ferry(['config', 'get', 'proxy', '--home', home])).stdout.trim()).toBe('pac');
      expect((await ferry(['config', 'get', 'pacUrl', '--home', home])).stdout.trim()).toBe(pacUrl);

      const via = randomFile(200_000);
      const direct = randomFile(100_000);
      other.serve('/cli/via.bin', via);
      shared.server.serve('/cli/direct.bin', direct);
      const dir = path.join(shared.work, 'pac-out');
      for (const url of [other.url('/cli/via.bin'), shared.server.url('/cli/direct.bin')]) {
        const added = await ferry(['add', url, '-d', dir, '--wait', '--home', home]);
        expect(added, added.stderr).toMatchObject({ code: 0, stderr: '' });
      }
      expect(sha256File(path.join(dir, 'via.bin'))).toBe(sha256(via.body));
      expect(sha256File(path.join(dir, 'direct.bin'))).toBe(sha256(direct.body));
      expect(proxy.seen).toEqual([`GET ${other.url('/cli/via.bin')}`]);

      const thrower = path.join(shared.work, 'throws.pac');
      fs.writeFileSync(thrower, 'function FindProxyForURL(url, host) { throw new Error("broken on purpose"); }');
      expect((await ferry(['config', 'set', 'pacUrl', `file://${thrower}`, '--home', home])).code).toBe(0);
      other.serve('/cli/never.bin', randomFile(1000));
      const failed = await ferry(['add', other.url('/cli/never.bin'), '-d', dir, '--wait', '--home', home]);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(new RegExp(`^ferry: InvalidArgument: the PAC script file://${thrower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(the proxy setting is pac\\) failed for .*broken on purpose`));
      expect(other.requestsFor('/cli/never.bin')).toEqual([]);
    } finally {
      await daemon.stop();
    }
  });
});
