// `ferry`: the command-line contract (docs/ARCHITECTURE.md).
import { Command, CommanderError } from 'commander';
import { resolveHome } from './home.ts';
import { FERRY_VERSION } from '../../shared/version.ts';
import { addTransferOptions, addUploadOptions, type TransferFlags, type UploadFlags } from './transfer-options.ts';
import { errorLine, infoOf } from './output.ts';
import { hideSecretArgs, parentShowingSecrets, secretsShownByParent } from './secret-args.ts';
import type { DaemonFlags } from './commands/daemon.ts';
import type { ClearFlags } from './commands/client-commands.ts';
import type { OnCompleteFlags } from './commands/group-commands.ts';

// Commands are loaded when used, so `ferry get` does not pay for the daemon's modules and back.
const getCommand = () => import('./commands/get.ts');
const uploadCommand = () => import('./commands/upload.ts');
const daemonCommand = () => import('./commands/daemon.ts');
const clientCommands = () => import('./commands/client-commands.ts');
const groupCommands = () => import('./commands/group-commands.ts');
const browserCommands = () => import('./commands/browser-commands.ts');
const nativeHostCommand = () => import('./commands/native-host.ts');
const integrateCommand = () => import('./commands/integrate.ts');
const catCommand = () => import('./commands/cat.ts');
const whenDoneCommand = () => import('./commands/when-done.ts');

