import { describe, expect, it } from 'vitest';
import { Connectivity, type ConnectivitySnapshot, type ConnectivityTimers } from '../../../src/main/connectivity/connectivity';

/** Manual clock: timers fire only when the test advances time. */
class ManualTimers implements ConnectivityTimers {
  private t = 1_000;
  private next = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.pending.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown) => void this.pending.delete(handle as number);
  /** Delays of the timers currently scheduled. */
  scheduled(): number[] {
    return [...this.pending.values()].map((p) => p.at - this.t);
  }
  /** Advance to the next timer and run it; then let the probe's promise chain settle. */
  async fireNext(): Promise<void> {
    const [id, timer] = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
    if (id === undefined || !timer) throw new Error('no timer pending');
    this.pending.delete(id);
    this.t = timer.at;
    timer.fn();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }
}

function setup(probeResults: boolean[]) {
  const timers = new ManualTimers();
  const probes: number[] = [];
  const connectivity = new Connectivity({
    timers,
    initialProbeDelayMs: 1_000,
    maxProbeDelayMs: 8_000,
    probe: async () => {
      probes.push(timers.now());
      if (!(probeResults.shift() ?? false)) throw new TypeError('fetch failed');
    },
  });
  const changes: ConnectivitySnapshot[] = [];
  connectivity.onChange((s) => changes.push(s));
  return { timers, connectivity, changes, probes };
}

describe('Connectivity', () => {
  it('starts online and stays online on HTTP answers, including error statuses', () => {
    const { connectivity, changes } = setup([]);
    connectivity.onOutcome({ ok: true, networkFailure: false });
    connectivity.onOutcome({ ok: false, networkFailure: false }); // e.g. a 500 or 401: the server answered
    expect(connectivity.state).toBe('online');
    expect(changes).toEqual([]);
  });

  it('goes offline on a network failure, with the time it happened', () => {
    const { connectivity, changes, timers } = setup([]);
    connectivity.onOutcome({ ok: false, networkFailure: true });
    expect(connectivity.state).toBe('offline');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ state: 'offline', since: 1_000, nextProbeAt: 2_000 });
    connectivity.onOutcome({ ok: false, networkFailure: true });
    expect(changes).toHaveLength(1); // no duplicate event
    expect(timers.scheduled()).toEqual([1_000]); // one probe scheduled, not two
  });

  it('probes with exponential backoff up to the cap, then comes back online when the probe answers', async () => {
    const { connectivity, changes, timers, probes } = setup([false, false, false, false, true]);
    connectivity.onOutcome({ ok: false, networkFailure: true });
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      delays.push(timers.scheduled()[0]!);
      await timers.fireNext();
      expect(connectivity.state).toBe('offline');
    }
    delays.push(timers.scheduled()[0]!);
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(connectivity.snapshot().failedProbes).toBe(4);
    await timers.fireNext();
    expect(probes).toHaveLength(5);
    expect(connectivity.state).toBe('online');
    expect(changes.map((c) => [c.state, c.since])).toEqual([
      ['offline', 1_000],
      ['online', 1_000 + 1_000 + 2_000 + 4_000 + 8_000 + 8_000],
    ]);
    expect(timers.scheduled()).toEqual([]); // probing stops once online
  });

  it('a successful real request ends offline mode and cancels the pending probe', () => {
    const { connectivity, timers, changes } = setup([]);
    connectivity.onOutcome({ ok: false, networkFailure: true });
    connectivity.onOutcome({ ok: true, networkFailure: false });
    expect(connectivity.state).toBe('online');
    expect(timers.scheduled()).toEqual([]);
    expect(changes.map((c) => c.state)).toEqual(['offline', 'online']);
  });

  it('restarts the backoff from the beginning after a new outage', async () => {
    const { connectivity, timers } = setup([false, true, false]);
    connectivity.onOutcome({ ok: false, networkFailure: true });
    await timers.fireNext(); // fails → 2 s
    await timers.fireNext(); // answers → online
    connectivity.onOutcome({ ok: false, networkFailure: true });
    expect(timers.scheduled()).toEqual([1_000]);
  });

  it('probeNow probes immediately', async () => {
    const { connectivity, timers } = setup([true]);
    connectivity.onOutcome({ ok: false, networkFailure: true });
    expect(await connectivity.probeNow()).toBe('online');
    expect(timers.scheduled()).toEqual([]);
  });

  it('unsubscribes listeners and stops probing on dispose', () => {
    const { connectivity, timers, changes } = setup([]);
    const extra: string[] = [];
    const off = connectivity.onChange((s) => extra.push(s.state));
    off();
    connectivity.onOutcome({ ok: false, networkFailure: true });
    expect(extra).toEqual([]);
    connectivity.dispose();
    expect(timers.scheduled()).toEqual([]);
    connectivity.onOutcome({ ok: true, networkFailure: false });
    expect(changes.map((c) => c.state)).toEqual(['offline']);
  });
});
