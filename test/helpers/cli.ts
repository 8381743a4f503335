// Runs the real `ferry` command as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export const FERRY_BIN = path.resolve(import.meta.dirname, '../../electron/daemon/bin/ferry.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function ferry(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FERRY_BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ferry ${args.join(' ')} timed out; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RunningDaemon {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  stop(): Promise<void>;
}

/** Starts `ferry daemon` (`bin`: another entry point) and resolves once it printed its UI URL (it then accepts commands). */
export function startDaemon(home: string, env: NodeJS.ProcessEnv = {}, extraArgs: string[] = [], bin = FERRY_BIN): Promise<RunningDaemon> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'daemon', '--home', home, ...extraArgs], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = readline.createInterface({ input: child.stdout! });
    const onExit = (code: number | null) => reject(new Error(`daemon exited with ${code}: ${stderr}`));
    child.once('exit', onExit);
    lines.once('line', (url) => {
      child.off('exit', onExit);
      resolve({
        child,
        url,
        stderr: () => stderr,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
