/* The request rate one server accepts, learnt from its answers, after the AWS SDKs' "adaptive"
 * retry mode (ClientRateLimiter): no pacing at all until the server first throttles (429, 503);
 * then a token bucket whose fill rate drops multiplicatively (× beta) on a throttle and grows
 * back along a cubic curve (CUBIC congestion control): quickly back to the rate that was last
 * throttled, slowly around it, then faster again while the server keeps accepting more.
 *
 * Differences from the SDKs, each for a reason measured in bench/bulk.ts:
 *  - the rate a throttle drops from is what the server *accepted* over the last two seconds
 *    (answers that were not throttled), not what was sent, so the first throttle after an
 *    unpaced burst lands near the server's rate instead of far above it, and one right after a
 *    Retry-After hold counts the held time too;
 *  - one decrease per congestion event: throttles of requests sent before the last decrease
 *    (already in flight when it happened) do not decrease again (as TCP reacts once per window);
 *  - the cubic's scale is relative to the last throttled rate (K is the same at 20/s and at
 *    2,000/s), so a server whose limit rises is followed within seconds at any scale;
 *  - the bucket holds one request (pure pacing, no bursts): bursts are what a server's own
 *    bucket punishes.
 * Pure: the caller passes the clock (ms). */

export interface AdaptiveRateOptions {
  /** Multiplicative decrease on a throttle (AWS: 0.7). */
  beta?: number;
  /** Cubic growth per s³, as a share of the last throttled rate (1: back to it in 0.67 s at
   *  beta 0.7, three times it two seconds later; AWS uses 0.4 per s³ in absolute requests/s). */
  growth?: number;
  /** Floor of the paced rate (requests/s; AWS: 0.5). */
  minRate?: number;
  /** "The server is throttling" is shown this long after the last throttle (ms). */
  throttledForMs?: number;
  /** How far back the accepted rate is measured (ms). Two seconds: a throttle that comes right
   *  after a Retry-After hold then counts the held second too, so the rate drops to what the
   *  server sustained rather than to the burst its refilled bucket let through (bench (c)). */
  windowMs?: number;
}

const SECOND = 1000;

export class AdaptiveRate {
  private readonly beta: number;
  private readonly growth: number;
  private readonly minRate: number;
  private readonly throttledForMs: number;
  private readonly windowMs: number;
  /** Pacing starts with the first throttle. */
  private paced = false;
  private rate = Number.POSITIVE_INFINITY;
  /** The rate that was throttled last (W_max) and when the rate was last decreased. */
  private lastMax = 0;
  private decreasedAt = Number.NEGATIVE_INFINITY;
  private lastThrottleAt = Number.NEGATIVE_INFINITY;
  /** Theoretical time of the next start (GCRA). */
  private nextStartAt = Number.NEGATIVE_INFINITY;
  /** Times of answers the server accepted within the window. */
  private readonly accepted: number[] = [];
  /** The first answer this server gave: before a whole window has passed, the rate is measured since then. */
  private firstAnswerAt: number | undefined;

  constructor(options: AdaptiveRateOptions = {}) {
    this.beta = options.beta ?? 0.7;
    this.growth = options.growth ?? 1;
    this.minRate = options.minRate ?? 0.5;
    this.throttledForMs = options.throttledForMs ?? 5_000;
    this.windowMs = options.windowMs ?? 2_000;
  }

  /** Requests per second paced now (Infinity while the server has never throttled). */
  current(): number {
    return this.paced ? this.rate : Number.POSITIVE_INFINITY;
  }

  /** When the next request may start (≤ now: at once). */
  readyAt(now: number): number {
    return this.paced ? this.nextStartAt : now;
  }

  /** A request starts now. */
  started(now: number): void {
    if (this.paced) this.nextStartAt = Math.max(this.nextStartAt, now) + SECOND / this.rate;
  }

  /** An answer arrived for a request started at `startedAt`; `throttled`: 429 or 503. */
  answered(now: number, startedAt: number, throttled: boolean): void {
    this.firstAnswerAt ??= now;
    this.trim(now);
    if (throttled) {
      this.lastThrottleAt = now;
      if (startedAt < this.decreasedAt) return; // already reacted to this congestion event
      const accepted = Math.max(this.minRate, this.acceptedPerSecond(now));
      this.lastMax = this.paced ? Math.min(accepted, this.rate) : accepted;
      this.rate = Math.max(this.minRate, this.lastMax * this.beta);
      this.decreasedAt = now;
      this.paced = true;
      return;
    }
    this.accepted.push(now);
    if (!this.paced) return;
    const k = Math.cbrt((1 - this.beta) / this.growth);
    const t = (now - this.decreasedAt) / SECOND;
    const cubic = this.lastMax * (1 + this.growth * (t - k) ** 3);
    // Never far above what is really used (AWS: 2 × the measured rate), so a run bounded by its
    // concurrency does not build up a rate it has never tried.
    const used = Math.max(this.acceptedPerSecond(now), this.lastMax * this.beta);
    this.rate = Math.max(this.minRate, Math.min(cubic, 2 * used));
  }

  /** Whether the server throttled within the last `throttledForMs`. */
  throttled(now: number): boolean {
    return now - this.lastThrottleAt < this.throttledForMs;
  }

  /** Answers accepted per second over the window (holds and bursts included, as the server saw them). */
  private acceptedPerSecond(now: number): number {
    const span = Math.min(this.windowMs, now - (this.firstAnswerAt ?? now));
    return (this.accepted.length * SECOND) / Math.max(span, SECOND / 10);
  }

  private trim(now: number): void {
    let drop = 0;
    while (drop < this.accepted.length && (this.accepted[drop] as number) <= now - this.windowMs) drop += 1;
    if (drop > 0) this.accepted.splice(0, drop);
  }
}
