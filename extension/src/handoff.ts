// Handing one download to Ferry without ever losing it: the browser's own download is held (not
// given its file name, or paused) while Ferry is asked; only once Ferry has said it took the
// download is the browser's copy canceled and erased. Any failure (no host installed, Ferry
// refusing, no answer) releases the browser's download, which then goes on as if nothing happened.

/** The message `ferry native-host` takes to add a download (see its messages.ts). */
export interface AddMessage {
  type: 'add';
  url: string;
  cookies?: string;
  referer?: string;
  userAgent?: string;
  filename?: string;
}

export interface Cookie {
  name: string;
  value: string;
}

/** A Cookie header's value from the browser's cookies for the URL ("" -> none). */
export function cookieHeader(cookies: readonly Cookie[]): string {
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** The last part of a path the browser chose ("/home/u/Downloads/a.zip" -> "a.zip"). */
export function baseName(filename: string): string {
  return filename.split(/[\\/]/).pop() ?? '';
}

export function addMessage(parts: { url: string; cookies: readonly Cookie[]; referer?: string | undefined; userAgent?: string | undefined; filename?: string | undefined }): AddMessage {
  const message: AddMessage = { type: 'add', url: parts.url };
  const cookies = cookieHeader(parts.cookies);
  if (cookies) message.cookies = cookies;
  if (parts.referer) message.referer = parts.referer;
  if (parts.userAgent) message.userAgent = parts.userAgent;
  const name = parts.filename ? baseName(parts.filename) : '';
  if (name) message.filename = name;
  return message;
}

/** Ferry's answer to an add. */
export type AddReply = { ok: true; id: string } | { ok: false; error: { status: string; message: string } };

/** What a hand-off needs from the browser: the held download and the way to Ferry. */
export interface HandoffSteps {
  ask(message: AddMessage): Promise<AddReply>;
  /** Drops the browser's own download and its entry (called only after Ferry took it). */
  dropBrowserCopy(): Promise<void>;
  /** Lets the browser's own download go on (called on any failure). */
  release(): Promise<void> | void;
}

export type HandoffResult = { handedOver: true; id: string } | { handedOver: false; reason: string };

/** Why Ferry did not take it, from its answer: its sentence, not the status's name (shown to people in the page). */
function refusal(reply: { ok: boolean; error?: { status: string; message: string } } | null | undefined): string {
  return reply?.ok === false && reply.error ? reply.error.message : 'no answer from Ferry';
}

export async function handOff(message: AddMessage, steps: HandoffSteps): Promise<HandoffResult> {
  let reply: AddReply;
  try {
    reply = await steps.ask(message);
  } catch (error) {
    await steps.release();
    return { handedOver: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (!reply || reply.ok !== true) {
    await steps.release();
    return { handedOver: false, reason: refusal(reply) };
  }
  try {
    await steps.dropBrowserCopy();
  } catch {
    // Both have it now: the browser's copy stays, which loses nothing.
  }
  return { handedOver: true, id: reply.id };
}

/** Several links in one message: Ferry saves them together or none of them. */
export interface AddAllMessage {
  type: 'addAll';
  items: Array<Omit<AddMessage, 'type'>>;
}
export type AddAllReply = { ok: true; ids: string[] } | { ok: false; error: { status: string; message: string } };
export type BatchResult = { handedOver: true; ids: string[] } | { handedOver: false; reason: string };

export function addAllMessage(messages: readonly AddMessage[]): AddAllMessage {
  return { type: 'addAll', items: messages.map(({ type: _add, ...item }) => item) };
}

/** Nothing of the browser's is held for a batch: a failure is only said, the links are still there. */
export async function handOffAll(messages: readonly AddMessage[], ask: (message: AddAllMessage) => Promise<AddAllReply>): Promise<BatchResult> {
  try {
    const reply = await ask(addAllMessage(messages));
    return reply?.ok === true ? { handedOver: true, ids: reply.ids } : { handedOver: false, reason: refusal(reply) };
  } catch (error) {
    return { handedOver: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
