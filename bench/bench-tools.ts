// What the benchmarks share: a big random file, a timed child process with its peak RSS, and the
// summary of best and median runs with Ferry's ratio to the others. Nothing here asserts on time.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomFillSync } from 'node:crypto';
import { sha256OfFile } from '../electron/engine/storage/file-digest.ts';

export function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** Random bytes of `size` in `file`, unless a file of that size is there already (from an earlier run). */
export function makeFile(file: string, size: number): void {
  if (fs.existsSync(file) && fs.statSync(file).size === size) return;
  process.stderr.write(`bench: preparing ${size} bytes...\n`);
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024 * 1024);
  for (let written = 0; written < size; written += chunk.length) {
    randomFillSync(chunk);
    fs.writeSync(fd, chunk, 0, Math.min(chunk.length, size - written));
  }
  fs.closeSync(fd);
}

export interface Run {
  seconds: number;
  /** Peak RSS in KiB, and user+system CPU seconds: null without /usr/bin/time. */
  maxRssKiB: number | null;
  cpuSeconds?: number | null;
  /** What the command printed on stdout. */
  stdout?: string;
  /** When it was started and when it exited (ms since the epoch): to place a server's log beside it. */
  startedAt?: number;
  exitedAt?: number;
}

/** Runs a command, returning seconds, peak RSS and CPU time (via /usr/bin/time when present) and its stdout. */
export function timed(command: string, args: string[], work: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const useTime = fs.existsSync('/usr/bin/time');
  const rssFile = path.join(work, 'rss.txt');
  const [cmd, argv] = useTime ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const startedAt = Date.now();
    const child = spawn(cmd, argv as string[], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`${command} exited ${code}: ${stderr.slice(-500)}`));
      // GNU time's last line: "maxRssKiB userSeconds systemSeconds" (a line before it may say the exit status).
      const [rss, user, system] = useTime ? fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) : [];
      resolve({ seconds, maxRssKiB: rss ?? null, cpuSeconds: user === undefined ? null : user + system!, stdout, startedAt, exitedAt: Date.now() });
    });
  });
}

export type Results = Map<string, { times: number[]; rss: number | null; cpu: number[] }>;

export const best = (times: number[]): number => Math.min(...times);
export const median = (times: number[]): number => [...times].sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)]!;

/** Prints each tool's best and median throughput, peak RSS and CPU seconds per GiB moved (median run). */
export function printThroughputs(results: Results, size: number): void {
  const mibps = (seconds: number) => size / 1024 / 1024 / seconds;
  for (const [name, r] of results) {
    const rss = r.rss ? `, peak RSS ${(r.rss / 1024).toFixed(0)} MiB` : '';
    const cpu = r.cpu.length ? `, CPU ${(median(r.cpu) / (size / 1024 ** 3)).toFixed(2)} s/GiB` : '';
    console.log(`${name.padEnd(22)} ${mibps(best(r.times)).toFixed(0).padStart(6)} MiB/s (${best(r.times).toFixed(2)} s; median ${median(r.times).toFixed(2)} s${rss}${cpu})`);
  }
}

/** Prints each tool's throughput, then `ours` against each other tool (their time over ours: higher is better for us). */
export function summarize(results: Results, size: number, ours: string, target: string, goal = 0.9): void {
  printThroughputs(results, size);
  const mine = results.get(ours)!;
  for (const [name, r] of results) {
    if (name === ours) continue;
    const ratio = (pick: (times: number[]) => number) => (pick(r.times) / pick(mine.times)).toFixed(2);
    console.log(`${ours} / ${name}: ${ratio(best)}x (median ${ratio(median)}x)${name === target ? ` (target >= ${goal.toFixed(2)}x)` : ''}`);
  }
}

/** Adds a run's time, peak RSS and CPU time to its tool's results. */
export function record(results: Results, name: string, run: Run): void {
  const previous = results.get(name);
  results.set(name, {
    times: [...(previous?.times ?? []), run.seconds],
    rss: Math.max(previous?.rss ?? 0, run.maxRssKiB ?? 0) || null,
    cpu: [...(previous?.cpu ?? []), ...(run.cpuSeconds == null ? [] : [run.cpuSeconds])],
  });
}

/**
 * aria2c quiet, overwriting, and with no file allocation: its default writes the whole file with
 * zeros first, a cost Ferry does not pay, so without it aria2c pays nothing for allocation and the
 * race is the strictest for Ferry (Ferry's own preallocation, if any, counts in Ferry's time).
 */
export const aria2cQuiet = ['-q', '--allow-overwrite=true', '--auto-file-renaming=false', '--file-allocation=none'];

export interface BenchTool {
  name: string;
  run: () => Promise<Run>;
}

/** curl fetching `url` into `out`, and curl followed by an fsync (Ferry flushes what it writes before it is done). */
export function curlTools(url: string, out: string, work: string): BenchTool[] {
  if (!has('curl')) {
    process.stderr.write('bench: curl not found; no curl comparison\n');
    return [];
  }
  return [
    { name: 'curl', run: () => timed('curl', ['-sS', '-o', out, url], work) },
    { name: 'curl+fsync', run: () => timed('sh', ['-c', `curl -sS -o '${out}' '${url}' && sync --data '${out}'`], work) },
  ];
}

/**
 * Runs each tool `runs` times, interleaved, into `out`: each run starts with the previous run's
 * dirty pages on disk, each must write `size` bytes (unless `writesFile` says it writes none), and
 * Ferry's first file must have the sha256 of `source` (fast is worth nothing if the bytes are wrong).
 */
export async function runInterleaved(tools: BenchTool[], runs: number, out: string, size: number, source: string, writesFile = (_name: string) => true): Promise<Results> {
  const results: Results = new Map();
  const sourceSha = await sha256OfFile(source);
  for (let run = 0; run < runs; run++) {
    for (const tool of tools) {
      fs.rmSync(out, { force: true });
      spawnSync('sync');
      const measured = await tool.run();
      const wrote = writesFile(tool.name) ? fs.statSync(out).size : size;
      if (wrote !== size) throw new Error(`${tool.name} wrote ${wrote} bytes, not ${size}`);
      if (run === 0 && tool.name.startsWith('ferry') && (await sha256OfFile(out)) !== sourceSha) {
        throw new Error(`${tool.name} wrote a file whose sha256 differs from the source`);
      }
      record(results, tool.name, measured);
    }
  }
  return results;
}
