// A transfer's cookie jar (tough-cookie): seeded from a cookies.txt file, it keeps what the
// servers set (on redirects, retries, segments) and sends each cookie where RFC 6265's domain and
// path rules allow. A cookie given as a header (--cookie) stays the request's own header, sent to
// its origin only (http-get.ts drops it on leaving the origin); a cookie of the same name in the jar,
// newer, replaces it. The jar's cookies are secrets: kept with the transfer's credentials.
// tough-cookie (with its public suffix list) costs ~150 ms to load: only a transfer that has or
// gets a cookie loads it.
import type { CookieJar, SerializedCookie } from 'tough-cookie';

export class TransferCookies {
  /** The jar once a cookie exists (loaded, or loading); null: no cookie yet. */
  private jar: Promise<CookieJar> | null = null;
  private readonly changed: (cookies: SerializedCookie[]) => void;

  /** `saved`: the jar as `changed` last gave it (or a file's cookies); `changed`: to keep it. */
  constructor(saved: readonly SerializedCookie[] | undefined, changed: (cookies: SerializedCookie[]) => void = () => undefined) {
    this.changed = changed;
    if (saved && saved.length > 0) this.jar = makeJar(saved);
  }

  /** The Cookie header for a request to `url`: the jar's cookies merged into the request's own (`given`). */
  async header(url: URL, given: string | undefined): Promise<string | undefined> {
    if (!this.jar) return given;
    const cookies = (await this.jar).getCookiesSync(url, { http: true });
    if (cookies.length === 0) return given;
    const names = new Set(cookies.map((cookie) => cookie.key));
    const own = (given ?? '')
      .split(';')
      .map((pair) => pair.trim())
      .filter((pair) => pair !== '' && !names.has(pair.split('=')[0]!.trim()));
    return [...own, ...cookies.map((cookie) => cookie.cookieString())].join('; ');
  }

  /** An answer from `url` came with these Set-Cookie headers (kept before the next request asks). */
  received(url: URL, setCookie: readonly string[] | undefined): void {
    if (!setCookie || setCookie.length === 0) return;
    const before = this.jar ?? makeJar([]);
    this.jar = before.then((jar) => {
      let kept = false;
      for (const line of setCookie) {
        // A cookie the rules refuse (another domain, a public suffix) is dropped, as a browser does.
        if (jar.setCookieSync(line, url, { ignoreError: true })) kept = true;
      }
      if (kept) this.changed(jar.serializeSync()?.cookies ?? []);
      return jar;
    });
  }
}

async function makeJar(cookies: readonly SerializedCookie[]): Promise<CookieJar> {
  const { CookieJar } = await import('tough-cookie');
  return CookieJar.deserializeSync({ version: 'tough-cookie', storeType: 'MemoryCookieStore', rejectPublicSuffixes: true, cookies: [...cookies] });
}
