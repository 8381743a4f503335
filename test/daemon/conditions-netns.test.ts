// A daemon inside a network namespace whose only link is a veth pair to a server in another
// namespace (both made by this test; no traffic leaves them): the link goes down mid-transfer (the
// download waits for the network, no retry spent), comes back up, and the file completes with the
// right sha256, resumed from the bytes on disk. Where a namespace cannot be made it says so in one
// line and does not run.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File, tempDir } from '../helpers/engine.ts';
import { FERRY_BIN } from '../helpers/cli.ts';
import { NetnsPair, netnsUnavailable } from '../helpers/netns.ts';

const unavailable = netnsUnavailable();
if (unavailable) console.log(`network namespace test did not run: ${unavailable}`);

const SERVE = path.resolve(import.meta.dirname, '../helpers/netns-serve.ts');

/** Starts `argv` and resolves with it and its first stdout line. */
function startLine(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; line: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => reject(new Error(`${argv.join(' ')} exited ${code}: ${stderr}`)));
    readline.createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, line }));
  });
}

function run(argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(unavailable !== null)('in a network namespace', () => {
  let pair: NetnsPair;
  let work: string;
  let server: ChildProcess;
  let daemon: ChildProcess;
  let url: string;
  let home: string;
  const ferryIn = (args: string[]) => run(pair.exec(pair.client, [process.execPath, FERRY_BIN, ...args, '--home', home]));

  beforeAll(async () => {
    pair = new NetnsPair(String(process.pid % 100000));
    work = tempDir('ferry-netns-');
    fs.chmodSync(work, 0o755);
    home = path.join(work, 'home');
    fs.writeFileSync(path.join(work, 'source.bin'), randomBytes(4_000_000));
    const started = await startLine(pair.exec(pair.server, [process.execPath, SERVE, pair.serverAddress, path.join(work, 'source.bin'), '500000']));
    server = started.child;
    url = `http://${pair.serverAddress}:${started.line.split(' ')[1]}/file.bin`;
    daemon = (await startLine(pair.exec(pair.client, [process.execPath, FERRY_BIN, 'daemon', '--home', home]), { FERRY_CONDITIONS_POLL_MS: '200' })).child;
  });
  afterAll(async () => {
    for (const child of [daemon, server]) {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.stdin?.end();
        child.kill('SIGTERM');
        await exited;
      }
    }
    pair?.remove();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  type Row = { id: string; state: string; bytesTransferred: number; retries: unknown[]; history: Array<{ to: string; reason: string }> };
  const row = async (id: string): Promise<Row> => JSON.parse((await ferryIn(['ls', '--json'])).stdout.trim().split('\n').find((l) => l.includes(id))!) as Row;
  async function until(id: string, check: (r: Row) => boolean, what: string): Promise<Row> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const r = await row(id);
      if (check(r)) return r;
      if (Date.now() > deadline) throw new Error(`waited for ${what}; the transfer is ${r.state} at ${r.bytesTransferred}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  it('waits while the link is down without spending retries, and completes when it is back', async () => {
    const added = await ferryIn(['add', url, '-d', work]);
    expect(added.stderr).toBe('');
    const id = added.stdout.trim();
    await until(id, (r) => r.bytesTransferred > 800_000, 'the first 800 kB');
    pair.link('down');
    const waiting = await until(id, (r) => r.state === 'waitingForNetwork', 'waitingForNetwork');
    expect(waiting.retries).toEqual([]);
    expect(waiting.history.at(-1)?.reason).toBe('no network connection; it continues when the network is back');
    const kept = waiting.bytesTransferred;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await row(id)).state).toBe('waitingForNetwork');
    pair.link('up');
    const done = await until(id, (r) => r.state === 'completed', 'completion');
    expect(done.retries).toEqual([]);
    expect(sha256File(path.join(work, 'file.bin'))).toBe(sha256File(path.join(work, 'source.bin')));
    expect(done.history.map((h) => h.reason)).toContain('the network is back');
    console.log(`netns test: link down at ${kept} bytes; waited, then resumed and completed`);
  });
});
