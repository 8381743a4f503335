// Uploads over HTTPS through Node's own client (not got): a server whose certificate nobody
// vouches for is refused with CertificateError and receives nothing; one whose CA the system
// trusts (NODE_EXTRA_CA_CERTS) receives the file whole, plain and multipart.
import path from 'node:path';
import { expect, it } from 'vitest';
import { makeService, sha256File, waitFinal, writeRandomFile } from '../helpers/engine.ts';
import { useTlsServer } from '../helpers/tls.ts';
import { UploadServer } from '../helpers/upload-server.ts';
import { ferry } from '../helpers/cli.ts';

const bed = useTlsServer('ferry-https-upload-', (tls) => new UploadServer(tls));

const file = (name: string, size: number): string => writeRandomFile(bed.work, name, size);

it('refuses a server whose certificate is not trusted, and sends it nothing', async () => {
  const service = await makeService(bed.work);
  try {
    const t = await service.createUpload({ url: bed.server.url('/untrusted.bin'), files: [{ path: file('u.bin', 50_000) }] });
    const done = await waitFinal(service, t.id);
    expect(done).toMatchObject({ state: 'failed', error: { status: 'CertificateError' } });
    expect(done.retries).toEqual([]);
    expect(bed.server.for('/untrusted.bin').filter((u) => u.size > 0)).toEqual([]);
  } finally {
    await service.shutdown();
  }
});

it('uploads over HTTPS to a server whose CA the system trusts, plain and multipart', async () => {
  const plain = file('plain.bin', 3_000_000);
  const put = await ferry(['upload', plain, '--to', bed.server.url('/up/'), '--home', path.join(bed.work, 'home')], { NODE_EXTRA_CA_CERTS: bed.certs.caFile });
  expect(put.stderr).toContain('the server answered HTTP 201');
  expect(put.code).toBe(0);
  expect(bed.server.for('/up/plain.bin')).toMatchObject([{ method: 'PUT', size: 3_000_000, sha256: sha256File(plain), complete: true }]);
  const form = await ferry(['upload', plain, '--to', bed.server.url('/form'), '--multipart', '--field', 'note=tls', '--home', path.join(bed.work, 'home')], { NODE_EXTRA_CA_CERTS: bed.certs.caFile });
  expect(form.code).toBe(0);
  expect(bed.server.for('/form')[0]).toMatchObject({ fields: [{ name: 'note', value: 'tls' }], files: [{ field: 'file', filename: 'plain.bin', size: 3_000_000, sha256: sha256File(plain) }] });
});
