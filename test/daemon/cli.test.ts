// The `ferry` command end to end: foreground get, the daemon and its client commands.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useSharedServer } from '../helpers/engine.ts';
import { FERRY_BIN, ferry, startDaemon } from '../helpers/cli.ts';
import { cliToken } from '../helpers/raw-client.ts';

const shared = useSharedServer();

describe('ferry get', () => {
  it('downloads in the foreground and exits 0', async () => {
    const file = randomFile(2_000_000);
    shared.server.serve('/get/one.bin', file);
    const out = path.join(shared.work, 'one.bin');
    const result = await ferry(['get', shared.server.url('/get/one.bin'), '-o', out, '--home', path.join(shared.work, 'h1')]);
    expect(result.code).toBe(0);
    expect(sha256File(out)).toBe(sha256(file.body));
    expect(fs.existsSync(`${out}.part`)).toBe(false);
  });

  it('prints one clear line and exits non-zero on 404', async () => {
    const result = await ferry(['get', shared.server.url('/get/missing'), '-d', shared.work]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^ferry: NotFound \(HTTP 404\): .*\/get\/missing/);
  });

  it('refuses a malformed URL at once', async () => {
    const result = await ferry(['get', 'ht!tp:/nope', '-d', shared.work]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ferry: InvalidUri: /);
  });

  it('prints JSON with --json', async () => {
    shared.server.serve('/get/j.txt', randomFile(1000));
    const result = await ferry(['get', shared.server.url('/get/j.txt'), '-d', shared.work, '--json']);
    expect(result.code).toBe(0);
    const line = JSON.parse(result.stdout.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ kind: 'download', state: 'completed', bytesTransferred: 1000, totalBytes: 1000, error: null, group: null });
    expect(line['path']).toBe(path.join(shared.work, 'j.txt'));
  });
});

describe('ferry get resumes', () => {
  it('Ctrl-C pauses; the same command resumes from the bytes on disk; kill -9 too', async () => {
    const home = path.join(shared.work, 'home-get');
    const file = randomFile(2_000_000, { rate: 500_000 });
    shared.server.serve('/get/resumable.bin', file);
    const out = path.join(shared.work, 'resumable.bin');
    const args = ['get', shared.server.url('/get/resumable.bin'), '-o', out, '--home', home];
    const partSize = () => (fs.existsSync(`${out}.part`) ? fs.statSync(`${out}.part`).size : 0);

    // Interrupted once the part file shows bytes arriving: what a person sees before pressing Ctrl-C.
    const first = await ferryUntil(args, () => partSize() > 150_000, 'SIGINT');
    expect(first.code).toBe(130);
    expect(first.stderr).toMatch(/^ferry: paused at [\d.]+ [km]B of 2\.0 MB; run the same command again to resume$/m);
    const kept = fs.statSync(`${out}.part`).size;
    expect(kept).toBeGreaterThan(100_000);

    const second = await ferryUntil(args, (stderr) => /ferry: resuming/.test(stderr) && partSize() > kept + 100_000, 'SIGKILL');
    expect(second.code).toBeNull();
    expect(second.stderr).toMatch(/ferry: resuming resumable\.bin from/);

    const third = await ferry(args);
    expect(third.code).toBe(0);
    expect(third.stderr).toMatch(/ferry: resuming resumable\.bin from/);
    expect(sha256File(out)).toBe(sha256(file.body));
    const ranges = shared.server.requestsFor('/get/resumable.bin').map((r) => r.range);
    expect(ranges[0]).toBeUndefined();
    expect(ranges[1]).toBe(`bytes=${kept}-`);
    expect(ranges[2]).toMatch(/^bytes=[1-9]\d*-$/);
    // The finished job is forgotten: nothing left but the file.
    expect(fs.readdirSync(path.join(home, 'foreground')).filter((f) => f.endsWith('.json'))).toEqual([]);
  });

  it('Ctrl-C as soon as the command has claimed its job: it stops with 130 and leaves nothing behind', async () => {
    const home = path.join(shared.work, 'home-early');
    const jobs = path.join(home, 'foreground');
    fs.mkdirSync(jobs, { recursive: true, mode: 0o700 });
    shared.server.serve('/get/early.bin', randomFile(2_000_000, { rate: 500_000 }));
    const out = path.join(shared.work, 'early.bin');
    const args = ['get', shared.server.url('/get/early.bin'), '-o', out, '--home', home];
    // The job's lock appears before the transfer is made: the moment a signal once killed the command.
    let locked = false;
    const watcher = fs.watch(jobs, (_event, name) => (locked ||= String(name).endsWith('.lock')));
    const result = await ferryUntil(args, () => locked, 'SIGINT', 0);
    watcher.close();
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/^ferry: (stopped before the download started|paused at [\d.]+ [km]?B( of 2\.0 MB)?; run the same command again to resume)$/m);
    expect(fs.readdirSync(jobs).filter((f) => f.endsWith('.json') && !f.includes('secrets'))).toHaveLength(result.stderr.includes('paused') ? 1 : 0);
  });
});

