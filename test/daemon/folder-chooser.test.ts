// The browser UI's folder chooser on the daemon: real folders in a temp dir, listed through the
// daemon's API by a logged-in page; foreign pages, callers without a token and the browser
// extension's host get nothing.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine.ts';
import { useDaemon } from '../helpers/daemon-under-test.ts';
import { talkToNativeHost } from '../helpers/native-host.ts';
import { folderChooser, folderNameProblem } from '../../electron/daemon/folder-chooser.ts';
import type { FolderListing } from '../../shared/folders.ts';

const d = useDaemon('ferry-folders-');
let work: string;
let session: string;

beforeAll(async () => {
  work = fs.realpathSync(tempDir('ferry-folder-tree-'));
  for (const dir of ['Music', 'films', 'Films 10', 'Films 9', '.cache', 'empty']) fs.mkdirSync(path.join(work, dir));
  fs.writeFileSync(path.join(work, 'notes.txt'), 'a file, never listed');
  fs.symlinkSync(path.join(work, 'Music'), path.join(work, 'music-link'));
  fs.symlinkSync(path.join(work, 'notes.txt'), path.join(work, 'file-link'));
  const code = new URL(d.daemon.url).hash.replace('#login=', '');
  const login = await fetch(`${origin()}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  session = ((await login.json()) as { result: { session: string } }).result.session;
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const origin = () => `http://127.0.0.1:${d.port}`;

async function rpc(method: string, args: unknown[], headers: Record<string, string> = { authorization: `Bearer ${session}` }): Promise<{ status: number; body: { result?: FolderListing; error?: { status: string; message: string } } }> {
  const response = await fetch(`${origin()}/api/rpc`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ method, args }) });
  return { status: response.status, body: (await response.json()) as never };
}

describe('listing a folder (a logged-in browser page)', () => {
  it('gives the subfolders by name, sorted as a person reads them, no files and no hidden ones', async () => {
    const { body } = await rpc('listFolder', [work]);
    expect(body.result).toEqual({ path: work, parent: path.dirname(work), folders: ['empty', 'films', 'Films 9', 'Films 10', 'Music', 'music-link'], truncated: false });
  });

  it('shows hidden folders when asked', async () => {
    const { body } = await rpc('listFolder', [work, { hidden: true }]);
    expect(body.result?.folders).toEqual(['.cache', 'empty', 'films', 'Films 9', 'Films 10', 'Music', 'music-link']);
  });

  it('starts at the download folder when given none, or the nearest folder above it that exists', async () => {
    const downloads = path.join(work, 'Music', 'not', 'made');
    expect((await rpc('setSettings', [{ downloadDir: downloads }], { authorization: `Bearer ${session}` })).body.error).toBeUndefined();
    expect((await rpc('listFolder', [null])).body.result).toMatchObject({ path: path.join(work, 'Music'), folders: [] });
    expect((await rpc('listFolder', [''])).body.result).toMatchObject({ path: path.join(work, 'Music') });
  });

  it('goes up to the top, where there is no parent, and takes ~ and a path with .. as typed', async () => {
    expect((await rpc('listFolder', ['/'])).body.result).toMatchObject({ path: '/', parent: null });
    expect((await rpc('listFolder', [`${work}/Music/..`])).body.result).toMatchObject({ path: work });
    expect((await rpc('listFolder', ['~'])).body.result?.path).toBe(path.resolve(process.env['HOME'] ?? '/root'));
  });

  it('refuses in words a file, a folder that is not there and a relative path', async () => {
    expect((await rpc('listFolder', [path.join(work, 'notes.txt')])).body.error).toEqual({ status: 'InvalidArgument', message: `${path.join(work, 'notes.txt')} is a file, not a folder`, httpStatus: null });
    expect((await rpc('listFolder', [path.join(work, 'gone')])).body.error).toEqual({ status: 'NotFound', message: `there is no folder ${path.join(work, 'gone')}`, httpStatus: null });
    expect((await rpc('listFolder', ['Music'])).body.error).toMatchObject({ status: 'InvalidArgument', message: 'type a full path, starting with / or ~ ("Music" is relative)' });
  });
});

