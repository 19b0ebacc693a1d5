/* Retry policy for idempotent Evo Voice requests: full-jitter exponential backoff
 * (AWS architecture blog "Exponential Backoff And Jitter"), never sooner than the
 * server's Retry-After, bounded in attempts and in total time, and abortable.
 * Time and randomness are injected so the policy itself is unit-tested without waiting. */
import { AppError, isErrorKind, TRANSIENT_KINDS } from '../../shared/errors';

export interface RetryPolicy {
  /** Attempts in total, the first one included (1 = never retry). */
  maxAttempts: number;
  /** Backoff ceiling for attempt 0 (ms); doubles each attempt. */
  baseDelayMs: number;
  /** Upper bound of one backoff draw (ms). Retry-After may ask for longer and is honoured. */
  maxDelayMs: number;
  /** No retry is started if it could not begin within this time from the first attempt (ms). */
  maxTotalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxTotalMs: 45_000,
};

export interface RetryDeps {
  /** Uniform [0, 1). */
  random: () => number;
  /** Monotonic milliseconds. */
  now: () => number;
  /** Resolves after `ms`, rejects with `signal.reason` when aborted. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Rejects with the signal's reason (an AbortError DOMException unless the caller gave one). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const REAL_RETRY_DEPS: RetryDeps = {
  random: Math.random,
  now: () => performance.now(),
  sleep: abortableSleep,
};

/** Full jitter: uniform in [0, min(maxDelay, base * 2^attempt)). `attempt` is 0 for the first retry. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** The wait before retry number `attempt` (0-based) after `error`: the jittered backoff, but never less than Retry-After. */
export function retryDelay(attempt: number, error: unknown, policy: RetryPolicy, random: () => number): number {
  const jittered = backoffDelay(attempt, policy, random);
  const retryAfter = error instanceof AppError && error.retryAfterMs !== undefined ? error.retryAfterMs : 0;
  return Math.max(jittered, retryAfter);
}

/** Retry only what may succeed next time: rate limits, server errors, network failures, timeouts. */
export const isTransient = (error: unknown): boolean => isErrorKind(error, ...TRANSIENT_KINDS);

export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  /** Defaults to isTransient. */
  shouldRetry?: (error: unknown) => boolean;
  signal?: AbortSignal;
  deps?: Partial<RetryDeps>;
  /** Called before each wait (diagnostics). */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * Runs `attempt(n)` (n = 0, 1, ...) until it succeeds, fails with a non-retryable
 * error, runs out of attempts, or the next try could not start within maxTotalMs.
 * The last error is thrown unchanged. Aborting `signal` while waiting rejects with its reason.
 */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const deps: RetryDeps = { ...REAL_RETRY_DEPS, ...options.deps };
  const shouldRetry = options.shouldRetry ?? isTransient;
  const started = deps.now();
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n + 1 >= policy.maxAttempts || !shouldRetry(error) || options.signal?.aborted) throw error;
      const delayMs = retryDelay(n, error, policy, deps.random);
      if (deps.now() - started + delayMs > policy.maxTotalMs) throw error;
      options.onRetry?.({ attempt: n, delayMs, error });
      await deps.sleep(delayMs, options.signal);
    }
  }
}