/** Runs `ferry` and sends `signal` once `ready` (asked every `everyMs`, given its stderr so far) says so. */
function ferryUntil(args: string[], ready: (stderr: string) => boolean, signal: NodeJS.Signals, everyMs = 20): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FERRY_BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = setInterval(() => {
      if (!ready(stderr)) return;
      clearInterval(poll);
      child.kill(signal);
    }, everyMs);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, stderr });
    });
  });
}

describe('ferry daemon and client commands', () => {
  it('queues, lists, waits; refuses a second daemon and requests without the token', async () => {
    const home = path.join(shared.work, 'home-a');
    const daemon = await startDaemon(home);
    try {
      expect(daemon.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#login=[\w-]+$/);
      // It says where files go and how to stop it (on stderr: stdout's first line is the URL alone).
      await expect.poll(() => daemon.stderr()).toMatch(/^ferry: daemon ready \(pid \d+, home .*\); downloads without -d or -o go to .*; .*stop with Ctrl-C or "ferry stop"$/m);
      expect(fs.statSync(path.join(home, 'daemon.json')).mode & 0o777).toBe(0o600);

      const second = await ferry(['daemon', '--home', home]);
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(/another ferry daemon \(pid \d+\) is already running with home/);

      const api = new URL(daemon.url);
      const noToken = await fetch(`${api.origin}/api/rpc`, { method: 'POST', body: '{"method":"listTransfers","args":[]}' });
      expect(noToken.status).toBe(401);

      const file = randomFile(1_500_000);
      shared.server.serve('/d/file.bin', file);
      const added = await ferry(['add', shared.server.url('/d/file.bin'), '-d', shared.work, '--home', home]);
      expect(added.code).toBe(0);
      const id = added.stdout.trim();
      expect(id).toMatch(/^[0-9a-f-]{36}$/);

      const waited = await ferry(['wait', id, '--home', home]);
      expect(waited.code).toBe(0);
      expect(sha256File(path.join(shared.work, 'file.bin'))).toBe(sha256(file.body));

      const ls = await ferry(['ls', '--json', '--home', home]);
      const rows = ls.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id, kind: 'download', state: 'completed', bytesTransferred: 1_500_000, totalBytes: 1_500_000, speed: 0, group: null, error: null });
      expect((rows[0]!['history'] as Array<{ to: string; reason: string }>).map((h) => [h.to, h.reason])).toEqual([
        ['running', 'started'],
        ['completed', 'all bytes arrived and were saved'],
      ]);

      const failing = await ferry(['add', shared.server.url('/d/nope'), '-d', shared.work, '--home', home]);
      const failed = await ferry(['wait', failing.stdout.trim(), '--home', home]);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/^ferry: NotFound \(HTTP 404\)/);
      const failedRow = JSON.parse((await ferry(['ls', '--json', '--home', home])).stdout.trim().split('\n')[1]!) as { history: Array<{ reason: string }> };
      expect(failedRow.history.at(-1)!.reason).toBe('NotFound: not worth retrying');

      const bad = await ferry(['add', 'not a url', '--home', home]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/^ferry: InvalidUri: /);

      expect((await ferry(['config', 'set', 'maxConcurrent', '2', '--home', home])).stdout.trim()).toBe('2');
      expect((await ferry(['config', 'get', 'maxConcurrent', '--home', home])).stdout.trim()).toBe('2');
      const unknown = await ferry(['config', 'set', 'nope', '1', '--home', home]);
      expect(unknown.stderr).toMatch(/unknown setting "nope"/);
    } finally {
      await daemon.stop();
    }
    expect(fs.existsSync(path.join(home, 'daemon.json'))).toBe(false);
    const noDaemon = await ferry(['ls', '--home', home]);
    expect(noDaemon.code).toBe(1);
    expect(noDaemon.stderr).toMatch(/no ferry daemon is running with home/);
  });

  it('config works without a daemon, and the next daemon uses what was set', async () => {
    const home = path.join(shared.work, 'home-config');
    expect((await ferry(['config', 'set', 'maxConcurrent', '3', '--home', home])).stdout.trim()).toBe('3');
    expect((await ferry(['config', 'set', 'preventSleep', 'off', '--home', home])).stdout.trim()).toBe('false');
    const bad = await ferry(['config', 'set', 'retries', 'many', '--home', home]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ferry: InvalidArgument: retries takes a number, not "many"/);
    const daemon = await startDaemon(home);
    try {
      expect((await ferry(['config', 'get', 'maxConcurrent', '--home', home])).stdout.trim()).toBe('3');
      expect((await ferry(['config', 'get', 'preventSleep', '--home', home])).stdout.trim()).toBe('false');
      expect((await ferry(['group', 'create', 'nightly', '--serialized', '--home', home])).stdout.trim()).toBe('nightly serialized');
      expect(JSON.parse((await ferry(['group', 'ls', '--json', '--home', home])).stdout.trim())).toMatchObject({ name: 'nightly', behavior: 'serialized', closed: false, onComplete: null });
      const mirror = await ferry(['add', shared.server.url('/x'), shared.server.url('/z'), '--mirror', 'http://127.0.0.1:1/y', '--home', home]);
      expect(mirror.stderr).toMatch(/^ferry: InvalidArgument: --mirror gives other addresses of one file; give one URL with it/);
    } finally {
      await daemon.stop();
    }
  });

  it('pause, resume and cancel through the CLI', async () => {
    const home = path.join(shared.work, 'home-b');
    const daemon = await startDaemon(home);
    try {
      const file = randomFile(1_000_000, { rate: 300_000 });
      shared.server.serve('/d/slow.bin', file);
      const id = (await ferry(['add', shared.server.url('/d/slow.bin'), '-d', shared.work, '--home', home])).stdout.trim();
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect((await ferry(['pause', id, '--home', home])).code).toBe(0);
      const paused = JSON.parse((await ferry(['ls', '--json', '--home', home])).stdout.trim()) as { state: string; bytesTransferred: number };
      expect(paused.state).toBe('paused');
      expect(paused.bytesTransferred).toBeGreaterThan(0);
      expect(fs.existsSync(path.join(shared.work, 'slow.bin.part'))).toBe(true);
      expect((await ferry(['resume', id, '--home', home])).code).toBe(0);
      expect((await ferry(['wait', id, '--home', home])).code).toBe(0);
      expect(sha256File(path.join(shared.work, 'slow.bin'))).toBe(sha256(file.body));

      shared.server.serve('/d/gone.bin', randomFile(1_000_000, { rate: 200_000 }));
      const id2 = (await ferry(['add', shared.server.url('/d/gone.bin'), '-d', shared.work, '--home', home])).stdout.trim();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await ferry(['cancel', id2, '--home', home])).code).toBe(0);
      const waited = await ferry(['wait', id2, '--home', home]);
      expect(waited.code).toBe(1);
      expect(waited.stderr).toMatch(/^ferry: Canceled/);
      expect(fs.existsSync(path.join(shared.work, 'gone.bin.part'))).toBe(false);
      expect(fs.existsSync(path.join(shared.work, 'gone.bin'))).toBe(false);

      // Several at once, or --all that it applies to.
      const many: string[] = [];
      for (const name of ['m1', 'm2', 'm3']) {
        shared.server.serve(`/d/${name}.bin`, randomFile(1_000_000, { rate: 100_000 }));
        many.push((await ferry(['add', shared.server.url(`/d/${name}.bin`), '-d', shared.work, '--home', home])).stdout.trim());
      }
      expect((await ferry(['pause', '--all', '--home', home])).code).toBe(0);
      const states = async () => Object.fromEntries((await ferry(['ls', '--json', '--home', home])).stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; state: string }).map((t) => [t.id, t.state]));
      const afterPause = await states();
      expect(many.map((m) => afterPause[m])).toEqual(['paused', 'paused', 'paused']);
      expect(afterPause[id]).toBe('completed');
      expect((await ferry(['resume', many[0]!, many[1]!, '--home', home])).code).toBe(0);
      const afterResume = await states();
      expect(many.map((m) => ['queued', 'running'].includes(afterResume[m]!) ? 'moving' : afterResume[m])).toEqual(['moving', 'moving', 'paused']);
      const both = await ferry(['cancel', '--all', many[2]!, '--home', home]);
      expect(both.code).toBe(1);
      expect(both.stderr).toMatch(/^ferry: InvalidArgument: give transfer ids or --all \(not both\) to cancel/);
      const refused = await ferry(['resume', id, many[2]!, '--home', home]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/cannot resume transfer .* it is completed/);
      expect(['queued', 'running']).toContain((await states())[many[2]!]);
      expect((await ferry(['cancel', '--all', '--home', home])).code).toBe(0);
    } finally {
      await daemon.stop();
    }
  });

  it('--limit-rate holds a transfer back; ferry limit changes it while it runs; a bad speed is refused', async () => {
    const home = path.join(shared.work, 'home-limit');
    const dir = path.join(shared.work, 'limit-downloads');
    const daemon = await startDaemon(home);
    try {
      const file = randomFile(6_000_000);
      shared.server.serve('/limit/big.bin', file);
      const bad = await ferry(['add', shared.server.url('/limit/big.bin'), '-d', dir, '--limit-rate', 'fast', '--home', home]);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/^ferry: InvalidArgument: --limit-rate must be a speed such as 500k, 5M or 5MiB/);
      const id = (await ferry(['add', shared.server.url('/limit/big.bin'), '-d', dir, '--limit-rate', '50k', '--home', home])).stdout.trim();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const row = JSON.parse((await ferry(['ls', '--json', '--home', home])).stdout.trim()) as { limitBytesPerSec: number; bytesTransferred: number; state: string };
      expect(row).toMatchObject({ limitBytesPerSec: 50_000, state: 'running' });
      // At 50 kB/s the 6 MB would take two minutes.
      expect(row.bytesTransferred).toBeLessThan(1_000_000);
      const lifted = await ferry(['limit', id.slice(0, 8), 'none', '--home', home]);
      expect(lifted).toMatchObject({ code: 0, stdout: `${id} no limit of its own\n` });
      expect((await ferry(['wait', id, '--home', home])).code).toBe(0);
      expect(sha256File(path.join(dir, 'big.bin'))).toBe(sha256(file.body));
      const finished = await ferry(['limit', id, '1M', '--home', home]);
      expect(finished.stderr).toMatch(/^ferry: InvalidArgument: transfer .* is completed; a speed limit no longer matters/);
    } finally {
      await daemon.stop();
    }
  });

  it('ferry rm and ferry clear take transfers off the list; --delete-file deletes the finished file', async () => {
    const home = path.join(shared.work, 'home-rm');
    const dir = path.join(shared.work, 'rm-downloads');
    const daemon = await startDaemon(home);
    try {
      const ids: string[] = [];
      for (const name of ['one', 'two', 'three']) {
        shared.server.serve(`/rm/${name}.bin`, randomFile(1000));
        ids.push((await ferry(['add', shared.server.url(`/rm/${name}.bin`), '-d', dir, '--home', home])).stdout.trim());
      }
      const failed = (await ferry(['add', shared.server.url('/rm/missing.bin'), '-d', dir, '--home', home])).stdout.trim();
      await ferry(['wait', '--all', '--home', home]);
      expect((await ferry(['rm', ids[0]!, '--home', home])).code).toBe(0);
      expect(fs.existsSync(path.join(dir, 'one.bin'))).toBe(true);
      expect((await ferry(['rm', ids[1]!, '--delete-file', '--home', home])).code).toBe(0);
      expect(fs.existsSync(path.join(dir, 'two.bin'))).toBe(false);
      const clear = await ferry(['clear', '--home', home]);
      expect(clear.stderr).toBe('ferry: cleared 1 completed transfer from the list (their files stay)\n');
      // A failed one stays until it is named.
      expect((await ferry(['ls', '--json', '--home', home])).stdout).toContain(`"id":"${failed}"`);
      const clearFailed = await ferry(['clear', '--failed', '--home', home]);
      expect(clearFailed.stderr).toBe('ferry: cleared 1 failed transfer from the list (finished files stay, partial ones are deleted)\n');
      expect((await ferry(['ls', '--home', home])).stdout).toBe('');
      expect(fs.readdirSync(dir).sort()).toEqual(['one.bin', 'three.bin']);
      const unknown = await ferry(['rm', 'no-such-id', '--home', home]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/^ferry: InvalidArgument: no transfer with id no-such-id/);
    } finally {
      await daemon.stop();
    }
  });

  it('ferry stop stops the daemon cleanly; the next one picks the list up', async () => {
    const home = path.join(shared.work, 'home-stop');
    const daemon = await startDaemon(home);
    shared.server.serve('/stop/a.bin', randomFile(1000));
    const id = (await ferry(['add', shared.server.url('/stop/a.bin'), '-d', shared.work, '--home', home])).stdout.trim();
    expect((await ferry(['wait', id, '--home', home])).code).toBe(0);
    const exited = new Promise<number | null>((resolve) => daemon.child.once('exit', resolve));
    const stop = await ferry(['stop', '--home', home]);
    expect(stop.code).toBe(0);
    expect(stop.stderr).toMatch(/^ferry: stopped the daemon \(pid \d+\)/);
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(home, 'daemon.json'))).toBe(false);
    const again = await ferry(['stop', '--home', home]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^ferry: CannotConnect: no ferry daemon is running with home/);
    const next = await startDaemon(home);
    try {
      expect((await ferry(['ls', '--json', '--home', home])).stdout).toContain(id);
    } finally {
      await next.stop();
    }
  });

  it('receives files streamed from the browser into its home, intact', async () => {
    const home = path.join(shared.work, 'home-c');
    const daemon = await startDaemon(home);
    try {
      const { origin } = new URL(daemon.url);
      const token = cliToken(home);
      const body = randomFile(3_000_000).body;
      // A streamed body (as a browser sends a dropped File), not one buffer.
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < body.length; i += 256 * 1024) controller.enqueue(body.subarray(i, i + 256 * 1024));
          controller.close();
        },
      });
      const put = (name: string, auth = true, data: ReadableStream<Uint8Array> | Buffer = stream) =>
        fetch(`${origin}/api/staging?name=${encodeURIComponent(name)}`, {
          method: 'PUT',
          headers: auth ? { authorization: `Bearer ${token}` } : {},
          body: data,
          duplex: 'half',
        } as RequestInit);
      const response = await put('../../holiday photos.zip');
      expect(response.status).toBe(200);
      const staged = ((await response.json()) as { result: { id: string; name: string; size: number; sha256: string } }).result;
      expect(staged).toMatchObject({ name: 'holiday photos.zip', size: body.length, sha256: sha256(body) });
      const onDisk = path.join(home, 'staging', staged.id, 'holiday photos.zip');
      expect(sha256File(onDisk)).toBe(sha256(body));
      expect(fs.statSync(onDisk).mode & 0o777).toBe(0o600);
      expect((await put('x.bin', false, Buffer.from('nope'))).status).toBe(401);
      const unnamed = await put('..', true, Buffer.from('nope'));
      expect(unnamed.status).toBe(400);
      expect(((await unnamed.json()) as { error: { status: string } }).error.status).toBe('InvalidArgument');

      // The staging area is bounded by a setting, with a length given or not.
      expect((await ferry(['config', 'set', 'stagingMaxBytes', String(4_000_000), '--home', home])).code).toBe(0);
      const tooBig = await put('big.bin', true, Buffer.alloc(2_000_000));
      expect(tooBig.status).toBe(400);
      expect(((await tooBig.json()) as { error: { status: string; message: string } }).error).toMatchObject({
        status: 'InvalidArgument',
        message: expect.stringMatching(/^the daemon keeps at most 4.0 MB of dropped files \(setting stagingMaxBytes\) and has [\d.]+ (kB|MB) left/) as unknown as string,
      });
      const unsized = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(256 * 1024));
          controller.close();
        },
      });
      // Refused mid-stream: the daemon answers 400 and closes, so the client may see either.
      const streamed = await put('streamed.bin', true, unsized).then((r) => r.status, () => 'closed');
      expect([400, 'closed']).toContain(streamed);
      expect(fs.readdirSync(path.join(home, 'staging'))).toEqual([staged.id]);
    } finally {
      await daemon.stop();
    }
  });
});
