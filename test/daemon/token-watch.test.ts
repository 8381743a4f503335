// The daemon hears of a replaced or deleted token file at once (a folder watch), or within about a
// second where the folder cannot be watched (polling); a deleted home stops it in words.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { replaceToken, tokenPath, watchToken } from '../../electron/daemon/home.ts';

let home: string;
let stop: (() => void) | null = null;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-token-'));
});
afterEach(() => {
  stop?.();
  stop = null;
  fs.rmSync(home, { recursive: true, force: true });
});

/** Counts the calls; `next()` resolves at the next one. */
function calls() {
  let count = 0;
  let waiter: (() => void) | null = null;
  return {
    changed: () => {
      count++;
      waiter?.();
    },
    next: () => new Promise<void>((resolve) => (waiter = resolve)),
    count: () => count,
  };
}

it('hears a replaced and a deleted token through the folder watch, not other files of the home', async () => {
  replaceToken(home);
  const heard = calls();
  let watches = 0;
  // The real watch, counted: with no poll started, what is heard came through it.
  const watch = ((...args: Parameters<typeof fs.watch>) => {
    watches++;
    return fs.watch(...args);
  }) as typeof fs.watch;
  stop = watchToken(home, heard.changed, watch);
  expect(watches).toBe(1);
  let next = heard.next();
  replaceToken(home);
  await next;
  next = heard.next();
  fs.rmSync(tokenPath(home));
  await next;
  const before = heard.count();
  fs.writeFileSync(path.join(home, 'state.json'), '{}');
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(heard.count()).toBe(before);
});

it('polls once a second when the folder cannot be watched', async () => {
  replaceToken(home);
  const heard = calls();
  const refuse = (() => {
    throw Object.assign(new Error('no inotify watches left'), { code: 'ENOSPC' });
  }) as unknown as typeof fs.watch;
  stop = watchToken(home, heard.changed, refuse);
  const next = heard.next();
  fs.rmSync(tokenPath(home));
  await next;
  expect(heard.count()).toBe(1);
});

it('a daemon whose home is deleted says so in words and stops, with no stack trace', async () => {
  const { startDaemon } = await import('../helpers/cli.ts');
  const daemonHome = path.join(home, 'daemon-home');
  const daemon = await startDaemon(daemonHome);
  const exited = new Promise<number | null>((resolve) => daemon.child.once('exit', (code) => resolve(code)));
  // rm -rf may lose a race with the daemon writing into the folder (a new token, a state or
  // secrets file written behind): ENOTEMPTY; the folder goes in the end.
  for (let tries = 0; ; tries++) {
    try {
      fs.rmSync(daemonHome, { recursive: true, force: true });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOTEMPTY' || tries === 20) throw error;
    }
  }
  expect(await exited).toBe(1);
  const said = daemon.stderr();
  expect(said).toContain(`ferry: lost the lock on ${daemonHome}`);
  expect(said).not.toMatch(/\n\s+at /);
});
