// The add and upload forms of the UI, and the requests they make (or what is wrong with them: then
// nothing is queued).
import type { DownloadRequest, UploadRequest } from '../../../shared/schemas.ts';
import { MAX_CONNECTIONS, type UploadMethod, type UploadProtocol } from '../../../shared/model.ts';
import { planUploads } from '../../../shared/upload-plan.ts';
import { urlProblem, urlProblems } from '../format.ts';
import { t } from '../i18n/catalog.ts';
import { rateFromText } from './limits.ts';
import { parseStartTime } from '../../../shared/schedule-text.ts';
import { NO_PROXY, proxyUrlProblem } from '../../../shared/proxy-url.ts';
import { MAX_MIRRORS, mirrorLoginProblem } from '../../../shared/mirrors.ts';
import type { WhenTheseDone } from './group-edit.ts';

/** What the add and upload forms' folded part holds: headers, the server's login, the proxy and its login. */
export interface CredentialFields {
  headers?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  /** Empty: the proxy of Settings; "none": direct; else a proxy URL. */
  proxy?: string | undefined;
  proxyUsername?: string | undefined;
  proxyPassword?: string | undefined;
}

/** The request's proxy and its login from the form, or what is wrong with them. */
function proxyFrom(form: CredentialFields): Pick<DownloadRequest, 'proxy' | 'proxyCredential'> | string {
  const proxy = form.proxy?.trim() ?? '';
  if (proxy && proxy !== NO_PROXY && proxyUrlProblem(proxy)) return t.proxy.notProxy;
  if (form.proxyPassword && !form.proxyUsername) return t.proxy.userForPassword;
  return { ...(proxy ? { proxy } : {}), ...(form.proxyUsername ? { proxyCredential: `${form.proxyUsername}:${form.proxyPassword ?? ''}` } : {}) };
}

export interface AddForm extends CredentialFields {
  urls: string;
  dir?: string;
  fileName?: string;
  priority?: DownloadRequest['priority'];
  costPolicy?: DownloadRequest['costPolicy'];
  /** As typed: empty for as many as help, else a whole number. */
  connections?: string;
  /** Its own speed limit as typed ("2M"; empty: none). */
  limit?: string;
  /** Not before this local time ("YYYY-MM-DDTHH:MM", a datetime-local field's value); empty: now. */
  startAt?: string;
  /** Other addresses of the one file, one per line (shared/mirrors.ts). */
  mirrors?: string;
  /** What runs once all of them have finished (a new group of exactly these, group-edit.ts); empty: nothing. */
  whenDone?: WhenTheseDone;
}

/**
 * The mirrors field: the addresses, or what is wrong (the engine's rules, shared/mirrors.ts): every
 * bad line at once, each named as the text shows it, as the address lines are.
 */
export function mirrorsFromText(text: string | undefined, urlCount: number): string[] | string {
  const numbered = (text ?? '').split(/\r?\n/).map((line, index) => ({ line: line.trim(), n: index + 1 })).filter((l) => l.line);
  if (numbered.length === 0) return [];
  if (urlCount > 1) return t.forms.mirrorsOneUrl;
  if (numbered.length > MAX_MIRRORS) return t.forms.tooManyMirrors(MAX_MIRRORS);
  const problems = urlProblems(text ?? '', t.forms.mirror);
  if (problems.length) return problems.join('\n');
  const logins = numbered.filter(({ line }) => mirrorLoginProblem(new URL(line)) !== null).map(({ n }) => t.forms.mirrorLogin(t.forms.mirror(n)));
  return logins.length ? logins.join('\n') : numbered.map(({ line }) => line);
}

/** The start time field: null when empty (now), the moment, or what is wrong with it. */
export function startAtFromText(text: string | undefined): number | null | string {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return null;
  const at = parseStartTime(trimmed, Date.now());
  return typeof at === 'number' ? at : t.forms.badStartAt;
}

