// Who serves a home when it is not running yet, and how to start it: `ferry daemon` for a home of
// the CLI's, the desktop app for its own user-data folder. The desktop app says so in the home
// (desktop-app.json: its binary and arguments, written each time it starts), so that the native
// host started by a browser wakes the app, to its tray, rather than a daemon beside it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from './home.ts';

/** The desktop app's switch: start to the tray, no window (the native host starts it so). */
export const TRAY_FLAG = '--tray';

/** How to start the desktop app for a home: its binary and the arguments before TRAY_FLAG. */
export interface DesktopStart {
  command: string;
  args: string[];
}

export function desktopStartPath(home: string): string {
  return path.join(home, 'desktop-app.json');
}

export function writeDesktopStart(home: string, start: DesktopStart): void {
  writePrivateFile(desktopStartPath(home), `${JSON.stringify(start)}\n`);
}

/** The desktop app's start for this home, or null: the home is a daemon's. */
export function readDesktopStart(home: string): DesktopStart | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(desktopStartPath(home), 'utf8')) as Partial<DesktopStart>;
    if (typeof parsed.command !== 'string' || !Array.isArray(parsed.args) || !parsed.args.every((a) => typeof a === 'string')) return null;
    return { command: parsed.command, args: parsed.args };
  } catch {
    return null;
  }
}

/**
 * Why `ferry` itself (a daemon, or `ferry config` with nothing running) must not open this home,
 * or null: the desktop app's folder keeps its credentials encrypted with the system's keyring,
 * which only the app can read (a daemon would set them aside as unreadable). While the app runs,
 * `ferry --home` reaches it instead.
 */
export function desktopHomeRefusal(home: string): string | null {
  if (!readDesktopStart(home)) return null;
  return `${home} is the Ferry desktop app's own folder (its credentials are encrypted with the system's keyring, which only the app can read): start the app, and "ferry --home" reaches it; or choose another home with --home or FERRY_HOME`;
}

/** A home's owner being started, detached so that it outlives the browser's host process. */
export interface StartedOwner {
  /** "Ferry's daemon", "the Ferry desktop app": for the error when it does not come. */
  name: string;
  /** What the user can do to see why, in words. */
  hint: string;
  /** True once the process ended in a way that means it will not serve the home. */
  gaveUp(): boolean;
}

/** The injected step "start the owner of this home". */
export type StartOwner = (home: string) => StartedOwner;

/** Exit code of an owner that found the home taken: another owner serves it, which will do. */
export const HOME_TAKEN_EXIT = 3;

function detached(command: string, args: string[], env: NodeJS.ProcessEnv): () => boolean {
  const child = spawn(command, args, { detached: true, stdio: 'ignore', env });
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? 1));
  child.once('error', () => (exited = 1));
  child.unref();
  // The desktop app's second instance hands over to the first and exits 0.
  return () => exited !== null && exited !== 0 && exited !== HOME_TAKEN_EXIT;
}

/** The desktop app if it said the home is its own, else `ferry daemon` (this Node, this ferry). */
export function homeOwnerStarter(ferryBin: string): StartOwner {
  return (home) => {
    const desktop = readDesktopStart(home);
    if (desktop) {
      const env: NodeJS.ProcessEnv = { ...process.env, FERRY_USER_DATA: home };
      // Set for this process by the launcher (the app's binary run as Node): the app itself must not inherit it.
      delete env['ELECTRON_RUN_AS_NODE'];
      const gaveUp = detached(desktop.command, [...desktop.args, TRAY_FLAG], env);
      return { name: 'the Ferry desktop app', hint: 'start Ferry yourself to see why', gaveUp };
    }
    const gaveUp = detached(process.execPath, [ferryBin, '--home', home, 'daemon'], process.env);
    return { name: "Ferry's daemon", hint: 'run "ferry daemon" to see why', gaveUp };
  };
}
