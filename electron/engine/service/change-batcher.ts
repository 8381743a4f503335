// Coalesces per-transfer changes into at most one event per interval for the whole list.
export class ChangeBatcher<T> {
  private readonly pending = new Map<string, () => T>();
  private timer: NodeJS.Timeout | null = null;

  private readonly emit: (items: T[]) => void;
  private readonly intervalMs: number;

  constructor(emit: (items: T[]) => void, intervalMs = 100) {
    this.emit = emit;
    this.intervalMs = intervalMs;
  }

  /** Marks `id` changed; `read` is called when the batch goes out, so the latest value is sent. */
  mark(id: string, read: () => T): void {
    this.pending.set(id, read);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Drops what is pending for `ids` (transfers that left the list): no late change brings them back. */
  forget(ids: string[]): void {
    for (const id of ids) this.pending.delete(id);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const items = [...this.pending.values()].map((read) => read());
    this.pending.clear();
    this.emit(items);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
