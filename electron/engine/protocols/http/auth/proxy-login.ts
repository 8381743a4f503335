// A proxy's login (http:// and https:// proxies): Basic, sent at once, until the proxy answers 407
// with a Digest challenge; from then on the Digest answer (for CONNECT, of its host:port; for an
// absolute-form request, of the URL it asks for). Kept with the connection pool of that proxy and
// credential (proxy-agents.ts), so every transfer through it answers at once.
import type { Credential } from '../http-client.ts';
import { ChallengeAnswers, type AuthRound, newRound } from './challenge-answers.ts';

const SPACE = 'proxy';

/** How https-proxy-agent's refusal of an answered CONNECT begins (and ours, for a login refused outright). */
export const CONNECT_REFUSED = 'Proxy authentication failed';

/** A 407 whose Digest challenge can be answered: the request goes again, answering it. */
export class ProxyChallenged extends Error {
  constructor() {
    super('the proxy asked for a Digest login');
  }
}

export class ProxyLogin {
  private readonly answers = new ChallengeAnswers();
  readonly credential: Credential;
  constructor(credential: Credential) {
    this.credential = credential;
  }

  /** The Proxy-Authorization of a `method` request for `uri` (the request target as sent). */
  authorization(method: string, uri: string, round: AuthRound = newRound()): string {
    return this.answers.authorization(SPACE, this.credential, method, uri, round);
  }

  /**
   * A 407 came with these challenges for a request sent with `sent` (its Proxy-Authorization):
   * true when it should go again (Digest, once per request and once more for stale=true).
   */
  challenged(challenges: string | string[] | undefined, sent: string | undefined, round: AuthRound): boolean {
    round.answeredNonce = /nonce="([^"]*)"/.exec(sent ?? '')?.[1] ?? null;
    return this.answers.challenged(SPACE, challenges, round);
  }
}
