// The one way Ferry asks the OS to sleep or shut down: a command per OS, run by an injected runner
// (tests record the command; nothing here ever runs in a test).
import { execFile } from 'node:child_process';

export type PowerAction = 'sleep' | 'shutdown';
/** Runs a program with its arguments (no shell); rejects with the reason when it fails. */
export type CommandRunner = (program: string, args: string[]) => Promise<void>;

/** The command that does `action` on `platform`, or null where Ferry has none. */
export function powerCommand(action: PowerAction, platform: NodeJS.Platform): [string, ...string[]] | null {
  switch (platform) {
    case 'linux':
      // systemd-logind decides whether this user may (polkit): a refusal comes back in words.
      return action === 'sleep' ? ['systemctl', 'suspend'] : ['systemctl', 'poweroff'];
    case 'darwin':
      return action === 'sleep' ? ['pmset', 'sleepnow'] : ['osascript', '-e', 'tell application "System Events" to shut down'];
    case 'win32':
      return action === 'sleep' ? ['rundll32.exe', 'powrprof.dll,SetSuspendState', '0,1,0'] : ['shutdown', '/s', '/t', '0'];
    default:
      return null;
  }
}

export interface PowerService {
  supports(action: PowerAction): boolean;
  /** Asks the OS; rejects with what went wrong. */
  run(action: PowerAction): Promise<void>;
}

export function powerService(platform: NodeJS.Platform, runner: CommandRunner = runCommand): PowerService {
  return {
    supports: (action) => powerCommand(action, platform) !== null,
    run: async (action) => {
      const command = powerCommand(action, platform);
      if (!command) throw new Error(`Ferry cannot ${action === 'sleep' ? 'put this computer to sleep' : 'shut down this computer'} on ${platform}`);
      const [program, ...args] = command;
      await runner(program, args);
    },
  };
}

/** The real runner: 30 s at most, and a failure says the command and its error output. */
export const runCommand: CommandRunner = (program, args) =>
  new Promise((resolve, reject) => {
    execFile(program, args, { timeout: 30_000, windowsHide: true }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const said = String(stderr).trim().split('\n')[0];
      reject(new Error(`${[program, ...args].join(' ')} failed: ${said || error.message}`));
    });
  });
