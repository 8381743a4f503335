// FTP downloads from Debian's vsftpd: anonymous, resume with REST proven by SIZE and MDTM, a part
// file that already holds every byte, several connections at their own REST offsets, a server
// limiting connections per address (421 beyond two: its limit, not an error), explicit FTPS, and
// both through a SOCKS5 proxy (microsocks with a password; vsftpd wants the TLS session reused).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVsftpd, type Vsftpd } from '../helpers/vsftpd.ts';
import { makeService, sha256File, tempDir, waitFinal } from '../helpers/engine.ts';
import { sha256 } from '../helpers/fault-server.ts';
import { makeCertificates, type TestCertificates } from '../helpers/tls.ts';
import { ferry } from '../helpers/cli.ts';
import { startMicrosocks } from '../helpers/proxy-servers.ts';
import { throwawaySecret } from '../helpers/secrets.ts';
import { MemoryJobStore } from '../../electron/engine/state/store.ts';
import { buildDownloadRecord } from '../../electron/engine/intake/download-request.ts';
import { emptyState } from '../../electron/engine/state/records.ts';

const root = tempDir('ferry-vsftpd-root-');
const work = tempDir('ferry-vsftpd-work-');
const downloads = tempDir('ferry-vsftpd-dl-');
const body = randomBytes(3 * 1024 * 1024 + 17);
const big = randomBytes(24 * 1024 * 1024 + 5);
let certs: TestCertificates;
let plain: Vsftpd;
let limited: Vsftpd;
let secure: Vsftpd;

beforeAll(async () => {
  fs.writeFileSync(path.join(root, 'file.bin'), body);
  fs.writeFileSync(path.join(root, 'big.bin'), big);
  certs = makeCertificates(work);
  fs.writeFileSync(path.join(work, 'server.key.pem'), certs.key);
  fs.writeFileSync(path.join(work, 'server.cert.pem'), certs.cert);
  plain = await startVsftpd(root, work);
  limited = await startVsftpd(root, work, { maxPerIp: 2, rate: 2_000_000 });
  secure = await startVsftpd(root, work, { tls: { certFile: path.join(work, 'server.cert.pem'), keyFile: path.join(work, 'server.key.pem') } });
});

afterAll(async () => {
  await Promise.all([plain, limited, secure].map((server) => server?.stop()));
  for (const dir of [root, work, downloads]) fs.rmSync(dir, { recursive: true, force: true });
});

/** A download the last run left with `held` bytes of file.bin on disk, as a record says (SIZE and MDTM as vsftpd gives them). */
async function resumeWith(held: number) {
  const stat = fs.statSync(path.join(root, 'file.bin'));
  const protocolState = { protocol: 'ftp', size: stat.size, modifiedAt: new Date(Math.floor(stat.mtimeMs / 1000) * 1000).toISOString() };
  const target = path.join(downloads, `resumed-${held}.bin`);
  fs.writeFileSync(`${target}.part`, body.subarray(0, held));
  const { record } = buildDownloadRecord({ url: plain.url('/file.bin'), path: target }, { seq: 1, defaultDir: downloads });
  Object.assign(record, { state: 'running', totalBytes: body.length, bytesDurable: held, protocolState });
  const store = new MemoryJobStore();
  store.save({ ...emptyState(), seq: 1, operations: { [record.id]: record } });
  const before = plain.commands().length;
  const service = await makeService(downloads, { store });
  try {
    const done = await waitFinal(service, record.id);
    return { done, target, commands: plain.commands().slice(before) };
  } finally {
    await service.shutdown();
  }
}

