/* One RequestLimiter per server, shared by every caller of that server (browsing, bulk
 * staging, cache sync), so together they never have more than `maxInFlight` requests open.
 * Beyond that there is no fixed request rate: the rate adapts to the server (AdaptiveRate,
 * after the AWS SDKs' adaptive mode) — unpaced until it throttles (429/503), then paced to
 * what it accepts and probing upward. A person may set a ceiling (`requestsPerSecond`, or
 * setCeiling: the app's setting, the CLI's --max-rate), enforced over any sliding second (not a
 * fixed interval, which allows two full bursts back to back across its boundary).
 * It also carries the server's "Retry-After": after a 429 nobody starts a request until the
 * server said it may, since rate limits apply to the whole session. */
import { AppError } from '../../shared/errors';
import { EVO_ASSUMPTIONS } from '../../shared/evo/assumptions';
import type { RequestRate } from '../../shared/request-rate';
import { AdaptiveRate, type AdaptiveRateOptions } from './adaptive-rate';

export interface LimiterClock {
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

export const REAL_CLOCK: LimiterClock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RequestLimiterOptions {
  maxInFlight?: number;
  /** A ceiling on starts per sliding second (none by default). */
  requestsPerSecond?: number | null;
  clock?: LimiterClock;
  adaptive?: AdaptiveRateOptions;
}

export interface LimiterStats {
  inFlight: number;
  queued: number;
  /** Highest in-flight count seen since creation. */
  maxInFlightSeen: number;
  started: number;
}

interface Waiter {
  start: () => void;
  detach: () => void;
}

const WINDOW_MS = 1000;

/** A 429, or a 503 (the server shedding load): slow down. */
const isThrottle = (error: unknown) => error instanceof AppError && (error.kind === 'RateLimited' || error.status === 503);
/** Errors that are not an answer from the server (it was not reached, or we stopped waiting). */
const NOT_ANSWERED: readonly AppError['kind'][] = ['Network', 'Timeout', 'Cancelled'];

function checkCeiling(perSecond: number | null): number | null {
  if (perSecond !== null && (!Number.isInteger(perSecond) || perSecond < 1)) throw new RangeError('A request-rate ceiling is a whole number of requests per second >= 1');
  return perSecond;
}

export class RequestLimiter {
  readonly maxInFlight: number;
  private ceilingPerSecond: number | null;
  private readonly clock: LimiterClock;
  private readonly adaptive: AdaptiveRate;
  private readonly queue: Waiter[] = [];
  /** Start times inside the current sliding window, oldest first (for the ceiling). */
  private readonly starts: number[] = [];
  private running = 0;
  private maxSeen = 0;
  private startedTotal = 0;
  private holdUntil = 0;
  private timer: unknown = undefined;
  private timerAt = Infinity;

  constructor(options: RequestLimiterOptions = {}) {
    this.maxInFlight = options.maxInFlight ?? EVO_ASSUMPTIONS.defaultMaxInFlight;
    if (!Number.isInteger(this.maxInFlight) || this.maxInFlight < 1) throw new RangeError('RequestLimiter needs a whole number maxInFlight >= 1');
    this.ceilingPerSecond = checkCeiling(options.requestsPerSecond ?? null);
    this.clock = options.clock ?? REAL_CLOCK;
    this.adaptive = new AdaptiveRate(options.adaptive);
  }

  /** Requests currently running (diagnostics). */
  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.queue.length;
  }

  stats(): LimiterStats {
    return { inFlight: this.running, queued: this.queue.length, maxInFlightSeen: this.maxSeen, started: this.startedTotal };
  }

  /** The person's ceiling (null: none). Takes effect for the next start. */
  setCeiling(perSecond: number | null): void {
    this.ceilingPerSecond = checkCeiling(perSecond);
    this.pump();
  }

  /** The rate requests are paced to now, the ceiling, and whether the server is throttling. */
  rate(): RequestRate {
    const adaptive = this.adaptive.current();
    const paced = Math.min(adaptive, this.ceilingPerSecond ?? Number.POSITIVE_INFINITY);
    return {
      perSecond: Number.isFinite(paced) ? Math.round(paced * 10) / 10 : null,
      ceiling: this.ceilingPerSecond,
      throttled: this.adaptive.throttled(this.clock.now()),
    };
  }

  /** No request starts for `ms` from now (e.g. the server's Retry-After). Holds only ever extend. */
  holdFor(ms: number): void {
    if (!(ms > 0)) return;
    this.holdUntil = Math.max(this.holdUntil, this.clock.now() + ms);
    this.pump();
  }

  /**
   * Runs `task` when a slot is free and the rate allows. Aborting `signal` while the
   * task is still queued rejects with the signal's reason and frees its place; once
   * started, the task itself must honour the signal. The task's outcome (answered, throttled,
   * not answered) teaches the adaptive rate.
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        start: () => {
          this.running++;
          this.startedTotal++;
          this.maxSeen = Math.max(this.maxSeen, this.running);
          const startedAt = this.clock.now();
          let result: Promise<T>;
          try {
            result = task();
          } catch (error) {
            result = Promise.reject(error);
          }
          result
            .then(
              (value) => {
                this.adaptive.answered(this.clock.now(), startedAt, false);
                resolve(value);
              },
              (error: unknown) => {
                if (isThrottle(error)) this.adaptive.answered(this.clock.now(), startedAt, true);
                else if (error instanceof AppError && !NOT_ANSWERED.includes(error.kind)) this.adaptive.answered(this.clock.now(), startedAt, false);
                reject(error);
              },
            )
            .finally(() => {
              this.running--;
              this.pump();
            });
        },
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.running < this.maxInFlight) {
      const now = this.clock.now();
      while (this.starts.length > 0 && (this.starts[0] as number) <= now - WINDOW_MS) this.starts.shift();
      let readyAt = Math.max(this.holdUntil, this.adaptive.readyAt(now));
      const ceiling = this.ceilingPerSecond;
      if (ceiling !== null && this.starts.length >= ceiling) {
        const oldest = this.starts[this.starts.length - ceiling] ?? now;
        readyAt = Math.max(readyAt, oldest + WINDOW_MS);
      }
      if (readyAt > now) {
        this.wakeAt(readyAt, now);
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      waiter.detach();
      if (ceiling !== null) this.starts.push(now);
      this.adaptive.started(now);
      waiter.start();
    }
  }

  private wakeAt(at: number, now: number): void {
    if (this.timer !== undefined && this.timerAt <= at) return;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timerAt = at;
    // +1 ms: timers may fire a hair early relative to performance.now().
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, at - now + 1);
  }
}
