// Which protocol serves which URL scheme (downloads) and which way of uploading (uploads). A new
// protocol is a folder beside http/ and one line here.
import type { UploadProtocol } from '../../../shared/model.ts';
import type { DownloadSource } from './download-source.ts';
import type { UploadSink } from './upload-sink.ts';

// Loaded when first used: `ferry get` does not pay for the upload libraries, an upload not for the
// download client, a plain PUT not for tus.
const httpSource = async () => (await import('./http/http-source.ts')).httpSource;
const DOWNLOAD_SOURCES: Record<string, () => Promise<DownloadSource>> = {
  'http:': httpSource,
  'https:': httpSource,
};

const UPLOAD_SINKS: Record<UploadProtocol, () => Promise<UploadSink>> = {
  raw: async () => (await import('./http/http-upload.ts')).rawUploadSink,
  multipart: async () => (await import('./http/http-upload.ts')).multipartUploadSink,
  tus: async () => (await import('./tus/tus-upload.ts')).tusUploadSink,
};

export const DOWNLOAD_SCHEMES = Object.keys(DOWNLOAD_SOURCES);
/** Every upload protocol speaks HTTP(S). */
export const UPLOAD_SCHEMES = ['http:', 'https:'];

export function downloadSourceFor(url: string): Promise<DownloadSource> {
  const source = DOWNLOAD_SOURCES[new URL(url).protocol];
  if (!source) throw new Error(`no download source for ${url}`);
  return source();
}

export function uploadSinkFor(protocol: UploadProtocol): Promise<UploadSink> {
  return UPLOAD_SINKS[protocol]();
}
