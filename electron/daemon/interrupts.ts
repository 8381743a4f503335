// Ctrl-C and SIGTERM for the long-running commands. atomically's exit hook (when-exit)
// re-raises a signal at once after its own cleanup; the process must survive that echo, so the
// listeners stay installed (process.on, not once) and a repeat within a second is ignored.

const ECHO_MS = 1000;

/**
 * Calls `onFirst` on the first SIGINT/SIGTERM and `onRepeat` on another one at least a second
 * later (a person pressing Ctrl-C again). Returns a function that stops listening.
 */
export function onInterrupt(onFirst: () => void, onRepeat: () => void = () => undefined): () => void {
  let firstAt: number | null = null;
  const listener = (): void => {
    if (firstAt === null) {
      firstAt = Date.now();
      onFirst();
    } else if (Date.now() - firstAt > ECHO_MS) {
      onRepeat();
    }
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}

/**
 * Ctrl-C for a command from its start, before it has anything to act on: a signal that comes while
 * it starts up is kept (not lost, nor killing it half-way) and handed to `handle` once there is
 * something to pause. Pressed again a second later: exit at once (the last checkpoint is on disk).
 */
export class EarlyInterrupt {
  private handler: (() => void) | null = null;
  private heard = false;
  private readonly stopListening: () => void;

  constructor() {
    this.stopListening = onInterrupt(
      () => {
        this.heard = true;
        this.handler?.();
      },
      () => process.exit(130),
    );
  }

  get interrupted(): boolean {
    return this.heard;
  }

  /** What Ctrl-C does from now on (null: nothing); called at once if it was pressed already. */
  handle(handler: (() => void) | null): void {
    this.handler = handler;
    if (this.heard) handler?.();
  }

  /** The command is done. After a Ctrl-C it listens until the process ends, so the signal's echo is ignored. */
  stop(): void {
    this.handler = null;
    if (!this.heard) this.stopListening();
  }
}
