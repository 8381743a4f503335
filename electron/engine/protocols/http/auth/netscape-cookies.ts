// The Netscape cookies.txt format that curl (-b/-c FILE), wget (--load-cookies) and browser
// export add-ons write: one cookie a line, seven fields separated by tabs: domain, whether
// subdomains match (TRUE/FALSE), path, secure (TRUE/FALSE), expiry (Unix seconds; 0: a session
// cookie), name, value. "#HttpOnly_" before the domain marks an HttpOnly cookie; other lines that
// start with # are comments. Small enough to read here: no kept npm parser exists for it.
import type { SerializedCookie } from 'tough-cookie';

const BOOLEAN: Record<string, boolean> = { TRUE: true, FALSE: false };
const HTTP_ONLY = '#HttpOnly_';

/** The cookies of a cookies.txt file's text, as a jar keeps them; throws saying which line is wrong and why. */
export function parseNetscapeCookies(text: string, name = 'the cookies file'): SerializedCookie[] {
  const cookies: SerializedCookie[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const httpOnly = line.startsWith(HTTP_ONLY);
    if (httpOnly) line = line.slice(HTTP_ONLY.length);
    else if (line.startsWith('#') || line.trim() === '') continue;
    const fields = line.split('\t');
    const wrong = (why: string) => new Error(`${name}, line ${i + 1}: ${why} (a Netscape cookies.txt line is domain, TRUE/FALSE, path, TRUE/FALSE, expiry, name, value, separated by tabs)`);
    if (fields.length !== 7) throw wrong(`${fields.length} fields separated by tabs, not 7`);
    const [domain, subdomains, path, secure, expiry, key, value] = fields as [string, string, string, string, string, string, string];
    if (!domain || !key) throw wrong('no domain or no name');
    if (!(subdomains in BOOLEAN) || !(secure in BOOLEAN)) throw wrong('the 2nd and 4th fields must be TRUE or FALSE');
    if (!/^\d+$/.test(expiry)) throw wrong('the expiry (5th field) must be a whole number of seconds since 1970 (0: for this session)');
    const seconds = Number(expiry);
    // Already expired: what a browser would no longer send.
    if (seconds !== 0 && seconds * 1000 <= Date.now()) continue;
    // tough-cookie's serialized form (what its jar's toJSON gives), without loading it here.
    cookies.push({
      key,
      value,
      domain: domain.replace(/^\./, '').toLowerCase(),
      path: path || '/',
      secure: BOOLEAN[secure]!,
      httpOnly,
      hostOnly: !BOOLEAN[subdomains]! && !domain.startsWith('.'),
      ...(seconds === 0 ? {} : { expires: new Date(seconds * 1000).toISOString() }),
    });
  }
  return cookies;
}
