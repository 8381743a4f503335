// Digest authentication against a server nobody here wrote: Debian's apache2 with mod_auth_digest
// (MD5, qop=auth), the login given as FERRY_USER (never on the command line). A segmented download
// and a WebDAV PUT each meet one challenge and then answer it; a wrong password is Unauthorized
// after that one round, and the password shows nowhere.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApache, type WebServer } from '../helpers/web-servers.ts';
import { sha256File, tempDir } from '../helpers/engine.ts';
import { ferry } from '../helpers/cli.ts';

let apache: WebServer;
let root: string;
let work: string;
const login = { user: 'alice', password: randomBytes(12).toString('base64url') };

beforeAll(async () => {
  root = tempDir('ferry-apache-digest-root-');
  work = tempDir('ferry-apache-digest-work-');
  // The workers run as nobody (when the tests run as root): the root must be theirs to read.
  fs.chmodSync(root, 0o755);
  apache = await startApache(root, work, { digest: login });
});
afterAll(async () => {
  await apache?.stop();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

const lines = (uri: string) => apache.accessLog().filter((line) => line.uri === uri);

it('downloads a file behind Digest over several connections: one 401, then every request answers at once', async () => {
  const served = path.join(root, 'digest', 'big.bin');
  fs.writeFileSync(served, randomBytes(8 * 1024 * 1024 + 3));
  const out = path.join(work, 'big.bin');
  const result = await ferry(['get', apache.url('/digest/big.bin'), '-o', out, '--connections', '4', '--home', path.join(work, 'home-get')], { FERRY_USER: `${login.user}:${login.password}` });
  expect(result.stderr).not.toContain(login.password);
  expect(result.code).toBe(0);
  expect(sha256File(out)).toBe(sha256File(served));
  const log = lines('/digest/big.bin');
  expect(log.filter((line) => line.status === 401)).toHaveLength(1);
  expect(log.filter((line) => line.status === 206 || line.status === 200).length).toBeGreaterThanOrEqual(2);
});

it('PUTs behind Digest: the challenge comes before the body, the body goes once', async () => {
  const src = path.join(work, 'up.bin');
  fs.writeFileSync(src, randomBytes(3 * 1024 * 1024 + 1));
  const result = await ferry(['upload', src, '--to', apache.url('/digest/up.bin'), '--home', path.join(work, 'home-up')], { FERRY_USER: `${login.user}:${login.password}` });
  expect(result.stderr).not.toContain(login.password);
  expect(result.code).toBe(0);
  expect(sha256File(path.join(root, 'digest', 'up.bin'))).toBe(sha256File(src));
  expect(lines('/digest/up.bin').map((line) => `${line.method} ${line.status}`)).toEqual(['PUT 401', 'PUT 201']);
});

it('fails a wrong password Unauthorized after one challenge, saying so without the password', async () => {
  fs.writeFileSync(path.join(root, 'digest', 'kept.bin'), randomBytes(1000));
  const wrong = `not-${login.password}`;
  const result = await ferry(['get', apache.url('/digest/kept.bin'), '-d', work, '--home', path.join(work, 'home-wrong')], { FERRY_USER: `${login.user}:${wrong}` });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('Unauthorized');
  expect(result.stderr).toContain('(HTTP 401)');
  expect(result.stderr).not.toContain(wrong);
  expect(lines('/digest/kept.bin').map((line) => line.status)).toEqual([401, 401]);
  expect(fs.existsSync(path.join(work, 'kept.bin'))).toBe(false);
});
