// `npm run bench`: a 1 GiB file from nginx on loopback, fetched by `ferry get` (its defaults, so
// with segments whatever it picks), curl, aria2c -x1 and aria2c -x16 in the same run. Prints each
// throughput, peak RSS and CPU seconds per GiB, and Ferry's ratio to the others (target: >= 0.9x
// curl; peak RSS <= 64 MiB), from the best and the median of the runs, and checks the sha256 of what
// Ferry wrote. The throttled servers, where connections count, are segments-bench.ts's.
// Not a test: nothing here asserts on time.
import fs from 'node:fs';
import path from 'node:path';
import { startNginx } from '../test/helpers/nginx.ts';
import { FERRY_BIN } from '../test/helpers/cli.ts';
import { aria2cQuiet, curlTools, has, makeFile, runInterleaved, summarize, timed, type BenchTool, type Results } from './bench-tools.ts';

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
  const tools: BenchTool[] = [];
  tools.push({ name: 'node http (no disk)', run: () => timed(process.execPath, [path.join(import.meta.dirname, 'node-http-ceiling.ts'), url], work) });
  tools.push(...curlTools(url, out, work));
  if (has('aria2c')) {
    const aria2c = (split: string[]) => () => timed('aria2c', [...split, ...aria2cQuiet, '-d', work, '-o', 'out.bin', url], work);
    tools.push({ name: 'aria2c -x1', run: aria2c(['-x1', '-s1']) });
    // Its CPU seconds per GiB with 16 connections stand beside Ferry's.
    tools.push({ name: 'aria2c -x16 -k1M', run: aria2c(['-x16', '-s16', '-k1M']) });
  } else process.stderr.write('bench: aria2c not found; no aria2 comparison\n');
  const ferryGet = (env: NodeJS.ProcessEnv = {}, bin = FERRY_BIN) => timed(process.execPath, [bin, 'get', url, '-o', out, '--home', path.join(work, 'home')], work, env);
  tools.push({ name: 'ferry', run: () => ferryGet() });
  // Another build's `ferry` (e.g. main's bin/ferry.js with its dist/cli) in the same interleaved run:
  // on a shared machine only runs side by side compare.
  const compare = process.env['BENCH_FERRY_COMPARE'];
  if (compare) tools.push({ name: 'ferry (compare)', run: () => ferryGet({}, compare) });
  // Linux: the same with direct I/O switched off, to show what it is worth on this machine.
  if (process.platform === 'linux') tools.push({ name: 'ferry, page cache', run: () => ferryGet({ FERRY_DIRECT_IO: '0' }) });

  let results: Results;
  try {
    results = await runInterleaved(tools, RUNS, out, SIZE, source, (name) => !name.startsWith('node http'));
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
