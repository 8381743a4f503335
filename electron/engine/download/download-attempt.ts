// One attempt of a download, whatever the protocol: open the source at the bytes on disk, and
// stream its body into the part file with durable checkpoints. Retrying is the operation's job,
// always from the bytes on disk.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { TransferError } from '../errors/transfer-error.ts';
import { classifyError } from '../errors/error-classify.ts';
import { NOFOLLOW, openPartFile, type FileIdentity, type PartFile } from '../storage/part-file.ts';
import { PartFileWriter } from '../storage/part-file-writer.ts';
import type { DownloadSource, SourceAnswer, SourceRequest } from '../protocols/download-source.ts';
import { FlowWatchdog, type FlowLimits } from '../pipe/flow-watchdog.ts';
import { PACE_STEP_MS, type Pacer } from '../pipe/token-bucket.ts';
import { bodyBytesReceived } from '../pipe/young-garbage.ts';
import { canLend } from '../pipe/lent-chunks.ts';
import { runSegmented, type SegmentedInput } from './segmented-run.ts';
import { PartAddress } from './part-address.ts';

export interface AttemptInput extends SourceRequest {
  /** The part file the bytes on disk are in, if there is one yet. */
  partPath: string | null;
  flow: FlowLimits;
  /** The speed limits the body is read under. */
  pacer: Pacer;
  /**
   * Called once the answer is accepted; returns the part file to write into and, if it exists, its
   * identity, and how to fetch it over several connections when it is to be (else null).
   */
  preparePart(answer: SourceAnswer): Promise<{ partPath: string; identity: FileIdentity | null; segments: SegmentsPlan | null }>;
  /** The part file is open: this is the file later attempts must find at its name. */
  onPartOpened(identity: FileIdentity): void;
  onWritten(bytesOnDisk: number): void;
  onDurable(bytesDurable: number): void;
}

/** What a segmented attempt needs besides the attempt's own input (see segmented-run.ts). */
export type SegmentsPlan = Pick<SegmentedInput, 'durable' | 'fixed' | 'max' | 'hosts' | 'host' | 'wanted' | 'onDurable' | 'onConnections' | 'onServerLimit' | 'mirrors' | 'onMirrorUnused' | 'onAddresses'> & {
  /** Where the first connection's part ends (exclusive). */
  firstEnd: number;
};

export type AttemptResult =
  | { kind: 'complete'; bytes: number; total: number | null }
  /** `oneConnection`: the server is not to be trusted with parts (see segmented-run.ts). */
  | { kind: 'retryFromZero'; reason: string; oneConnection?: boolean };

export async function runDownloadAttempt(source: DownloadSource, input: AttemptInput): Promise<AttemptResult> {
  let body: Readable | null = null;
  let part: PartFile | null = null;
  let watchdog: FlowWatchdog | null = null;
  let partPath: string | undefined;
  let writer: PartFileWriter | null = null;
  try {
    const opening = await source.open(input);
    if (opening.kind === 'complete') return { kind: 'complete', bytes: input.offset, total: input.offset };
    if (opening.kind === 'retryFromZero') return { kind: 'retryFromZero', reason: opening.reason };
    if (opening.kind === 'lastByte') {
      return opening.byte !== null && (await lastByteOnDisk(input.partPath, input.offset)) === opening.byte
        ? { kind: 'complete', bytes: input.offset, total: input.offset }
        : { kind: 'retryFromZero', reason: 'the last byte on the server differs from the one on disk' };
    }
    const { answer } = opening;
    const stream = opening.body;
    body = stream;
    const prepared = await input.preparePart(answer);
    partPath = prepared.partPath;
    if (prepared.segments && answer.total !== null) {
      return await segmentedAttempt(source, input, { answer, body: stream, partPath, identity: prepared.identity, plan: prepared.segments, total: answer.total });
    }
    part = await openPartFile(partPath, answer.offset, prepared.identity, answer.total === null ? null : answer.total - answer.offset);
    input.onPartOpened(part.identity);

    const dog = new FlowWatchdog(input.flow, 'download', (error) => stream.destroy(error));
    watchdog = dog;
    writer = new PartFileWriter(
      part,
      answer.offset,
      (bytes) => {
        // The disk took a write: a socket paused while it works is not stalled.
        dog.touch();
        input.onWritten(bytes);
      },
      input.onDurable,
    );
    stream.on('data', (chunk: Buffer) => dog.moved(chunk.length));

    await pump(stream, writer, { pacer: input.pacer, held: (held) => (held ? dog.hold() : dog.release()) });
    const bytes = writer.bytesWritten;
    if (answer.total !== null && bytes !== answer.total) {
      throw new TransferError('ConnectionReset', `the connection ended after ${bytes} of ${answer.total} bytes`);
    }
    return { kind: 'complete', bytes, total: answer.total ?? bytes };
  } catch (error) {
    if (input.signal.aborted) throw input.signal.reason ?? error;
    throw classifyError(error, { url: input.url, ...(partPath ? { path: partPath } : {}) });
  } finally {
    watchdog?.stop();
    if (body && !body.destroyed) body.destroy();
    // A writer that finished has synced and checkpointed everything (_final). One that failed has
    // not: once no write is in flight, flush what it did write, so the next attempt resumes from it
    // instead of fetching it again.
    await writer?.idle();
    if (writer && !writer.writableFinished) await writer.sync().catch(() => undefined);
    try {
      part?.close();
    } catch {
      // Nothing left to lose: every byte that counts was synced above.
    }
  }
}

