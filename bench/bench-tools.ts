// What the benchmarks share: a big random file, a timed child process with its peak RSS, and the
// summary of best and median runs with Ferry's ratio to the others. Nothing here asserts on time.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomFillSync } from 'node:crypto';

export function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

export function makeFile(file: string, size: number): void {
  if (fs.existsSync(file) && fs.statSync(file).size === size) return;
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024 * 1024);
  for (let written = 0; written < size; written += chunk.length) {
    randomFillSync(chunk);
    fs.writeSync(fd, chunk, 0, Math.min(chunk.length, size - written));
  }
  fs.closeSync(fd);
}

/** Runs a command, returning seconds and peak RSS (KiB, via /usr/bin/time when present). */
export function timed(command: string, args: string[], work: string, env: NodeJS.ProcessEnv = {}): Promise<{ seconds: number; maxRssKiB: number | null }> {
  const useTime = fs.existsSync('/usr/bin/time');
  const rssFile = path.join(work, 'rss.txt');
  const [cmd, argv] = useTime ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv as string[], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`${command} exited ${code}: ${stderr.slice(-500)}`));
      const rss = useTime ? Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : null;
      resolve({ seconds, maxRssKiB: rss });
    });
  });
}

export type Results = Map<string, { times: number[]; rss: number | null }>;

/** Prints each tool's best and median throughput and peak RSS, then `ours` against each other tool. */
export function summarize(results: Results, size: number, ours: string, target: string, goal = 0.9): void {
  const mibps = (seconds: number) => size / 1024 / 1024 / seconds;
  const best = (times: number[]) => Math.min(...times);
  const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)]!;
  const mine = results.get(ours)!;
  for (const [name, r] of results) {
    const rss = r.rss ? `, peak RSS ${(r.rss / 1024).toFixed(0)} MiB` : '';
    console.log(`${name.padEnd(20)} ${mibps(best(r.times)).toFixed(0).padStart(6)} MiB/s (${best(r.times).toFixed(2)} s; median ${median(r.times).toFixed(2)} s${rss})`);
  }
  for (const [name, r] of results) {
    if (name === ours) continue;
    const ratio = (pick: (times: number[]) => number) => (pick(r.times) / pick(mine.times)).toFixed(2);
    console.log(`${ours} / ${name}: ${ratio(best)}x (median ${ratio(median)}x)${name === target ? ` (target >= ${goal.toFixed(2)}x)` : ''}`);
  }
}

/** Adds a run's time and peak RSS to its tool's results. */
export function record(results: Results, name: string, run: { seconds: number; maxRssKiB: number | null }): void {
  const previous = results.get(name);
  results.set(name, { times: [...(previous?.times ?? []), run.seconds], rss: Math.max(previous?.rss ?? 0, run.maxRssKiB ?? 0) || null });
}