const SECRETS_HELP = `
Secrets (passwords, tokens, cookies) on the command line are readable by every user of this machine
while ferry runs; ferry hides them only from its own process. Keep them off it:
  ferry get URL --user NAME                 asks for the password on the terminal
  FERRY_USER=NAME:PASSWORD ferry get URL    the credential from the environment
  ferry get URL --header @headers.txt       headers (and a Cookie: line) from a file, one per line
Run ferry from your PATH (npm install -g, or npm link), not through npx: npx and its shell keep
the arguments in the process list for the whole run.`;

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('ferry')
    .description('Ferry: dependable downloads and uploads, in the foreground or through a background daemon')
    .version(FERRY_VERSION)
    .option('--home <dir>', 'state directory (default: $FERRY_HOME or ~/.ferry)')
    .showHelpAfterError()
    .addHelpText('after', SECRETS_HELP)
    .exitOverride();
  const home = (): string => resolveHome(program.opts<{ home?: string }>().home);
  const run = (task: () => Promise<number>) => async () => setExit(await task());

  addTransferOptions(
    program
      .command('get [url...]')
      .description('download in the foreground, one after another; progress on stderr; Ctrl-C pauses, run it again to resume')
      .option('-i, --input-file <file>', 'read URLs from FILE, one per line (# starts a comment; - is stdin)'),
  ).action((urls: string[], flags: TransferFlags & { inputFile?: string }) => run(async () => (await getCommand()).runGetAll(urls, flags, home()))());
  addUploadOptions(
    program
      .command('upload <file...>')
      .description('upload in the foreground (or --daemon to queue it); progress on stderr; Ctrl-C pauses')
      .option('--on-complete <command>', 'with --daemon: make a group of exactly these uploads (named by --group, which must be new) that runs this program once they have all finished (see "ferry group create --help")')
      .option('--on-complete-notify', 'with --daemon: notify once they have all finished')
      .option('--on-complete-action <name>', 'with --daemon, instead of --on-complete: run the program named so in the actions file'),
  ).action(
    (files: string[], flags: UploadFlags & OnCompleteFlags) => run(async () => (await uploadCommand()).runUpload(files, flags, home()))(),
  );
  program
    .command('daemon')
    .description('host the engine and web UI; prints the UI URL on its first line')
    .option('--port <n>', 'port to listen on (default: any free port)')
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .action((flags: DaemonFlags) => run(async () => (await daemonCommand()).runDaemon(home(), flags))());
  addTransferOptions(
    program
      .command('add [url...]')
      .description('queue downloads in the running daemon (URLs, or -i FILE with one per line); prints their ids')
      .option('-i, --input-file <file>', 'read URLs from FILE, one per line (# starts a comment; - is stdin)')
      .option('--wait', 'then wait until they have all ended; exit 0 only if all completed')
      .option('--on-complete <command>', 'make a group of exactly these transfers (named by --group, which must be new) that runs this program once they have all finished (see "ferry group create --help")')
      .option('--on-complete-move <dir>', "with it, or alone: move their finished files into this folder once they have all finished")
      .option('--on-complete-notify', 'with them, or alone: notify once they have all finished')
      .option('--on-complete-action <name>', 'instead of --on-complete: run the program named so in the actions file (see "ferry group create --help")'),
  ).action((urls: string[], flags: TransferFlags & OnCompleteFlags & { inputFile?: string; wait?: boolean }) => run(async () => (await clientCommands()).runAdd(home(), urls, flags))());
  program
    .command('ls')
    .description('list transfers')
    .option('--json', 'one JSON object per line')
    .action((flags: { json?: boolean }) => run(async () => (await clientCommands()).runList(home(), flags))());
  for (const action of ['pause', 'resume', 'cancel', 'restart'] as const) {
    program
      .command(`${action} [id...]`)
      .description(`${action} transfers (or --all that can be)`)
      .option('--all', `every transfer that can be ${action === 'pause' ? 'paused' : action === 'resume' ? 'resumed' : action === 'cancel' ? 'canceled' : 'restarted'}`)
      .option('--json', 'print the transfers as JSON')
      .action((ids: string[], flags: { json?: boolean; all?: boolean }) => run(async () => (await clientCommands()).runControl(home(), action, ids, flags))());
  }
  program
    .command('limit <args...>')
    .usage('ID... RATE')
    .description('set transfers\' own speed limit, e.g. "ferry limit 3f2a 2M" (0 or none: no limit of their own); running ones follow at once')
    .option('--json', 'print the transfers as JSON')
    .action((args: string[], flags: { json?: boolean }) => run(async () => (await clientCommands()).runLimit(home(), args, flags))());
  program
    .command('start-now <id...>')
    .description('start scheduled transfers now, whatever their start time (--at) and the time windows (runWindows) say')
    .option('--json', 'print the transfers as JSON')
    .action((ids: string[], flags: { json?: boolean }) => run(async () => (await clientCommands()).runStartNow(home(), ids, flags))());
  program
    .command('when-done [choice]')
    .usage('[quit|sleep|shutdown|nothing]')
    .description('once no transfer is running, queued or waiting to retry (paused and held ones do not count), after a 60 s countdown: stop the daemon, put the computer to sleep or shut it down; once, not saved; "nothing" cancels; without a choice, shows it')
    .option('--json', 'print the state as JSON')
    .action((choice: string | undefined, flags: { json?: boolean }) => run(async () => (await whenDoneCommand()).runWhenDone(home(), choice, flags))());
  program
    .command('move <args...>')
    .usage('ID... top|up|down|bottom')
    .description('move queued transfers in the queue: to the top, one place up or down, or to the bottom (the order they start in; kept after a restart)')
    .option('--json', 'print the transfers as JSON')
    .action((args: string[], flags: { json?: boolean }) => run(async () => (await clientCommands()).runMove(home(), args, flags))());
  program
    .command('set-url <id> <url>')
    .description('give a paused or failed download a new address (its old one expired); it continues from the bytes on disk if the address serves the same file')
    .option('--start-over', 'if the new address serves another version, download it again from there (the bytes on disk are dropped)')
    .option('--json', 'print the transfer as JSON')
    .action((id: string, url: string, flags: { json?: boolean; startOver?: boolean }) => run(async () => (await clientCommands()).runSetUrl(home(), id, url, flags))());
  program
    .command('rm <id...>')
    .description('take transfers off the list (a running one is stopped and its partial file deleted)')
    .option('--delete-file', 'also delete the finished file')
    .action((ids: string[], flags: { deleteFile?: boolean }) => run(async () => (await clientCommands()).runRemove(home(), ids, flags))());
  program
    .command('clear')
    .description('take completed transfers off the list (files stay); failed and canceled ones only when named')
    .option('--completed', 'clear completed transfers (what clear does when no state is named)')
    .option('--failed', 'clear failed transfers')
    .option('--canceled', 'clear canceled transfers')
    .action((flags: ClearFlags) => run(async () => (await clientCommands()).runClear(home(), flags))());
  program
    .command('wait [id...]')
    .description('wait for transfers (or --all); exit 0 only if they completed')
    .option('--all', 'wait until nothing is queued or running')
    .option('--json', 'print the final transfers as JSON')
    .action((ids: string[], flags: { all?: boolean; json?: boolean }) => run(async () => (await clientCommands()).runWait(home(), ids, flags))());
  program
    .command('cat <id>')
    .description('write the bytes of a download to stdout as they arrive (also while it runs); exit 0 at the end of the completed file')
    .option('--offset <bytes>', 'start this many bytes into the file')
    .action((id: string, flags: { offset?: string }) => run(async () => (await catCommand()).runCat(home(), id, flags))());
  program
    .command('ui')
    .description('print a one-time login URL for the browser UI of the running daemon, and open it where there is a display')
    .option('--no-open', 'only print the URL')
    .action((flags: { open?: boolean }) => run(async () => (await browserCommands()).runUi(home(), flags))());
  program
    .command('stop')
    .description('stop the running daemon (unfinished transfers continue when it starts again)')
    .action(() => run(async () => (await clientCommands()).runStop(home()))());
  program
    .command('logout')
    .description('end every browser session of the running daemon (it makes a new token; the CLI follows by itself)')
    .action(() => run(async () => (await browserCommands()).runLogout(home()))());
  program
    .command('config <action> [key] [value]')
    .description(
      'get or set a setting, e.g. "ferry config set maxConcurrent 2", "ferry config set downloadLimitBytesPerSec 1M", "ferry config set limit.alternative on" (limitSchedule takes JSON); "ferry config get" lists them all',
    )
    .action((action: string, key?: string, value?: string) => run(async () => (await clientCommands()).runConfig(home(), action, key, value))());
  program
    .command('native-host')
    .description('the native-messaging host of Ferry\'s browser extension (the browser starts it; see "ferry integrate")')
    // The browser adds its own arguments (the extension's origin, a manifest path, a window id).
    .allowExcessArguments()
    .allowUnknownOption()
    .action(() => run(async () => (await nativeHostCommand()).runNativeHost(home()))());
  program
    .command('integrate <browser>')
    .description('let a browser (chromium, chrome, edge, brave, firefox) hand downloads to Ferry through its extension: installs the native host for this user')
    .option('--user-data-dir <dir>', 'the browser profile folder to install into (Chromium-family browsers started with --user-data-dir)')
    .option('--remove', 'take the native host out again')
    .action((browser: string, flags: { userDataDir?: string; remove?: boolean }) => run(async () => (await integrateCommand()).runIntegrate(home(), browser, flags))());
  const group = program.command('group').description('groups: run one at a time, or run a program or move the files once every member has finished');
  group
    .command('create <name>')
    .description('make a group (or change one not closed yet); add transfers with --group NAME, then close it')
    .option('--serialized', 'run its transfers one at a time')
    .option('--on-complete <command>', "once it is closed and every member has finished (completed, failed or canceled), run this program, split into words as a shell would and run without one; it gets FERRY_GROUP and FERRY_RESULTS (a JSON file of each member's id, url, path, state and error)")
    .option('--on-complete-move <dir>', "then move the members' finished files into this folder (before the program runs)")
    .option('--on-complete-action <name>', 'run the program named so in the actions file (<home>/actions.json: {"actions": {"NAME": {"program": "...", "args": [...]}}}) instead of --on-complete')
    .option('--on-complete-open', 'then open the folder of the finished files (the desktop app only: the daemon refuses it)')
    .option('--on-complete-notify', "then notify: the desktop's notification; the daemon tells its open browser pages (a browser notification where the page allows it) and its stderr")
    .action((name: string, flags: { serialized?: boolean } & OnCompleteFlags) => run(async () => (await groupCommands()).runGroupCreate(home(), name, flags))());
  group
    .command('close <name>')
    .description('its members are all in: once each has finished, its actions run (once)')
    .action((name: string) => run(async () => (await groupCommands()).runGroupClose(home(), name))());
  group
    .command('windows <name> <windows>')
    .description("when the group's transfers may run, besides the time windows of the settings: \"[days] HH:MM-HH:MM\" apart with \";\", e.g. 'mon-fri 01:00-07:00; sat,sun 00:00-24:00', or 'none' for whenever those allow")
    .action((name: string, windows: string) => run(async () => (await groupCommands()).runGroupWindows(home(), name, windows))());
  group
    .command('ls')
    .description('list groups and where each is')
    .option('--json', 'one JSON object per line')
    .action((flags: { json?: boolean }) => run(async () => (await groupCommands()).runGroupList(home(), flags))());
  group
    .command('show <name>')
    .description("a group's actions, members and what ran (exit codes and output)")
    .option('--json', 'as one JSON object')
    .action((name: string, flags: { json?: boolean }) => run(async () => (await groupCommands()).runGroupShow(home(), name, flags))());
  return program;
}

export async function main(argv: string[]): Promise<number> {
  hideSecretArgs(argv);
  const showing = parentShowingSecrets(argv);
  if (showing) process.stderr.write(`${secretsShownByParent(showing)}\n`);
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    process.stderr.write(`${errorLine(infoOf(error))}\n`);
    return 1;
  }
}
