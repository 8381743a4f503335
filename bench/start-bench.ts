// `npm run bench` (last part): how long `ferry daemon` takes to be ready, and its peak RSS, with a
// long list of finished transfers in its state file: 10k and 100k completed downloads, kept
// (keepFinished 100,000), and 100k with the default keepFinished (cut to 1,000 at start, with a
// message). Target: 100k ready in under 3 s, under 300 MB. Not a test: nothing here asserts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { FERRY_BIN } from '../test/helpers/cli.ts';

/** The ferry to measure (FERRY_BENCH_BIN: another build's, to compare). */
const BIN = process.env['FERRY_BENCH_BIN'] ?? FERRY_BIN;
/** Gives up on a start that takes longer (the list once took minutes). */
const GIVE_UP_MS = Number(process.env['BENCH_START_TIMEOUT_MS'] ?? 120_000);

/** A completed download as Ferry saves it (state version 4), finished `i` seconds after a fixed time. */
function finishedRecord(i: number, dir: string): Record<string, unknown> {
  const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000 + ms).toISOString();
  return {
    id, kind: 'download', seq: i + 1, url: `http://127.0.0.1:9/files/f${i}.bin`, requestedPath: null, dir, path: path.join(dir, `f${i}.bin`),
    state: 'completed', priority: 'default', costPolicy: 'default', group: null, connections: 1, checksum: null,
    headers: {}, secretHeaderNames: [], hasCredential: false, totalBytes: 100_000, bytesDurable: 100_000,
    limitBytesPerSec: null, protocolState: { protocol: 'http', etag: `"e${i}"`, lastModified: 'Thu, 01 Jan 2026 00:00:00 GMT' }, partIdentity: { dev: 2049, ino: 1_000_000 + i, birth: 1767225600000 },
    history: [
      { at: at(0), from: 'queued', to: 'running', reason: 'started' },
      { at: at(500), from: 'running', to: 'completed', reason: 'all bytes arrived and were saved' },
    ],
    decodeOnFinish: null, finalizing: false, error: null, retries: [], createdAt: at(0), completedAt: at(500),
  };
}

function writeState(home: string, count: number, keepFinished: number | null): number {
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  const dir = path.join(home, 'downloads');
  const operations: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const record = finishedRecord(i, dir);
    operations[record['id'] as string] = record;
  }
  const state = { version: 4, seq: count, operations, groups: {}, settings: keepFinished === null ? {} : { keepFinished } };
  const file = path.join(home, 'state.json');
  fs.writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
  return fs.statSync(file).size;
}

/** Peak resident memory of a process so far (VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

interface StartRun {
  readyMs: number | null;
  peakAtReadyMiB: number;
  peakAfterMiB: number;
  stderr: string;
}

/** Starts the daemon on `home` and measures until it prints its URL, then 3 s more (its first save). */
function startOnce(home: string): Promise<StartRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, 'daemon', '--home', home], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    // VmHWM is lost when the process exits: sample it while it lives.
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, peakRssMiB(child.pid!));
      } catch {
        // gone
      }
    }, 100);
    const finish = (run: Omit<StartRun, 'stderr'>) => {
      clearInterval(sampler);
      child.once('exit', () => resolve({ ...run, stderr }));
      // One that is not ready may not hear SIGTERM (busy, or a library's exit hook holds it).
      child.kill(run.readyMs === null ? 'SIGKILL' : 'SIGTERM');
    };
    const giveUp = setTimeout(() => {
      child.removeAllListeners('exit');
      finish({ readyMs: null, peakAtReadyMiB: peak, peakAfterMiB: peak });
    }, GIVE_UP_MS);
    child.once('exit', (code) => {
      clearTimeout(giveUp);
      clearInterval(sampler);
      reject(new Error(`the daemon exited with ${code} before it was ready: ${stderr.slice(-500)}`));
    });
    readline.createInterface({ input: child.stdout }).once('line', () => {
      const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(giveUp);
      child.removeAllListeners('exit');
      const atReady = Math.max(peak, peakRssMiB(child.pid!));
      setTimeout(() => finish({ readyMs, peakAtReadyMiB: atReady, peakAfterMiB: Math.max(peak, peakRssMiB(child.pid!)) }), 3000);
    });
  });
}

async function main(): Promise<void> {
  if (!fs.existsSync('/proc/self/status')) throw new Error('the start bench reads /proc and runs on Linux only');
  const cases: Array<{ count: number; keepFinished: number | null }> = [
    { count: 10_000, keepFinished: 100_000 },
    { count: 100_000, keepFinished: 100_000 },
    { count: 100_000, keepFinished: null },
  ];
  console.log(`start: "ferry daemon" with N completed downloads in its state file, time until it prints its URL (ready) and peak RSS (at ready; and 3 s later, after its first save)`);
  for (const { count, keepFinished } of cases) {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-bench-start-'));
    try {
      const bytes = writeState(home, count, keepFinished);
      const run = await startOnce(home);
      const kept = keepFinished === null ? 'default keepFinished (1,000)' : `keepFinished ${keepFinished.toLocaleString('en')}`;
      const ready = run.readyMs === null ? `NOT ready within ${GIVE_UP_MS / 1000} s` : `ready in ${(run.readyMs / 1000).toFixed(2)} s`;
      console.log(`${count.toLocaleString('en').padStart(7)} finished, ${kept.padEnd(28)} (state ${(bytes / 1e6).toFixed(0)} MB): ${ready}, peak RSS ${run.peakAtReadyMiB} MiB at ready, ${run.peakAfterMiB} MiB 3 s later`);
      // Records the daemon set aside are not a start of that many: the bench's records must be the current shape.
      if (/were unreadable|was moved to|cannot be read/i.test(run.stderr)) throw new Error(`the daemon refused the bench's state: ${run.stderr.slice(0, 500)}`);
      const pruned = run.stderr.split('\n').find((line) => /finished transfers? beyond/i.test(line));
      if (pruned) console.log(`    the daemon said: ${pruned}`);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  }
}

await main();
