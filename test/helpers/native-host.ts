// Speaks to the real `ferry native-host` as a browser does: framed JSON on its stdin, framed
// answers on its stdout.
import { spawn } from 'node:child_process';
import { encodeFrame, FrameReader } from '../../electron/daemon/native-host/framing.ts';
import { FERRY_BIN } from './cli.ts';

export interface HostRun {
  replies: unknown[];
  problems: string[];
  code: number | null;
  stderr: string;
}

/** Sends these frames (objects are framed; Buffers go as they are), closes stdin, reads every answer. */
export function talkToNativeHost(home: string, input: Array<unknown | Buffer>, env: NodeJS.ProcessEnv = {}): Promise<HostRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FERRY_BIN, '--home', home, 'native-host', 'chrome-extension://test/'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const reader = new FrameReader();
    const run: HostRun = { replies: [], problems: [], code: null, stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        if ('message' in frame) run.replies.push(frame.message);
        else run.problems.push(frame.problem);
      }
    });
    child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ferry native-host timed out; stderr: ${run.stderr}`));
    }, 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      run.code = code;
      resolve(run);
    });
    for (const item of input) child.stdin.write(Buffer.isBuffer(item) ? item : encodeFrame(item));
    child.stdin.end();
  });
}

/** Starts a launcher `ferry integrate` wrote as a browser does (its path, the origin as argument, no shell, a bare PATH) and sends these messages; the frames it answered. */
export function talkThroughLauncher(launcher: string, messages: unknown[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(launcher, ['chrome-extension://lomlonjpmidehfdblckpaokiailhhnpk/'], { stdio: ['pipe', 'pipe', 'inherit'], env: { PATH: '/usr/bin:/bin' } });
    const reader = new FrameReader();
    const replies: unknown[] = [];
    child.stdout.on('data', (chunk: Buffer) => replies.push(...reader.push(chunk)));
    child.on('error', reject);
    child.on('close', () => resolve(replies));
    for (const message of messages) child.stdin.write(encodeFrame(message));
    child.stdin.end();
  });
}

/** A ping through a launcher, as talkThroughLauncher. */
export function pingThroughLauncher(launcher: string): Promise<unknown[]> {
  return talkThroughLauncher(launcher, [{ type: 'ping', requestId: 1 }]);
}
