// Downloads over HTTP(S) with got: Range + If-Range from the offset, the answer judged by
// resume-check.ts (Content-Range, validator), errors in the statuses of shared/errors.ts.
import type { Readable } from 'node:stream';
import type { IncomingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';
import got from 'got';
import { TransferError } from '../../transfer-error.ts';
import { httpError } from '../../error-classify.ts';
import { ifRangeValue, judgeResponse, rangeFor, validatorFrom } from '../../resume-check.ts';
import { filenameFromContentDisposition } from '../../content-disposition.ts';
import type { DownloadSource, SourceOpening, SourceRequest } from '../../download/download-source.ts';
import { readBufferAgents } from './read-buffer-agent.ts';
import { isSecretHeader } from '../../../../shared/secret-headers.ts';
import { USER_AGENT } from './user-agent.ts';

/**
 * got drops Authorization, Cookie and the URL's credentials on a redirect to another origin; this
 * drops every other header Ferry treats as secret too (X-Api-Key, *token*, *secret*...).
 */
export function dropSecretsOnOriginChange(originalUrl: string) {
  const origin = new URL(originalUrl).origin;
  return (options: { url?: URL | string | undefined; headers: Record<string, string | string[] | undefined> }): void => {
    if (options.url && new URL(options.url).origin === origin) return;
    for (const name of Object.keys(options.headers)) if (isSecretHeader(name)) delete options.headers[name];
  };
}

/** What every request Ferry makes with got shares: timeouts, abort, secrets kept to their origin, DNS. */
export function commonGotOptions(request: { url: string; connectTimeoutMs: number; responseTimeoutMs: number; signal: AbortSignal; dnsLookup?: LookupFunction | undefined }) {
  return {
    timeout: {
      lookup: request.connectTimeoutMs,
      connect: request.connectTimeoutMs,
      secureConnect: request.connectTimeoutMs,
      response: request.responseTimeoutMs,
    },
    signal: request.signal,
    hooks: { beforeRedirect: [dropSecretsOnOriginChange(request.url)] },
    ...(request.dnsLookup ? { dnsLookup: request.dnsLookup } : {}),
  };
}

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
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...request.headers, 'accept-encoding': 'identity' };
  const resumeContext = { offset: request.offset, knownTotal: request.knownTotal, validator: request.validator };
  if (request.offset > 0) {
    const ifRange = ifRangeValue(request.validator);
    if (!ifRange) return { kind: 'retryFromZero', reason: 'the server gave no validator to prove the file is unchanged' };
    headers['range'] = rangeFor(resumeContext);
    headers['if-range'] = ifRange;
  }

  const stream = got.stream(request.url, {
    headers,
    ...(request.credential ? { username: request.credential.username, password: request.credential.password } : {}),
    throwHttpErrors: false,
    decompress: false,
    // The attempt checks the length itself after writing, so the bytes of a short body are kept
    // and the next attempt resumes after them (got's own check would discard what it still buffers).
    strictContentLength: false,
    retry: { limit: 0 },
    followRedirect: true,
    maxRedirects: 10,
    ...commonGotOptions(request),
    agent: readBufferAgents(),
  });

  let handedOver = false;
  try {
    const response = await new Promise<{ statusCode: number; statusMessage?: string; headers: IncomingHttpHeaders; rawHeaders: string[]; url: string }>(
      (resolve, reject) => {
        stream.once('response', resolve);
        stream.once('error', reject);
      },
    );
    const { statusCode } = response;
    if (statusCode >= 400 && !(statusCode === 416 && request.offset > 0)) {
      throw httpError(statusCode, response.statusMessage, request.url, response.headers);
    }
    if (statusCode !== 200 && statusCode !== 206 && statusCode !== 416) {
      throw new TransferError('Unknown', `unexpected HTTP ${statusCode} answer from ${response.url}`, { httpStatus: statusCode });
    }
    const verdict = judgeResponse(statusCode, response.headers, resumeContext);
    if (verdict.kind === 'alreadyComplete') return { kind: 'complete' };
    if (verdict.kind === 'confirmLastByte') return { kind: 'lastByte', byte: await readOneByte(stream) };
    if (verdict.kind === 'retryFromZero') return verdict;
    handedOver = true;
    return {
      kind: 'body',
      body: stream,
      answer: {
        finalUrl: response.url,
        suggestedName: suggestedName(response),
        contentEncoding: response.headers['content-encoding'],
        contentType: response.headers['content-type'],
        total: verdict.total,
        validator: validatorFrom(response.headers),
        offset: verdict.kind === 'fromZero' ? 0 : request.offset,
        restartReason: verdict.kind === 'fromZero' ? verdict.reason : null,
      },
    };
  } finally {
    if (!handedOver && !stream.destroyed) stream.destroy();
  }
}

export const httpSource: DownloadSource = { open };
