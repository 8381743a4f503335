// `ferry ui` (a fresh one-time browser login, opened where there is a display) and `ferry logout`.
import { spawn } from 'node:child_process';
import { postToDaemon } from '../client.ts';

/** The system's "open this URL" command, when there is a desktop to open it on. */
function opener(): { command: string; args: string[] } | null {
  if (process.platform === 'darwin') return { command: 'open', args: [] };
  if (process.platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  if (process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']) return { command: 'xdg-open', args: [] };
  return null;
}

export async function runUi(home: string, flags: { open?: boolean }): Promise<number> {
  const { url } = (await postToDaemon(home, '/api/cli/login-url', {})) as { url: string };
  process.stdout.write(`${url}\n`);
  const open = flags.open === false ? null : opener();
  if (open) {
    // The URL goes to the opener's arguments for a moment; the code in it works once, for 15 minutes.
    const child = spawn(open.command, [...open.args, url], { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write('ferry: could not open a browser; open the URL above yourself\n'));
    child.unref();
  }
  return 0;
}

export async function runLogout(home: string): Promise<number> {
  await postToDaemon(home, '/api/cli/logout', {});
  process.stderr.write('ferry: every browser session has ended; the CLI uses the new token by itself. "ferry ui" logs a browser in again.\n');
  return 0;
}
