/* One RequestLimiter is shared by every caller of the API (browsing, bulk staging,
 * cache sync), so together they never have more than `maxInFlight` requests open
 * nor start more than `requestsPerSecond` in any sliding one-second window.
 * A sliding window (not p-queue's fixed interval) because a fixed window allows two
 * full bursts back to back across its boundary.
 * It also carries the server's "Retry-After": after a 429 nobody starts a request
 * until the server said it may, since rate limits apply to the whole session. */
import { EVO_ASSUMPTIONS } from '../../shared/evo/assumptions';

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
  requestsPerSecond?: number;
  clock?: LimiterClock;
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

export class RequestLimiter {
  readonly maxInFlight: number;
  readonly requestsPerSecond: number;
  private readonly clock: LimiterClock;
  private readonly queue: Waiter[] = [];
  /** Start times inside the current sliding window, oldest first. */
  private readonly starts: number[] = [];
  private running = 0;
  private maxSeen = 0;
  private startedTotal = 0;
  private holdUntil = 0;
  private timer: unknown = undefined;
  private timerAt = Infinity;

  constructor(options: RequestLimiterOptions = {}) {
    this.maxInFlight = options.maxInFlight ?? EVO_ASSUMPTIONS.defaultMaxInFlight;
    this.requestsPerSecond = options.requestsPerSecond ?? EVO_ASSUMPTIONS.defaultRequestsPerSecond;
    if (!Number.isInteger(this.maxInFlight) || this.maxInFlight < 1 || !Number.isInteger(this.requestsPerSecond) || this.requestsPerSecond < 1) {
      throw new RangeError('RequestLimiter needs whole numbers maxInFlight >= 1 and requestsPerSecond >= 1');
    }
    this.clock = options.clock ?? REAL_CLOCK;
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

  /** No request starts for `ms` from now (e.g. the server's Retry-After). Holds only ever extend. */
  holdFor(ms: number): void {
    if (!(ms > 0)) return;
    this.holdUntil = Math.max(this.holdUntil, this.clock.now() + ms);
    this.pump();
  }

  /**
   * Runs `task` when a slot is free and the rate allows. Aborting `signal` while the
   * task is still queued rejects with the signal's reason and frees its place; once
   * started, the task itself must honour the signal.
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
          let result: Promise<T>;
          try {
            result = task();
          } catch (error) {
            result = Promise.reject(error);
          }
          result.then(resolve, reject).finally(() => {
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
      let readyAt = this.holdUntil;
      if (this.starts.length >= this.requestsPerSecond) {
        const oldest = this.starts[this.starts.length - this.requestsPerSecond] ?? now;
        readyAt = Math.max(readyAt, oldest + WINDOW_MS);
      }
      if (readyAt > now) {
        this.wakeAt(readyAt, now);
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      waiter.detach();
      this.starts.push(now);
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
