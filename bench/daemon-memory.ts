// `npm run bench:memory`: the daemon's resident memory idle and with 200 live transfers (20 running,
// from a slow local server), and how long adding them took. Not a test: nothing here asserts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FaultServer, randomFile } from '../test/helpers/fault-server.ts';
import { startDaemon } from '../test/helpers/cli.ts';
import { connectToDaemon } from '../electron/daemon/client.ts';

function rssMiB(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  if (!fs.existsSync('/proc/self/status')) throw new Error('bench:memory reads /proc and runs on Linux only');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-bench-memory-'));
  const server = await new FaultServer().start();
  const file = randomFile(50_000_000, { rate: 200_000 }); // slow enough that none finishes
  for (let i = 0; i < 200; i++) server.serve(`/f${i}.bin`, file);
  const daemon = await startDaemon(home);
  try {
    const pid = daemon.child.pid!;
    await settle(2000);
    const idle = rssMiB(pid);
    const api = connectToDaemon(home);
    fs.mkdirSync(path.join(home, 'downloads'));
    await api.setSettings({ maxConcurrent: 20 });
    const started = Date.now();
    for (let i = 0; i < 200; i++) await api.createDownload({ url: server.url(`/f${i}.bin`), dir: path.join(home, 'downloads') });
    const addMs = Date.now() - started;
    await settle(8000);
    const busy = rssMiB(pid);
    const state = fs.statSync(path.join(home, 'state.json')).size;
    console.log(`daemon RSS idle ${idle} MiB; with 200 transfers (20 running) ${busy} MiB`);
    console.log(`adding 200 transfers one by one over HTTP took ${addMs} ms (${(addMs / 200).toFixed(1)} ms each, each saved before it is answered)`);
    console.log(`state.json with 200 transfers: ${(state / 1024).toFixed(0)} KiB`);
  } finally {
    await daemon.stop();
    await server.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

await main();
