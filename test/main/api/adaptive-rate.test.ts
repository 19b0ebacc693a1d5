/* The adaptive request rate (issue 11, finding 5: the rate was a fixed guess of 50/s), on a
 * clock the test sets: unpaced until the server throttles; a 429/503 drops the rate to a share
 * of what the server accepted; it then probes upward; a server whose limit changes is followed;
 * Retry-After holds every start; the person's ceiling caps it. */
import { describe, expect, it } from 'vitest';
import { AdaptiveRate } from '../../../src/main/api/adaptive-rate';
import { RequestLimiter } from '../../../src/main/api/limiter';
import { manualClock } from './helpers';
import { AppError } from '../../../src/shared/errors';

/** `n` answers accepted evenly over the second before `end` (ms), the first one at its start. */
function acceptEvenly(rate: AdaptiveRate, n: number, end: number): void {
  for (let i = 0; i < n; i++) {
    const at = end - 1000 + (i * 1000) / n;
    rate.answered(at, at - 50, false);
  }
}

/**
 * A client sending as fast as the rate and its concurrency let it to a server with a token
 * bucket of `limitAt(t)` requests per second (burst: one second's worth, as the sandbox's) that
 * throttles when it is empty; 50 ms per answer. Returns per-second figures: accepted, throttled,
 * and the paced rate at the end of each second.
 */
function simulate(rate: AdaptiveRate, seconds: number, limitAt: (t: number) => number, concurrency = 8) {
  const perSecond = Array.from({ length: seconds }, () => ({ accepted: 0, throttled: 0, paced: 0 }));
  const pending: { answerAt: number; startedAt: number; throttled: boolean }[] = [];
  let tokens = limitAt(0);
  for (let t = 0; t < seconds * 1000; t++) {
    const limit = limitAt(t);
    tokens = Math.min(limit, tokens + limit / 1000);
    for (let i = pending.length - 1; i >= 0; i--) {
      const p = pending[i]!;
      if (p.answerAt > t) continue;
      pending.splice(i, 1);
      rate.answered(t, p.startedAt, p.throttled);
    }
    while (pending.length < concurrency && rate.readyAt(t) <= t) {
      rate.started(t);
      const throttled = tokens < 1;
      if (!throttled) tokens -= 1;
      const second = perSecond[Math.floor(t / 1000)]!;
      if (throttled) second.throttled += 1;
      else second.accepted += 1;
      pending.push({ answerAt: t + 50, startedAt: t, throttled });
    }
    if (t % 1000 === 999) perSecond[Math.floor(t / 1000)]!.paced = rate.current();
  }
  return perSecond;
}

