// Digest logins to a proxy nobody here wrote: Debian's squid with digest_file_auth. A download
// from nginx (absolute-form) and one from an https server (CONNECT) each meet one 407 and answer
// it; a wrong password is ProxyAuthenticationRequired saying the login was refused, at once.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNginx, type Nginx } from '../helpers/nginx.ts';
import { startSquid, type ProxyProcess } from '../helpers/proxy-servers.ts';
import { sha256File, tempDir } from '../helpers/engine.ts';
import { ferry } from '../helpers/cli.ts';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { makeCertificates, type TestCertificates } from '../helpers/tls.ts';
import { throwawaySecret } from '../helpers/secrets.ts';

const login = { username: 'ferry', password: throwawaySecret() };
let nginx: Nginx;
let squid: ProxyProcess;
let tls: FaultServer;
let certs: TestCertificates;
let root: string;
let work: string;
let body: Buffer;

beforeAll(async () => {
  root = tempDir('ferry-proxy-digest-root-');
  work = tempDir('ferry-proxy-digest-work-');
  body = randomBytes(2 * 1024 * 1024 + 9);
  fs.writeFileSync(path.join(root, 'file.bin'), body);
  nginx = await startNginx(root, path.join(work, 'nginx'));
  fs.mkdirSync(path.join(work, 'squid'));
  squid = await startSquid(path.join(work, 'squid'), login, { digest: true });
  certs = makeCertificates(work);
  tls = await new FaultServer({ key: certs.key, cert: certs.cert }).start();
});
afterAll(async () => {
  await tls?.close();
  await squid?.stop();
  await nginx?.stop();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

const get = (url: string, out: string, proxyUser: string, env: NodeJS.ProcessEnv = {}) =>
  ferry(['get', url, '-o', out, '--connections', '1', '--proxy', squid.url(), '--home', path.join(work, `home-${path.basename(out)}`)], { FERRY_PROXY_USER: proxyUser, ...env });

it('answers squid\'s Digest challenge for a download from nginx: one 407, then through', async () => {
  const out = path.join(work, 'plain.bin');
  const result = await get(nginx.url('/file.bin'), out, `${login.username}:${login.password}`);
  expect(result.stderr).not.toContain(login.password);
  expect(result.code).toBe(0);
  expect(sha256File(out)).toBe(sha256(body));
  expect(squid.accessLog().filter((line) => line.startsWith(`GET ${nginx.url('/file.bin')}`))).toEqual([`GET ${nginx.url('/file.bin')} 407`, `GET ${nginx.url('/file.bin')} 200`]);
});

it('answers it for a CONNECT to an https server', async () => {
  const file = randomFile(300_000);
  tls.serve('/secure.bin', file);
  const out = path.join(work, 'secure.bin');
  const result = await get(tls.url('/secure.bin'), out, `${login.username}:${login.password}`, { NODE_EXTRA_CA_CERTS: certs.caFile });
  expect(result.code).toBe(0);
  expect(sha256File(out)).toBe(sha256(file.body));
  expect(squid.accessLog()).toContain(`CONNECT 127.0.0.1:${tls.port} 200`);
});

it('refuses a wrong password at once: ProxyAuthenticationRequired, the login refused, no storm', async () => {
  for (const url of [nginx.url('/file.bin'), tls.url('/secure.bin')]) {
    const before = squid.accessLog().length;
    const wrong = `not-${login.password}`;
    const result = await get(url, path.join(work, `wrong-${url.startsWith('https') ? 's' : 'p'}.bin`), `${login.username}:${wrong}`, { NODE_EXTRA_CA_CERTS: certs.caFile });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ProxyAuthenticationRequired \(HTTP 407\): .*refused the login of user "ferry"/);
    expect(result.stderr).not.toContain(wrong);
    expect(squid.accessLog().length - before).toBeLessThanOrEqual(2);
  }
});
