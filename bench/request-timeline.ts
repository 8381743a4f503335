// What nginx saw of one client's run, from its timing log (test/helpers/nginx.ts): when each request
// began and ended, on which connection, and how many were open through the run. Shows how fast a
// client reaches its connections and whether some sit idle at the tail.
import fs from 'node:fs';
import path from 'node:path';

export interface TimedRequest {
  /** Seconds since the epoch: nginx's $msec minus $request_time, and $msec. */
  began: number;
  ended: number;
  connection: number;
  status: number;
  range: string;
  bytes: number;
  uri: string;
}

function timingLog(nginxWork: string): string {
  return path.join(nginxWork, 'logs', 'timing.log');
}

/** Every request logged so far (`from`: skip this many, as counted before the run). */
export function timedRequests(nginxWork: string, from = 0): TimedRequest[] {
  const file = timingLog(nginxWork);
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).slice(from);
  return lines.map((line) => {
    const m = /^(\S+) (\S+) (\d+) (\d+) "([^"]*)" (\d+) (\S+)$/.exec(line);
    if (!m) throw new Error(`a line of nginx's timing log this reader does not know: ${line}`);
    const ended = Number(m[1]);
    return { began: ended - Number(m[2]), ended, connection: Number(m[3]), status: Number(m[4]), range: m[5] === '-' ? '' : m[5]!, bytes: Number(m[6]), uri: m[7]! };
  });
}

export function countTimed(nginxWork: string): number {
  return timedRequests(nginxWork).length;
}

/**
 * One line per request (ms from the first request's start), then how many were open every
 * `stepMs`; `run`: when the client started and exited (ms since the epoch), to show what it spent
 * before its first request and after the last byte.
 */
export function printTimeline(title: string, requests: readonly TimedRequest[], run: { startedAt?: number; exitedAt?: number } = {}, stepMs = 100): void {
  if (requests.length === 0) return;
  const sorted = [...requests].sort((a, b) => a.began - b.began);
  const zero = sorted[0]!.began;
  const ms = (at: number): string => String(Math.round((at - zero) * 1000)).padStart(5);
  const last = Math.max(...sorted.map((r) => r.ended));
  console.log(`\n${title}: ${sorted.length} requests, ${((last - zero) * 1000).toFixed(0)} ms from the first request to the last byte`);
  if (run.startedAt !== undefined && run.exitedAt !== undefined) {
    console.log(`  started ${(zero * 1000 - run.startedAt).toFixed(0)} ms before its first request; exited ${(run.exitedAt - last * 1000).toFixed(0)} ms after the last byte`);
  }
  for (const r of sorted) {
    console.log(`  ${ms(r.began)} -> ${ms(r.ended)} ms  conn ${String(r.connection).padStart(5)}  ${r.status}  ${(r.range || '(no Range)').padEnd(28)} ${(r.bytes / 1024 / 1024).toFixed(2).padStart(7)} MiB`);
  }
  const open: number[] = [];
  for (let t = zero; t < last; t += stepMs / 1000) open.push(sorted.filter((r) => r.began <= t + stepMs / 1000 / 2 && r.ended > t + stepMs / 1000 / 2).length);
  console.log(`  open requests every ${stepMs} ms: ${open.join(' ')}`);
}
