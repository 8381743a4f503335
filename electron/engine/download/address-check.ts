// Whether a new address for a download serves the same file as the bytes on disk: asked the way the
// next run would ask (from the first missing byte, proving it by same-file.ts's rule, as a mirror
// taking over does), and answered before the address is changed, so nothing on disk is lost by a
// wrong address.
import type { LookupFunction } from 'node:net';
import type { Settings } from '../../../shared/model.ts';
import type { DownloadRecord, TransferSecret } from '../state/records.ts';
import { RangeSet } from '../storage/range-set.ts';
import { downloadSourceFor } from '../protocols/registry.ts';
import { splitCredential } from '../intake/transfer-request.ts';
import { vouchedByChecksum } from './same-file.ts';

export type AddressVerdict = { same: true } | { same: false; reason: string };

export async function checkNewAddress(
  record: DownloadRecord,
  url: string,
  secret: TransferSecret | undefined,
  settings: Settings,
  dnsLookup: LookupFunction | undefined,
): Promise<AddressVerdict> {
  const total = record.totalBytes;
  const hole = record.doneRanges && total !== null ? new RangeSet(record.doneRanges).holes(total)[0] : null;
  const offset = hole ? hole[0] : record.bytesDurable;
  // Nothing on disk to keep: any address will do.
  if ((record.doneRanges ? new RangeSet(record.doneRanges).bytes : offset) === 0) return { same: true };
  const end = hole && total !== null && hole[1] < total ? hole[1] - 1 : null;
  const opening = await (await downloadSourceFor(url)).open({
    url,
    headers: { ...record.headers, ...secret?.headers },
    credential: secret?.credential ? splitCredential(secret.credential) : null,
    offset,
    end,
    knownTotal: total,
    facts: record.protocolState,
    vouched: vouchedByChecksum(record, true),
    segmented: record.doneRanges !== null,
    connectTimeoutMs: settings.connectTimeoutMs,
    responseTimeoutMs: settings.responseTimeoutMs,
    signal: AbortSignal.timeout(settings.connectTimeoutMs + settings.responseTimeoutMs),
    dnsLookup,
  });
  if (opening.kind === 'retryFromZero') return { same: false, reason: opening.reason };
  if (opening.kind !== 'body') return { same: true };
  opening.body.destroy();
  const { answer } = opening;
  if (answer.offset === offset && answer.restartReason === null) return { same: true };
  return { same: false, reason: answer.restartReason ?? 'it sends the whole file, not the missing part' };
}