/** "Name: value" lines as headers, or what is wrong with one. */
function headersFrom(text: string | undefined): Record<string, string> | string {
  const headers: Record<string, string> = {};
  for (const line of (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return t.forms.badHeader(line);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The connections field: null when empty (as many as help), the number, or what is wrong with it. */
export function connectionsFromText(text: string | undefined): number | null | string {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return /^\d+$/.test(trimmed) && n >= 1 && n <= MAX_CONNECTIONS ? n : t.forms.badConnections(MAX_CONNECTIONS);
}

/**
 * Turns the add form into requests, or says what is wrong with it (nothing is queued then): every
 * bad address line at once, one per line of the answer.
 */
export function requestsFromForm(form: AddForm): DownloadRequest[] | string {
  const problems = urlProblems(form.urls);
  if (problems.length) return problems.join('\n');
  const lines = form.urls.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (form.fileName && lines.length > 1) return t.forms.oneFileName;
  const headers = headersFrom(form.headers);
  if (typeof headers === 'string') return headers;
  if (form.password && !form.username) return t.forms.userForPassword;
  const limit = rateFromText(form.limit);
  if (typeof limit === 'string') return limit;
  const connections = connectionsFromText(form.connections);
  if (typeof connections === 'string') return connections;
  const startAt = startAtFromText(form.startAt);
  if (typeof startAt === 'string') return startAt;
  const proxy = proxyFrom(form);
  if (typeof proxy === 'string') return proxy;
  const mirrors = mirrorsFromText(form.mirrors, lines.length);
  if (typeof mirrors === 'string') return mirrors;
  const dir = form.dir?.trim();
  return lines.map((url) => {
    const request: DownloadRequest = { url, ...proxy };
    if (form.fileName?.trim()) request.path = `${dir || '.'}/${form.fileName.trim()}`;
    else if (dir) request.dir = dir;
    if (form.priority && form.priority !== 'default') request.priority = form.priority;
    if (form.costPolicy && form.costPolicy !== 'default') request.costPolicy = form.costPolicy;
    if (connections !== null) request.connections = connections;
    if (Object.keys(headers).length) request.headers = headers;
    if (form.username) request.credential = `${form.username}:${form.password ?? ''}`;
    if (limit > 0) request.limitBytesPerSec = limit;
    if (startAt !== null) request.startAt = startAt;
    if (mirrors.length) request.mirrors = mirrors;
    return request;
  });
}

export interface UploadForm extends CredentialFields {
  url: string;
  protocol: UploadProtocol;
  /** Empty: the protocol's default (PUT plain, POST multipart). */
  method: UploadMethod | '';
  /** Multipart fields, "name=value" one per line. */
  fields?: string;
  costPolicy?: UploadRequest['costPolicy'];
  /** Its own speed limit as typed ("2M"; empty: none). */
  limit?: string;
  /** As the add form's. */
  startAt?: string;
}

/** A file to upload as the host can reach it: its path (desktop) or the daemon's staged copy (browser). */
export interface UploadSource {
  name: string;
  path?: string;
  staged?: string;
}

export function uploadRequestsFromForm(form: UploadForm, sources: UploadSource[]): UploadRequest[] | string {
  const url = form.url.trim();
  const problem = urlProblem(url ? [url] : []);
  if (problem) return problem;
  if (sources.length === 0) return t.forms.noFile;
  const headers = headersFrom(form.headers);
  if (typeof headers === 'string') return headers;
  if (form.password && !form.username) return t.forms.userForPassword;
  const fields: Array<{ name: string; value: string }> = [];
  for (const line of (form.fields ?? '').split(/\r?\n/).filter((l) => l.trim())) {
    const eq = line.indexOf('=');
    if (eq <= 0) return t.forms.badField(line.trim());
    fields.push({ name: line.slice(0, eq).trim(), value: line.slice(eq + 1) });
  }
  if (fields.length > 0 && form.protocol !== 'multipart') return t.forms.fieldsNeedForm;
  const limit = rateFromText(form.limit);
  if (typeof limit === 'string') return limit;
  const startAt = startAtFromText(form.startAt);
  if (typeof startAt === 'string') return startAt;
  const proxy = proxyFrom(form);
  if (typeof proxy === 'string') return proxy;
  const rest: Omit<UploadRequest, 'url' | 'files' | 'protocol'> = { ...proxy };
  if (form.method && form.protocol !== 'tus') rest.method = form.method;
  if (fields.length) rest.fields = fields;
  if (Object.keys(headers).length) rest.headers = headers;
  if (form.username) rest.credential = `${form.username}:${form.password ?? ''}`;
  if (form.costPolicy && form.costPolicy !== 'default') rest.costPolicy = form.costPolicy;
  if (limit > 0) rest.limitBytesPerSec = limit;
  if (startAt !== null) rest.startAt = startAt;
  const files = sources.map((s) => ({ baseName: s.name, ...(s.path ? { path: s.path } : {}), ...(s.staged ? { staged: s.staged } : {}) }));
  const plan = planUploads(url, form.protocol, files, rest);
  return typeof plan === 'string' ? `${plan.charAt(0).toUpperCase()}${plan.slice(1)}.` : plan;
}
