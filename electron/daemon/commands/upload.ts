// `ferry upload FILE... --to URL`: in the foreground like `ferry get` (progress on stderr, Ctrl-C
// pauses, the same command again resumes: a tus upload from the server's offset, a plain one from
// the start), or with --daemon queued in the running daemon (prints the ids).
import path from 'node:path';
import type { TransferSnapshot } from '../../../shared/model.ts';
import { uploadRequestsFromFlags, type UploadFlags } from '../transfer-options.ts';
import { errorLine, formatBytes, transferJson } from '../output.ts';
import { createService } from '../engine-factory.ts';
import { platformMonitor } from '../../engine/policy/conditions/platform-monitor.ts';
import { readSavedSettings } from '../saved-settings.ts';
import { claimForegroundJob, memoryForegroundJob, uploadKey } from '../foreground-job.ts';
import { connectToDaemon } from '../client.ts';
import { follow } from './get.ts';
import { EarlyInterrupt } from '../interrupts.ts';
import type { UploadRequest } from '../../../shared/schemas.ts';
import { RemoteError } from '../../../shared/api-proxy.ts';
import { asksOnComplete, inCompletionGroup, type OnCompleteFlags } from './group-commands.ts';

const warn = (message: string): void => {
  process.stderr.write(`ferry: warning: ${message}\n`);
};

export async function runUpload(files: string[], flags: UploadFlags & OnCompleteFlags, home: string): Promise<number> {
  const completion = asksOnComplete(flags);
  // The foreground command ends with its uploads: a group's actions run in the daemon.
  if (completion && !flags.daemon) throw new RemoteError({ status: 'InvalidArgument', message: '--on-complete, --on-complete-notify and --on-complete-action need --daemon (the daemon runs a group\'s actions)', httpStatus: null });
  const requests = await uploadRequestsFromFlags(files, flags);
  if (flags.daemon) {
    const api = connectToDaemon(home);
    const addIn = async (group: string | undefined): Promise<string[]> => {
      const ids: string[] = [];
      for (const request of requests) {
        const created = await api.createUpload(group ? { ...request, group } : request);
        process.stdout.write(`${flags.json ? JSON.stringify(transferJson(created)) : created.id}\n`);
        ids.push(created.id);
      }
      return ids;
    };
    if (completion) await inCompletionGroup(api, flags, addIn);
    else await addIn(undefined);
    return 0;
  }
  // Listening before anything starts: a Ctrl-C while the saved uploads resume pauses them too.
  const interrupt = new EarlyInterrupt();
  try {
    return await sendInForeground(requests, flags, home, interrupt);
  } finally {
    interrupt.stop();
  }
}

async function sendInForeground(requests: UploadRequest[], flags: UploadFlags, home: string, interrupt: EarlyInterrupt): Promise<number> {
  // Only tus continues from where it was: its upload's URL is kept in the home.
  const job = requests.some((r) => r.protocol === 'tus') ? await claimForegroundJob(home, uploadKey(requests), warn) : memoryForegroundJob();
  const service = createService({ store: job.store, secrets: job.secrets, warn, monitor: await platformMonitor(), defaults: { ...readSavedSettings(home), maxConcurrent: 1 } });
  try {
    await service.start();
    // The same command again: the saved uploads, resumed (a finished one is not sent twice).
    let transfers = await service.listTransfers();
    if (transfers.length === 0) {
      for (const request of requests) transfers.push(await service.createUpload(request));
    } else {
      transfers = await Promise.all(transfers.map((t) => (t.state === 'paused' || t.state === 'failed' ? service.resume(t.id) : t)));
    }
    let code = 0;
    for (const transfer of transfers) {
      const { final, interrupted } = await follow(service, transfer, flags, interrupt);
      if (flags.json) process.stdout.write(`${JSON.stringify(transferJson(final))}\n`);
      if (interrupted) {
        await service.shutdown();
        process.stderr.write(`ferry: paused ${name(final)} at ${formatBytes(final.bytesTransferred)}; run the same command again to ${final.upload?.protocol === 'tus' ? 'continue it' : 'send it again'}\n`);
        return 130;
      }
      if (final.state === 'completed') {
        if (!flags.json) process.stderr.write(`ferry: uploaded ${name(final)} (${formatBytes(final.bytesTransferred)}): the server answered HTTP ${final.response?.status ?? '?'}\n`);
      } else {
        process.stderr.write(`${errorLine(final.error ?? { status: 'Unknown', message: `ended ${final.state}`, httpStatus: null })}\n`);
        if (final.response?.body) process.stderr.write(`ferry: the server said: ${final.response.body.slice(0, 500)}\n`);
        code = 1;
      }
    }
    await service.shutdown();
    if (code === 0) job.discard();
    return code;
  } finally {
    await service.shutdown();
    if ((await service.listTransfers()).length === 0) job.discard();
    await job.release();
  }
}

function name(t: TransferSnapshot): string {
  const files = t.upload?.files ?? [];
  return files.length > 1 ? `${files.length} files` : t.path ? path.basename(t.path) : t.url;
}
