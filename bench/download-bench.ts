// `npm run bench`: a 1 GiB file from nginx on loopback, fetched by `ferry get` (its defaults, so
// with segments whatever it picks), curl, aria2c -x1 and aria2c -x16 in the same run. Prints each
// throughput, peak RSS and CPU seconds per GiB, and Ferry's ratio to the others (target: >= 0.9x
// curl; peak RSS <= 64 MiB), from the best and the median of the runs, and checks the sha256 of what
// Ferry wrote. The throttled servers, where connections count, are segments-bench.ts's.
// Not a test: nothing here asserts on time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startNginx } from '../test/helpers/nginx.ts';
import { FERRY_BIN } from '../test/helpers/cli.ts';
import { sha256OfFile } from '../electron/engine/storage/file-digest.ts';
import { aria2cQuiet, has, makeFile, record, summarize, timed, type Results, type Run } from './bench-tools.ts';

const SIZE = Number(process.env['BENCH_BYTES'] ?? 1024 ** 3);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const work = path.resolve(import.meta.dirname, '.work');
const root = path.join(work, 'root');

async function main(): Promise<void> {
  fs.mkdirSync(root, { recursive: true });
  const source = path.join(root, 'big.bin');
  makeFile(source, SIZE);
  const nginx = await startNginx(root, path.join(work, 'nginx'));
  const url = nginx.url('/big.bin');
  const out = path.join(work, 'out.bin');
  const tools: Array<{ name: string; run: () => Promise<Run> }> = [];
  tools.push({ name: 'node http (no disk)', run: () => timed(process.execPath, [path.join(import.meta.dirname, 'node-http-ceiling.ts'), url], work) });
  if (has('curl')) {
    tools.push({ name: 'curl', run: () => timed('curl', ['-sS', '-o', out, url], work) });
    // Ferry flushes the file to disk before calling it done; this is curl held to the same rule.
    tools.push({ name: 'curl+fsync', run: () => timed('sh', ['-c', `curl -sS -o '${out}' '${url}' && sync --data '${out}'`], work) });
  }
  else process.stderr.write('bench: curl not found; no curl comparison\n');
  if (has('aria2c')) {
    const aria2c = (split: string[]) => () => timed('aria2c', [...split, ...aria2cQuiet, '-d', work, '-o', 'out.bin', url], work);
    tools.push({ name: 'aria2c -x1', run: aria2c(['-x1', '-s1']) });
    // Its CPU seconds per GiB with 16 connections stand beside Ferry's.
    tools.push({ name: 'aria2c -x16 -k1M', run: aria2c(['-x16', '-s16', '-k1M']) });
  } else process.stderr.write('bench: aria2c not found; no aria2 comparison\n');
  const ferryGet = (env: NodeJS.ProcessEnv = {}) => timed(process.execPath, [FERRY_BIN, 'get', url, '-o', out, '--home', path.join(work, 'home')], work, env);
  tools.push({ name: 'ferry', run: () => ferryGet() });
  // Linux: the same with direct I/O switched off, to show what it is worth on this machine.
  if (process.platform === 'linux') tools.push({ name: 'ferry, page cache', run: () => ferryGet({ FERRY_DIRECT_IO: '0' }) });

  const results: Results = new Map();
  const sourceSha = await sha256OfFile(source);
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const tool of tools) {
        fs.rmSync(out, { force: true });
        // Start each run with the previous run's dirty pages on disk, so runs do not tax each other.
        spawnSync('sync');
        const measured = await tool.run();
        const wrote = tool.name.startsWith('node http') ? SIZE : fs.statSync(out).size;
        if (wrote !== SIZE) throw new Error(`${tool.name} wrote ${wrote} bytes, not ${SIZE}`);
        // Fast is worth nothing if the bytes are wrong: Ferry's file is checked on the first run.
        if (run === 0 && tool.name.startsWith('ferry') && (await sha256OfFile(out)) !== sourceSha) {
          throw new Error(`${tool.name} wrote a file whose sha256 differs from the source`);
        }
        record(results, tool.name, measured);
      }
    }
  } finally {
    await nginx.stop();
    fs.rmSync(out, { force: true });
  }
  console.log(`file: ${SIZE} bytes from nginx on 127.0.0.1, ${RUNS} runs of each (interleaved); best, then median`);
  summarize(results, SIZE, 'ferry', 'curl');
  const rss = results.get('ferry')?.rss;
  if (rss) console.log(`ferry peak RSS: ${(rss / 1024).toFixed(0)} MiB (target <= 64 MiB)`);
}

await main();