/** The rest of an attempt whose first answer is the first of several connections. */
async function segmentedAttempt(
  source: DownloadSource,
  input: AttemptInput,
  first: { answer: SourceAnswer; body: Readable; partPath: string; identity: FileIdentity | null; plan: SegmentsPlan; total: number },
): Promise<AttemptResult> {
  const { answer, plan, total } = first;
  // The whole length at once (sparse): each connection writes at its place. No direct writes here:
  // this descriptor only flushes the file.
  const home = await openPartFile(first.partPath, answer.offset, first.identity, 0, { size: total });
  try {
    input.onPartOpened(home.identity);
    const result = await runSegmented({
      ...plan,
      source,
      // Each connection proves the version this answer is, and asks where it came from.
      request: { ...input, facts: answer.facts, knownTotal: total },
      address: new PartAddress(input.url, answer.finalUrl),
      partPath: first.partPath,
      identity: home.identity,
      total,
      flow: input.flow,
      pacer: input.pacer,
      first: { body: first.body, start: answer.offset, end: plan.firstEnd },
      datasync: () => home.datasync(),
      onWritten: input.onWritten,
    });
    return result.kind === 'complete' ? { kind: 'complete', bytes: total, total } : result;
  } finally {
    home.close();
  }
}

/** The part file's byte at `offset - 1`, or null when there is none to read. */
async function lastByteOnDisk(partPath: string | null, offset: number): Promise<number | null> {
  if (!partPath || offset < 1) return null;
  const byte = Buffer.alloc(1);
  const handle = await fsp.open(partPath, fs.constants.O_RDONLY | NOFOLLOW);
  try {
    const { bytesRead } = await handle.read(byte, 0, 1, offset - 1);
    return bytesRead === 1 ? byte[0]! : null;
  } finally {
    await handle.close();
  }
}

/** A speed limit on the source: it is paused while the pacer's debt lasts, and `held` says when. */
export interface PumpPace {
  pacer: Pacer;
  held(held: boolean): void;
}

/**
 * Where a segment's bytes stop: `wanted` may shrink while it runs (another connection took the far
 * part). Past it nothing is written, and the source is closed unless it ends there by itself.
 */
export interface PumpClip {
  wanted(): number;
  took(bytes: number): void;
  /** The source's answer ends exactly where `wanted` runs out. */
  endsThere(): boolean;
}

/**
 * Like pipeline, except that when the source fails the writer still writes what it had buffered
 * before the error is reported: every byte that arrived is kept for the next attempt. A source that
 * already failed or closed (while the part file was being opened) ends the writer at once.
 */
export function pump(source: Readable, writer: Writable, pace?: PumpPace, clip?: PumpClip): Promise<void> {
  return new Promise((resolve, reject) => {
    if (source.destroyed) {
      const error = source.errored ?? new TransferError('ConnectionReset', 'the connection closed before the body arrived');
      writer.once('finish', () => reject(error));
      writer.once('error', reject);
      writer.end();
      return;
    }
    let sourceError: unknown = null;
    // The writer copies each chunk before its write returns, and no listener here keeps one. Lent
    // chunks are no garbage: the young generation is not collected for them (young-garbage.ts).
    const lent = writer instanceof PartFileWriter && canLend(source);
    if (lent) source.lendChunks();
    // Flow control on what waits behind the write in progress (PartFileWriter's backlog), not on
    // writableLength, which counts that write too: the socket keeps flowing while the disk works,
    // instead of stopping until everything queued is on disk ('drain').
    const limit = writer.writableHighWaterMark;
    const backlog = (): number => (writer as Writable & { backlog?: number }).backlog ?? writer.writableLength;
    let pacing = false;
    let endWhenPaced = false;
    // Paused while over the limit; asked again every PACE_STEP_MS, as the limit may change meanwhile.
    // A body that ended meanwhile (the kernel had it all) ends only then: the limit holds to the end.
    const paceWait = (): void => {
      const wait = pace!.pacer.waitLeft();
      // A body that ended is destroyed (autoDestroy) and still waits; one that failed does not.
      if (wait > 0 && sourceError === null) {
        setTimeout(paceWait, Math.min(wait, PACE_STEP_MS));
        return;
      }
      pacing = false;
      pace!.held(false);
      if (endWhenPaced) writer.end();
      else maybeResume();
    };
    let clipped = false;
    source.on('data', (data: Buffer) => {
      if (clipped) return;
      const chunk = data;
      if (clip) {
        const left = clip.wanted();
        if (chunk.length > left || (chunk.length === left && !clip.endsThere())) {
          clipped = true;
          if (left > 0) {
            writer.write(chunk.subarray(0, left));
            clip.took(left);
          }
          // Closed without an error: no 'end' or 'error' follows; the writer ends with what it has.
          source.destroy();
          writer.end();
          return;
        }
        clip.took(chunk.length);
      }
      writer.write(chunk);
      if (!lent) bodyBytesReceived(chunk.length);
      if (pace) {
        pace.pacer.take(chunk.length);
        if (!pacing && pace.pacer.waitLeft() > 0) {
          pacing = true;
          pace.held(true);
          source.pause();
          paceWait();
        }
      }
      if (backlog() >= limit) source.pause();
    });
    const maybeResume = (): void => {
      if (source.isPaused() && !pacing && backlog() < limit) source.resume();
    };
    writer.on('drain', maybeResume);
    writer.on('batchWritten', maybeResume);
    source.once('end', () => (pacing ? (endWhenPaced = true) : writer.end()));
    source.once('error', (error) => {
      sourceError = error;
      writer.end();
    });
    writer.once('finish', () => (sourceError ? reject(sourceError) : resolve()));
    writer.once('error', (error) => {
      source.destroy();
      reject(sourceError ?? error);
    });
  });
}
