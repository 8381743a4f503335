// The proxy setting "pac": the script at the pacUrl setting chooses each request's proxy. One
// compiled script is kept; it is loaded again when the setting names another URL, and on the first
// use after 10 minutes (a changed script takes effect without a restart). When that later load
// fails, the script in hand goes on (with one warning) and the load is tried again after a minute;
// when there is none, the request fails naming the PAC URL: never a silent direct connection.
// The script sees a URL without user or password, and for https only scheme://host:port/, as
// browsers give it (a path may hold a secret the script's author should not see).
import { TransferError } from '../../errors/transfer-error.ts';
import { hideUrlPassword } from '../../../../shared/url-password.ts';
import { parsePacAnswer } from '../../../../shared/pac-answer.ts';
import { fetchPacScript } from './pac-fetch.ts';
import { compilePacScript, type PacScript } from './pac-sandbox.ts';

/** The proxy URL the script at `pacUrl` chooses for `target`, or null to go direct. */
export type PacResolver = (pacUrl: string, target: URL) => Promise<string | null>;

export const PAC_REFRESH_MS = 10 * 60_000;
const RETRY_LOAD_MS = 60_000;
/** A fresh VM now and then: QuickJS builds have failed after tens of thousands of calls on one. */
const CALLS_PER_VM = 10_000;

interface Loaded {
  url: string;
  script: PacScript;
  loadedAt: number;
  calls: number;
}

/** What the script is given for `target`. */
export function pacTarget(target: URL): URL {
  const url = new URL(target.href);
  url.username = '';
  url.password = '';
  if (url.protocol === 'https:') {
    url.pathname = '/';
    url.search = '';
  }
  url.hash = '';
  return url;
}

export class PacProxies {
  private current: Loaded | null = null;
  private loading: { url: string; done: Promise<Loaded> } | null = null;
  private warnedStale = false;

  private readonly warn: (message: string) => void;
  private readonly now: () => number;

  constructor(warn: (message: string) => void, now: () => number = Date.now) {
    this.warn = warn;
    this.now = now;
  }

  readonly resolve: PacResolver = async (pacUrl, target) => {
    const loaded = await this.script(pacUrl);
    loaded.calls++;
    const shown = hideUrlPassword(pacUrl);
    const asked = pacTarget(target);
    let answer: string;
    try {
      answer = await loaded.script.findProxy(asked);
    } catch (error) {
      throw new TransferError('InvalidArgument', `the PAC script ${shown} (the proxy setting is pac) failed for ${hideUrlPassword(asked.href)}: ${(error as Error).message}`, { permanent: true });
    }
    const choice = parsePacAnswer(answer);
    if (choice.usable) return choice.proxy;
    throw new TransferError(
      'InvalidArgument',
      `the PAC script ${shown} (the proxy setting is pac) answered ${JSON.stringify(answer.slice(0, 200))} for ${hideUrlPassword(asked.href)}, with no proxy Ferry can use: ${choice.skipped.join('; ')}`,
      { permanent: true },
    );
  };

  /** Forgets the script (settings changed, or the engine stops). */
  close(): void {
    this.current?.script.dispose();
    this.current = null;
  }

  private async script(pacUrl: string): Promise<Loaded> {
    const held = this.current?.url === pacUrl ? this.current : null;
    if (held && this.now() - held.loadedAt < PAC_REFRESH_MS && held.calls < CALLS_PER_VM) return held;
    try {
      return await this.load(pacUrl);
    } catch (error) {
      // A script already loaded from this URL goes on while its new copy cannot be had.
      if (!held || held.calls >= CALLS_PER_VM) throw error;
      if (!this.warnedStale) this.warn(`${(error as Error).message}; the copy loaded earlier is used until it can be loaded again`);
      this.warnedStale = true;
      held.loadedAt = this.now() - PAC_REFRESH_MS + RETRY_LOAD_MS;
      return held;
    }
  }

  /** One load per URL at a time; the loaded script replaces the one in hand. */
  private load(pacUrl: string): Promise<Loaded> {
    if (this.loading?.url === pacUrl) return this.loading.done;
    const done = (async (): Promise<Loaded> => {
      const url = new URL(pacUrl);
      const source = await fetchPacScript(url);
      let script: PacScript;
      try {
        script = await compilePacScript(source, url.pathname.split('/').pop() || 'proxy.pac');
      } catch (error) {
        throw new TransferError('InvalidArgument', `the PAC script ${hideUrlPassword(pacUrl)} (the proxy setting is pac) cannot be used: ${(error as Error).message}`, { permanent: true });
      }
      const loaded = { url: pacUrl, script, loadedAt: this.now(), calls: 0 };
      this.current?.script.dispose();
      this.current = loaded;
      this.warnedStale = false;
      return loaded;
    })();
    this.loading = { url: pacUrl, done };
    const clear = (): void => {
      if (this.loading?.done === done) this.loading = null;
    };
    done.then(clear, clear);
    return done;
  }
}
