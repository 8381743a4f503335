// Downloads over HTTP(S) (http-get.ts: Node's client, redirects followed): Range + If-Range from
// the offset, the answer judged by resume-check.ts (Content-Range, validator), errors in the
// statuses of shared/errors.ts.
import type { Readable } from 'node:stream';
import type { IncomingHttpHeaders } from 'node:http';
import { TransferError } from '../../errors/transfer-error.ts';
import { httpError } from './http-errors.ts';
import { ifRangeValue, judgeResponse, rangeFor, servesRanges } from './resume-check.ts';
import { isIdentityEncoding } from './range-answer.ts';
import { httpFactsFrom, isWebPage } from './http-facts.ts';
import { factsOf } from '../protocol-facts.ts';
import { filenameFromContentDisposition } from './content-disposition.ts';
import type { DownloadSource, SourceOpening, SourceRequest } from '../download-source.ts';
import { httpGet } from './http-get.ts';
import { serverDigest } from './http-digest.ts';

/** Content-Disposition's name; a header sent twice is ignored, as RFC 6266 readers do. */
function suggestedName(response: { headers: IncomingHttpHeaders; rawHeaders: string[] }): string | null {
  const fields = response.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'content-disposition').length;
  const header = response.headers['content-disposition'];
  return filenameFromContentDisposition(typeof header === 'string' ? header : undefined, fields);
}

/** The one-byte body of a last-byte request, or null when it is not exactly one byte. */
async function readOneByte(stream: Readable): Promise<number | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > 1) return null;
  }
  return size === 1 ? Buffer.concat(chunks)[0]! : null;
}

async function open(request: SourceRequest): Promise<SourceOpening> {
  const headers: Record<string, string> = { ...request.headers, 'accept-encoding': 'identity' };
  const held = factsOf(request.facts, 'http');
  // Bytes vouched for by a checksum: the validator is another server's; the size must match
  // (judgePart holds a part to the known total).
  const validator = request.vouched ? null : held;
  const resumeContext = { offset: request.offset, end: request.end, knownTotal: request.knownTotal, validator, plainOnly: request.segmented === true };
  if (request.offset > 0 || request.end !== null) {
    const ifRange = ifRangeValue(validator);
    if (!ifRange && !request.vouched) return { kind: 'retryFromZero', reason: 'the server gave no validator to prove the file is unchanged' };
    headers['range'] = rangeFor(resumeContext);
    if (ifRange) headers['if-range'] = ifRange;
  }

  const response = await httpGet({
    url: request.url,
    headers,
    credential: request.credential,
    connectTimeoutMs: request.connectTimeoutMs,
    responseTimeoutMs: request.responseTimeoutMs,
    signal: request.signal,
    dnsLookup: request.dnsLookup,
    proxy: request.proxy,
    session: request.session,
    givenFor: request.givenFor,
  });
  const stream = response.body;
  let handedOver = false;
  try {
    const { statusCode } = response;
    if (statusCode >= 400 && !(statusCode === 416 && request.offset > 0)) {
      // The login goes only to the origin it was given for (http-get.ts).
      const sameOrigin = new URL(response.url).origin === new URL(request.givenFor ?? request.url).origin;
      const user = sameOrigin && !Object.keys(request.headers).some((name) => name.toLowerCase() === 'authorization') ? (request.credential?.username ?? null) : undefined;
      throw httpError(statusCode, response.statusMessage, request.url, response.headers, user, new URL(response.url).origin);
    }
    if (statusCode !== 200 && statusCode !== 206 && statusCode !== 416) {
      throw new TransferError('Unknown', `unexpected HTTP ${statusCode} answer from ${response.url}`, { httpStatus: statusCode });
    }
    // A web page where a file that is not one was: the address expired (a login or error page). It
    // is never written into the file, neither appended nor as a new start.
    const answered = httpFactsFrom(response.headers);
    if (held?.mediaType && !isWebPage(held.mediaType) && isWebPage(answered.mediaType)) {
      throw new TransferError(
        'ResourceChanged',
        `${request.url} now answers with a web page (${answered.mediaType}, HTTP ${statusCode}) instead of the file (${held.mediaType}): the address may have expired; give the download a new address`,
        { httpStatus: statusCode, permanent: true },
      );
    }
    const verdict = judgeResponse(statusCode, response.headers, resumeContext);
    if (verdict.kind === 'alreadyComplete') return { kind: 'complete' };
    if (verdict.kind === 'confirmLastByte') return { kind: 'lastByte', byte: await readOneByte(stream) };
    if (verdict.kind === 'retryFromZero') return verdict;
    handedOver = true;
    const facts = answered;
    return {
      kind: 'body',
      body: stream,
      answer: {
        finalUrl: response.url,
        suggestedName: suggestedName(response),
        contentEncoding: response.headers['content-encoding'],
        contentType: response.headers['content-type'],
        total: verdict.total,
        facts,
        offset: verdict.kind === 'fromZero' ? 0 : request.offset,
        restartReason: verdict.kind === 'fromZero' ? verdict.reason : null,
        digest: serverDigest(statusCode, response.headers),
        splittable: servesRanges(statusCode, response.headers) && ifRangeValue(facts) !== null && isIdentityEncoding(response.headers) && verdict.total !== null,
      },
    };
  } finally {
    if (!handedOver && !stream.destroyed) stream.destroy();
  }
}

export const httpSource: DownloadSource = { open };
