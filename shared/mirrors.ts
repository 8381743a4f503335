// A download's other addresses for the same file (mirrors, `--mirror`): the rules the engine's intake
// and the add form both apply, so a list the form accepts is one the engine takes.

/** At most this many mirrors besides the download's own address (aria2 takes a few per file too). */
export const MAX_MIRRORS = 16;

/**
 * Why a parsed mirror cannot be kept, or null. A login in a mirror's address would be a secret
 * saved in the plain record: logins are given with --user (kept apart, and sent to the download's
 * own origin only).
 */
export function mirrorLoginProblem(url: URL): string | null {
  return url.username || url.password ? 'a mirror\'s address cannot carry a user name or password; give the login with --user (it is kept apart, as secrets are)' : null;
}

/**
 * The mirrors kept, in the order given: one that is the download's own address, or an earlier
 * mirror, is dropped (the same address twice adds nothing to try). Both are compared as parsed URLs.
 */
export function distinctMirrors(primary: string, mirrors: readonly string[]): string[] {
  const kept: string[] = [];
  for (const mirror of mirrors) if (mirror !== primary && !kept.includes(mirror)) kept.push(mirror);
  return kept;
}
