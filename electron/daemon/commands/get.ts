// `ferry get`: one download in the foreground, progress on stderr. Ctrl-C pauses it; the same
// command run again resumes it (the job is kept in the home until it completes).
import path from 'node:path';
import { FINAL_STATES, isHeld, type TransferSnapshot } from '../../../shared/model.ts';
import { checkUrlCount, requestFromFlags, type TransferFlags } from '../transfer-options.ts';
import { errorLine, formatBytes, transferJson } from '../output.ts';
import { createService } from '../engine-factory.ts';
import { platformMonitor } from '../../engine/policy/conditions/platform-monitor.ts';
import { readSavedSettings } from '../saved-settings.ts';
import { claimForegroundJob, foregroundKey } from '../foreground-job.ts';
import { readUrlList } from '../url-list.ts';
import { RemoteError } from '../../../shared/api-proxy.ts';
import { EarlyInterrupt } from '../interrupts.ts';
import type { TransferService } from '../../engine/transfer-service.ts';
import { warmDownloadSource } from '../../engine/protocols/registry.ts';

const warn = (message: string): void => {
  process.stderr.write(`ferry: warning: ${message}\n`);
};

/** Each URL in turn (as wget does); stops at Ctrl-C; exits non-zero if any failed. */
export async function runGetAll(urls: string[], flags: TransferFlags & { inputFile?: string }, home: string): Promise<number> {
  const all = [...urls, ...(flags.inputFile ? readUrlList(flags.inputFile) : [])];
  if (all.length === 0) throw new RemoteError({ status: 'InvalidArgument', message: 'give URLs to download, or -i FILE with one per line', httpStatus: null });
  checkUrlCount(all.length, flags);
  let failed = 0;
  for (const url of all) {
    const code = await runGet(url, flags, home);
    if (code === 130) return code;
    if (code !== 0) failed = code;
  }
  return failed;
}

export async function runGet(url: string, flags: TransferFlags, home: string): Promise<number> {
  // Listening before anything starts: a Ctrl-C while the saved job resumes pauses it too.
  const interrupt = new EarlyInterrupt();
  try {
    return await getOne(url, flags, home, interrupt);
  } finally {
    interrupt.stop();
  }
}

async function getOne(url: string, flags: TransferFlags, home: string, interrupt: EarlyInterrupt): Promise<number> {
  const request = await requestFromFlags(url, flags);
  warmDownloadSource(request.url);
  const job = await claimForegroundJob(home, foregroundKey(request), warn);
  const service = createService({ store: job.store, secrets: job.secrets, warn, monitor: await platformMonitor(), defaults: { ...readSavedSettings(home), maxConcurrent: 1 } });
  try {
    await service.start();
    const started = Date.now();
    if (interrupt.interrupted && (await service.listTransfers()).length === 0) {
      process.stderr.write('ferry: stopped before the download started\n');
      return 130;
    }
    const transfer = await startOrResume(service, request, flags);
    const startBytes = transfer.bytesTransferred;
    const { final, interrupted } = await follow(service, transfer, flags, interrupt);
    await service.shutdown();
    if (flags.json) process.stdout.write(`${JSON.stringify(transferJson(final))}\n`);
    if (final.state === 'completed') {
      job.discard();
      if (!flags.json) process.stderr.write(`ferry: saved ${final.path} (${formatBytes(final.bytesTransferred)}) ${elapsedWords(Date.now() - started, final.bytesTransferred - startBytes)}\n`);
      return 0;
    }
    if (interrupted) {
      const size = final.totalBytes === null ? '' : ` of ${formatBytes(final.totalBytes)}`;
      process.stderr.write(`ferry: paused at ${formatBytes(final.bytesTransferred)}${size}; run the same command again to resume\n`);
      return 130;
    }
    process.stderr.write(`${errorLine(final.error ?? { status: 'Unknown', message: `ended ${final.state}`, httpStatus: null })}\n`);
    return 1;
  } finally {
    await service.shutdown();
    // Nothing was queued (the request was refused): leave nothing behind.
    if ((await service.listTransfers()).length === 0) job.discard();
    await job.release();
  }
}

async function startOrResume(service: TransferService, request: Parameters<TransferService['createDownload']>[0], flags: TransferFlags): Promise<TransferSnapshot> {
  const existing = (await service.listTransfers())[0];
  if (!existing) return service.createDownload(request);
  if (!flags.json && existing.bytesTransferred > 0) {
    process.stderr.write(`ferry: resuming ${existing.path ? path.basename(existing.path) : existing.url} from ${formatBytes(existing.bytesTransferred)}\n`);
  }
  return existing.state === 'paused' || existing.state === 'failed' ? service.resume(existing.id) : existing;
}

/** Shows progress until the transfer ends, or until Ctrl-C pauses it. */
export async function follow(service: TransferService, start: TransferSnapshot, flags: TransferFlags, interrupt: EarlyInterrupt): Promise<{ final: TransferSnapshot; interrupted: boolean }> {
  // Loaded only for a terminal: a script's `ferry get` draws no bar.
  const cliProgress = process.stderr.isTTY && !flags.json ? (await import('cli-progress')).default : null;
  const bar =
    cliProgress
      ? new cliProgress.SingleBar(
          {
            format: '{name} |{bar}| {percentage}% {done}/{size} {speed}/s ETA {etaText} {state}',
            // The bar takes what the terminal leaves after the words (about 70 columns).
            barsize: Math.max(10, Math.min(40, (process.stderr.columns ?? 110) - 70)),
            stream: process.stderr,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(Math.max(1, start.totalBytes ?? 1), start.bytesTransferred, barPayload(start));
  let interrupted = false;
  const final = await new Promise<TransferSnapshot>((resolve) => {
    const done = (t: TransferSnapshot): void => {
      stop();
      interrupt.handle(null);
      resolve(t);
    };
    const stop = service.on('transfersChanged', (changed) => {
      for (const t of changed) {
        if (t.id !== start.id) continue;
        if (bar) {
          bar.setTotal(t.totalBytes ?? Math.max(1, t.bytesTransferred));
          bar.update(t.bytesTransferred, barPayload(t));
        }
        if (FINAL_STATES.includes(t.state)) done(t);
      }
    });
    // Called at once if Ctrl-C came while the transfer was being started.
    interrupt.handle(() => {
      interrupted = true;
      void service.pause(start.id).then(done, () => undefined);
    });
    // It may have ended before we listened (a 404 is answered while the command is being saved).
    void service.getTransfer(start.id).then((t) => {
      if (FINAL_STATES.includes(t.state)) done(t);
    });
  });
  bar?.stop();
  return { final: await service.getTransfer(final.id).catch(() => final), interrupted: interrupted && final.state !== 'completed' };
}

/** "in 2.4 s, 41.5 MB/s on average": this run's time and the speed of what it moved. */
export function elapsedWords(ms: number, bytes: number): string {
  const seconds = Math.max(ms, 1) / 1000;
  const time = seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `in ${time}, ${formatBytes(Math.round(Math.max(0, bytes) / seconds))}/s on average`;
}

function barPayload(t: TransferSnapshot): Record<string, string> {
  return {
    name: t.path ? path.basename(t.path) : t.kind,
    done: formatBytes(t.bytesTransferred),
    size: formatBytes(t.totalBytes),
    speed: formatBytes(t.speed),
    etaText: t.eta === null ? '--' : `${t.eta}s`,
    // A held one says why it waits ("scheduled for 02:00", "no network connection; ...").
    state: t.state === 'running' ? '' : isHeld(t.state) ? (t.history.at(-1)?.reason ?? t.state) : t.state,
  };
}
