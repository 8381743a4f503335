// Every protocol Ferry speaks, and which one serves a URL scheme (downloads) or a way of uploading.
// A new protocol is a folder beside http/ with its descriptor (protocol.ts), listed here and in
// protocol-facts.ts.
import type { UploadProtocol } from '../../../shared/model.ts';
import type { DownloadSource } from './download-source.ts';
import type { UploadSink } from './upload-sink.ts';
import type { ProtocolDescriptor } from './protocol.ts';
import { httpProtocol } from './http/http-protocol.ts';
import { tusProtocol } from './tus/tus-protocol.ts';
import { ftpProtocol } from './ftp/ftp-protocol.ts';

const PROTOCOLS: readonly ProtocolDescriptor[] = [httpProtocol, tusProtocol, ftpProtocol];

export const DOWNLOAD_SCHEMES = PROTOCOLS.flatMap((p) => (p.source ? p.downloadSchemes : []));
/** Every upload protocol speaks HTTP(S). */
export const UPLOAD_SCHEMES = ['http:', 'https:'];

export function downloadSourceFor(url: string): Promise<DownloadSource> {
  const scheme = new URL(url).protocol;
  const source = PROTOCOLS.find((p) => p.downloadSchemes.includes(scheme))?.source;
  if (!source) throw new Error(`no download source for ${url}`);
  return source();
}

/**
 * Starts loading the module that will serve `url`, so that it compiles while the caller waits on
 * other things (`ferry get`: its job's lock and first save, an fsync). Errors are left to the real call.
 */
export function warmDownloadSource(url: string): void {
  try {
    downloadSourceFor(url).catch(() => undefined);
  } catch {
    // A URL no source serves: downloadSourceFor says so when the download asks.
  }
}

export function uploadSinkFor(protocol: UploadProtocol): Promise<UploadSink> {
  const sink = PROTOCOLS.map((p) => p.uploads[protocol]).find((s) => s !== undefined);
  if (!sink) throw new Error(`no upload sink for ${protocol}`);
  return sink();
}
