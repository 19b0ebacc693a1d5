/* Online/offline, decided only from what actually happened to requests (never guessed from the
 * OS network state): the API client reports every attempt's outcome; a network failure (server
 * unreachable, connection refused/reset) means offline, any HTTP answer — even an error status —
 * means online. While offline a cheap probe (e.g. GET /auth/status) runs with exponential
 * backoff until the server answers again. No jitter: one client per machine probes one server. */

import type { ConnectivitySnapshot, ConnectivityState } from '../../shared/connectivity';

// Declared in src/shared/connectivity.ts because the snapshot crosses IPC.
export type { ConnectivitySnapshot, ConnectivityState } from '../../shared/connectivity';

/** What the API client reports (EvoClientOptions.onOutcome). */
export interface RequestOutcomeLike {
  ok: boolean;
  networkFailure: boolean;
}

/** Resolves when the server answered anything over HTTP; rejects when it could not be reached. */
export type Probe = (signal: AbortSignal) => Promise<unknown>;

export interface ConnectivityTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ConnectivityOptions {
  probe: Probe;
  timers?: ConnectivityTimers;
  /** First probe delay after going offline (ms). */
  initialProbeDelayMs?: number;
  /** Upper bound of the probe delay (ms). */
  maxProbeDelayMs?: number;
  /** Delay multiplier after each failed probe. */
  backoffFactor?: number;
  initialState?: ConnectivityState;
}

export type ConnectivityListener = (snapshot: ConnectivitySnapshot) => void;

const realTimers: ConnectivityTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.(); // a pending probe must not keep the CLI alive
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Connectivity {
  private readonly timers: ConnectivityTimers;
  private readonly probe: Probe;
  private readonly initialDelay: number;
  private readonly maxDelay: number;
  private readonly factor: number;
  private readonly listeners = new Set<ConnectivityListener>();
  private current: ConnectivitySnapshot;
  private probeTimer: unknown;
  private probeAbort: AbortController | undefined;
  private disposed = false;

  constructor(options: ConnectivityOptions) {
    this.timers = options.timers ?? realTimers;
    this.probe = options.probe;
    this.initialDelay = options.initialProbeDelayMs ?? 1_000;
    this.maxDelay = options.maxProbeDelayMs ?? 60_000;
    this.factor = options.backoffFactor ?? 2;
    this.current = { state: options.initialState ?? 'online', since: this.timers.now(), failedProbes: 0 };
    if (this.current.state === 'offline') this.scheduleProbe();
  }

  get state(): ConnectivityState {
    return this.current.state;
  }

  get isOffline(): boolean {
    return this.current.state === 'offline';
  }

  snapshot(): ConnectivitySnapshot {
    return { ...this.current };
  }

  /** Feed from the API client: wire as `onOutcome: (o) => connectivity.onOutcome(o)`. */
  onOutcome(outcome: RequestOutcomeLike): void {
    if (outcome.networkFailure) this.goOffline();
    else this.goOnline();
  }

  /** Listener is called on every state change; returns the unsubscribe function. */
  onChange(listener: ConnectivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** "Retry now" (user action): probe immediately instead of waiting for the backoff. */
  async probeNow(): Promise<ConnectivityState> {
    if (this.current.state === 'online' || this.disposed) return this.current.state;
    this.cancelProbe();
    await this.runProbe();
    return this.current.state;
  }

  /** Stops probing; no more events. */
  dispose(): void {
    this.disposed = true;
    this.cancelProbe();
    this.listeners.clear();
  }

  private goOffline(): void {
    if (this.current.state === 'offline' || this.disposed) return;
    this.current = { state: 'offline', since: this.timers.now(), failedProbes: 0 };
    this.scheduleProbe();
    this.emit();
  }

  private goOnline(): void {
    if (this.current.state === 'online' || this.disposed) return;
    this.cancelProbe();
    this.current = { state: 'online', since: this.timers.now(), failedProbes: 0 };
    this.emit();
  }

  private probeDelay(): number {
    return Math.min(this.maxDelay, this.initialDelay * this.factor ** this.current.failedProbes);
  }

  private scheduleProbe(): void {
    if (this.disposed) return;
    const delay = this.probeDelay();
    this.current = { ...this.current, nextProbeAt: this.timers.now() + delay };
    this.probeTimer = this.timers.setTimeout(() => {
      this.probeTimer = undefined;
      void this.runProbe();
    }, delay);
  }

  private async runProbe(): Promise<void> {
    const abort = new AbortController();
    this.probeAbort = abort;
    let answered = false;
    try {
      await this.probe(abort.signal);
      answered = true;
    } catch {
      answered = false;
    }
    if (abort.signal.aborted || this.probeAbort !== abort) return; // superseded or disposed
    this.probeAbort = undefined;
    if (this.current.state !== 'offline') return; // a real request already brought us back
    if (answered) {
      this.goOnline();
    } else {
      this.current = { ...this.current, failedProbes: this.current.failedProbes + 1 };
      this.scheduleProbe();
    }
  }

  private cancelProbe(): void {
    if (this.probeTimer !== undefined) this.timers.clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    this.probeAbort?.abort();
    this.probeAbort = undefined;
    if (this.current.nextProbeAt !== undefined) {
      const { nextProbeAt: _omit, ...rest } = this.current;
      this.current = rest;
    }
  }

  private emit(): void {
    const snapshot = this.snapshot();
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot);
      } catch {
        // One faulty listener must not stop the others from hearing about it.
      }
    }
  }
}
