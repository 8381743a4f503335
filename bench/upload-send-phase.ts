// A diagnostic for `npm run bench` (upload part): the time Ferry's sink takes to send a file (a
// multipart POST, or with `raw` a PUT), without the process start, the CLI and the job's state
// around it. Prints seconds on stdout. Usage: node bench/upload-send-phase.ts FILE URL [raw]
import fs from 'node:fs';
import path from 'node:path';
import { multipartUploadSink, rawUploadSink } from '../electron/engine/protocols/http/http-upload.ts';
import { UNLIMITED } from '../electron/engine/pipe/token-bucket.ts';

const [file, url, mode] = process.argv.slice(2);
const raw = mode === 'raw';
if (!file || !url) throw new Error('usage: node bench/upload-send-phase.ts FILE URL');
const stat = fs.statSync(file);
const started = performance.now();
const answer = await (raw ? rawUploadSink : multipartUploadSink).send({
  url,
  method: raw ? 'PUT' : 'POST',
  headers: {},
  credential: null,
  files: [{ path: file, field: 'file', name: path.basename(file), contentType: 'application/octet-stream', partHeaders: {}, size: stat.size, mtimeMs: stat.mtimeMs }],
  fields: [],
  facts: null,
  connectTimeoutMs: 10_000,
  responseTimeoutMs: 60_000,
  flow: { stallTimeoutMs: 60_000, speedFloorBytesPerSec: 0, speedFloorWindowMs: 60_000 },
  pacer: UNLIMITED,
  signal: new AbortController().signal,
  onTotal: () => undefined,
  onProgress: () => undefined,
});
if (answer.status >= 300) throw new Error(`the sink answered ${answer.status}`);
process.stdout.write(`${((performance.now() - started) / 1000).toFixed(4)}\n`);
process.exit(0);
