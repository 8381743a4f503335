// Which global limits are in force, and whether they hold transfers back. Precedence: the
// alternative limits switched on by hand win over the schedule (a person asked for them just now),
// the schedule's rules in force win over the normal limits. A timer to the schedule's next
// boundary switches them (never a poll); whether a limit binds is told by the pacers each time a
// global bucket makes a mover wait, and cleared once none has waited for a second.
import type { LimitStatus, Settings, TransferKind } from '../../../shared/model.ts';
import type { EngineClock } from '../service/clock.ts';
import { scheduledLimits } from '../policy/limit-schedule.ts';
import { nextBoundary } from '../policy/weekly-spans.ts';
import { RateLimits } from './rate-limits.ts';

type LimitSettings = Pick<
  Settings,
  'downloadLimitBytesPerSec' | 'uploadLimitBytesPerSec' | 'altDownloadLimitBytesPerSec' | 'altUploadLimitBytesPerSec' | 'alternativeLimitOn' | 'limitSchedule'
>;

/** How long after a mover last waited for a global limit it still counts as binding. */
const BINDING_MS = 1000;
/**
 * The longest the schedule's timer waits before it looks again: a wall clock set by hand or a
 * machine waking from sleep moves the boundaries under a timer that was set before.
 */
const MAX_TIMER_MS = 10 * 60_000;

export function limitsFor(settings: LimitSettings, at: number): Omit<LimitStatus, 'binding'> {
  if (settings.alternativeLimitOn) {
    return { source: 'alternative', rules: [], downloadBytesPerSec: settings.altDownloadLimitBytesPerSec, uploadBytesPerSec: settings.altUploadLimitBytesPerSec };
  }
  const scheduled = scheduledLimits(settings.limitSchedule, at);
  if (scheduled) return { source: 'schedule', rules: scheduled.rules, downloadBytesPerSec: scheduled.download, uploadBytesPerSec: scheduled.upload };
  return { source: 'normal', rules: [], downloadBytesPerSec: settings.downloadLimitBytesPerSec, uploadBytesPerSec: settings.uploadLimitBytesPerSec };
}

export class LimitsInForce {
  readonly rates: RateLimits;
  private readonly clock: EngineClock;
  private readonly changed: (status: LimitStatus) => void;
  private readonly whileBinding: (kinds: TransferKind[]) => void;
  private settings: LimitSettings | null = null;
  private inForce: Omit<LimitStatus, 'binding'> = { source: 'normal', rules: [], downloadBytesPerSec: 0, uploadBytesPerSec: 0 };
  private readonly lastHeld: Record<TransferKind, number | null> = { download: null, upload: null };
  private cancelBoundary: () => void = () => undefined;
  private cancelBindingCheck: (() => void) | null = null;
  private told = '';

  /**
   * `changed` hears the status each time it changes (limits in force, or a limit starting or ending
   * to bind); `whileBinding` the kinds that bind, once a second while any does (their transfers'
   * speeds fall between the bursts a limit lets through, with no byte to announce them).
   */
  constructor(clock: EngineClock, changed: (status: LimitStatus) => void, whileBinding: (kinds: TransferKind[]) => void = () => undefined) {
    this.clock = clock;
    this.changed = changed;
    this.whileBinding = whileBinding;
    this.rates = new RateLimits(() => clock.elapsed(), (kind) => this.held(kind));
  }

  status(): LimitStatus {
    return { ...this.inForce, binding: (['download', 'upload'] as const).filter((kind) => this.lastHeld[kind] !== null) };
  }

  /** The settings changed (or were read at start): the limits in force now, and the timer to the next boundary. */
  apply(settings: LimitSettings): void {
    this.settings = settings;
    this.evaluate();
  }

  close(): void {
    this.cancelBoundary();
    this.cancelBindingCheck?.();
    this.cancelBindingCheck = null;
  }

  private evaluate(): void {
    const settings = this.settings;
    if (!settings) return;
    const now = this.clock.now();
    this.inForce = limitsFor(settings, now);
    this.rates.setGlobal({ download: this.inForce.downloadBytesPerSec, upload: this.inForce.uploadBytesPerSec });
    this.cancelBoundary();
    const next = nextBoundary(settings.limitSchedule, now);
    this.cancelBoundary = next === null ? () => undefined : this.clock.setTimer(() => this.evaluate(), Math.min(next - now, MAX_TIMER_MS));
    this.tell();
  }

  private held(kind: TransferKind): void {
    const first = this.lastHeld[kind] === null;
    this.lastHeld[kind] = this.clock.elapsed();
    if (!first) return;
    this.tell();
    this.cancelBindingCheck ??= this.clock.setTimer(() => this.checkBinding(), BINDING_MS);
  }

  /** Once a second while a limit binds: one that no mover waited for within the last second no longer does. */
  private checkBinding(): void {
    this.cancelBindingCheck = null;
    const now = this.clock.elapsed();
    for (const kind of ['download', 'upload'] as const) {
      const at = this.lastHeld[kind];
      if (at !== null && now - at >= BINDING_MS) this.lastHeld[kind] = null;
    }
    this.tell();
    const binding = this.status().binding;
    if (binding.length === 0) return;
    this.whileBinding(binding);
    this.cancelBindingCheck = this.clock.setTimer(() => this.checkBinding(), BINDING_MS);
  }

  /** Tells `changed` when what it last heard is no longer true. */
  private tell(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.told) return;
    this.told = key;
    this.changed(status);
  }
}
