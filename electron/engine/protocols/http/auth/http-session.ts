// What one transfer's HTTP requests share across its runs, segments and retries: the Digest
// challenges its servers made (challenge-answers.ts) and its cookie jar (transfer-cookies.ts).
// Made by the transfer's step once, from the cookies kept with its secrets; the cookies the servers
// set go back there (`keepCookies`), so a run after a restart still has them. The nonces are not
// kept: after a restart the first request learns the challenge again with one 401.
import type { SerializedCookie } from 'tough-cookie';
import { ChallengeAnswers } from './challenge-answers.ts';
import { TransferCookies } from './transfer-cookies.ts';

export class HttpSession {
  readonly answers = new ChallengeAnswers();
  readonly cookies: TransferCookies;
  constructor(saved: readonly SerializedCookie[] | undefined, keep?: (cookies: SerializedCookie[]) => void) {
    this.cookies = new TransferCookies(saved, keep);
  }
}

/** The session of transfer `id`, from its secrets; what the servers set is kept there. */
export function transferSession(id: string, secret: { cookies?: SerializedCookie[] | undefined } | undefined, env: { keepCookies(id: string, cookies: SerializedCookie[]): void }): HttpSession {
  return new HttpSession(secret?.cookies, (cookies) => env.keepCookies(id, cookies));
}
