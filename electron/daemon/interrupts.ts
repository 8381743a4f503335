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
