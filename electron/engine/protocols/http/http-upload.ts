// Uploads over HTTP(S) with got: the file as the raw body (PUT or POST), or several files and
// fields as multipart/form-data (form-data), streamed from disk with a Content-Length. The answer,
// whatever its status, goes back to the upload step with the first 64 KiB of its body.
import { PassThrough, type Readable } from 'node:stream';
import type { IncomingHttpHeaders } from 'node:http';
import got from 'got';
import FormData from 'form-data';
import type { UploadResponse } from '../../../../shared/model.ts';
import { TransferError } from '../../transfer-error.ts';
import { readSourceFile } from '../../upload/source-file.ts';
import { RESPONSE_BODY_LIMIT, responseText, type SinkRequest, type UploadSink } from '../../upload/upload-sink.ts';
import { commonGotOptions, USER_AGENT } from './http-source.ts';

interface Body {
  stream: Readable;
  length: number;
  contentType: string;
}

function rawBody(request: SinkRequest): Body {
  const file = request.files[0]!;
  return { stream: readSourceFile(file), length: file.size, contentType: file.contentType };
}

function multipartBody(request: SinkRequest): Body {
  const form = new FormData();
  for (const field of request.fields) form.append(field.name, field.value);
  for (const file of request.files) {
    form.append(file.field, readSourceFile(file), {
      filename: file.name,
      contentType: file.contentType,
      knownLength: file.size,
      ...(Object.keys(file.partHeaders).length > 0 ? { header: file.partHeaders } : {}),
    });
  }
  // form-data is an old-style stream; got wants a stream.Readable. Errors of a file (it changed) fail the body.
  const stream = new PassThrough();
  form.on('error', (error: Error) => stream.destroy(error));
  form.pipe(stream);
  return { stream, length: form.getLengthSync(), contentType: form.getHeaders()['content-type'] as string };
}

async function send(request: SinkRequest, body: Body): Promise<UploadResponse> {
  request.onTotal(body.length);
  const stream = got.stream(request.url, {
    method: request.method,
    body: body.stream,
    headers: { 'user-agent': USER_AGENT, 'content-type': body.contentType, ...request.headers, 'content-length': String(body.length) },
    ...(request.credential ? { username: request.credential.username, password: request.credential.password } : {}),
    throwHttpErrors: false,
    decompress: true,
    retry: { limit: 0 },
    // A body streamed from disk cannot be sent again to a redirect's target: the answer is kept.
    followRedirect: false,
    ...commonGotOptions(request),
  });
  let lastActivity = Date.now();
  let answered = false;
  stream.on('uploadProgress', (progress: { transferred: number }) => {
    lastActivity = Date.now();
    request.onProgress(progress.transferred);
  });
  // While the body goes out, a silent connection is a stall; after it, the response timeout rules.
  const stallTimer = setInterval(() => {
    if (!answered && Date.now() - lastActivity >= request.stallTimeoutMs) {
      stream.destroy(new TransferError('Timeout', `the server took no data for ${Math.round(request.stallTimeoutMs / 1000)} s`));
    }
  }, Math.min(1000, Math.max(50, request.stallTimeoutMs / 4)));
  try {
    const response = await new Promise<{ statusCode: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
      stream.once('response', (res: { statusCode: number; headers: IncomingHttpHeaders }) => {
        answered = true;
        resolve(res);
      });
      stream.once('error', reject);
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size > RESPONSE_BODY_LIMIT) break;
    }
    const contentType = response.headers['content-type'] ?? null;
    return { status: response.statusCode, ...responseText(chunks), contentType, location: response.headers.location ?? null };
  } finally {
    clearInterval(stallTimer);
    if (!stream.destroyed) stream.destroy();
    body.stream.destroy();
  }
}

export const rawUploadSink: UploadSink = { send: (request) => send(request, rawBody(request)) };
export const multipartUploadSink: UploadSink = { send: (request) => send(request, multipartBody(request)) };