describe('AdaptiveRate', () => {
  it('does not pace at all until the server first throttles', () => {
    const rate = new AdaptiveRate();
    acceptEvenly(rate, 500, 1000);
    expect(rate.current()).toBe(Number.POSITIVE_INFINITY);
    expect(rate.readyAt(1000)).toBe(1000);
    expect(rate.throttled(1000)).toBe(false);
  });

  it('on a throttle drops to beta × what the server accepted per second (so far, or over the last two seconds), and says it is throttling', () => {
    const rate = new AdaptiveRate({ beta: 0.7 });
    acceptEvenly(rate, 100, 1000);
    rate.answered(1000, 990, true);
    expect(rate.current()).toBeCloseTo(70, 5);
    expect(rate.throttled(1000)).toBe(true);
    expect(rate.throttled(1000 + 4_999)).toBe(true);
    expect(rate.throttled(1000 + 5_000)).toBe(false);
    // Paced: starts are 1/70 s apart.
    rate.started(1000);
    expect(rate.readyAt(1000)).toBeCloseTo(1000 + 1000 / 70, 5);
  });

  it('a throttle right after a Retry-After hold counts the held time: it drops below what the server sustained, not to the burst its refilled bucket let through', () => {
    const rate = new AdaptiveRate({ beta: 0.7 });
    acceptEvenly(rate, 20, 1000);
    acceptEvenly(rate, 20, 2000); // the server sustains 20/s
    // Held for a second (Retry-After): no answers. Then the server's refilled bucket lets 36 through in a second.
    acceptEvenly(rate, 36, 4000);
    rate.answered(4000, 3990, true);
    expect(rate.current()).toBeCloseTo(0.7 * 18, 5); // (36 + 0) / 2 s, not 36/s
    expect(rate.current()).toBeLessThan(20);
  });

  it('reacts once per congestion event: throttles of requests already in flight at the decrease do not decrease again', () => {
    const rate = new AdaptiveRate({ beta: 0.5 });
    acceptEvenly(rate, 100, 1000);
    rate.answered(1000, 990, true);
    expect(rate.current()).toBeCloseTo(50, 5);
    rate.answered(1010, 995, true); // sent before the decrease
    expect(rate.current()).toBeCloseTo(50, 5);
    rate.answered(1200, 1100, true); // sent after it: a new event
    expect(rate.current()).toBeLessThan(50);
  });

  it('a 503 slows the limiter down as a 429 does; other errors and successes do not', async () => {
    const limiter = new RequestLimiter({ maxInFlight: 4 });
    const fail = (error: AppError) => limiter.run(() => Promise.reject(error)).catch(() => undefined);
    await fail(new AppError({ kind: 'ServerError', status: 500, message: 'broken' }));
    expect(limiter.rate()).toMatchObject({ perSecond: null, throttled: false });
    await fail(new AppError({ kind: 'ServerError', status: 503, message: 'shedding load' }));
    expect(limiter.rate()).toMatchObject({ throttled: true });
    expect(limiter.rate().perSecond).not.toBeNull();
  });

  it('probes upward after a throttle: back to the throttled rate within a second, then beyond it while the server accepts', () => {
    const rate = new AdaptiveRate({ beta: 0.7, growth: 1 });
    acceptEvenly(rate, 100, 1000);
    rate.answered(1000, 990, true);
    // The server accepts everything from now on, at the pace the limiter allows.
    let t = 1000;
    const pacedAt: Record<number, number> = {};
    while (t < 4000) {
      t = Math.max(t + 1, rate.readyAt(t));
      rate.started(t);
      rate.answered(t, t - 1, false);
      for (const mark of [1700, 2500, 3900]) if (t >= mark && pacedAt[mark] === undefined) pacedAt[mark] = rate.current();
    }
    expect(pacedAt[1700]).toBeGreaterThanOrEqual(95); // back near the last throttled rate (100) after ~0.7 s
    expect(pacedAt[2500]).toBeGreaterThan(100);
    expect(pacedAt[3900]).toBeGreaterThan(pacedAt[2500]!);
  });

  it('follows a server whose limit changes (80 → 20 → 80 req/s): few throttles, and the accepted rate reaches each limit within 2 s', () => {
    const limitAt = (t: number) => (t < 10_000 ? 80 : t < 20_000 ? 20 : 80);
    const seconds = simulate(new AdaptiveRate(), 30, limitAt);
    const sum = (from: number, to: number, f: (s: (typeof seconds)[number]) => number) => seconds.slice(from, to).reduce((a, s) => a + f(s), 0);
    const throttled = sum(0, 30, (s) => s.throttled);
    const sent = throttled + sum(0, 30, (s) => s.accepted);
    expect(throttled / sent).toBeLessThan(0.05);
    const mean = (from: number, to: number) => sum(from, to, (s) => s.accepted) / (to - from);
    // From 2 s after each change on, the server accepts about its limit: no more (throttled), not much less.
    expect(mean(2, 10)).toBeGreaterThanOrEqual(0.8 * 80);
    expect(mean(12, 20)).toBeGreaterThanOrEqual(0.8 * 20);
    expect(mean(12, 20)).toBeLessThanOrEqual(1.2 * 20);
    expect(mean(22, 30)).toBeGreaterThanOrEqual(0.8 * 80);
  });
});

describe('RequestLimiter with the adaptive rate', () => {
  it('honours Retry-After over the adaptive rate: nothing starts before it, then starts are paced', async () => {
    const clock = manualClock();
    const limiter = new RequestLimiter({ maxInFlight: 8, clock });
    const startedAt: number[] = [];
    const task = () => {
      startedAt.push(clock.now());
      return Promise.resolve();
    };
    await Promise.all(Array.from({ length: 20 }, () => limiter.run(task)));
    await limiter.run(() => Promise.reject(new AppError({ kind: 'RateLimited', status: 429, message: 'slow down' }))).catch(() => undefined);
    limiter.holdFor(2_000); // what the pipeline does with the answer's Retry-After
    expect(limiter.rate().throttled).toBe(true);
    startedAt.length = 0;
    const queued = Promise.all(Array.from({ length: 5 }, () => limiter.run(task)));
    await clock.advance(1_999);
    expect(startedAt).toEqual([]);
    await clock.advance(5_000);
    await queued;
    expect(startedAt[0]).toBeGreaterThanOrEqual(2_000);
    expect(new Set(startedAt).size).toBe(5); // paced one by one, not a burst at the end of the hold
  });

  it('the ceiling caps the paced rate and is shown with it', async () => {
    const clock = manualClock();
    const limiter = new RequestLimiter({ maxInFlight: 8, clock, requestsPerSecond: 5 });
    expect(limiter.rate()).toEqual({ perSecond: 5, ceiling: 5, throttled: false });
    const startedAt: number[] = [];
    const all = Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.run(() => {
          startedAt.push(clock.now());
          return Promise.resolve();
        }),
      ),
    );
    await clock.advance(3_000);
    await all;
    // Never more than 5 starts in any sliding second.
    for (const t of startedAt) expect(startedAt.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(5);
    limiter.setCeiling(null);
    expect(limiter.rate()).toEqual({ perSecond: null, ceiling: null, throttled: false });
  });
});
