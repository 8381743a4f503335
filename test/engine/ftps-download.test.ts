// FTP over TLS from a real server (ftp-srv) on 127.0.0.1: AUTH TLS taken when offered, a
// certificate Ferry cannot verify refused with its fingerprint before any login, the ftpTls
// setting (`require` refuses a server without TLS, `off` never asks), and a trusted CA (the
// system's, NODE_EXTRA_CA_CERTS) over explicit and implicit (ftps://) TLS through `ferry get`.
import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeService, sha256File, tempDir, waitFinal, writeRandomFile } from '../helpers/engine.ts';
import { FtpTestServer } from '../helpers/ftp-server.ts';
import { makeCertificates, type TestCertificates } from '../helpers/tls.ts';
import { ferry } from '../helpers/cli.ts';
import type { FtpTls } from '../../shared/model.ts';

let work: string;
let root: string;
let certs: TestCertificates;
let explicit: FtpTestServer;
let implicit: FtpTestServer;
let plain: FtpTestServer;
let file: string;

beforeAll(async () => {
  work = tempDir('ferry-ftps-');
  root = path.join(work, 'root');
  fs.mkdirSync(root);
  certs = makeCertificates(work);
  file = writeRandomFile(root, 'secret.bin', 400_000);
  const tls = { key: certs.key, cert: certs.cert };
  explicit = await new FtpTestServer(root, { tls }).start();
  implicit = await new FtpTestServer(root, { tls, implicit: true }).start();
  plain = await new FtpTestServer(root).start();
});

afterAll(async () => {
  await Promise.all([explicit.close(), implicit.close(), plain.close()]);
  fs.rmSync(work, { recursive: true, force: true });
});

async function download(url: string, name: string, ftpTls: FtpTls) {
  const service = await makeService(work, { defaults: { ftpTls } });
  try {
    return await waitFinal(service, (await service.createDownload({ url, path: path.join(work, name) })).id);
  } finally {
    await service.shutdown();
  }
}

it('refuses a certificate it cannot verify with CertificateError naming its SHA-256 fingerprint, before logging in', async () => {
  const fingerprint = new X509Certificate(certs.cert).fingerprint256;
  for (const server of [explicit, implicit]) {
    const done = await download(server.url('/secret.bin'), 'untrusted.bin', 'auto');
    expect(done.state).toBe('failed');
    expect(done.error?.status).toBe('CertificateError');
    expect(done.error?.message).toContain(fingerprint);
    expect(done.error?.message).toContain(server.url('/secret.bin'));
    expect(done.retries).toEqual([]);
    expect(server.logins).toEqual([]);
  }
  expect(fs.readdirSync(work).filter((name) => name.startsWith('untrusted'))).toEqual([]);
});

it('ftpTls require refuses a server without TLS; off downloads without asking for it', async () => {
  const refused = await download(plain.url('/secret.bin'), 'required.bin', 'require');
  expect(refused.state).toBe('failed');
  expect(refused.error?.message).toMatch(/does not offer TLS .*ftpTls/);
  expect(refused.retries).toEqual([]);
  expect(plain.logins).toEqual([]);
  expect(fs.existsSync(path.join(work, 'required.bin'))).toBe(false);

  const off = await download(explicit.url('/secret.bin'), 'plain.bin', 'off');
  expect(off.state).toBe('completed');
  expect(sha256File(path.join(work, 'plain.bin'))).toBe(sha256File(file));
  expect(explicit.logins).toEqual([{ user: 'anonymous', secure: false }]);
});

it('downloads over explicit and implicit TLS from a server whose CA the system trusts (ferry get)', async () => {
  explicit.logins.length = 0;
  for (const [server, name] of [[explicit, 'explicit.bin'], [implicit, 'implicit.bin']] as const) {
    const out = path.join(work, name);
    const result = await ferry(['get', server.url('/secret.bin'), '-o', out, '--home', path.join(work, 'home')], { NODE_EXTRA_CA_CERTS: certs.caFile });
    expect(result.stderr).not.toMatch(/CertificateError/);
    expect(result.code).toBe(0);
    expect(sha256File(out)).toBe(sha256File(file));
    expect(server.logins).toEqual([{ user: 'anonymous', secure: true }]);
  }
});

it('calls plain text where TLS was due a TLS protocol failure of the server, not a certificate problem', async () => {
  // ftps:// to a plain FTP server: its greeting arrives where the TLS handshake's answer was due
  // (OpenSSL: "wrong version number"). Retried as a server's failure, never blamed on a certificate.
  const done = await download(`ftps://127.0.0.1:${plain.port}/secret.bin`, 'not-tls.bin', 'auto');
  expect(done.state).toBe('failed');
  expect(done.error?.status).toBe('ServerError');
  expect(done.error?.message).toContain(`ftps://127.0.0.1:${plain.port}/secret.bin`);
  expect(done.error?.message).toMatch(/did not answer in valid TLS .*wrong version number.*not a certificate problem/);
  expect(done.retries.length).toBeGreaterThan(0);
  expect(done.retries.every((retry) => retry.status === 'ServerError')).toBe(true);
  expect(plain.logins).toEqual([]);
  expect(fs.readdirSync(work).filter((name) => name.startsWith('not-tls'))).toEqual([]);
});
