// The lock that keeps one owner per home and per `ferry get` job (electron/daemon/dir-lock.ts),
// held by real processes: refused while its holder lives, taken over once stale after kill -9,
// removed when its holder exits or dies by a signal it does not handle, kept while the holder
// handles the signal itself, and reported when another process takes it over.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { isLocked, lock } from '../../electron/daemon/dir-lock.ts';

const moduleUrl = new URL('../../electron/daemon/dir-lock.ts', import.meta.url).href;
let dir: string;
let target: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-dir-lock-'));
  target = path.join(dir, 'daemon');
});

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A process that takes the lock, says "held" and waits (`handleSigint`: it handles Ctrl-C itself, then exits 0 a moment later). */
async function holder(handleSigint = false): Promise<ChildProcess> {
  const script = `
    const { lock } = await import(${JSON.stringify(moduleUrl)});
    await lock(${JSON.stringify(target)}, { staleMs: 5000, updateMs: 1000, retries: 0, retryMs: 100 });
    ${handleSigint ? `process.on('SIGINT', () => { process.stdout.write('pausing\\n'); process.stdin.once('data', () => process.exit(0)); });` : ''}
    process.stdout.write('held\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  await said(child, 'held');
  return child;
}

function said(child: ChildProcess, word: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`${word}\n`)) resolve();
    });
    child.once('exit', (code, signal) => reject(new Error(`the holder ended (${code ?? signal}) before saying ${word}`)));
  });
}

const ended = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve({ code: child.exitCode, signal: child.signalCode }) : new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

const lockDir = (): string => `${target}.lock`;
const setAge = (seconds: number): void => {
  const at = new Date(Date.now() - seconds * 1000);
  fs.utimesSync(lockDir(), at, at);
};

it('refuses a second owner while the first lives, and takes the lock over once its dead holder left it stale', async () => {
  const child = await holder();
  expect(isLocked(target, 5000)).toBe(true);
  await expect(lock(target, { staleMs: 5000, updateMs: 1000, retries: 0, retryMs: 100 })).rejects.toMatchObject({ code: 'ELOCKED' });

  child.kill('SIGKILL');
  await ended(child);
  // kill -9 leaves the folder behind; renewed a moment ago it is still fresh, so still refused.
  expect(fs.existsSync(lockDir())).toBe(true);
  setAge(0);
  await expect(lock(target, { staleMs: 5000, updateMs: 1000, retries: 0, retryMs: 100 })).rejects.toMatchObject({ code: 'ELOCKED' });
  // Not renewed for longer than staleMs: its holder is gone, the next locker takes it.
  setAge(60);
  expect(isLocked(target, 5000)).toBe(false);
  const release = await lock(target, { staleMs: 5000, updateMs: 1000, retries: 0, retryMs: 100 });
  expect(isLocked(target, 5000)).toBe(true);
  await release();
  expect(fs.existsSync(lockDir())).toBe(false);
  await expect(release()).rejects.toMatchObject({ code: 'ERELEASED' });
});

it('waits out a holder that releases while it retries', async () => {
  const child = await holder();
  const waiting = lock(target, { staleMs: 5000, updateMs: 1000, retries: 100, retryMs: 50 });
  child.kill('SIGTERM');
  expect(await ended(child)).toEqual({ code: null, signal: 'SIGTERM' });
  const release = await waiting;
  expect(fs.existsSync(lockDir())).toBe(true);
  await release();
});

it('is removed when its holder dies by a signal it does not handle, and the signal still ends it', async () => {
  const child = await holder();
  child.kill('SIGHUP');
  expect(await ended(child)).toEqual({ code: null, signal: 'SIGHUP' });
  expect(fs.existsSync(lockDir())).toBe(false);
});

it('is kept while its holder handles Ctrl-C itself, and removed when it then exits', async () => {
  const child = await holder(true);
  const pausing = said(child, 'pausing');
  child.kill('SIGINT');
  await pausing;
  expect(isLocked(target, 5000)).toBe(true);
  child.stdin!.write('go\n');
  expect(await ended(child)).toEqual({ code: 0, signal: null });
  expect(fs.existsSync(lockDir())).toBe(false);
});

it('reports a lock another process took over (its time is no longer the one its holder set)', async () => {
  const compromised: Error[] = [];
  const release = await lock(target, { staleMs: 5000, updateMs: 1000, retries: 0, retryMs: 100, onCompromised: (error) => compromised.push(error) });
  // Another process took it over as stale and renewed it: the time is not ours.
  setAge(30);
  await expect.poll(() => compromised.length, { timeout: 20_000 }).toBe(1);
  expect(compromised[0]).toMatchObject({ code: 'ECOMPROMISED' });
  await expect(release()).rejects.toMatchObject({ code: 'ERELEASED' });
});
