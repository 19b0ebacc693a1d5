/* Progress events, coalesced: a run changes per request (several times per item), which would
 * flood IPC on large runs. A new state is sent at once; otherwise at most one event every
 * `intervalMs`, with a trailing one so the latest counts always arrive. A listener that throws
 * never breaks the run. */

export class ProgressEmitter<P extends { state: string }> {
  private readonly listeners = new Set<(progress: P) => void>();
  private lastState: string | undefined;
  private lastAt = Number.NEGATIVE_INFINITY;
  private trailing: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly snapshot: () => P,
    private readonly monotonic: () => number,
    private readonly intervalMs = 50,
  ) {}

  on(listener: (progress: P) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something changed: send now, or soon. */
  changed(): void {
    if (this.listeners.size === 0) return;
    const state = this.snapshot().state;
    const now = this.monotonic();
    if (state === this.lastState && now - this.lastAt < this.intervalMs) {
      this.trailing ??= setTimeout(() => {
        this.trailing = undefined;
        this.send();
      }, this.intervalMs - (now - this.lastAt));
      return;
    }
    this.send();
  }

  private send(): void {
    if (this.trailing) {
      clearTimeout(this.trailing);
      this.trailing = undefined;
    }
    const progress = this.snapshot();
    this.lastState = progress.state;
    this.lastAt = this.monotonic();
    for (const listener of this.listeners) {
      try {
        listener(progress);
      } catch {
        // A listener (UI, IPC) must never break the run.
      }
    }
  }
}
