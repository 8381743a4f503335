// An upload's work in a run (the lifecycle around it is operation/operation.ts): check the files
// are as they were, send them through the protocol's sink, keep the server's answer and judge it.
// After a relaunch, as the OS services do: a plain PUT starts again from zero and says so, a POST
// is never sent again by itself (the server may have acted on it), and tus continues from the
// server's offset.
import fs from 'node:fs';
import path from 'node:path';
import type { TransferState } from '../../../shared/model.ts';
import { TransferError } from '../errors/transfer-error.ts';
import { httpError } from '../protocols/http/http-errors.ts';
import { splitCredential } from '../intake/transfer-request.ts';
import { transferProxy } from '../proxy/choose-proxy.ts';
import { transferSession, type HttpSession } from '../protocols/http/auth/http-session.ts';
import { uploadSinkFor } from '../protocols/registry.ts';
import { assertUnchanged } from '../storage/source-file.ts';
import type { UploadRecord } from '../state/records.ts';
import type { OperationStep, Reattachment, StepContext, StepDescription } from '../operation/step.ts';
import { flowLimits } from '../pipe/flow-watchdog.ts';

/** States a saved upload was sending in (or about to send again by itself) when Ferry stopped. */
const WAS_SENDING: readonly TransferState[] = ['running', 'retrying'];

export class UploadStep implements OperationStep {
  private bytesSent: number;
  private readonly record: UploadRecord;
  private readonly context: StepContext;
  private session: HttpSession | null = null;

  constructor(record: UploadRecord, context: StepContext) {
    this.record = record;
    this.context = context;
    this.bytesSent = record.state === 'completed' ? (record.totalBytes ?? 0) : record.bytesConfirmed;
  }

  get bytesDone(): number {
    return this.bytesSent;
  }

  describe(): StepDescription {
    const r = this.record;
    return {
      path: r.files[0]!.path,
      upload: {
        protocol: r.protocol,
        method: r.method,
        files: r.files.map((f) => ({ path: f.path, name: f.name, size: f.size, field: f.field })),
        fields: r.fields.map((f) => f.name),
      },
      response: r.response,
      segments: null,
      checksum: null,
      mirrors: [],
      mirrorInUse: null,
    };
  }

  restored(): void {
    this.bytesSent = this.record.bytesConfirmed;
  }

  forgetProgress(): () => Promise<void> {
    // A tus upload starts anew (the server expires the old one); nothing of ours is on disk.
    this.record.bytesConfirmed = 0;
    this.record.protocolState = null;
    this.record.response = null;
    this.bytesSent = 0;
    return async () => undefined;
  }

  async reattach(saved: TransferState): Promise<Reattachment> {
    const r = this.record;
    if (!WAS_SENDING.includes(saved) || r.protocol === 'tus') return null;
    if (r.method === 'POST') {
      return {
        to: 'failed',
        reason: 'Ferry stopped while this POST was being sent; a POST is not sent again by itself',
        error: {
          status: 'ConnectionReset',
          httpStatus: null,
          message: 'Ferry stopped while this POST was being sent, and a POST is not sent again by itself (the server may already have acted on it): Retry to send it again',
        },
      };
    }
    this.bytesSent = 0;
    return { to: 'queued', reason: 'picked up again after Ferry restarted; a plain PUT cannot continue, so it starts again from the first byte' };
  }

  async leave(): Promise<boolean> {
    // Copies the host made for this upload (a browser's drop) go with it; the user's own files stay.
    if (!this.record.ownsFiles) return false;
    for (const file of this.record.files) {
      await fs.promises.rm(file.path, { force: true }).catch(() => undefined);
      await fs.promises.rmdir(path.dirname(file.path)).catch(() => undefined);
    }
    return false;
  }

  async run(signal: AbortSignal): Promise<string> {
    const r = this.record;
    for (const file of r.files) assertUnchanged(file);
    const settings = this.context.env.settings();
    const secret = this.context.env.secret(r.id);
    const resumable = r.protocol === 'tus';
    const start = resumable ? r.bytesConfirmed : 0;
    this.bytesSent = start;
    this.context.attemptStarts(start);
    r.response = null;
    const sink = await uploadSinkFor(r.protocol);
    const response = await sink.send({
      url: r.url,
      method: r.method,
      headers: { ...r.headers, ...secret?.headers },
      credential: secret?.credential ? splitCredential(secret.credential) : null,
      files: r.files,
      fields: r.fields,
      facts: r.protocolState,
      connectTimeoutMs: settings.connectTimeoutMs,
      responseTimeoutMs: settings.responseTimeoutMs,
      flow: flowLimits(settings),
      pacer: this.context.env.pacerFor(r),
      signal,
      dnsLookup: this.context.env.dnsLookup,
      proxy: transferProxy(r, secret, this.context.env),
      // One per transfer while Ferry runs: its runs, segments and retries share challenges and cookies.
      session: (this.session ??= transferSession(this.record.id, secret, this.context.env)),
      onTotal: (bytes) => {
        if (r.totalBytes !== bytes) {
          r.totalBytes = bytes;
          this.context.changed(false);
        }
      },
      onProgress: (sent) => {
        this.bytesSent = resumable ? sent : Math.min(sent, r.totalBytes ?? sent);
        this.context.progressed(this.bytesSent);
      },
      onConfirmed: (bytes) => {
        r.bytesConfirmed = bytes;
        this.context.changed(false);
      },
      onFacts: (facts) => {
        r.protocolState = facts;
        // On disk at once (tus: the upload's URL): a crash from here continues this upload instead of making another.
        this.context.changed(true);
      },
    });
    r.response = response;
    this.context.changed(true);
    // A file that changed while it was sent (even after its last byte left) is not the file the
    // server now holds: never a success for it.
    if (response.status < 400) for (const file of r.files) assertUnchanged(file);
    if (response.status >= 200 && response.status < 300) {
      this.bytesSent = r.totalBytes ?? this.bytesSent;
      return `the server accepted it (HTTP ${response.status})`;
    }
    if (response.status === 303) {
      this.bytesSent = r.totalBytes ?? this.bytesSent;
      return `the server accepted it and points to ${response.location ?? 'another page'} (HTTP 303)`;
    }
    if (response.status >= 300 && response.status < 400) {
      throw new TransferError('ServerError', `the server answered HTTP ${response.status}, redirecting the upload to ${response.location ?? 'another address'}; upload to that address instead`, { httpStatus: response.status, permanent: true });
    }
    throw httpError(response.status, undefined, r.url, {}, this.loginName());
  }

  /** The name of the login the upload carries (null: none); undefined when the user's own Authorization header speaks for it. */
  private loginName(): string | null | undefined {
    if (this.record.secretHeaderNames.includes('authorization')) return undefined;
    const credential = this.context.env.secret(this.record.id)?.credential;
    return credential ? splitCredential(credential).username : null;
  }
}
