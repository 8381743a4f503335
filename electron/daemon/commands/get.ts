// `ferry get`: one download in the foreground, progress on stderr.
import cliProgress from 'cli-progress';
import path from 'node:path';
import { MemoryJobStore, MemorySecretStore } from '../../engine/store.ts';
import { FINAL_STATES, type TransferSnapshot } from '../../../shared/model.ts';
import { toDownloadRequest, type TransferFlags } from '../transfer-options.ts';
import { errorLine, formatBytes, transferJson } from '../output.ts';
import { createService } from '../engine-factory.ts';
import { readSavedSettings } from '../saved-settings.ts';

export async function runGet(url: string, flags: TransferFlags, home: string): Promise<number> {
  const request = toDownloadRequest(url, flags);
  const service = createService({ store: new MemoryJobStore(), secrets: new MemorySecretStore(), defaults: { ...readSavedSettings(home), maxConcurrent: 1 } });
  await service.start();
  const created = await service.createDownload(request);

  const bar = process.stderr.isTTY && !flags.json
    ? new cliProgress.SingleBar(
        {
          format: '{name} |{bar}| {percentage}% {done}/{size} {speed}/s ETA {etaText} {state}',
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(1, 0, barPayload(created));

  const final = await new Promise<TransferSnapshot>((resolve) => {
    let interrupted = false;
    const onSignal = (): void => {
      if (interrupted) process.exit(130);
      interrupted = true;
      void service.cancel(created.id).catch(() => undefined);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    service.onTransfersChanged((changed) => {
      for (const t of changed) {
        if (t.id !== created.id) continue;
        if (bar) {
          bar.setTotal(t.totalBytes ?? Math.max(1, t.bytesTransferred));
          bar.update(t.bytesTransferred, barPayload(t));
        }
        if (FINAL_STATES.includes(t.state)) {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolve(t);
        }
      }
    });
  });
  bar?.stop();
  await service.shutdown();

  if (flags.json) process.stdout.write(`${JSON.stringify(transferJson(final))}\n`);
  if (final.state === 'completed') {
    if (!flags.json) process.stderr.write(`ferry: saved ${final.path} (${formatBytes(final.bytesTransferred)})\n`);
    return 0;
  }
  process.stderr.write(`${errorLine(final.error ?? { status: 'Unknown', message: `ended ${final.state}`, httpStatus: null })}\n`);
  return final.state === 'canceled' ? 130 : 1;
}

function barPayload(t: TransferSnapshot): Record<string, string> {
  return {
    name: t.path ? path.basename(t.path) : 'download',
    done: formatBytes(t.bytesTransferred),
    size: formatBytes(t.totalBytes),
    speed: formatBytes(t.speed),
    etaText: t.eta === null ? '--' : `${t.eta}s`,
    state: t.state === 'running' ? '' : t.state,
  };
}
