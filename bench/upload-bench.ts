// `npm run bench` (second part): a 1 GiB upload on loopback, Ferry against curl in the same run:
// a PUT to nginx WebDAV (`ferry upload` vs `curl -T`) and a multipart POST to a sink that reads the
// body and answers 201 (`ferry upload --multipart` vs `curl -F`). Target: >= 0.9x curl for both;
// Ferry's peak RSS is printed (it streams from disk, never holds the file). Not a test.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startNginx } from '../test/helpers/nginx.ts';
import { FERRY_BIN } from '../test/helpers/cli.ts';
import { sha256OfFile } from '../electron/engine/storage/file-digest.ts';
import { has, makeFile, record, summarize, timed, type Results } from './bench-tools.ts';

const SIZE = Number(process.env['BENCH_BYTES'] ?? 1024 ** 3);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const work = path.resolve(import.meta.dirname, '.work-upload');

/** Reads every body to the end, counts it, answers 201. */
async function startSink(): Promise<{ url: string; bytes: () => number; close: () => Promise<void> }> {
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'text/plain' });
      res.end('stored\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/form`,
    bytes: () => bytes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  if (!has('curl')) throw new Error('curl is needed for the upload benchmark (apt-get install curl)');
  fs.mkdirSync(work, { recursive: true });
  const source = path.join(work, 'big.bin');
  makeFile(source, SIZE);
  const nginx = await startNginx(work, path.join(work, 'nginx'));
  const sink = await startSink();
  const stored = path.join(work, 'nginx', 'dav', 'big.bin');
  const home = path.join(work, 'home');
  const put: Results = new Map();
  const multipart: Results = new Map();
  const sendPhase: Results = new Map();
  try {
    // Each run starts with the previous one's writes on disk (nginx stores what it receives), so the
    // kernel's writeback of one run does not slow the next.
    const fresh = () => {
      fs.rmSync(stored, { force: true });
      spawnSync('sync');
    };
    for (let run = 0; run < RUNS; run++) {
      fresh();
      record(put, 'curl -T', await timed('curl', ['-sS', '-f', '-o', '/dev/null', '-T', source, nginx.url('/dav/')], work));
      fresh();
      record(put, 'ferry upload', await timed(process.execPath, [FERRY_BIN, 'upload', source, '--to', nginx.url('/dav/'), '--home', home], work));
      if (run === 0 && (await sha256OfFile(stored)) !== (await sha256OfFile(source))) throw new Error('the file nginx stored from Ferry differs from the source');
      fresh();
      record(multipart, 'curl -F', await timed('curl', ['-sS', '-f', '-o', '/dev/null', '-F', `file=@${source}`, sink.url], work));
      fresh();
      const before = sink.bytes();
      record(multipart, 'ferry --multipart', await timed(process.execPath, [FERRY_BIN, 'upload', source, '--to', sink.url, '--multipart', '--home', home], work));
      if (sink.bytes() - before < SIZE) throw new Error(`the sink got ${sink.bytes() - before} bytes from Ferry, fewer than the file's ${SIZE}`);
      fresh();
      // The same send without a process start around it: where the rest of Ferry's time goes.
      // Not execFileSync: the sink runs in this process and must keep reading.
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(import.meta.dirname, 'upload-send-phase.ts'), source, sink.url], { encoding: 'utf8' });
      const seconds = Number(stdout.trim());
      record(sendPhase, 'ferry sink alone', { seconds, maxRssKiB: null });
    }
  } finally {
    await nginx.stop();
    await sink.close();
    fs.rmSync(stored, { force: true });
  }
  console.log(`upload: ${SIZE} bytes PUT to nginx WebDAV on 127.0.0.1, ${RUNS} runs each (interleaved); best, then median`);
  summarize(put, SIZE, 'ferry upload', 'curl -T');
  console.log(`upload: ${SIZE} bytes as multipart/form-data POST to a sink on 127.0.0.1, ${RUNS} runs each`);
  summarize(multipart, SIZE, 'ferry --multipart', 'curl -F');
  console.log('upload: (diagnostic, not the target) the multipart send alone, in a process already started, against the same curl -F runs');
  sendPhase.set('curl -F', multipart.get('curl -F')!);
  summarize(sendPhase, SIZE, 'ferry sink alone', '');
}

await main();
