// Which protocol serves which URL scheme. A new protocol is a folder beside http/ and one line here.
import type { DownloadSource } from '../download-source.ts';
import { httpSource } from './http/http-source.ts';

const DOWNLOAD_SOURCES: Record<string, DownloadSource> = {
  'http:': httpSource,
  'https:': httpSource,
};

export const DOWNLOAD_SCHEMES = Object.keys(DOWNLOAD_SOURCES);

export function downloadSourceFor(url: string): DownloadSource {
  const source = DOWNLOAD_SOURCES[new URL(url).protocol];
  if (!source) throw new Error(`no download source for ${url}`);
  return source;
}
