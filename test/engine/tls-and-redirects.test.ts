// HTTPS (an untrusted certificate is refused; a trusted one works) and redirects that must not
// carry credentials or cookies to another origin.
import { FERRY_VERSION } from '../../shared/version.ts';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { useTlsServer } from '../helpers/tls.ts';
import { makeService, sha256File, waitFinal } from '../helpers/engine.ts';
import { ferry } from '../helpers/cli.ts';
import { throwawaySecret } from '../helpers/secrets.ts';

const bed = useTlsServer('ferry-tls-', (keys) => new FaultServer(keys));

it('refuses a certificate it cannot verify, with CertificateError and no retries', async () => {
  bed.server.serve('/secure.bin', randomFile(10_000));
  const service = await makeService(bed.work);
  try {
    const t = await service.createDownload({ url: bed.server.url('/secure.bin'), path: path.join(bed.work, 'untrusted.bin') });
    const done = await waitFinal(service, t.id);
    expect(done.error?.status).toBe('CertificateError');
    expect(done.retries).toEqual([]);
    expect(fs.existsSync(path.join(bed.work, 'untrusted.bin'))).toBe(false);
  } finally {
    await service.shutdown();
  }
});

it('calls plain HTTP where TLS was due (https:// to an http:// server) a server error, not a certificate problem', async () => {
  const plain = await new FaultServer().start();
  plain.serve('/plain.bin', randomFile(10_000));
  const service = await makeService(bed.work);
  try {
    const url = plain.url('/plain.bin').replace(/^http:/, 'https:');
    const done = await waitFinal(service, (await service.createDownload({ url, path: path.join(bed.work, 'plain.bin') })).id);
    expect(done.error?.status).toBe('ServerError');
    expect(done.error?.message).toContain(url);
    expect(done.error?.message).toMatch(/did not answer in valid TLS \(.+\); this is not a certificate problem/);
    expect(done.retries.length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(bed.work, 'plain.bin'))).toBe(false);
  } finally {
    await service.shutdown();
    await plain.close();
  }
});

it('downloads over HTTPS from a server whose CA the system trusts (NODE_EXTRA_CA_CERTS)', async () => {
  const file = randomFile(500_000);
  bed.server.serve('/trusted.bin', file);
  const out = path.join(bed.work, 'trusted.bin');
  const result = await ferry(['get', bed.server.url('/trusted.bin'), '-o', out], { NODE_EXTRA_CA_CERTS: bed.certs.caFile });
  expect(result.stderr).not.toMatch(/CertificateError/);
  expect(result.code).toBe(0);
  expect(sha256File(out)).toBe(sha256(file.body));
});

it('follows redirects, but sends Authorization, cookies, credentials and secret-looking headers only to the origin they were given for; says it is Ferry', async () => {
  const origin = await new FaultServer().start();
  const other = await new FaultServer().start();
  const service = await makeService(bed.work);
  try {
    const file = randomFile(20_000);
    other.serve('/landing.bin', file);
    origin.serve('/start', randomFile(1), [{ kind: 'redirect', location: other.url('/landing.bin') }]);
    const authorization = throwawaySecret('Bearer ');
    const cookie = throwawaySecret('session=');
    const apiKey = throwawaySecret();
    const token = throwawaySecret();
    const clientSecret = throwawaySecret();
    const t = await service.createDownload({
      url: origin.url('/start'),
      dir: bed.work,
      headers: { Authorization: authorization, 'X-Api-Key': apiKey, 'X-Auth-Token': token, 'X-Client-Secret': clientSecret, 'X-Trace': 'kept' },
      cookie,
      credential: `user:${throwawaySecret()}`,
    });
    const done = await waitFinal(service, t.id);
    expect(done.state).toBe('completed');
    expect(path.basename(done.path!)).toBe('landing.bin');
    expect(sha256File(done.path!)).toBe(sha256(file.body));
    expect(origin.requestsFor('/start')[0]).toMatchObject({ authorization, cookie });
    expect(origin.requestsFor('/start')[0]!.headers).toMatchObject({ 'x-api-key': apiKey, 'x-auth-token': token, 'x-client-secret': clientSecret, 'user-agent': `Ferry/${FERRY_VERSION}` });
    const landed = other.requestsFor('/landing.bin')[0]!;
    expect(landed).toMatchObject({ authorization: undefined, cookie: undefined });
    expect(landed.headers['x-api-key']).toBeUndefined();
    expect(landed.headers['x-auth-token']).toBeUndefined();
    expect(landed.headers['x-client-secret']).toBeUndefined();
    expect(landed.headers['x-trace']).toBe('kept');
    expect(landed.headers['user-agent']).toBe(`Ferry/${FERRY_VERSION}`);
    expect(JSON.stringify(landed.headers)).not.toMatch(new RegExp(`${apiKey}|${token}|${clientSecret}`));
  } finally {
    await service.shutdown();
    await origin.close();
    await other.close();
  }
});
