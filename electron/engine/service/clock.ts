// The engine's clock for what depends on the time: the limit schedule (the wall clock, local time)
// and the speed limits' buckets (a clock that only moves forward). Tests turn one by hand.
export interface EngineClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Milliseconds from some fixed point, never going back (the token buckets). */
  elapsed(): number;
  /** Calls `fire` once after `ms` by this clock; the answer cancels it. */
  setTimer(fire: () => void, ms: number): () => void;
}

export const SYSTEM_CLOCK: EngineClock = {
  now: () => Date.now(),
  elapsed: () => performance.now(),
  setTimer: (fire, ms) => {
    const timer = setTimeout(fire, ms);
    // A timer of the engine's never keeps a process alive by itself.
    timer.unref();
    return () => clearTimeout(timer);
  },
};
