// Uploads to Debian's lighttpd with mod_webdav (lighttpd-mod-webdav), which takes the whole body
// into temporary files before it answers: a PUT is stored byte for byte, and a second replaces it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { startLighttpd, type WebServer } from '../helpers/web-servers.ts';
import { tempDir } from '../helpers/engine.ts';
import { putThenReplace } from '../helpers/dav-put.ts';

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
  await putThenReplace({
    folderUrl: lighttpd.url('/dav/'),
    src: path.join(work, 'movie.bin'),
    stored: path.join(root, 'dav', 'movie.bin'),
    home: path.join(work, 'home'),
    firstBytes: 6 * 1024 * 1024 + 11,
    secondBytes: 3000,
  });
});
