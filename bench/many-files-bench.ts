// `npm run bench` (third part): 200 files of 100 KB from nginx on loopback, queued at once:
// `ferry add -i LIST --wait` into a running daemon (default settings), one command as aria2c is,
// against `aria2c -j16 -i LIST`, in the same run. Target: Ferry <= 1.0x aria2c's time. Also shown:
// the same with `ferry wait --all` as a second command (one more CLI start). Not a test.
import fs from 'node:fs';
import path from 'node:path';
import { randomFillSync } from 'node:crypto';
import { startNginx } from '../test/helpers/nginx.ts';
import { FERRY_BIN, ferry, startDaemon } from '../test/helpers/cli.ts';
import { sha256OfFile } from '../electron/engine/storage/file-digest.ts';
import { aria2cQuiet, has, record, summarize, timed, type Results } from './bench-tools.ts';

const COUNT = 200;
const SIZE = 100_000;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const work = path.resolve(import.meta.dirname, '.work-many');

async function main(): Promise<void> {
  if (!has('aria2c')) throw new Error('aria2c is needed for this benchmark (apt-get install aria2)');
  fs.rmSync(work, { recursive: true, force: true });
  const root = path.join(work, 'root');
  fs.mkdirSync(root, { recursive: true });
  for (let i = 0; i < COUNT; i++) fs.writeFileSync(path.join(root, `f${i}.bin`), randomFillSync(Buffer.alloc(SIZE)));
  const nginx = await startNginx(root, path.join(work, 'nginx'));
  const list = path.join(work, 'list.txt');
  fs.writeFileSync(list, Array.from({ length: COUNT }, (_, i) => nginx.url(`/f${i}.bin`)).join('\n'));
  const home = path.join(work, 'home');
  const daemon = await startDaemon(home);
  const results: Results = new Map();
  try {
    for (let run = 0; run < RUNS; run++) {
      const ariaOut = path.join(work, `aria-${run}`);
      record(results, 'aria2c -j16', await timed('aria2c', ['-j16', ...aria2cQuiet, '-d', ariaOut, '-i', list], work));
      const waited = path.join(work, `ferry-${run}`);
      record(results, 'ferry add -i --wait', await timed(process.execPath, [FERRY_BIN, 'add', '-i', list, '-d', waited, '--wait', '--home', home], work));
      await checkAndClear(waited, root, home, run);
      const twoCommands = path.join(work, `ferry-two-${run}`);
      const script = `"${process.execPath}" "${FERRY_BIN}" add -i "${list}" -d "${twoCommands}" --home "${home}" > /dev/null && "${process.execPath}" "${FERRY_BIN}" wait --all --home "${home}"`;
      record(results, 'ferry add; ferry wait', await timed('sh', ['-c', script], work));
      await checkAndClear(twoCommands, root, home, run);
    }
  } finally {
    await daemon.stop();
    await nginx.stop();
  }
  console.log(`many files: ${COUNT} files of ${SIZE} bytes from nginx on 127.0.0.1, queued at once, ${RUNS} runs each; times are the whole batch, CLI starts included`);
  summarize(results, COUNT * SIZE, 'ferry add -i --wait', 'aria2c -j16', 1);
}

/** Every file is there (the first run's by sha256 too), and the list is emptied for the next run. */
async function checkAndClear(out: string, root: string, home: string, run: number): Promise<void> {
  if (fs.readdirSync(out).length !== COUNT) throw new Error(`ferry wrote ${fs.readdirSync(out).length} files, not ${COUNT}`);
  if (run === 0 && (await sha256OfFile(path.join(out, 'f7.bin'))) !== (await sha256OfFile(path.join(root, 'f7.bin')))) throw new Error('a file Ferry wrote differs from the source');
  await ferry(['clear', '--home', home]);
}

await main();
