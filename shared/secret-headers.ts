// Which request headers may hold secrets.

/**
 * Headers known to carry nothing secret: the only ones a transfer keeps in its plain record and
 * shows with their value. Any other header a user gives (X-Session-Id, X-Sig, X-Api...) may be a
 * credential, so it is kept with the credentials (0600 file, safeStorage) and masked when shown,
 * e.g. in the process list.
 */
export const HARMLESS_HEADERS: readonly string[] = [
  'accept',
  'accept-charset',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'content-language',
  'content-type',
  'dnt',
  'origin',
  'pragma',
  'referer',
  'sec-gpc',
  'upgrade-insecure-requests',
  'user-agent',
  'x-requested-with',
];
const HARMLESS = new Set(HARMLESS_HEADERS);

export function isHarmlessHeader(name: string): boolean {
  return HARMLESS.has(name.trim().toLowerCase());
}

/**
 * The headers that are dropped on a redirect to another origin (with the login): credentials,
 * cookies and names that say they hold one.
 */
export function isSecretHeader(name: string): boolean {
  return /^(authorization|proxy-authorization|cookie)$/i.test(name) || /token|secret|key|auth|passw/i.test(name);
}
