import { describe, expect, it } from 'vitest';
import { AppError, type ErrorKind } from '../../../src/shared/errors';
import { abortableSleep, backoffDelay, DEFAULT_RETRY_POLICY, retryDelay, withRetry, type RetryDeps, type RetryPolicy } from '../../../src/main/api/retry';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxTotalMs: 10_000 };
const err = (kind: ErrorKind, extra: Partial<{ retryAfterMs: number }> = {}) => new AppError({ kind, message: kind, ...extra });

/** A clock that only moves when the policy sleeps. */
function fakeDeps(random = () => 0.5): RetryDeps & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    random,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('backoffDelay (full jitter)', () => {
  it('draws uniformly below min(maxDelay, base * 2^attempt)', () => {
    const top = () => 0.999999;
    expect(backoffDelay(0, policy, top)).toBe(99);
    expect(backoffDelay(1, policy, top)).toBe(199);
    expect(backoffDelay(3, policy, top)).toBe(799);
    expect(backoffDelay(4, policy, top)).toBe(999); // capped at maxDelay
    expect(backoffDelay(30, policy, top)).toBe(999);
    expect(backoffDelay(5, policy, () => 0)).toBe(0);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(200);
  });
});

describe('retryDelay', () => {
  it('never waits less than Retry-After, even when the jitter draws less', () => {
    expect(retryDelay(0, err('RateLimited', { retryAfterMs: 3000 }), policy, () => 0)).toBe(3000);
    expect(retryDelay(0, err('RateLimited', { retryAfterMs: 3000 }), policy, () => 0.99)).toBe(3000);
  });
  it('uses the jitter when it is longer than Retry-After', () => {
    expect(retryDelay(4, err('RateLimited', { retryAfterMs: 10 }), policy, () => 0.5)).toBe(500);
  });
});

describe('withRetry', () => {
  it('retries transient failures until success, sleeping the jittered delays', async () => {
    const deps = fakeDeps(() => 0.5);
    const kinds: ErrorKind[] = ['ServerError', 'Network', 'Timeout'];
    const result = await withRetry(
      async (n) => {
        const kind = kinds[n];
        if (kind) throw err(kind);
        return 'ok';
      },
      { policy, deps },
    );
    expect(result).toBe('ok');
    expect(deps.sleeps).toEqual([50, 100, 200]);
  });

  it('does not retry errors that will fail again', async () => {
    for (const kind of ['NotFound', 'Forbidden', 'AuthRequired', 'BadRequest', 'InvalidResponse', 'Cancelled'] as const) {
      const deps = fakeDeps();
      let calls = 0;
      await expect(
        withRetry(
          async () => {
            calls++;
            throw err(kind);
          },
          { policy, deps },
        ),
      ).rejects.toMatchObject({ kind });
      expect(calls).toBe(1);
      expect(deps.sleeps).toEqual([]);
    }
  });

  it('stops after maxAttempts and throws the last error', async () => {
    const deps = fakeDeps();
    let calls = 0;
    await expect(
      withRetry(
        async (n) => {
          calls++;
          throw new AppError({ kind: 'ServerError', message: `attempt ${n}` });
        },
        { policy: { ...policy, maxAttempts: 3 }, deps },
      ),
    ).rejects.toThrow('attempt 2');
    expect(calls).toBe(3);
    expect(deps.sleeps).toHaveLength(2);
  });

  it('honours Retry-After exactly when it exceeds the jitter', async () => {
    const deps = fakeDeps(() => 0);
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ === 0) throw err('RateLimited', { retryAfterMs: 2500 });
        return 1;
      },
      { policy, deps },
    );
    expect(deps.sleeps).toEqual([2500]);
  });

  it('gives up instead of starting a retry that would end past maxTotalMs', async () => {
    const deps = fakeDeps(() => 0);
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw err('RateLimited', { retryAfterMs: 60_000 });
        },
        { policy: { ...policy, maxTotalMs: 5000 }, deps },
      ),
    ).rejects.toMatchObject({ kind: 'RateLimited', retryAfterMs: 60_000 });
    expect(calls).toBe(1);
    expect(deps.sleeps).toEqual([]);
  });

  it('counts the time spent in attempts against maxTotalMs', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const deps: RetryDeps = { random: () => 0.5, now: () => now, sleep: async (ms) => void sleeps.push(ms) };
    await expect(
      withRetry(
        async () => {
          now += 4000; // each attempt takes 4 s (e.g. a timeout)
          throw err('Timeout');
        },
        { policy: { ...policy, maxTotalMs: 10_000 }, deps },
      ),
    ).rejects.toMatchObject({ kind: 'Timeout' });
    expect(sleeps).toEqual([50, 100]);
  });

  it('uses shouldRetry when given', async () => {
    const deps = fakeDeps();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw err('ServerError');
        },
        { policy, deps, shouldRetry: () => false },
      ),
    ).rejects.toMatchObject({ kind: 'ServerError' });
    expect(calls).toBe(1);
  });

  it('stops waiting when aborted during the backoff, with the signal reason', async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const attempt = withRetry(
      async () => {
        throw err('ServerError');
      },
      { policy: { ...policy, baseDelayMs: 60_000, maxDelayMs: 60_000, maxTotalMs: 600_000 }, deps: { random: () => 0.99 }, signal: controller.signal, onRetry: () => controller.abort(reason) },
    );
    await expect(attempt).rejects.toBe(reason);
  });

  it('has sane defaults', () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThan(1);
    expect(DEFAULT_RETRY_POLICY.maxDelayMs).toBeGreaterThan(DEFAULT_RETRY_POLICY.baseDelayMs);
  });
});

describe('abortableSleep', () => {
  it('rejects at once when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(abortableSleep(60_000, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('resolves after the time when not aborted', async () => {
    await expect(abortableSleep(1)).resolves.toBeUndefined();
  });
});
