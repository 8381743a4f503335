// Uploads to Debian's lighttpd with mod_webdav (lighttpd-mod-webdav), which takes the whole body
// into temporary files before it answers: a PUT is stored byte for byte, and a second replaces it.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLighttpd, type WebServer } from '../helpers/web-servers.ts';
import { sha256File, tempDir } from '../helpers/engine.ts';
import { ferry } from '../helpers/cli.ts';

let lighttpd: WebServer;
let root: string;
let work: string;

beforeAll(async () => {
  root = tempDir('ferry-lighttpd-root-');
  work = tempDir('ferry-lighttpd-work-');
  lighttpd = await startLighttpd(root, work, { dav: true });
});
afterAll(async () => {
  await lighttpd?.stop();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

it('PUTs a file to lighttpd WebDAV: the stored copy equals the source; a second PUT replaces it', async () => {
  const src = path.join(work, 'movie.bin');
  fs.writeFileSync(src, randomBytes(6 * 1024 * 1024 + 11));
  const home = path.join(work, 'home');
  const first = await ferry(['upload', src, '--to', lighttpd.url('/dav/'), '--home', home]);
  expect(first.stderr).toContain('the server answered HTTP 201');
  expect(first.code).toBe(0);
  const stored = path.join(root, 'dav', 'movie.bin');
  expect(sha256File(stored)).toBe(sha256File(src));
  fs.writeFileSync(src, randomBytes(3000));
  const second = await ferry(['upload', src, '--to', lighttpd.url('/dav/'), '--home', home]);
  expect(second.code).toBe(0);
  expect(second.stderr).toContain('the server answered HTTP 204');
  expect(sha256File(stored)).toBe(sha256File(src));
});
