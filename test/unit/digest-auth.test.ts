// Digest (RFC 7616) as the client computes it: the RFC's own examples (section 3.9.1), reading
// challenges (several in one header, quoted commas), the choice of the strongest, what is refused;
// and the rule for a 401: a challenge answered once per request, a stale nonce once more.
import { expect, it } from 'vitest';
import { digestAuthorization, parseChallenges, pickDigest, DigestUnsupported } from '../../electron/engine/protocols/http/auth/digest.ts';
import { ChallengeAnswers, newRound } from '../../electron/engine/protocols/http/auth/challenge-answers.ts';

const RFC = {
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
};
const mufasa = { username: 'Mufasa', password: 'Circle of Life' };
const header = `Digest realm="${RFC.realm}", qop="auth, auth-int", algorithm=SHA-256, nonce="${RFC.nonce}", opaque="${RFC.opaque}", Digest realm="${RFC.realm}", qop="auth, auth-int", algorithm=MD5, nonce="${RFC.nonce}", opaque="${RFC.opaque}"`;

const responseOf = (authorization: string) => /response="([0-9a-f]+)"/.exec(authorization)?.[1];

it('answers the RFC 7616 examples (SHA-256 and MD5) with the RFC\'s responses', () => {
  const challenges = parseChallenges(header);
  expect(challenges).toHaveLength(2);
  const sha = pickDigest(challenges)!;
  expect(sha).toMatchObject({ algorithm: 'SHA-256', qop: 'auth', nonce: RFC.nonce, opaque: RFC.opaque, realm: RFC.realm });
  const use = { nc: 1, cnonce: RFC.cnonce };
  expect(responseOf(digestAuthorization(sha, mufasa, 'GET', '/dir/index.html', use))).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  const md5 = pickDigest([challenges[1]!])!;
  const answer = digestAuthorization(md5, mufasa, 'GET', '/dir/index.html', use);
  expect(responseOf(answer)).toBe('8ca523f5e9506fed4657c9700eebdbec');
  expect(answer).toContain('nc=00000001');
  expect(answer).toContain(`cnonce="${RFC.cnonce}"`);
  expect(answer).toContain(`opaque="${RFC.opaque}"`);
});

it('reads quoted commas and a Basic challenge beside Digest; refuses what it cannot answer in words', () => {
  const challenges = parseChallenges(['Basic realm="a, b"', 'Digest realm="x, y", nonce="n", qop=auth, stale=TRUE']);
  expect(challenges.map((c) => c.scheme)).toEqual(['basic', 'digest']);
  expect(challenges[0]!.params['realm']).toBe('a, b');
  expect(pickDigest(challenges)).toMatchObject({ realm: 'x, y', stale: true, algorithm: 'MD5' });
  expect(pickDigest(parseChallenges('Basic realm="only"'))).toBeNull();
  expect(() => pickDigest(parseChallenges('Digest realm="r", nonce="n", qop="auth-int"'))).toThrow(DigestUnsupported);
  expect(() => pickDigest(parseChallenges('Digest realm="r", nonce="n", algorithm=SHA-512-256'))).toThrow(/SHA-512-256, which Ferry does not speak/);
});

it('answers a challenge once per request, a stale nonce once more, and counts answers per nonce', () => {
  const answers = new ChallengeAnswers();
  const origin = 'http://127.0.0.1:1';
  const round = newRound();
  expect(answers.authorization(origin, mufasa, 'GET', '/f', round)).toMatch(/^Basic /);
  expect(answers.challenged(origin, 'Digest realm="r", nonce="n1", qop=auth', round)).toBe(true);
  expect(answers.authorization(origin, mufasa, 'GET', '/f', round)).toContain('nc=00000001');
  // The same request refused again without stale: the login is wrong.
  expect(answers.challenged(origin, 'Digest realm="r", nonce="n2", qop=auth', round)).toBe(false);

  const next = newRound();
  expect(answers.authorization(origin, mufasa, 'GET', '/g', next)).toContain('nc=00000002');
  expect(answers.challenged(origin, 'Digest realm="r", nonce="n1", qop=auth', next)).toBe(false);
  const stale = newRound();
  answers.authorization(origin, mufasa, 'GET', '/h', stale);
  expect(answers.challenged(origin, 'Digest realm="r", nonce="n3", qop=auth, stale=true', stale)).toBe(true);
  expect(answers.authorization(origin, mufasa, 'GET', '/h', stale)).toContain('nonce="n3", uri="/h"');
  expect(answers.challenged(origin, 'Digest realm="r", nonce="n4", qop=auth, stale=true', stale)).toBe(true);
  expect(answers.challenged(origin, 'Digest realm="r", nonce="n5", qop=auth, stale=true', stale)).toBe(false);
});
