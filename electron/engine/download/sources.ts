// Which address a download reads from: its url, then its mirrors in order. A failure that would
// end the transfer (one not worth retrying, or a transient one after its retries) moves it to the
// next address instead, when the failure is the address's and not the transfer's own; once every
// address failed, the last failure ends it, naming each address and how it failed. Whether the
// bytes on disk may be continued from the next address is same-file.ts's rule.
import { hideUrlPassword } from '../../../shared/url-password.ts';
import type { ErrorStatus } from '../../../shared/errors.ts';
import { TransferError } from '../errors/transfer-error.ts';
import type { DownloadRecord, TransferSecret } from '../state/records.ts';
import type { AfterFailure } from '../operation/step.ts';
import { splitCredential } from '../intake/transfer-request.ts';
import { downloadSourceFor } from '../protocols/registry.ts';
import type { MirrorOffer } from './range-addresses.ts';

/** Failures of the transfer itself, which another address would meet too (its disk, its request, its proxy). */
const NOT_THE_ADDRESS: ReadonlySet<ErrorStatus> = new Set(['InvalidArgument', 'TooManyTransfers', 'DiskFull', 'FileAccessDenied', 'Canceled', 'ProxyAuthenticationRequired']);

/** A failure of the transfer itself (its disk, its request, its proxy): no other address would help. */
export function transfersOwnFailure(error: TransferError): boolean {
  return NOT_THE_ADDRESS.has(error.status);
}

/** The address in use (a mirror that is no longer in the list falls back to the url). */
export function addressInUse(record: DownloadRecord): string {
  return record.source === 0 ? record.url : (record.mirrors[record.source - 1] ?? record.url);
}

/** The mirror in use, or null for the url. */
export function mirrorInUse(record: DownloadRecord): string | null {
  return record.source === 0 ? null : (record.mirrors[record.source - 1] ?? null);
}

/**
 * The login and the secret headers go to the download's own origin only: a mirror elsewhere gets
 * neither, as a redirect to another origin would not (cookies follow their own domain rules).
 */
export function sendsSecretsTo(record: DownloadRecord, address: string): boolean {
  return new URL(address).origin === new URL(record.url).origin;
}

/** The headers and login a request to `address` carries: the secret ones only on the download's own origin. */
export function addressSecrets(record: DownloadRecord, secret: TransferSecret | undefined, address: string): Pick<MirrorOffer, 'headers' | 'credential'> {
  const secrets = sendsSecretsTo(record, address);
  return {
    headers: { ...record.headers, ...(secrets ? secret?.headers : {}) },
    credential: secrets && secret?.credential ? splitCredential(secret.credential) : null,
  };
}

/**
 * The download's addresses besides the one in use, for a segmented run's parts (range-addresses.ts)
 * and a one-connection download's speed probes (speed-switch.ts):
 * vouched for by the user's checksum when there is one, else each part proves the first answer's validator.
 */
export function mirrorOffers(record: DownloadRecord, secret: TransferSecret | undefined): Promise<MirrorOffer[]> {
  const inUse = addressInUse(record);
  const others = [record.url, ...record.mirrors].map((url, index) => ({ url, index })).filter(({ url }) => url !== inUse);
  return Promise.all(others.map(async ({ url, index }) => ({ url, index, source: await downloadSourceFor(url), ...addressSecrets(record, secret, url), vouched: record.checksum !== null })));
}

/** The failures of the addresses tried since one last worked, for the message once all have failed. */
export class SourceFailures {
  private readonly tried: Array<{ address: string; error: TransferError }> = [];

  /** What follows a failure that would end the transfer: the next address (and why), or the failure to end with. */
  after(record: DownloadRecord, error: TransferError): AfterFailure {
    if (record.mirrors.length === 0 || transfersOwnFailure(error)) return { kind: 'fail', error };
    const address = addressInUse(record);
    this.tried.push({ address, error });
    const next = record.source + 1;
    if (next <= record.mirrors.length) {
      record.source = next;
      record.newAddress = true;
      return { kind: 'switch', reason: `${describe(error)} from ${hideUrlPassword(address)}: trying the next address, ${record.mirrors[next - 1]}` };
    }
    // Every address failed: a later try (the user's Retry) begins with the url again.
    const tried = this.tried.splice(0);
    record.source = 0;
    record.newAddress = true;
    const each = tried.map((t) => `${hideUrlPassword(t.address)} (${describe(t.error)})`).join('; ');
    return { kind: 'fail', error: new TransferError(error.status, `${error.message}; every address of the file failed: ${each}`, { httpStatus: error.httpStatus, permanent: true }) };
  }

  /** An address served the file to its end: earlier failures no longer count. */
  clear(): void {
    this.tried.length = 0;
  }
}

function describe(error: TransferError): string {
  return error.httpStatus ? `${error.status}, HTTP ${error.httpStatus}` : error.status;
}
