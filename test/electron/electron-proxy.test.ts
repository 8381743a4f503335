// The desktop app's system proxy from Electron's session.resolveProxy (a fake session injected):
// its answer read as a PAC answer, the URL asked without login (https: the origin only), an answer
// with nothing usable or a failing session refused in words, and real downloads through a real proxy
// for the origin the session names, direct for the other.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronSystemProxy } from '../../electron/main/electron-proxy.ts';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeService, sha256File, tempDir, waitFinal } from '../helpers/engine.ts';
import { TestProxy } from '../helpers/http-proxy.ts';

const fakeSession = (answer: (url: string) => string) => {
  const asked: string[] = [];
  return {
    asked,
    resolveProxy: async (url: string) => {
      asked.push(url);
      return answer(url);
    },
  };
};

describe('the system proxy from Electron', () => {
  it('reads the answer as PAC words, asking without the login and, for https, the origin only', async () => {
    const session = fakeSession((url) => (url.startsWith('https:') ? 'HTTPS secure.example:8443; DIRECT' : 'PROXY proxy.example:3128'));
    const resolve = electronSystemProxy(session);
    expect(await resolve(new URL('http://u:secret@files.example/a?b=1'))).toBe('http://proxy.example:3128');
    expect(await resolve(new URL('https://files.example/private/token?sig=2'))).toBe('https://secure.example:8443');
    expect(session.asked).toEqual(['http://files.example/a?b=1', 'https://files.example/']);
    expect(await electronSystemProxy(fakeSession(() => 'DIRECT'))(new URL('http://a.example/'))).toBeNull();
    expect(await electronSystemProxy(fakeSession(() => 'SOCKS5 127.0.0.1:1080'))(new URL('http://a.example/'))).toBe('socks5h://127.0.0.1:1080');
  });

  it('refuses an answer with nothing usable, and a session that fails, in words', async () => {
    await expect(electronSystemProxy(fakeSession(() => 'QUIC q.example:443'))(new URL('http://a.example/'))).rejects.toThrow(/the system's proxy settings answered "QUIC q\.example:443".*does not speak QUIC/);
    const failing = { resolveProxy: () => Promise.reject(new Error('session destroyed')) };
    await expect(electronSystemProxy(failing)(new URL('http://a.example/'))).rejects.toMatchObject({ status: 'CannotConnect', message: expect.stringContaining('session destroyed') });
  });

  describe('with the engine', () => {
    let proxy: TestProxy;
    let server: FaultServer;
    let other: FaultServer;
    let dir: string;
    beforeEach(async () => {
      proxy = await new TestProxy().start();
      server = await new FaultServer().start();
      other = await new FaultServer().start();
      dir = tempDir();
    });
    afterEach(async () => {
      await Promise.all([proxy.close(), server.close(), other.close()]);
    });

    it('downloads through the proxy the session names for one origin, directly for the other', async () => {
      const session = fakeSession((url) => (new URL(url).port === String(other.port) ? `PROXY 127.0.0.1:${proxy.port}` : 'DIRECT'));
      const service = await makeService(dir, { systemProxy: electronSystemProxy(session) });
      try {
        const via = randomFile(250_000);
        const direct = randomFile(150_000);
        other.serve('/via.bin', via);
        server.serve('/direct.bin', direct);
        const a = await service.createDownload({ url: other.url('/via.bin'), path: path.join(dir, 'via.bin') });
        const b = await service.createDownload({ url: server.url('/direct.bin'), path: path.join(dir, 'direct.bin') });
        expect((await waitFinal(service, a.id)).state).toBe('completed');
        expect((await waitFinal(service, b.id)).state).toBe('completed');
        expect(sha256File(path.join(dir, 'via.bin'))).toBe(sha256(via.body));
        expect(sha256File(path.join(dir, 'direct.bin'))).toBe(sha256(direct.body));
        expect(proxy.seen).toEqual([`GET ${other.url('/via.bin')}`]);
      } finally {
        await service.shutdown();
      }
    });
  });
});
