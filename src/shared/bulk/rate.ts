/* Current rate and ETA over a sliding window. Pure: the caller passes the clock. */

export class RateWindow {
  private readonly stamps: number[] = [];

  /** @param windowMs how far back "current" looks; long enough to smooth bursts of retries. */
  constructor(private readonly windowMs = 10_000) {}

  /** Record `n` items settled at `now` (ms). */
  record(now: number, n = 1): void {
    for (let i = 0; i < n; i += 1) this.stamps.push(now);
    this.trim(now);
  }

  /** Items per second over the window; 0 until two moments are known. */
  ratePerSecond(now: number): number {
    this.trim(now);
    const first = this.stamps[0];
    if (first === undefined || this.stamps.length < 2) return 0;
    // Span from the oldest settled item in the window to now; at least 250 ms so one
    // burst right after the start does not read as an absurd rate.
    const spanMs = Math.max(now - first, 250);
    return (this.stamps.length / spanMs) * 1000;
  }

  /** Milliseconds left for `remaining` items at the current rate; null when unknown. */
  etaMs(now: number, remaining: number): number | null {
    if (remaining <= 0) return 0;
    const rate = this.ratePerSecond(now);
    if (rate <= 0) return null;
    return Math.round((remaining / rate) * 1000);
  }

  private trim(now: number): void {
    const cutoff = now - this.windowMs;
    let drop = 0;
    while (drop < this.stamps.length && (this.stamps[drop] ?? 0) < cutoff) drop += 1;
    if (drop > 0) this.stamps.splice(0, drop);
  }
}
