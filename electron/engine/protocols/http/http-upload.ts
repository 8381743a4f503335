// Uploads over HTTP(S) with Node's own client: the file as the raw body (PUT or POST), or several
// files and fields as multipart/form-data, written from disk by request-body.ts with a
// Content-Length. The answer, whatever its status, goes back to the upload step with the first
// 64 KiB of its body. Requests go through the one client (http-client.ts). Not got: for a body sent
// once and an answer read once it added half again to the time of a gigabyte and a tenth of a
// second to `ferry upload`'s start.
import type http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { UploadResponse } from '../../../../shared/model.ts';
import { RESPONSE_BODY_LIMIT, responseText, type SinkRequest, type UploadSink } from '../upload-sink.ts';
import { bodyLength, writeBody, type BodyPart } from './request-body.ts';
import { multipartBody } from './multipart-body.ts';
import { seconds, timeoutFail } from './connect-clock.ts';
import { openRequest } from './http-client.ts';
import { FlowWatchdog } from '../../pipe/flow-watchdog.ts';

interface Body {
  parts: BodyPart[];
  contentType: string;
}

/**
 * The request's clocks: connecting (DNS included) within connectTimeoutMs; while the body goes out,
 * the flow watchdog (no byte taken for stallTimeoutMs, or slower than the speed floor); once it is
 * out, the answer must start within responseTimeoutMs.
 */
function watchClocks(request: http.ClientRequest, stopConnectClock: () => void, limits: SinkRequest) {
  const fail = timeoutFail(request);
  let responseTimer: NodeJS.Timeout | null = null;
  let watchdog: FlowWatchdog | null = null;
  let sent = 0;
  const connected = () => {
    watchdog ??= new FlowWatchdog(limits.flow, 'upload', (error) => request.destroy(error));
  };
  const clear = () => {
    stopConnectClock();
    if (responseTimer) clearTimeout(responseTimer);
    watchdog?.stop();
  };
  request.once('response', clear);
  request.once('close', clear);
  return {
    /** The body has gone out this far. */
    progress: (bytes: number) => {
      watchdog?.moved(bytes - sent);
      sent = bytes;
    },
    /** A speed limit holds the body back: not the server's doing. */
    held: (held: boolean) => (held ? watchdog?.hold() : watchdog?.release()),
    bodySent: () => {
      watchdog?.stop();
      responseTimer = setTimeout(() => fail(`the server did not answer within ${seconds(limits.responseTimeoutMs)} after the upload was sent`), limits.responseTimeoutMs);
    },
    connected,
    clear,
  };
}

/**
 * The answer's status and headers, and the first RESPONSE_BODY_LIMIT bytes of its body. A body that
 * does not end within `limitMs` (a server trickling it) is kept as far as it came, marked cut: the
 * status is what judges the upload.
 */
async function readAnswer(response: IncomingMessage, limitMs: number): Promise<UploadResponse> {
  const chunks: Buffer[] = [];
  let size = 0;
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    response.destroy();
  }, limitMs);
  try {
    for await (const chunk of response) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size > RESPONSE_BODY_LIMIT) break;
    }
  } catch (error) {
    if (!late) throw error;
  } finally {
    clearTimeout(timer);
  }
  const text = responseText(chunks);
  return { status: response.statusCode ?? 0, ...text, truncated: text.truncated || late, contentType: response.headers['content-type'] ?? null, location: response.headers.location ?? null };
}

async function send(request: SinkRequest, body: Body): Promise<UploadResponse> {
  const length = bodyLength(body.parts);
  request.onTotal(length);
  const url = new URL(request.url);
  // Redirects are not followed: a body streamed from disk is not sent again to another address.
  // The watchdog starts once connected (an event, so after the clocks below exist).
  const watching: { clocks?: ReturnType<typeof watchClocks> } = {};
  const { request: outgoing, stopConnectClock, answer, explain } = await openRequest(
    url,
    {
      method: request.method,
      // The answer is read as it comes (no decompression here): ask for it plain.
      headers: { 'accept-encoding': 'identity', 'content-type': body.contentType, ...request.headers, 'content-length': String(length) },
    },
    request,
    () => watching.clocks?.connected(),
  );
  const clocks = watchClocks(outgoing, stopConnectClock, request);
  watching.clocks = clocks;
  try {
    await writeBody(
      outgoing,
      body.parts,
      (sent) => {
        clocks.progress(sent);
        request.onProgress(sent);
      },
      { pacer: request.pacer, held: clocks.held },
    );
    if (!outgoing.destroyed) clocks.bodySent();
    const response = await answer;
    try {
      return await readAnswer(response, request.responseTimeoutMs);
    } finally {
      response.destroy();
    }
  } catch (error) {
    outgoing.destroy();
    throw explain(error);
  } finally {
    clocks.clear();
  }
}

export const rawUploadSink: UploadSink = {
  send: (request) => {
    const file = request.files[0]!;
    return send(request, { parts: [file], contentType: file.contentType });
  },
};
export const multipartUploadSink: UploadSink = { send: (request) => send(request, multipartBody(request.fields, request.files)) };
