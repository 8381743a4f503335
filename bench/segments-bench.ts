// `npm run bench`: where connections count. A 200 MiB file from nginx on loopback held to 5 MiB/s
// per connection (limit_rate 5m), fetched by `ferry get` with its defaults (no --connections: the
// engine picks), `aria2c -x16 -s16 -k1M` (aria2's best tuning) and `aria2c -x16 -s16`; then the
// same with limit_conn 4 per client address, against `aria2c -x4 -s4`, counting nginx's 503 answers
// and Ferry's retries. Prints times, Ferry's time over the others' (targets: <= 1.0x the tuned
// aria2c; <= 1.05x aria2c -x4) and the share of each case's ideal (all allowed connections at the
// full rate). The unthrottled 1 GiB race, peak RSS and CPU per GiB are download-bench.ts's.
// Checks first that nginx holds a connection to the rate and answers 503 past the count, and checks
// the sha256 of every file Ferry wrote. Not a test: nothing here asserts on time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startNginx, type Nginx } from '../test/helpers/nginx.ts';
import { FERRY_BIN } from '../test/helpers/cli.ts';
import { sha256OfFile } from '../electron/engine/storage/file-digest.ts';
import { aria2cQuiet, best, has, makeFile, median, printThroughputs, record, timed, type Results, type Run } from './bench-tools.ts';
import { oneConnectionRate, statusesPastTheLimit } from './nginx-limits-check.ts';
import { countTimed, printTimeline, timedRequests, type TimedRequest } from './request-timeline.ts';

const MiB = 1024 * 1024;
const SIZE = Number(process.env['BENCH_SEGMENT_BYTES'] ?? 200 * MiB);
const RUNS = Number(process.env['BENCH_SEGMENT_RUNS'] ?? process.env['BENCH_RUNS'] ?? 3);
const RATE = 5 * MiB; // nginx's "5m" is 5 MiB
const CLIENT_CONNECTIONS = 4;
const work = path.resolve(import.meta.dirname, '.work');
const root = path.join(work, 'root');
const out = path.join(work, 'segments-out.bin');
const home = path.join(work, 'segments-home');
const nginxWork = path.join(work, 'nginx-segments');

interface Tool {
  name: string;
  run: (url: string) => Promise<Run>;
}

const aria2c = (name: string, split: string[]): Tool => ({
  name,
  run: (url) => timed('aria2c', [...split, ...aria2cQuiet, '-d', work, '-o', path.basename(out), url], work),
});

// A new home each run: every run meets the server for the first time (nothing remembered of its limits).
const ferry: Tool = {
  name: 'ferry',
  run: (url) => {
    fs.rmSync(home, { recursive: true, force: true });
    return timed(process.execPath, [FERRY_BIN, 'get', url, '-o', out, '--home', home, '--json'], work);
  },
};

/** What nginx and Ferry said during one of Ferry's runs: requests by status, Ferry's retries and state changes. */
interface FerryRunReport {
  statuses: Record<number, number>;
  retries: string[];
  changes: string[];
}

function ferryReport(run: Run, requests: Array<{ status: number }>): FerryRunReport {
  const transfer = JSON.parse(run.stdout!.trim().split('\n').pop()!) as {
    retries: Array<{ status: string; httpStatus: number | null }>;
    history: Array<{ from: string; to: string; reason: string }>;
  };
  const statuses: Record<number, number> = {};
  for (const { status } of requests) statuses[status] = (statuses[status] ?? 0) + 1;
  return {
    statuses,
    retries: transfer.retries.map((r) => `${r.status}${r.httpStatus ? ` ${r.httpStatus}` : ''}`),
    changes: transfer.history.map((h) => `${h.from}->${h.to}${h.reason ? ` (${h.reason})` : ''}`),
  };
}

