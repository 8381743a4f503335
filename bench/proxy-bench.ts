// `npm run bench`: a 1 GiB file from nginx on loopback through Debian's squid (Basic auth), fetched
// by `curl --proxy` and by `ferry get --proxy` (its defaults, so with segments if they help, and
// with --connections 1), in the same run. Prints each throughput, peak RSS and CPU seconds per GiB,
// and Ferry's ratio to curl (target: >= 0.9x), from the best and the median of the runs; checks the
// sha256 of what Ferry wrote. Not a test: nothing here asserts on time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startNginx } from '../test/helpers/nginx.ts';
import { startSquid } from '../test/helpers/proxy-servers.ts';
import { FERRY_BIN } from '../test/helpers/cli.ts';
import { sha256OfFile } from '../electron/engine/storage/file-digest.ts';
import { has, makeFile, record, summarize, timed, type Results, type Run } from './bench-tools.ts';

const SIZE = Number(process.env['BENCH_BYTES'] ?? 1024 ** 3);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const work = path.resolve(import.meta.dirname, '.work');
const root = path.join(work, 'root');

async function main(): Promise<void> {
  fs.mkdirSync(root, { recursive: true });
  const source = path.join(root, 'big.bin');
  makeFile(source, SIZE);
  const nginx = await startNginx(root, path.join(work, 'nginx'));
  fs.rmSync(path.join(work, 'squid'), { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'squid'));
  const login = { username: 'bench', password: randomBytes(12).toString('hex') };
  const squid = await startSquid(path.join(work, 'squid'), login);
  const url = nginx.url('/big.bin');
  const out = path.join(work, 'out.bin');
  const proxy = squid.url();
  // The login from the environment, off the command line (as a user would give it).
  const env = { FERRY_PROXY_USER: `${login.username}:${login.password}` };
  const tools: Array<{ name: string; run: () => Promise<Run> }> = [];
  if (has('curl')) tools.push({ name: 'curl --proxy', run: () => timed('curl', ['-sS', '--proxy', squid.url(login), '-o', out, url], work) });
  const ferryGet = (extra: string[]) => () => timed(process.execPath, [FERRY_BIN, 'get', url, '-o', out, '--proxy', proxy, ...extra, '--home', path.join(work, 'home')], work, env);
  tools.push({ name: 'ferry --proxy', run: ferryGet([]) });
  tools.push({ name: 'ferry --proxy, 1 connection', run: ferryGet(['--connections', '1']) });

  const results: Results = new Map();
  const sourceSha = await sha256OfFile(source);
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const tool of tools) {
        fs.rmSync(out, { force: true });
        spawnSync('sync');
        const measured = await tool.run();
        const wrote = fs.existsSync(out) ? fs.statSync(out).size : 0;
        if (wrote !== SIZE) throw new Error(`${tool.name} wrote ${wrote} bytes, not ${SIZE}`);
        if (run === 0 && tool.name.startsWith('ferry') && (await sha256OfFile(out)) !== sourceSha) {
          throw new Error(`${tool.name} wrote a file whose sha256 differs from the source`);
        }
        record(results, tool.name, measured);
      }
    }
  } finally {
    await squid.stop();
    await nginx.stop();
    fs.rmSync(out, { force: true });
  }
  console.log(`file: ${SIZE} bytes from nginx on 127.0.0.1 through squid (Basic auth), ${RUNS} runs of each (interleaved); best, then median`);
  summarize(results, SIZE, 'ferry --proxy', 'curl --proxy');
}

await main();
