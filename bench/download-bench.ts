// `npm run bench`: a 1 GiB file from nginx on loopback, fetched by `ferry get`, curl and aria2c -x1
// in the same run. Prints each throughput and Ferry's ratio to the others (target: >= 0.9x curl),
// from the best and the median of the runs, and checks the sha256 of what Ferry wrote.
// Not a test: nothing here asserts on time.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomFillSync } from 'node:crypto';
import { startNginx } from '../test/helpers/nginx.ts';
import { FERRY_BIN } from '../test/helpers/cli.ts';
import { sha256OfFile } from '../electron/engine/part-file.ts';

const SIZE = Number(process.env['BENCH_BYTES'] ?? 1024 ** 3);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const work = path.resolve(import.meta.dirname, '.work');
const root = path.join(work, 'root');

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

function makeFile(file: string): void {
  if (fs.existsSync(file) && fs.statSync(file).size === SIZE) return;
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024 * 1024);
  for (let written = 0; written < SIZE; written += chunk.length) {
    randomFillSync(chunk);
    fs.writeSync(fd, chunk, 0, Math.min(chunk.length, SIZE - written));
  }
  fs.closeSync(fd);
}

/** Runs a command, returning seconds and peak RSS (KiB, via /usr/bin/time when present). */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ seconds: number; maxRssKiB: number | null }> {
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

async function main(): Promise<void> {
  fs.mkdirSync(root, { recursive: true });
  const source = path.join(root, 'big.bin');
  process.stderr.write(`bench: preparing ${SIZE} bytes...\n`);
  makeFile(source);
  const nginx = await startNginx(root, path.join(work, 'nginx'));
  const url = nginx.url('/big.bin');
  const out = path.join(work, 'out.bin');
  const tools: Array<{ name: string; run: () => Promise<{ seconds: number; maxRssKiB: number | null }> }> = [];
  tools.push({ name: 'node http (no disk)', run: () => timed(process.execPath, [path.join(import.meta.dirname, 'node-http-ceiling.ts'), url]) });
  if (has('curl')) {
    tools.push({ name: 'curl', run: () => timed('curl', ['-sS', '-o', out, url]) });
    // Ferry flushes the file to disk before calling it done; this is curl held to the same rule.
    tools.push({ name: 'curl+fsync', run: () => timed('sh', ['-c', `curl -sS -o '${out}' '${url}' && sync --data '${out}'`]) });
  }
  else process.stderr.write('bench: curl not found; no curl comparison\n');
  if (has('aria2c')) {
    tools.push({
      name: 'aria2c -x1',
      run: () => timed('aria2c', ['-x1', '-s1', '-q', '--allow-overwrite=true', '--auto-file-renaming=false', '--file-allocation=none', '-d', work, '-o', 'out.bin', url]),
    });
  } else process.stderr.write('bench: aria2c not found; no aria2 comparison\n');
  const ferryGet = (env: NodeJS.ProcessEnv = {}) => timed(process.execPath, [FERRY_BIN, 'get', url, '-o', out, '--home', path.join(work, 'home')], env);
  tools.push({ name: 'ferry', run: () => ferryGet() });
  // Linux: the same with direct I/O switched off, to show what it is worth on this machine.
  if (process.platform === 'linux') tools.push({ name: 'ferry, page cache', run: () => ferryGet({ FERRY_DIRECT_IO: '0' }) });

  const results = new Map<string, { times: number[]; rss: number | null }>();
  const sourceSha = await sha256OfFile(source);
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const tool of tools) {
        fs.rmSync(out, { force: true });
        // Start each run with the previous run's dirty pages on disk, so runs do not tax each other.
        spawnSync('sync');
        const { seconds, maxRssKiB } = await tool.run();
        const wrote = tool.name.startsWith('node http') ? SIZE : fs.statSync(out).size;
        if (wrote !== SIZE) throw new Error(`${tool.name} wrote ${wrote} bytes, not ${SIZE}`);
        // Fast is worth nothing if the bytes are wrong: Ferry's file is checked on the first run.
        if (run === 0 && tool.name.startsWith('ferry') && (await sha256OfFile(out)) !== sourceSha) {
          throw new Error(`${tool.name} wrote a file whose sha256 differs from the source`);
        }
        const previous = results.get(tool.name);
        results.set(tool.name, { times: [...(previous?.times ?? []), seconds], rss: Math.max(previous?.rss ?? 0, maxRssKiB ?? 0) || null });
      }
    }
  } finally {
    await nginx.stop();
    fs.rmSync(out, { force: true });
  }
  const mibps = (seconds: number) => SIZE / 1024 / 1024 / seconds;
  const best = (times: number[]) => Math.min(...times);
  const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)]!;
  const ferry = results.get('ferry')!;
  console.log(`file: ${SIZE} bytes from nginx on 127.0.0.1, ${RUNS} runs of each (interleaved); best, then median`);
  for (const [name, r] of results) {
    const rss = r.rss ? `, peak RSS ${(r.rss / 1024).toFixed(0)} MiB` : '';
    console.log(`${name.padEnd(20)} ${mibps(best(r.times)).toFixed(0).padStart(6)} MiB/s (${best(r.times).toFixed(2)} s; median ${median(r.times).toFixed(2)} s${rss})`);
  }
  for (const [name, r] of results) {
    if (name === 'ferry') continue;
    const ratio = (pick: (times: number[]) => number) => (pick(r.times) / pick(ferry.times)).toFixed(2);
    console.log(`ferry / ${name}: ${ratio(best)}x (median ${ratio(median)}x)${name === 'curl' ? ' (target >= 0.90x)' : ''}`);
  }
}

await main();
