// A throwaway certificate authority and server certificate for 127.0.0.1, made with openssl.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { tempDir } from './engine.ts';

export interface TestCertificates {
  caFile: string;
  key: string;
  cert: string;
}

export function makeCertificates(dir: string): TestCertificates {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Ferry test CA', '-keyout', file('ca.key'), '-out', file('ca.pem'));
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', file('server.key'), '-out', file('server.csr'));
  fs.writeFileSync(file('ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', file('ext.cnf'), '-out', file('server.pem'));
  return { caFile: file('ca.pem'), key: fs.readFileSync(file('server.key'), 'utf8'), cert: fs.readFileSync(file('server.pem'), 'utf8') };
}

/**
 * A test file's HTTPS server over those certificates, in a temp folder of its own: started before
 * the tests, closed and removed after them. `make` builds the server (a FaultServer, an UploadServer).
 */
export function useTlsServer<S extends { start(): Promise<S>; close(): Promise<void> }>(
  prefix: string,
  make: (tls: { key: string; cert: string }) => S,
): { work: string; certs: TestCertificates; server: S } {
  const shared = {} as { work: string; certs: TestCertificates; server: S };
  beforeAll(async () => {
    shared.work = tempDir(prefix);
    shared.certs = makeCertificates(shared.work);
    shared.server = await make({ key: shared.certs.key, cert: shared.certs.cert }).start();
  });
  afterAll(async () => {
    await shared.server.close();
    fs.rmSync(shared.work, { recursive: true, force: true });
  });
  return shared;
}