describe('vsftpd', () => {
  it('downloads anonymously', async () => {
    const service = await makeService(downloads);
    try {
      const done = await waitFinal(service, (await service.createDownload({ url: plain.url('/file.bin'), path: path.join(downloads, 'anon.bin') })).id);
      expect(done.state).toBe('completed');
      expect(done.retries).toEqual([]);
      expect(sha256File(path.join(downloads, 'anon.bin'))).toBe(sha256(body));
      expect(plain.commands()).toContain('RETR file.bin');
    } finally {
      await service.shutdown();
    }
  });

  it('resumes a half-done download with REST at its bytes on disk', async () => {
    const half = Math.floor(body.length / 2);
    const { done, target, commands } = await resumeWith(half);
    expect(done.state).toBe('completed');
    expect(done.retries).toEqual([]);
    expect(sha256File(target)).toBe(sha256(body));
    expect(commands.filter((c) => /^(REST|RETR) /.test(c))).toEqual([`REST ${half}`, 'RETR file.bin']);
  });

  it('finishes a part file that holds every byte without fetching it again', async () => {
    const { done, target, commands } = await resumeWith(body.length);
    expect(done.state).toBe('completed');
    expect(sha256File(target)).toBe(sha256(body));
    expect(commands.filter((c) => c.startsWith('RETR'))).toEqual([]);
  });

  it('fetches a large file over several connections, each RETR from its own REST offset', async () => {
    const service = await makeService(downloads);
    try {
      const before = plain.commands().length;
      const target = path.join(downloads, 'segments.bin');
      const done = await waitFinal(service, (await service.createDownload({ url: plain.url('/big.bin'), path: target, connections: 4 })).id, 60_000);
      expect(done.state).toBe('completed');
      expect(done.retries).toEqual([]);
      expect(sha256File(target)).toBe(sha256(big));
      const commands = plain.commands().slice(before);
      const rests = commands.filter((c) => c.startsWith('REST ')).map((c) => Number(c.slice(5))).filter((offset) => offset > 0);
      expect(commands.filter((c) => c === 'RETR big.bin').length).toBeGreaterThan(1);
      expect(rests.length).toBeGreaterThan(0);
      expect(new Set(rests).size).toBe(rests.length);
    } finally {
      await service.shutdown();
    }
  });

  it('takes max_per_ip refusing extra connections with 421 as its limit: no retry, no error, the file whole', async () => {
    const service = await makeService(downloads, { defaults: { stallTimeoutMs: 30_000 } });
    try {
      const target = path.join(downloads, 'limited.bin');
      // Fixed at 4: two more than vsftpd takes from one address.
      const done = await waitFinal(service, (await service.createDownload({ url: limited.url('/big.bin'), path: target, connections: 4 })).id, 90_000);
      expect(done.state).toBe('completed');
      expect(done.error).toBeNull();
      expect(done.retries).toEqual([]);
      expect(done.segments?.serverLimit).toBe(2);
      expect(sha256File(target)).toBe(sha256(big));
      expect(limited.replies().some((r) => r.startsWith('421'))).toBe(true);
    } finally {
      await service.shutdown();
    }
  });

  it('explicit FTPS: an untrusted certificate is refused with its fingerprint; a trusted one downloads over TLS (ferry get)', async () => {
    const service = await makeService(downloads);
    try {
      const refused = await waitFinal(service, (await service.createDownload({ url: secure.url('/file.bin'), path: path.join(downloads, 'untrusted.bin') })).id);
      expect(refused.error?.status).toBe('CertificateError');
      expect(refused.error?.message).toContain(new X509Certificate(certs.cert).fingerprint256);
      expect(secure.commands()).not.toContain('USER anonymous');
    } finally {
      await service.shutdown();
    }
    const out = path.join(downloads, 'trusted.bin');
    const result = await ferry(['get', secure.url('/file.bin'), '-o', out, '--home', path.join(work, 'home')], { NODE_EXTRA_CA_CERTS: certs.caFile });
    expect(result.stderr).not.toMatch(/CertificateError|Error/);
    expect(result.code).toBe(0);
    expect(sha256File(out)).toBe(sha256(body));
    const commands = secure.commands();
    expect(commands.indexOf('AUTH TLS')).toBeGreaterThanOrEqual(0);
    expect(commands.indexOf('AUTH TLS')).toBeLessThan(commands.indexOf('USER anonymous'));
    expect(commands).toContain('PROT P');
  });

  it('through a SOCKS5 proxy with a password: several connections, and explicit FTPS reusing the TLS session on each data connection', async () => {
    const login = { username: 'ferry', password: throwawaySecret() };
    const socks = await startMicrosocks(login);
    try {
      const service = await makeService(downloads, { defaults: { proxy: socks.url(login) } });
      try {
        const done = await waitFinal(service, (await service.createDownload({ url: plain.url('/big.bin'), path: path.join(downloads, 'socks-big.bin'), connections: 3 })).id, 60_000);
        expect(done.state, done.error?.message).toBe('completed');
      } finally {
        await service.shutdown();
      }
      expect(sha256File(path.join(downloads, 'socks-big.bin'))).toBe(sha256(big));
      const out = path.join(downloads, 'socks-tls.bin');
      const env = { NODE_EXTRA_CA_CERTS: certs.caFile, FERRY_PROXY_USER: `${login.username}:${login.password}` };
      const result = await ferry(['get', secure.url('/file.bin'), '-o', out, '--proxy', socks.url(), '--home', path.join(work, 'home-socks')], env);
      expect(result.code, result.stderr).toBe(0);
      expect(sha256File(out)).toBe(sha256(body));
      const tunnels = socks.accessLog().map((line) => Number(/connected to 127\.0\.0\.1:(\d+)/.exec(line)?.[1]));
      expect(tunnels).toContain(plain.port);
      expect(tunnels).toContain(secure.port);
      // Data connections too: ports that are neither server's control port.
      expect(tunnels.filter((port) => port !== plain.port && port !== secure.port).length).toBeGreaterThanOrEqual(2);
    } finally {
      await socks.stop();
    }
  });
});
