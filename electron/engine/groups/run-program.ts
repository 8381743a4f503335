// A completion group's program: run without a shell (the words as given), with FERRY_GROUP and
// FERRY_RESULTS (a 0600 JSON file of the members' results, removed afterwards), none of Ferry's own
// FERRY_* variables (a login may be among them), a time limit, and its output's first 64 KiB kept.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GROUP_OUTPUT_MAX, type GroupActionOutcome, type GroupMemberResult } from '../../../shared/groups.ts';

/** Ten minutes: long enough to unpack or index what a group fetched; a hung program does not hold the group for ever. */
export const GROUP_PROGRAM_TIMEOUT_MS = 10 * 60_000;
/** After the polite SIGTERM, this long before SIGKILL. */
const KILL_GRACE_MS = 5000;
/** Once the program exited, this long for a child it left holding its output open. */
const DRAIN_MS = 2000;

export interface ProgramRun {
  group: string;
  results: GroupMemberResult[];
  timeoutMs: number;
  signal: AbortSignal;
}

/** The environment the program gets: the host's, minus Ferry's own variables, plus the group's. */
export function programEnvironment(base: NodeJS.ProcessEnv, group: string, resultsFile: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(base).filter(([key]) => !key.toUpperCase().startsWith('FERRY_')));
  return { ...env, FERRY_GROUP: group, FERRY_RESULTS: resultsFile };
}

export async function runProgram(words: string[], run: ProgramRun): Promise<GroupActionOutcome> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'ferry-group-'));
  const resultsFile = path.join(dir, 'results.json');
  try {
    await fs.promises.writeFile(resultsFile, `${JSON.stringify({ group: run.group, members: run.results }, null, 2)}\n`, { mode: 0o600 });
    return await spawnAndWait(words, programEnvironment(process.env, run.group, resultsFile), run);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

function spawnAndWait(words: string[], env: NodeJS.ProcessEnv, run: ProgramRun): Promise<GroupActionOutcome> {
  const [program, ...args] = words as [string, ...string[]];
  return new Promise((resolve) => {
    const child = spawn(program, args, { env, shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let kept = 0;
    let truncated = false;
    const keep = (chunk: Buffer): void => {
      const room = GROUP_OUTPUT_MAX - kept;
      if (chunk.length > room) truncated = true;
      if (room <= 0) return;
      const part = chunk.subarray(0, room);
      chunks.push(part);
      kept += part.length;
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let stoppedBecause: string | null = null;
    const stop = (why: string): void => {
      if (stoppedBecause || child.exitCode !== null) return;
      stoppedBecause = why;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
    };
    const timer = setTimeout(() => stop(`stopped after ${Math.round(run.timeoutMs / 1000)} s, the time a group's program may take`), run.timeoutMs);
    const onAbort = (): void => stop('stopped because Ferry is shutting down; it runs again at the next start');
    run.signal.addEventListener('abort', onAbort);
    if (run.signal.aborted) onAbort();
    let drain: NodeJS.Timeout | undefined;
    child.on('exit', () => {
      // A background child that inherited the output must not keep the group waiting.
      drain = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, DRAIN_MS);
    });
    const finish = (outcome: Omit<GroupActionOutcome, 'action' | 'output' | 'truncated'>): void => {
      clearTimeout(timer);
      clearTimeout(drain);
      run.signal.removeEventListener('abort', onAbort);
      resolve({ action: 'run', output: Buffer.concat(chunks).toString('utf8'), truncated, ...outcome });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return;
      finish({ ok: false, exitCode: null, signal: null, message: `could not start ${program}: ${error.code === 'ENOENT' ? 'no such program' : error.message}` });
    });
    child.on('close', (code, signal) => {
      if (child.pid === undefined) return;
      const ended = code !== null ? `${program} exited with ${code}` : `${program} was ended by ${signal}`;
      finish({ ok: code === 0 && !stoppedBecause, exitCode: code, signal, message: stoppedBecause ? `${ended}: ${stoppedBecause}` : ended });
    });
  });
}