/** Runs every tool RUNS times, interleaved, on `uri`; checks what Ferry wrote; returns the times and Ferry's reports. */
interface Race {
  results: Results;
  reports: FerryRunReport[];
  rejected: Map<string, number[]>;
  /** What nginx saw of each run of each tool, in order (request-timeline.ts). */
  timelines: Map<string, Array<{ requests: TimedRequest[]; run: Run }>>;
}

async function race(nginx: Nginx, uri: string, tools: Tool[], sourceSha: string): Promise<Race> {
  const results: Results = new Map();
  const reports: FerryRunReport[] = [];
  const rejected = new Map<string, number[]>();
  const timelines: Race['timelines'] = new Map();
  for (let run = 0; run < RUNS; run++) {
    for (const tool of tools) {
      fs.rmSync(out, { force: true });
      spawnSync('sync'); // the previous run's dirty pages on disk first, so runs do not tax each other
      const logged = nginx.accessLog().length;
      const timedBefore = countTimed(nginxWork);
      const measured = await tool.run(nginx.url(uri));
      timelines.set(tool.name, [...(timelines.get(tool.name) ?? []), { requests: timedRequests(nginxWork, timedBefore).filter((r) => r.uri === uri), run: measured }]);
      const requests = nginx.accessLog().slice(logged).filter((line) => line.uri === uri);
      rejected.set(tool.name, [...(rejected.get(tool.name) ?? []), requests.filter((r) => r.status === 503).length]);
      const wrote = fs.statSync(out).size;
      if (wrote !== SIZE) throw new Error(`${tool.name} wrote ${wrote} bytes, not ${SIZE}`);
      if (tool === ferry) {
        if ((await sha256OfFile(out)) !== sourceSha) throw new Error(`ferry wrote a file whose sha256 differs from the source (${uri}, run ${run + 1})`);
        reports.push(ferryReport(measured, requests));
      }
      record(results, tool.name, measured);
    }
  }
  return { results, reports, rejected, timelines };
}

/** The timeline of each named tool's fastest run. */
function printFastestTimelines(title: string, race: Race, names: string[]): void {
  for (const name of names) {
    const times = race.results.get(name)?.times ?? [];
    const runs = race.timelines.get(name) ?? [];
    const fastest = times.indexOf(best(times));
    const run = runs[fastest];
    if (run) printTimeline(`${name}, ${title}, its fastest run (${times[fastest]!.toFixed(2)} s), as nginx saw it`, run.requests, run.run);
  }
}

/** Times, then Ferry's time over each other tool's, and each tool's share of the ideal time. */
function printRace(title: string, results: Results, target: string, goal: number, connections: number): void {
  const ideal = SIZE / (connections * RATE);
  console.log(`\n${title}`);
  printThroughputs(results, SIZE);
  const mine = results.get('ferry')!;
  for (const [name, r] of results) {
    if (name === 'ferry') continue;
    const ratio = (pick: (times: number[]) => number) => (pick(mine.times) / pick(r.times)).toFixed(2);
    console.log(`ferry's time / ${name}'s: ${ratio(best)}x (median ${ratio(median)}x)${name === target ? ` (target <= ${goal.toFixed(2)}x)` : ''}`);
  }
  const share = (times: number[]) => `${((100 * ideal) / best(times)).toFixed(0)}% (median ${((100 * ideal) / median(times)).toFixed(0)}%)`;
  console.log(`share of the ${connections}-connection ideal (${(SIZE / MiB).toFixed(0)} MiB / (${connections} x ${RATE / MiB} MiB/s) = ${ideal.toFixed(2)} s):`);
  for (const [name, r] of results) console.log(`  ${name.padEnd(22)} ${share(r.times)}`);
}

function printFerryReports(reports: FerryRunReport[]): void {
  reports.forEach((report, i) => {
    const statuses = Object.entries(report.statuses).map(([status, n]) => `${n} x ${status}`).join(', ');
    console.log(`  run ${i + 1}: requests ${statuses}; retries: ${report.retries.join(', ') || 'none'}; states: ${report.changes.join(', ')}`);
  });
}

