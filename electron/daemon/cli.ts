// `ferry`: the command-line contract of DESIGN.md.
import { Command, CommanderError } from 'commander';
import { resolveHome } from './home.ts';
import { addTransferOptions, type TransferFlags } from './transfer-options.ts';
import { errorLine, infoOf } from './output.ts';
import { runGet } from './commands/get.ts';
import { runDaemon, type DaemonFlags } from './commands/daemon.ts';
import { runAdd, runConfig, runControl, runGroupCreate, runGroupList, runList, runWait } from './commands/client-commands.ts';

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('ferry')
    .description('Ferry: dependable downloads and uploads, in the foreground or through a background daemon')
    .version('0.1.0')
    .option('--home <dir>', 'state directory (default: $FERRY_HOME or ~/.ferry)')
    .showHelpAfterError()
    .exitOverride();
  const home = (): string => resolveHome(program.opts<{ home?: string }>().home);
  const run = (task: () => Promise<number>) => async () => setExit(await task());

  addTransferOptions(program.command('get <url>').description('download in the foreground; progress on stderr')).action(
    (url: string, flags: TransferFlags) => run(() => runGet(url, flags, home()))(),
  );
  program
    .command('daemon')
    .description('host the engine and web UI; prints the UI URL on its first line')
    .option('--port <n>', 'port to listen on (default: any free port)')
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .action((flags: DaemonFlags) => run(() => runDaemon(home(), flags))());
  addTransferOptions(program.command('add <url>').description('queue a download in the running daemon; prints its id')).action(
    (url: string, flags: TransferFlags) => run(() => runAdd(home(), url, flags))(),
  );
  program
    .command('ls')
    .description('list transfers')
    .option('--json', 'one JSON object per line')
    .action((flags: { json?: boolean }) => run(() => runList(home(), flags))());
  for (const action of ['pause', 'resume', 'cancel', 'restart'] as const) {
    program
      .command(`${action} <id>`)
      .description(`${action} a transfer`)
      .option('--json', 'print the transfer as JSON')
      .action((id: string, flags: { json?: boolean }) => run(() => runControl(home(), action, id, flags))());
  }
  program
    .command('wait [id]')
    .description('wait for a transfer (or --all); exit 0 only if it completed')
    .option('--all', 'wait until nothing is queued or running')
    .option('--json', 'print the final transfers as JSON')
    .action((id: string | undefined, flags: { all?: boolean; json?: boolean }) => run(() => runWait(home(), id, flags))());
  program
    .command('config <action> [key] [value]')
    .description('get or set a setting, e.g. "ferry config set maxConcurrent 2"')
    .action((action: string, key?: string, value?: string) => run(() => runConfig(home(), action, key, value))());
  const group = program.command('group').description('manage groups');
  group
    .command('create <name>')
    .option('--serialized', 'run its transfers one at a time')
    .option('--on-complete <cmd>', 'command to run when every member has finished (not supported yet)')
    .action((name: string, flags: { serialized?: boolean; onComplete?: string }) => run(() => runGroupCreate(home(), name, flags))());
  group
    .command('ls')
    .option('--json', 'one JSON object per line')
    .action((flags: { json?: boolean }) => run(() => runGroupList(home(), flags))());
  return program;
}

export async function main(argv: string[]): Promise<number> {
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
