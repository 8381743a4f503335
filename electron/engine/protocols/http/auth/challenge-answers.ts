// What one transfer learned of its servers' Digest challenges, per origin (a proxy counts as its
// own origin), so the requests after the first (segments, retries, the next run) answer at once
// instead of after a 401; and the rule for a 401: a challenge is answered once per request, a
// stale=true nonce once more, anything else is a refused login (Unauthorized, never tried again).
import type { Credential } from '../http-client.ts';
import { basicAuthorization } from './basic.ts';
import { digestAuthorization, newCnonce, parseChallenges, pickDigest, type DigestChallenge } from './digest.ts';

interface Known {
  challenge: DigestChallenge;
  /** Answers given with this nonce so far (the next one's nc is one more). */
  used: number;
  /** One client nonce per server nonce: an -sess key stays the same for all its requests. */
  cnonce: string;
}

/** One request's tries: how it answered and what it may still do. */
export interface AuthRound {
  /** The nonce the last try answered (null: none, or Basic). */
  answeredNonce: string | null;
  /** A challenge that came with this request's 401 was answered. */
  answered: boolean;
  /** A stale=true was answered. */
  staleAnswered: boolean;
}

export const newRound = (): AuthRound => ({ answeredNonce: null, answered: false, staleAnswered: false });

export class ChallengeAnswers {
  private readonly known = new Map<string, Known>();

  /**
   * The Authorization for a request to `space` (an origin): the Digest answer when its challenge
   * is known, else Basic (sent at once, as curl and aria2 do). Notes in `round` what was answered.
   */
  authorization(space: string, credential: Credential, method: string, uri: string, round: AuthRound): string {
    const known = this.known.get(space);
    if (!known) {
      round.answeredNonce = null;
      return basicAuthorization(credential);
    }
    known.used += 1;
    round.answeredNonce = known.challenge.nonce;
    return digestAuthorization(known.challenge, credential, method, uri, { nc: known.used, cnonce: known.cnonce });
  }

  /**
   * A 401 (or 407) came with these challenges: true when the request should go again with a new
   * answer (the challenge is kept for the transfer's later requests); false when the refusal stands.
   * Throws DigestUnsupported for a Digest Ferry cannot answer.
   */
  challenged(space: string, values: string | string[] | undefined, round: AuthRound): boolean {
    const challenge = pickDigest(parseChallenges(values));
    if (!challenge) return false;
    const again = round.answered
      ? challenge.stale && !round.staleAnswered
      : // An answer sent before any 401 (a known nonce) refused without stale=true: the login is wrong.
        round.answeredNonce === null || challenge.stale || challenge.nonce !== round.answeredNonce;
    if (!again) return false;
    if (round.answered) round.staleAnswered = true;
    round.answered = true;
    this.known.set(space, { challenge, used: 0, cnonce: newCnonce() });
    return true;
  }
}
