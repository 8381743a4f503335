// Where a segmented download's extra connections ask: the address its first answer came from, after
// the redirects. Asking the given address again would go through its redirector on every
// connection, which may hand each one another mirror or a newly signed URL: parts of another file
// or server. When that address expired (a signed URL: 403, 404, 410), the given address is asked
// once more, for a part, and its new end serves the next connections if that answer is accepted.
import type { SourceOpening } from '../protocols/download-source.ts';
import type { TransferError } from '../errors/transfer-error.ts';

/** What a signed address that expired answers. */
const EXPIRED = new Set([403, 404, 410]);

export class PartAddress {
  /** Where the next part is asked. */
  url: string;
  /** The address the user gave (its secrets were given for it). */
  readonly given: string;
  /** The one way back through the given address, once asked (null: not yet). */
  private back: Promise<unknown> | null = null;

  constructor(given: string, final: string) {
    this.given = given;
    this.url = final;
  }

  /**
   * Opens a part at the address now in use (`open` asks a URL; `accept` checks the answer and
   * throws when it is not the part). An expired address a redirect led to is resolved again
   * through the given one, once per run: a second expiry is the caller's to judge (`ExpiredAgain`).
   */
  async open<T>(open: (url: string) => Promise<SourceOpening>, accept: (opening: SourceOpening) => T): Promise<T> {
    const asked = this.url;
    try {
      return accept(await open(asked));
    } catch (error) {
      if (!expired(error) || asked === this.given) throw error;
      if (this.back) {
        // Another connection went back already: its address, if it found one.
        await this.back.catch(() => undefined);
        if (this.url === asked) throw new ExpiredAgain(error as TransferError);
        return accept(await open(this.url));
      }
      const back = this.goBack(open, accept);
      this.back = back;
      return back;
    }
  }

  private async goBack<T>(open: (url: string) => Promise<SourceOpening>, accept: (opening: SourceOpening) => T): Promise<T> {
    let opening: SourceOpening;
    try {
      opening = await open(this.given);
    } catch (error) {
      throw expired(error) ? new ExpiredAgain(error as TransferError) : error;
    }
    const accepted = accept(opening);
    // Accepted: the same file, the same length, exactly the part asked (see segment-lane.ts).
    if (opening.kind === 'body') this.url = opening.answer.finalUrl;
    return accepted;
  }
}

/** The address expired and going back through the given one did not give a working one. */
export class ExpiredAgain extends Error {
  readonly expiry: TransferError;

  constructor(expiry: TransferError) {
    super(expiry.message);
    this.expiry = expiry;
  }
}

function expired(error: unknown): boolean {
  const status = (error as Partial<TransferError> | null)?.httpStatus;
  return typeof status === 'number' && EXPIRED.has(status);
}
