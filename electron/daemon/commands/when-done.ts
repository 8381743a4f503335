// `ferry when-done [quit|sleep|shutdown|nothing]`: what the daemon does once no transfer is left
// to run (after a 60 s countdown; `nothing` cancels it), or, without a choice, what it will do.
import { WHEN_DONE_CHOICES, type WhenDoneChoice } from '../../../shared/when-done.ts';
import { RemoteError } from '../../../shared/api-proxy.ts';
import { connectToDaemon } from '../client.ts';
import { whenDoneLine } from '../when-done-text.ts';

export async function runWhenDone(home: string, choice: string | undefined, flags: { json?: boolean }): Promise<number> {
  if (choice !== undefined && !WHEN_DONE_CHOICES.includes(choice as WhenDoneChoice)) {
    throw new RemoteError({ status: 'InvalidArgument', message: `usage: ferry when-done ${WHEN_DONE_CHOICES.join('|')} ("${choice}" is none of them)`, httpStatus: null });
  }
  const api = connectToDaemon(home);
  const status = choice === undefined ? await api.getWhenDone() : await api.setWhenDone(choice as WhenDoneChoice);
  process.stdout.write(`${flags.json ? JSON.stringify(status) : whenDoneLine(status)}\n`);
  return 0;
}
