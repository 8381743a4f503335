// A multipart/form-data body (RFC 7578) as the parts request-body.ts writes: the framing as bytes,
// each file as itself (read from disk while it is sent), so the length is known before the first
// byte and nothing is held in memory. Names are escaped as browsers do (WHATWG's form encoding).
import { randomBytes } from 'node:crypto';
import type { UploadFile } from '../../state/records.ts';
import type { BodyPart } from './request-body.ts';

export interface MultipartBody {
  parts: BodyPart[];
  contentType: string;
}

/** `"`, CR and LF in a name or file name, percent-encoded as HTML forms send them. */
function quoted(value: string): string {
  return `"${value.replace(/[\r\n"]/g, (c) => (c === '"' ? '%22' : c === '\r' ? '%0D' : '%0A'))}"`;
}

function partHead(boundary: string, headers: Record<string, string>): Buffer {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return Buffer.from(`--${boundary}\r\n${lines.join('')}\r\n`, 'utf8');
}

/** Case-insensitive merge: a part's own header replaces the default of the same name. */
function withOwnHeaders(defaults: Record<string, string>, own: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = {};
  const ownNames = new Set(Object.keys(own).map((n) => n.toLowerCase()));
  for (const [name, value] of Object.entries(defaults)) if (!ownNames.has(name.toLowerCase())) merged[name] = value;
  return { ...merged, ...own };
}

export function multipartBody(fields: ReadonlyArray<{ name: string; value: string }>, files: readonly UploadFile[], boundary = `----FerryFormBoundary${randomBytes(12).toString('hex')}`): MultipartBody {
  const parts: BodyPart[] = [];
  for (const field of fields) {
    parts.push(partHead(boundary, { 'Content-Disposition': `form-data; name=${quoted(field.name)}` }), Buffer.from(`${field.value}\r\n`, 'utf8'));
  }
  for (const file of files) {
    const defaults = { 'Content-Disposition': `form-data; name=${quoted(file.field)}; filename=${quoted(file.name)}`, 'Content-Type': file.contentType };
    parts.push(partHead(boundary, withOwnHeaders(defaults, file.partHeaders)), file, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { parts, contentType: `multipart/form-data; boundary=${boundary}` };
}
