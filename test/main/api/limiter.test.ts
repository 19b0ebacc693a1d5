import { describe, expect, it } from 'vitest';
import { RequestLimiter } from '../../../src/main/api/limiter';
import { flush, manualClock } from './helpers';


function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('RequestLimiter', () => {
  it('never runs more than maxInFlight tasks at once, across concurrent callers', async () => {
    const limiter = new RequestLimiter({ maxInFlight: 3, requestsPerSecond: 1000 });
    const gates = Array.from({ length: 10 }, deferred);
    let running = 0;
    let maxRunning = 0;
    const done = gates.map((gate, i) =>
      limiter.run(async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await gate.promise;
        running--;
        return i;
      }),
    );
    await flush();
    expect(limiter.inFlight).toBe(3);
    expect(limiter.queued).toBe(7);
    for (const gate of gates) {
      gate.resolve();
      await flush();
      expect(limiter.inFlight).toBeLessThanOrEqual(3);
    }
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(maxRunning).toBe(3);
    expect(limiter.stats()).toMatchObject({ inFlight: 0, queued: 0, maxInFlightSeen: 3, started: 10 });
  });

  it('starts at most requestsPerSecond tasks in any sliding second', async () => {
    const clock = manualClock();
    const limiter = new RequestLimiter({ maxInFlight: 100, requestsPerSecond: 5, clock });
    const starts: number[] = [];
    const all = Array.from({ length: 12 }, () => limiter.run(async () => void starts.push(clock.now())));
    await flush();
    expect(starts).toHaveLength(5);
    await clock.advance(999);
    expect(starts).toHaveLength(5);
    await clock.advance(2);
    expect(starts).toHaveLength(10);
    await clock.advance(1001);
    await Promise.all(all);
    expect(starts).toHaveLength(12);
    for (const t of starts) {
      expect(starts.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(5);
    }
  });

  it('holds every start for the Retry-After the server asked for', async () => {
    const clock = manualClock();
    const limiter = new RequestLimiter({ maxInFlight: 4, requestsPerSecond: 100, clock });
    limiter.holdFor(2000);
    const starts: number[] = [];
    const all = [1, 2, 3].map(() => limiter.run(async () => void starts.push(clock.now())));
    await clock.advance(1999);
    expect(starts).toEqual([]);
    await clock.advance(2);
    await Promise.all(all);
    expect(starts).toHaveLength(3);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(2000);
  });

  it('drops a queued task when its signal aborts, without running it', async () => {
    const limiter = new RequestLimiter({ maxInFlight: 1, requestsPerSecond: 100 });
    const gate = deferred();
    const ran: string[] = [];
    const first = limiter.run(async () => {
      ran.push('first');
      await gate.promise;
    });
    const controller = new AbortController();
    const second = limiter.run(async () => void ran.push('second'), controller.signal);
    const third = limiter.run(async () => void ran.push('third'));
    await flush();
    expect(limiter.queued).toBe(2);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(second).rejects.toBe(reason);
    expect(limiter.queued).toBe(1);
    gate.resolve();
    await Promise.all([first, third]);
    expect(ran).toEqual(['first', 'third']);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = new RequestLimiter({ maxInFlight: 1, requestsPerSecond: 1 });
    const controller = new AbortController();
    controller.abort();
    let ran = false;
    await expect(limiter.run(async () => void (ran = true), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(ran).toBe(false);
  });

  it('frees the slot when a task fails, also synchronously', async () => {
    const limiter = new RequestLimiter({ maxInFlight: 1, requestsPerSecond: 100 });
    await expect(
      limiter.run(() => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');
    await expect(limiter.run(async () => Promise.reject(new Error('async boom')))).rejects.toThrow('async boom');
    await expect(limiter.run(async () => 'fine')).resolves.toBe('fine');
    expect(limiter.inFlight).toBe(0);
  });

  it('refuses nonsense limits', () => {
    expect(() => new RequestLimiter({ maxInFlight: 0 })).toThrow(RangeError);
    expect(() => new RequestLimiter({ requestsPerSecond: 0.5 })).toThrow(RangeError);
  });
});
