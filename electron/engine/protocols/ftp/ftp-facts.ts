// What FTP keeps to prove, on a later connection, that the bytes on disk are of the same version
// of the file: its size (SIZE) and modification time (MDTM), as the server said them.
import * as z from 'zod/mini';
import { onFirstUse } from '../../../../shared/on-first-use.ts';
import type { Version } from '../protocol.ts';

export const FtpFactsSchema = onFirstUse(() => z.object({
  protocol: z.literal('ftp'),
  size: z.nullable(z.number()),
  /** ISO 8601, from MDTM (UTC). */
  modifiedAt: z.nullable(z.string()),
}));
export type FtpFacts = z.infer<typeof FtpFactsSchema>;

/** Why the bytes held for `held` cannot be continued from `now`, or null when they can. */
export function versionChange(held: FtpFacts | null, now: FtpFacts): string | null {
  if (!held || held.size === null || held.modifiedAt === null) return 'the server gave no size and time to prove the file is unchanged';
  if (now.size === null || now.modifiedAt === null) return 'the server no longer says the size and time of the file';
  if (held.size !== now.size) return `the file on the server changed size (${held.size} bytes, now ${now.size})`;
  if (held.modifiedAt !== now.modifiedAt) return `the file on the server changed (modified ${held.modifiedAt}, now ${now.modifiedAt})`;
  return null;
}

/** The same file: its SIZE and MDTM as held (versionChange), and no other length. */
export function sameFtpVersion(held: Version<FtpFacts>, now: Version<FtpFacts>): boolean {
  const otherLength = held.total !== null && now.total !== null && held.total !== now.total;
  return !otherLength && versionChange(held.facts, now.facts) === null;
}
