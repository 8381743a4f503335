// `node bench/cli-memory.ts`: the peak RSS of short `ferry` commands and of `ferry get` of a small
// and a big file from nginx on loopback (BENCH_BYTES, default 1 GiB), each the worst of BENCH_RUNS
// runs (default 3), with the time of the big one. Not a test: nothing here asserts.
import fs from 'node:fs';
import path from 'node:path';
import { startNginx } from '../test/helpers/nginx.ts';
import { FERRY_BIN, startDaemon } from '../test/helpers/cli.ts';
import { makeFile, timed, type Run } from './bench-tools.ts';

const SIZE = Number(process.env['BENCH_BYTES'] ?? 1024 ** 3);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const EXTRA = (process.env['FERRY_BENCH_ARGS'] ?? '').split(' ').filter(Boolean);
const work = path.resolve(import.meta.dirname, '.work');
const root = path.join(work, 'root');

async function main(): Promise<void> {
  fs.mkdirSync(root, { recursive: true });
  makeFile(path.join(root, 'big.bin'), SIZE);
  makeFile(path.join(root, 'small.bin'), 1000);
  const nginx = await startNginx(root, path.join(work, 'nginx'));
  const home = path.join(work, 'memory-home');
  fs.rmSync(home, { recursive: true, force: true });
  const daemon = await startDaemon(home);
  const out = path.join(work, 'out.bin');
  const ferry = (args: string[]) => () => timed(process.execPath, [FERRY_BIN, ...args], work);
  const get = (file: string) => ferry(['get', nginx.url(`/${file}`), '-o', out, '--home', path.join(work, 'home'), ...EXTRA]);
  const cases: Array<[string, () => Promise<Run>]> = [
    ['ferry --version', ferry(['--version'])],
    ['ferry ls (daemon)', ferry(['ls', '--home', home])],
    ['ferry get 1 kB', get('small.bin')],
    [`ferry get ${(SIZE / 1024 ** 2).toFixed(0)} MiB`, get('big.bin')],
  ];
  try {
    for (const [name, run] of cases) {
      const rss: number[] = [];
      const seconds: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        fs.rmSync(out, { force: true });
        const r = await run();
        rss.push(r.maxRssKiB ?? 0);
        seconds.push(r.seconds);
      }
      const mib = rss.map((k) => (k / 1024).toFixed(1)).join(' / ');
      console.log(`${name.padEnd(20)} peak RSS ${mib} MiB; ${seconds.map((s) => s.toFixed(2)).join(' / ')} s`);
    }
  } finally {
    await daemon.stop();
    await nginx.stop();
    fs.rmSync(out, { force: true });
  }
}

await main();
