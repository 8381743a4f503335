// Resumable uploads with tus 1.0 (tus-js-client): the upload is created once (POST) and its URL
// kept with the job; every later run, after a pause, a failure or a relaunch, asks the server
// for its offset (HEAD) and sends the rest (PATCH). 409 (offset conflict) and 423 (locked) are
// retried at once by asking again, as the protocol says; a 404/410 for a kept URL means the server
// forgot it, so a new upload is created. Other failures go back to the operation's retry policy.
import fs from 'node:fs';
import * as tus from 'tus-js-client';
import type { UploadResponse } from '../../../../shared/model.ts';
import { TransferError } from '../../errors/transfer-error.ts';
import { classifyError } from '../../errors/error-classify.ts';
import { httpError } from '../http/http-errors.ts';
import { assertUnchanged } from '../../storage/source-file.ts';
import { responseText, type SinkRequest, type UploadSink } from '../upload-sink.ts';
import { clientHttpStack } from './tus-http-stack.ts';
import { FlowWatchdog } from '../../pipe/flow-watchdog.ts';
import { factsOf } from '../protocol-facts.ts';

/** Quick re-asks for the answers that mean "ask the server for its offset again". */
const PROTOCOL_RETRY_DELAYS = [0, 500, 2000];
const RETRY_AT_ONCE = new Set([409, 423, 460]);

function statusOf(error: unknown): number | null {
  const response = (error as { originalResponse?: { getStatus(): number } | null }).originalResponse;
  return response ? response.getStatus() : null;
}

function send(request: SinkRequest): Promise<UploadResponse> {
  const file = request.files[0]!;
  assertUnchanged(file);
  request.onTotal(file.size);
  const resumeUrl = factsOf(request.facts, 'tus')?.uploadUrl;
  return new Promise<UploadResponse>((resolve, reject) => {
    let settled = false;
    let sentSoFar = 0;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      watchdog.stop();
      request.signal.removeEventListener('abort', onAbort);
      fn();
    };
    const upload = new tus.Upload(fs.createReadStream(file.path), {
      endpoint: request.url,
      ...(resumeUrl ? { uploadUrl: resumeUrl } : {}),
      uploadSize: file.size,
      metadata: { filename: file.name, filetype: file.contentType },
      // The login, the User-Agent and the cookies are the stack's (the one client's) to add.
      headers: request.headers,
      retryDelays: PROTOCOL_RETRY_DELAYS,
      onShouldRetry: (error) => RETRY_AT_ONCE.has(statusOf(error) ?? 0),
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: false,
      httpStack: clientHttpStack(request, request.pacer, (held) => (held ? watchdog.hold() : watchdog.release())),
      onUploadUrlAvailable: () => request.onFacts?.(upload.url ? { protocol: 'tus', uploadUrl: upload.url } : null),
      onProgress: (sent) => {
        watchdog.moved(Math.max(0, sent - sentSoFar));
        sentSoFar = sent;
        if (sent >= file.size) watchdog.awaitingAnswer();
        request.onProgress(sent);
      },
      onChunkComplete: (_chunk, accepted) => request.onConfirmed?.(accepted),
      onSuccess: ({ lastResponse }) =>
        finish(() => {
          try {
            // The bytes the server holds must be the file's as it was: a change meanwhile is not a success.
            assertUnchanged(file);
          } catch (error) {
            return reject(error);
          }
          request.onConfirmed?.(file.size);
          const body = lastResponse.getBody() ?? '';
          resolve({
            status: lastResponse.getStatus(),
            ...responseText([Buffer.from(typeof body === 'string' ? body : String(body))]),
            contentType: lastResponse.getHeader('Content-Type') ?? null,
            location: upload.url,
          });
        }),
      onError: (error) =>
        finish(() => {
          const status = statusOf(error);
          if (status !== null) {
            const response = (error as { originalResponse: { getHeader(name: string): string | undefined } }).originalResponse;
            const retryAfter = response.getHeader('Retry-After');
            reject(httpError(status, undefined, request.url, retryAfter ? { 'retry-after': retryAfter } : {}));
          } else {
            reject(classifyError((error as { causingError?: unknown }).causingError ?? error, { url: request.url }));
          }
        }),
    });
    // tus-js-client hides whether it sends or waits for an answer (HEAD, PATCH): silence may
    // last as long as either clock allows.
    const silence = Math.max(request.flow.stallTimeoutMs, request.responseTimeoutMs);
    const watchdog = new FlowWatchdog({ ...request.flow, stallTimeoutMs: silence }, 'upload', (error) => {
      void upload.abort(false);
      finish(() => reject(new TransferError('Timeout', `the tus server at ${request.url}: ${error.message}`)));
    });
    const onAbort = () => {
      void upload.abort(false);
      finish(() => reject(request.signal.reason));
    };
    request.signal.addEventListener('abort', onAbort, { once: true });
    upload.start();
  });
}

export const tusUploadSink: UploadSink = { send };
