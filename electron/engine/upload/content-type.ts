// The content type a file is sent with when the user names none: from its name, else binary.
// `mime` (its tables are prebuilt) loads in half the time of mime-types, which builds them at start.
import mime from 'mime';

export function contentTypeFor(name: string): string {
  return mime.getType(name) ?? 'application/octet-stream';
}