async function checkNginx(nginx: Nginx): Promise<void> {
  const sample = Math.min(SIZE, 4 * RATE);
  const one = await oneConnectionRate(nginx.url('/capped/segments.bin'), sample, sample / 4);
  console.log(
    `nginx check: one request of ${(sample / MiB).toFixed(0)} MiB under limit_rate 5m took ${one.seconds.toFixed(2)} s: ` +
      `its first ${(sample / 4 / MiB).toFixed(0)} MiB in ${one.headSeconds.toFixed(2)} s, then ${(one.steadyRate / MiB).toFixed(2)} MiB/s`,
  );
  if (Math.abs(one.steadyRate - RATE) > RATE * 0.1) process.stderr.write(`bench: warning: nginx's rate is not the ${RATE / MiB} MiB/s the ideal assumes\n`);
  const statuses = await statusesPastTheLimit(nginx.url('/capped4/segments.bin'), CLIENT_CONNECTIONS);
  console.log(`nginx check: ${CLIENT_CONNECTIONS} connections held open, then one more under limit_conn ${CLIENT_CONNECTIONS}: ${statuses.join(' ')}`);
  if (statuses.at(-1) !== 503 || statuses.slice(0, -1).some((s) => s !== 206)) throw new Error('nginx does not enforce limit_conn as this bench assumes');
}

async function main(): Promise<void> {
  if (!has('aria2c')) throw new Error('aria2c is not installed: apt-get install aria2 (node scripts/system-packages.ts --bench)');
  fs.mkdirSync(root, { recursive: true });
  const source = path.join(root, 'segments.bin');
  makeFile(source, SIZE);
  const sourceSha = await sha256OfFile(source);
  const nginx = await startNginx(root, nginxWork, '1m', {
    '/capped/': 'limit_rate 5m;',
    '/capped4/': `limit_rate 5m; limit_conn per_client ${CLIENT_CONNECTIONS};`,
  });
  try {
    await checkNginx(nginx);
    process.stderr.write(`bench: limit_rate 5m, ${RUNS} runs...\n`);
    const capped = await race(nginx, '/capped/segments.bin', [ferry, aria2c('aria2c -x16 -s16 -k1M', ['-x16', '-s16', '-k1M']), aria2c('aria2c -x16 -s16', ['-x16', '-s16'])], sourceSha);
    process.stderr.write(`bench: limit_rate 5m and limit_conn ${CLIENT_CONNECTIONS}, ${RUNS} runs...\n`);
    const limited = await race(nginx, '/capped4/segments.bin', [ferry, aria2c('aria2c -x4 -s4', ['-x4', '-s4'])], sourceSha);

    console.log(`\nfile: ${SIZE} bytes from nginx on 127.0.0.1, ${RUNS} runs of each (interleaved); best, then median; aria2c with --file-allocation=none`);
    printRace('limit_rate 5m per connection:', capped.results, 'aria2c -x16 -s16 -k1M', 1.0, 16);
    printRace(`limit_rate 5m and limit_conn ${CLIENT_CONNECTIONS} per client (503 past it):`, limited.results, 'aria2c -x4 -s4', 1.05, CLIENT_CONNECTIONS);
    for (const [name, counts] of limited.rejected) console.log(`  nginx's 503s to ${name}, per run: ${counts.join(', ')}`);
    console.log('\nferry, what nginx logged and what it said (--json), limit_rate 5m:');
    printFerryReports(capped.reports);
    console.log(`ferry, the same with limit_conn ${CLIENT_CONNECTIONS}:`);
    printFerryReports(limited.reports);
    printFastestTimelines('limit_rate 5m', capped, ['ferry', 'aria2c -x16 -s16 -k1M']);
    printFastestTimelines(`limit_conn ${CLIENT_CONNECTIONS}`, limited, ['ferry']);
  } finally {
    await nginx.stop();
    fs.rmSync(out, { force: true });
    fs.rmSync(home, { recursive: true, force: true });
  }
}

await main();
