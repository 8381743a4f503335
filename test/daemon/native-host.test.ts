// `ferry native-host` end to end: the browser's framing on stdio, the running daemon behind it,
// a download handed over with its cookie, Referer and User-Agent, a batch in a group that runs a
// named action, and garbage answered, not crashed on.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { tempDir } from '../helpers/engine.ts';
import { ferry } from '../helpers/cli.ts';
import { useDaemon } from '../helpers/daemon-under-test.ts';
import { talkToNativeHost } from '../helpers/native-host.ts';
import { groupProgram } from '../helpers/group-program.ts';
import { readDaemonInfo } from '../../electron/daemon/home.ts';

const COOKIE = 'session=s3cr3t-cookie-value';

describe('ferry native-host with a running daemon', () => {
  const under = useDaemon('ferry-native-host-');
  let server: FaultServer;
  let downloads: string;
  beforeAll(async () => {
    server = await new FaultServer().start();
    downloads = tempDir('ferry-native-dl-');
    expect((await ferry(['--home', under.home, 'config', 'set', 'downloadDir', downloads])).code).toBe(0);
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  it('answers a ping saying Ferry is reachable', async () => {
    const run = await talkToNativeHost(under.home, [{ type: 'ping', requestId: 1 }]);
    expect(run.replies).toEqual([{ requestId: 1, ok: true, reachable: true, version: expect.any(String) }]);
    expect(run.code).toBe(0);
  });

  it('hands a download over with its cookie, Referer, User-Agent and the browser\'s name; the cookie is in no listing', async () => {
    const file = randomFile(300_000, { requireCookie: COOKIE });
    server.serve('/private/file.bin', file);
    fs.writeFileSync(path.join(downloads, 'report.bin'), 'already here');
    const run = await talkToNativeHost(under.home, [
      { type: 'add', requestId: 'a', url: server.url('/private/file.bin'), cookies: `${COOKIE}; other=1`, referer: server.url('/page.html'), userAgent: 'TestBrowser/1.0', filename: '../report.bin' },
    ]);
    const reply = run.replies[0] as { ok: boolean; id: string };
    expect(reply).toEqual({ requestId: 'a', ok: true, id: expect.any(String) });
    expect((await ferry(['--home', under.home, 'wait', reply.id])).code).toBe(0);
    // Numbered, not replacing the file already there; and never outside the folder.
    expect(sha256(fs.readFileSync(path.join(downloads, 'report (1).bin')))).toBe(sha256(file.body));
    expect(fs.readFileSync(path.join(downloads, 'report.bin'), 'utf8')).toBe('already here');
    const sent = server.requestsFor('/private/file.bin')[0]!;
    expect(sent.cookie).toBe(`${COOKIE}; other=1`);
    expect(sent.headers['referer']).toBe(server.url('/page.html'));
    expect(sent.headers['user-agent']).toBe('TestBrowser/1.0');
    const listed = await ferry(['--home', under.home, 'ls', '--json']);
    expect(listed.stdout).toContain(reply.id);
    expect(listed.stdout).not.toContain('s3cr3t');
    expect(fs.readFileSync(path.join(under.home, 'state.json'), 'utf8')).not.toContain('s3cr3t');
    expect(under.daemon.stderr()).not.toContain('s3cr3t');
  });

  it('hands several links over in one batch, each with its cookie, Referer and User-Agent; one bad link refuses the batch', async () => {
    const first = randomFile(200_000, { requireCookie: COOKIE });
    const second = randomFile(150_000, { requireCookie: COOKIE });
    server.serve('/batch/one.zip', first);
    server.serve('/batch/two.zip', second);
    const item = (name: string) => ({ url: server.url(`/batch/${name}`), cookies: COOKIE, referer: server.url('/links.html'), userAgent: 'TestBrowser/2.0' });
    const refused = await talkToNativeHost(under.home, [{ type: 'addAll', requestId: 'r', items: [item('one.zip'), { url: 'file:///etc/passwd' }] }]);
    expect(refused.replies).toEqual([{ requestId: 'r', ok: false, error: { status: 'InvalidArgument', message: expect.stringContaining('invalid addAll message: items.1.url') } }]);
    // Two items named alike in one batch get two files, not one written twice.
    const run = await talkToNativeHost(under.home, [{ type: 'addAll', requestId: 'b', items: [{ ...item('one.zip'), filename: 'same.zip' }, { ...item('two.zip'), filename: 'same.zip' }] }]);
    const reply = run.replies[0] as { ok: boolean; ids: string[] };
    expect(reply).toEqual({ requestId: 'b', ok: true, ids: [expect.any(String), expect.any(String)] });
    expect((await ferry(['--home', under.home, 'wait', ...reply.ids])).code).toBe(0);
    expect(sha256(fs.readFileSync(path.join(downloads, 'same.zip')))).toBe(sha256(first.body));
    expect(sha256(fs.readFileSync(path.join(downloads, 'same (1).zip')))).toBe(sha256(second.body));
    for (const name of ['one.zip', 'two.zip']) {
      const sent = server.requestsFor(`/batch/${name}`);
      expect(sent.map((r) => [r.status, r.cookie, r.headers['referer'], r.headers['user-agent']])).toEqual([[200, COOKIE, server.url('/links.html'), 'TestBrowser/2.0']]);
    }
    expect(fs.readdirSync(downloads).filter((n) => n.endsWith('.part'))).toEqual([]);
    expect(fs.readFileSync(path.join(under.home, 'state.json'), 'utf8')).not.toContain('s3cr3t');
  });

  it("lists the named actions by name and description only; a batch that picks one runs it once all have finished, a program is refused", async () => {
    const program = groupProgram(under.home, 'links-program');
    const [first, ...rest] = program.words();
    fs.writeFileSync(path.join(under.home, 'actions.json'), JSON.stringify({ actions: { record: { program: first, args: [...rest], description: 'Record the links' } } }));
    const a = randomFile(120_000);
    const b = randomFile(80_000);
    server.serve('/grouped/a.bin', a).serve('/grouped/b.bin', b);
    const run = await talkToNativeHost(under.home, [
      { type: 'actions', requestId: 1 },
      { type: 'addAll', requestId: 2, items: [{ url: server.url('/grouped/a.bin') }], run: ['/bin/sh', '-c', 'touch pwned'] },
      { type: 'addAll', requestId: 3, items: [{ url: server.url('/grouped/a.bin') }], action: 'nope' },
      { type: 'addAll', requestId: 4, items: [{ url: server.url('/grouped/a.bin') }, { url: server.url('/grouped/b.bin') }], action: 'record' },
    ]);
    expect(run.replies[0]).toEqual({ requestId: 1, ok: true, actions: { actions: [{ name: 'record', description: 'Record the links' }], problem: null } });
    expect(JSON.stringify(run.replies[0])).not.toContain('links-program');
    expect(run.replies[1]).toEqual({ requestId: 2, ok: false, error: { status: 'InvalidArgument', message: expect.stringContaining('invalid addAll message: message: Unrecognized key: "run"') } });
    expect(run.replies[2]).toEqual({ requestId: 3, ok: false, error: { status: 'InvalidArgument', message: 'no action named nope in actions.json (it has record)' } });
    const ids = (run.replies[3] as { ids: string[] }).ids;
    expect(ids).toHaveLength(2);
    expect((await ferry(['--home', under.home, 'wait', ...ids])).code).toBe(0);
    await expect.poll(() => program.runs().length, { timeout: 20_000 }).toBe(1);
    expect(program.runs()[0]!.members.map((m) => [m.id, m.state])).toEqual(ids.map((id) => [id, 'completed']));
    expect(sha256(fs.readFileSync(program.runs()[0]!.members[0]!.path!))).toBe(sha256(a.body));
    expect(sha256(fs.readFileSync(program.runs()[0]!.members[1]!.path!))).toBe(sha256(b.body));
    // The refused ones added nothing: only the two of the group were added from /grouped/.
    expect(server.requestsFor('/grouped/a.bin').filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('lists the active transfers with progress, and pauses and resumes one by id', async () => {
    const file = randomFile(2_000_000, { rate: 200_000 });
    server.serve('/slow.bin', file);
    const added = await talkToNativeHost(under.home, [{ type: 'add', requestId: 1, url: server.url('/slow.bin') }]);
    const id = (added.replies[0] as { id: string }).id;
    const run = await talkToNativeHost(under.home, [{ type: 'pause', id, requestId: 2 }, { type: 'list', requestId: 3 }, { type: 'resume', id, requestId: 4 }]);
    expect(run.replies[0]).toMatchObject({ requestId: 2, ok: true, transfer: { id, name: 'slow.bin', state: 'paused', canPause: false, canResume: true } });
    const listed = (run.replies[1] as { transfers: Array<{ id: string; bytesTransferred: number; totalBytes: number | null }> }).transfers;
    // Finished transfers (the one before) are not listed: only what is still going.
    expect(listed.map((t) => t.id)).toEqual([id]);
    expect(listed[0]).toMatchObject({ state: 'paused', totalBytes: 2_000_000, bytesTransferred: expect.any(Number) });
    expect(run.replies[2]).toMatchObject({ requestId: 4, ok: true, transfer: { id, canPause: true } });
    expect((await ferry(['--home', under.home, 'wait', id])).code).toBe(0);
    expect(sha256(fs.readFileSync(path.join(downloads, 'slow.bin')))).toBe(sha256(file.body));
  });

  it('answers garbage, an oversized message, unknown types and bad fields with errors, and goes on', async () => {
    const big = Buffer.alloc(4 + 1024 * 1024 + 10, 0x20);
    big.writeUInt32LE(1024 * 1024 + 6, 0);
    big.writeUInt16LE(0x227b, 4 + 1024 * 1024 + 6 - 2); // the tail of the skipped message is skipped too
    const garbage = Buffer.concat([Buffer.from([5, 0, 0, 0]), Buffer.from('nope!')]);
    const run = await talkToNativeHost(under.home, [
      garbage,
      big.subarray(0, 4 + 1024 * 1024 + 6),
      { type: 'run', command: 'rm -rf /' },
      { type: 'add', requestId: 7, url: 'file:///etc/passwd' },
      { type: 'add', requestId: 8, url: server.url('/x'), path: '/etc/cron.d/evil' },
      { type: 'pause', requestId: 9, id: 'no-such-transfer' },
      { type: 'ping', requestId: 10 },
      // The extension never chooses what happens when everything is done (the computer shut down).
      { type: 'setWhenDone', requestId: 11, choice: 'shutdown' },
      { type: 'pause', requestId: 12, id: 'x', choice: 'shutdown' },
    ]);
    expect(run.code).toBe(0);
    expect(run.replies).toEqual([
      { ok: false, error: { status: 'InvalidArgument', message: 'the message is not JSON' } },
      { ok: false, error: { status: 'InvalidArgument', message: `a message of ${1024 * 1024 + 6} bytes is over the 1048576-byte limit; it was skipped` } },
      { ok: false, error: { status: 'InvalidArgument', message: "unknown message type; Ferry's host answers only ping, add, addAll, actions, list, pause, resume" } },
      { requestId: 7, ok: false, error: { status: 'InvalidArgument', message: 'invalid add message: url: Ferry takes http, https, ftp and ftps links from the browser' } },
      { requestId: 8, ok: false, error: { status: 'InvalidArgument', message: expect.stringContaining('invalid add message') } },
      { requestId: 9, ok: false, error: { status: 'InvalidArgument', message: 'no transfer with id no-such-transfer' } },
      { requestId: 10, ok: true, reachable: true, version: expect.any(String) },
      { requestId: 11, ok: false, error: { status: 'InvalidArgument', message: "unknown message type; Ferry's host answers only ping, add, addAll, actions, list, pause, resume" } },
      { requestId: 12, ok: false, error: { status: 'InvalidArgument', message: expect.stringContaining('invalid pause message') } },
    ]);
    expect(JSON.parse((await ferry(['--home', under.home, 'when-done', '--json'])).stdout)).toMatchObject({ choice: 'nothing', countdownMs: null });
  });
});

describe('ferry native-host without a daemon', () => {
  it('says Ferry is not reachable on a ping, and starts the daemon for a download', async () => {
    const home = tempDir('ferry-native-nodaemon-');
    const server = await new FaultServer().start();
    const file = randomFile(50_000);
    server.serve('/f.bin', file);
    try {
      const ping = await talkToNativeHost(home, [{ type: 'ping' }, { type: 'list', requestId: 2 }]);
      expect(ping.replies).toEqual([
        { ok: true, reachable: false, version: expect.any(String) },
        { requestId: 2, ok: false, error: { status: 'CannotConnect', message: 'Ferry is not running' } },
      ]);
      expect(readDaemonInfo(home)).toBeNull();
      const dl = tempDir('ferry-native-nodaemon-dl-');
      expect((await ferry(['--home', home, 'config', 'set', 'downloadDir', dl])).code).toBe(0);
      const run = await talkToNativeHost(home, [{ type: 'add', requestId: 1, url: server.url('/f.bin') }]);
      const reply = run.replies[0] as { ok: boolean; id: string };
      expect(reply.ok).toBe(true);
      expect((await ferry(['--home', home, 'wait', reply.id])).code).toBe(0);
      expect(sha256(fs.readFileSync(path.join(dl, 'f.bin')))).toBe(sha256(file.body));
      fs.rmSync(dl, { recursive: true, force: true });
    } finally {
      await ferry(['--home', home, 'stop']);
      await server.close();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
