// The content type a file is sent with when the user names none: from its name, else binary.
import { lookup } from 'mime-types';

export function contentTypeFor(name: string): string {
  return lookup(name) || 'application/octet-stream';
}
