// `npm run bench`: a 1 GiB file from Debian's vsftpd on loopback (anonymous, passive), fetched by
// `ferry get` (its defaults: several connections when the server allows; and with one) and `curl`
// in the same run, interleaved. Prints each throughput, peak RSS and CPU seconds per GiB and
// Ferry's ratio to curl (target: >= 0.9x), from the best and the median of the runs, and checks
// the sha256 of what Ferry wrote. Not a test: nothing here asserts on time.
import fs from 'node:fs';
import path from 'node:path';
import { startVsftpd } from '../test/helpers/vsftpd.ts';
import { FERRY_BIN } from '../test/helpers/cli.ts';
import { best, curlTools, makeFile, median, runInterleaved, summarize, timed, type BenchTool } from './bench-tools.ts';

const SIZE = Number(process.env['BENCH_BYTES'] ?? 1024 ** 3);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const work = path.resolve(import.meta.dirname, '.work');
const root = path.join(work, 'ftp-root');

async function main(): Promise<void> {
  fs.mkdirSync(root, { recursive: true });
  const source = path.join(root, 'big.bin');
  makeFile(source, SIZE);
  const server = await startVsftpd(root, path.join(work, 'vsftpd'));
  const url = server.url('/big.bin');
  const out = path.join(work, 'ftp-out.bin');
  const ferryGet = (extra: string[]) => () => timed(process.execPath, [FERRY_BIN, 'get', url, '-o', out, '--home', path.join(work, 'ftp-home'), ...extra], work);
  const tools: BenchTool[] = [...curlTools(url, out, work), { name: 'ferry', run: ferryGet([]) }, { name: 'ferry --connections 1', run: ferryGet(['--connections', '1']) }];
  try {
    const results = await runInterleaved(tools, RUNS, out, SIZE, source);
    console.log(`file: ${SIZE} bytes from vsftpd on 127.0.0.1 (FTP, passive), ${RUNS} runs of each (interleaved); best, then median`);
    summarize(results, SIZE, 'ferry', 'curl');
    const one = results.get('ferry --connections 1');
    const curl = results.get('curl');
    if (one && curl) console.log(`ferry --connections 1 / curl: ${(best(curl.times) / best(one.times)).toFixed(2)}x (median ${(median(curl.times) / median(one.times)).toFixed(2)}x)`);
  } finally {
    await server.stop();
    fs.rmSync(out, { force: true });
  }
}

await main();
