// `-i FILE`, as aria2c and wget take it: one URL per line; blank lines and lines starting with #
// are skipped; `-` reads standard input.
import fs from 'node:fs';
import { RemoteError } from '../../shared/api-proxy.ts';

export function readUrlList(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RemoteError({ status: code === 'ENOENT' ? 'InvalidArgument' : 'FileAccessDenied', message: `cannot read the URL list ${file} (${code ?? 'error'})`, httpStatus: null });
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}
