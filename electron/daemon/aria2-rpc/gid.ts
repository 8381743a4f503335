// aria2 names a download by its gid, 16 hex digits. Ferry's ids are UUIDs: the gid is the id's
// first 16 hex digits (so `ferry ls` and an aria2 client show the same start), derived again each
// time, nothing saved, and the same after a restart. Any other id is hashed to 16 digits.
import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function gidOf(id: string): string {
  if (UUID.test(id)) return id.replaceAll('-', '').slice(0, 16).toLowerCase();
  return createHash('sha256').update(id).digest('hex').slice(0, 16);
}

/** Whether `text` has a gid's form (aria2 also accepts a shorter unique prefix; Ferry does not). */
export function isGid(text: unknown): text is string {
  return typeof text === 'string' && /^[0-9a-f]{16}$/i.test(text);
}
