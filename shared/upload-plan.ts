// How a set of files becomes uploads, the same in the CLI and the UI: one multipart request for
// them all, or one upload per file (a URL ending in / gets each file's name appended, as curl -T
// does; several files cannot all go to one URL otherwise).
import type { UploadProtocol } from './model.ts';
import type { UploadFileRequest, UploadRequest } from './schemas.ts';

export type UploadPlanFile = UploadFileRequest & { /** The file's own name, for a URL ending in /. */ baseName: string };

export function planUploads(
  to: string,
  protocol: UploadProtocol,
  files: UploadPlanFile[],
  rest: Omit<UploadRequest, 'url' | 'files' | 'protocol'>,
): UploadRequest[] | string {
  const strip = ({ baseName: _, ...file }: UploadPlanFile): UploadFileRequest => file;
  if (protocol === 'multipart') return [{ url: to, protocol, files: files.map(strip), ...rest }];
  if (files.length > 1 && !to.endsWith('/') && protocol !== 'tus') {
    return 'several files cannot all go to one URL: end the URL with / to send each under its own name, or send them as one multipart form';
  }
  return files.map((file) => ({
    url: protocol === 'raw' && to.endsWith('/') ? `${to}${encodeURIComponent(file.baseName)}` : to,
    protocol,
    files: [strip(file)],
    ...rest,
  }));
}