describe('New folder', () => {
  it('makes the folder and lists it (empty), next to the others', async () => {
    const { body } = await rpc('makeFolder', [work, 'Podcasts 2026']);
    expect(body.result).toEqual({ path: path.join(work, 'Podcasts 2026'), parent: work, folders: [], truncated: false });
    expect(fs.statSync(path.join(work, 'Podcasts 2026')).isDirectory()).toBe(true);
  });

  it('refuses a bad name before touching the disk, and a name already taken', async () => {
    const before = fs.readdirSync(work).sort();
    const refused = async (name: string) => (await rpc('makeFolder', [work, name])).body.error;
    expect(await refused('a/b')).toEqual({ status: 'InvalidArgument', message: 'a folder name cannot contain / or \\ ("a/b")', httpStatus: null });
    expect(await refused('..')).toMatchObject({ message: '".." is not a folder name' });
    expect(await refused('   ')).toMatchObject({ message: 'enter a name for the new folder' });
    expect(await refused(' x')).toMatchObject({ message: 'a folder name cannot start or end with a space' });
    expect(await refused('x'.repeat(256))).toMatchObject({ message: 'that folder name is too long (at most 255 bytes)' });
    expect(await refused('Music')).toEqual({ status: 'InvalidArgument', message: `${work} already has a folder or file named "Music"`, httpStatus: null });
    expect(await refused('notes.txt')).toMatchObject({ status: 'InvalidArgument' });
    expect(fs.readdirSync(work).sort()).toEqual(before);
    expect(folderNameProblem('ok name')).toBeNull();
  });
});

describe('who may ask', () => {
  it('refuses a page of another site (Origin) and a caller without the token, and lists nothing', async () => {
    const foreign = await rpc('listFolder', [work], { authorization: `Bearer ${session}`, origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.stringify(foreign.body)).not.toContain('Music');
    const anonymous = await rpc('listFolder', [work], {});
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).not.toContain('Music');
    const otherHost = await new Promise<{ status: number | undefined; text: string }>((resolve, reject) => {
      const body = JSON.stringify({ method: 'listFolder', args: [work] });
      const request = http.request({ host: '127.0.0.1', port: d.port, path: '/api/rpc', method: 'POST', headers: { host: 'evil.example', authorization: `Bearer ${session}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode, text }));
      });
      request.on('error', reject);
      request.end(body);
    });
    expect(otherHost.status).toBe(421);
    expect(otherHost.text).not.toContain('Music');
  });

  it("refuses the browser extension's caller (the native host answers only its own messages)", async () => {
    const run = await talkToNativeHost(d.home, [
      { type: 'listFolder', requestId: 1, dir: work },
      { type: 'makeFolder', requestId: 2, parent: work, name: 'from-extension' },
    ]);
    const refusal = { ok: false, error: { status: 'InvalidArgument', message: "unknown message type; Ferry's host answers only ping, add, addAll, actions, list, pause, resume" } };
    expect(run.replies).toEqual([{ requestId: 1, ...refusal }, { requestId: 2, ...refusal }]);
    expect(JSON.stringify(run.replies)).not.toContain('Music');
    expect(fs.existsSync(path.join(work, 'from-extension'))).toBe(false);
  });
});

it('refuses a folder it may not read (as an unprivileged user when the tests run as root)', async () => {
  const locked = path.join(work, 'locked');
  fs.mkdirSync(path.join(locked, 'inside'), { recursive: true });
  fs.chmodSync(locked, 0o000);
  const expected = { status: 'FileAccessDenied', message: `Ferry may not read the folder ${locked} (permission denied)` };
  if (process.getuid?.() !== 0) {
    await expect(folderChooser(async () => work).listFolder(locked)).rejects.toMatchObject(expected);
    return;
  }
  // Root reads anything: the listing runs in a process of nobody's.
  fs.chmodSync(work, 0o755);
  const script = `import { folderChooser } from ${JSON.stringify(path.resolve('electron/daemon/folder-chooser.ts'))};
folderChooser(async () => '/').listFolder(${JSON.stringify(locked)}).then((l) => console.log(JSON.stringify(l)), (e) => console.log(JSON.stringify({ status: e.status, message: e.message })));`;
  const out = await new Promise<string>((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { uid: 65534, gid: 65534, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('close', () => resolve(text));
  });
  expect(JSON.parse(out)).toEqual(expected);
});
