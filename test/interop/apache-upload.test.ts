// Uploads to a second widely deployed server: Debian's apache2 with mod_dav, open and behind Basic
// auth (the credential given as FERRY_USER, never on the command line). Apache answers a PUT
// without credentials with 401 before reading the body: Ferry must stop sending and say why.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApache, type WebServer } from '../helpers/web-servers.ts';
import { sha256File, tempDir } from '../helpers/engine.ts';
import { ferry } from '../helpers/cli.ts';
import { putThenReplace } from '../helpers/dav-put.ts';

let apache: WebServer;
let root: string;
let work: string;
const login = { user: 'alice', password: randomBytes(12).toString('base64url') };

beforeAll(async () => {
  root = tempDir('ferry-apache-root-');
  work = tempDir('ferry-apache-work-');
  // The workers run as nobody (when the tests run as root): the root must be theirs to read.
  fs.chmodSync(root, 0o755);
  apache = await startApache(root, work, { dav: login });
});
afterAll(async () => {
  await apache?.stop();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

function source(name: string, bytes: number): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, randomBytes(bytes));
  return file;
}

it('PUTs a file to Apache WebDAV: the stored copy equals the source; a second PUT replaces it (204)', async () => {
  await putThenReplace({
    folderUrl: apache.url('/dav/'),
    src: path.join(work, 'report.bin'),
    stored: path.join(root, 'dav', 'report.bin'),
    home: path.join(work, 'home'),
    firstBytes: 5 * 1024 * 1024 + 7,
    secondBytes: 2000,
  });
});

it('PUTs behind Basic auth with FERRY_USER; without it, or with a wrong password, fails Unauthorized and stores nothing', async () => {
  const src = source('secret.bin', 3 * 1024 * 1024);
  const home = path.join(work, 'home-auth');
  const stored = path.join(root, 'private', 'secret.bin');

  const anonymous = await ferry(['upload', src, '--to', apache.url('/private/'), '--home', home]);
  expect(anonymous.code).toBe(1);
  expect(anonymous.stderr).toContain('Unauthorized');
  expect(anonymous.stderr).toContain('(HTTP 401)');
  const wrong = await ferry(['upload', src, '--to', apache.url('/private/'), '--home', home], { FERRY_USER: `${login.user}:not-${login.password}` });
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain('(HTTP 401)');
  expect(wrong.stderr).not.toContain(login.password);
  expect(fs.existsSync(stored)).toBe(false);

  const right = await ferry(['upload', src, '--to', apache.url('/private/'), '--home', home], { FERRY_USER: `${login.user}:${login.password}` });
  expect(right.stderr).toContain('the server answered HTTP 201');
  expect(right.code).toBe(0);
  expect(sha256File(stored)).toBe(sha256File(src));
  expect(right.stderr + right.stdout).not.toContain(login.password);
});

it('keeps what Apache answers a multipart POST to a plain file (200 and the file itself) as the response', async () => {
  // Apache's default handler answers a POST to a static file like a GET: a success, so Ferry
  // reports one, and the body shows what the server really did.
  fs.writeFileSync(path.join(root, 'plain.txt'), 'not a form handler\n');
  const src = source('form.bin', 100_000);
  const result = await ferry(['upload', src, '--to', apache.url('/plain.txt'), '--multipart', '--json', '--home', path.join(work, 'home-mp')]);
  expect(result.code).toBe(0);
  const done = JSON.parse(result.stdout.trim().split('\n').pop()!) as { state: string; response: { status: number; body: string } };
  expect(done.state).toBe('completed');
  expect(done.response).toMatchObject({ status: 200, body: 'not a form handler\n' });
});
