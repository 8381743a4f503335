// What the browser extension may ask Ferry, and nothing more: add a download (or a batch, which may
// pick a named action to run once all of it has finished), list the named actions (names and
// descriptions only), list the active transfers, pause or resume one, and ask whether Ferry is
// there. Anything else is refused.
import * as z from 'zod/mini';
import { EXTENSION_INTEGRATION_REFUSAL, type ActiveTransfer } from '../../../shared/browser-extension.ts';
import { ActionNameSchema, type NamedActionList } from '../../../shared/named-actions.ts';

/** Message types that would change which programs browsers start: refused in words, as a browser page's program is. */
const INTEGRATION_TYPES = new Set(['integrate', 'listBrowserIntegrations', 'setBrowserIntegration']);

const RequestId = z.optional(z.union([z.string().check(z.maxLength(100)), z.int()]));
const HttpUrl = z.string().check(z.minLength(1), z.maxLength(16_384), z.regex(/^(https?|ftps?):\/\//i, 'Ferry takes http, https, ftp and ftps links from the browser'));
const TransferId = z.string().check(z.minLength(1), z.maxLength(100));

/** What one download handed over carries: only what the browser knows about it. */
const AddFields = {
  /** The final URL, after the browser followed its redirects. */
  url: HttpUrl,
  /** The browser's cookies for that URL, as a Cookie header's value: a secret. */
  cookies: z.optional(z.string().check(z.maxLength(16_384))),
  referer: z.optional(z.string().check(z.maxLength(16_384))),
  userAgent: z.optional(z.string().check(z.maxLength(1024))),
  /** The name the browser would have saved it under. */
  filename: z.optional(z.string().check(z.maxLength(1024))),
};
/** At most this many links in one batch: the engine's limit of live transfers. */
export const MAX_BATCH = 200;

export const ExtensionRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ping'), requestId: RequestId }),
  z.strictObject({ type: z.literal('add'), requestId: RequestId, ...AddFields }),
  // "Download all links with Ferry": the ticked links in one batch, saved together or not at all.
  // With `action`: in a new group that runs that named action (of the user's actions file) once all have finished.
  z.strictObject({ type: z.literal('addAll'), requestId: RequestId, items: z.array(z.strictObject(AddFields)).check(z.minLength(1), z.maxLength(MAX_BATCH)), action: z.optional(ActionNameSchema) }),
  z.strictObject({ type: z.literal('actions'), requestId: RequestId }),
  z.strictObject({ type: z.literal('list'), requestId: RequestId }),
  z.strictObject({ type: z.enum(['pause', 'resume']), requestId: RequestId, id: TransferId }),
]);
export type ExtensionRequest = z.infer<typeof ExtensionRequestSchema>;

export type ExtensionReply = { requestId?: string | number; ok: true; reachable?: boolean; version?: string; id?: string; ids?: string[]; transfers?: ActiveTransfer[]; transfer?: ActiveTransfer; actions?: NamedActionList } | { requestId?: string | number; ok: false; error: { status: string; message: string } };

/** The request a message is, or the reason it is not one (never echoing its values: they may hold cookies). */
export function parseRequest(message: unknown): { request: ExtensionRequest } | { requestId?: string | number; problem: string } {
  const parsed = ExtensionRequestSchema.safeParse(message);
  if (parsed.success) return { request: parsed.data };
  const requestId = RequestId.safeParse((message as { requestId?: unknown } | null)?.requestId);
  const type = (message as { type?: unknown } | null)?.type;
  const known = ['ping', 'add', 'addAll', 'actions', 'list', 'pause', 'resume'];
  const problem =
    typeof type === 'string' && INTEGRATION_TYPES.has(type) ? EXTENSION_INTEGRATION_REFUSAL
    : typeof type !== 'string' || !known.includes(type) ? `unknown message type; Ferry's host answers only ${known.join(', ')}`
    : `invalid ${type} message: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ')}`;
  return requestId.success && requestId.data !== undefined ? { requestId: requestId.data, problem } : { problem };
}
