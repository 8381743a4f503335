// "When everything is done": once no transfer runs, waits for a slot or waits to retry, and no
// group's actions run, a countdown starts (WHEN_DONE_COUNTDOWN_MS on the engine's clock); anything
// that becomes busy meanwhile stops it (the choice stays, for when that is done too); at its end
// the choice goes back to nothing and the host carries it out. One-shot and in memory only: a
// restart forgets it, so a Ferry started again never shuts the computer down by itself.
import { WHEN_DONE_COUNTDOWN_MS, type WhenDoneAction, type WhenDoneChoice, type WhenDoneStatus } from '../../../shared/when-done.ts';
import { TransferError } from '../errors/transfer-error.ts';
import type { EngineClock } from '../service/clock.ts';
import type { Warn } from '../state/store.ts';

/** What a host does for each choice (quit: stop cleanly with the state saved; sleep, shut down: the OS). */
export interface WhenDoneHost {
  /** The actions this host can carry out here. */
  available: WhenDoneAction[];
  act(action: WhenDoneAction): Promise<void>;
}

export interface WhenDoneDeps {
  host(): WhenDoneHost | null;
  /** Whether anything is still to be done (see WHEN_DONE_BUSY_STATES; a group's actions running). */
  busy(): boolean;
  clock(): EngineClock;
  emit(status: WhenDoneStatus): void;
  warn: Warn;
}

const WORDS: Record<WhenDoneAction, string> = { quit: 'quitting Ferry', sleep: 'putting the computer to sleep', shutdown: 'shutting the computer down' };

export class WhenDone {
  private readonly deps: WhenDoneDeps;
  private choice: WhenDoneChoice = 'nothing';
  private endsAt: number | null = null;
  private stopTimer: (() => void) | null = null;
  private problem: string | null = null;
  private closed = false;

  constructor(deps: WhenDoneDeps) {
    this.deps = deps;
  }

  status(): WhenDoneStatus {
    const host = this.deps.host();
    return {
      choice: this.choice,
      countdownMs: this.endsAt === null ? null : Math.max(0, this.endsAt - this.deps.clock().now()),
      available: ['nothing', ...(host?.available ?? [])],
      problem: this.problem,
    };
  }

  /** A new choice: 'nothing' cancels a countdown; another starts afresh (at once if nothing is busy). */
  set(choice: WhenDoneChoice): WhenDoneStatus {
    if (this.closed) throw new TransferError('InvalidArgument', 'Ferry is shutting down');
    if (!this.status().available.includes(choice)) {
      throw new TransferError('InvalidArgument', this.deps.host() ? `this computer cannot ${choice === 'sleep' ? 'be put to sleep' : 'be shut down'} by Ferry` : 'this host does not act when everything is done (the daemon and the desktop app do)');
    }
    if (choice === this.choice) return this.status();
    this.stopCountdown();
    this.choice = choice;
    this.problem = null;
    this.check();
    this.emit();
    return this.status();
  }

  /** The list or a group changed: start or stop the countdown. */
  check(): void {
    if (this.closed || this.choice === 'nothing') return;
    const busy = this.deps.busy();
    if (busy && this.endsAt !== null) {
      this.stopCountdown();
      this.emit();
    } else if (!busy && this.endsAt === null) {
      const clock = this.deps.clock();
      this.endsAt = clock.now() + WHEN_DONE_COUNTDOWN_MS;
      this.stopTimer = clock.setTimer(() => this.countdownOver(), WHEN_DONE_COUNTDOWN_MS);
      this.emit();
    }
  }

  close(): void {
    this.closed = true;
    this.stopCountdown();
  }

  private countdownOver(): void {
    this.stopTimer = null;
    this.endsAt = null;
    // Something came in since the last change was heard: wait for it.
    if (this.closed || this.choice === 'nothing') return;
    if (this.deps.busy()) return this.emit();
    const action = this.choice;
    this.choice = 'nothing';
    this.emit();
    void this.deps
      .host()
      ?.act(action)
      .catch((error: unknown) => {
        this.problem = `could not finish ${WORDS[action]}: ${(error as Error).message}`;
        this.deps.warn(this.problem);
        this.emit();
      });
  }

  private stopCountdown(): void {
    this.stopTimer?.();
    this.stopTimer = null;
    this.endsAt = null;
  }

  private emit(): void {
    if (!this.closed) this.deps.emit(this.status());
  }
}
