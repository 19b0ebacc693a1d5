/* Executes one run segment: bounded concurrency over the run's pending items, each item
 * with its own capped attempts (the client's own retries are off, so every request is
 * journalled before it is sent), verify-on-answer, pause/resume/cancel, waiting for
 * sign-in and for the server, and a read-back of items whose last answer was ambiguous.
 *
 * Invariants:
 *  - an item is marked inFlight (attempt n) in the journal before request n is sent;
 *  - an item is never marked failed because the server was down: outage failures are
 *    refunded and the run waits (probing) until the server answers again;
 *  - cancel stops new requests at once; requests already sent settle and are recorded
 *    as they land (a success is `changed`);
 *  - before a segment ends, every item whose last request may or may not have reached
 *    the server (5xx, reset, timeout) is read back, so the journal states the truth. */
import { AppError, toErrorData, type AppErrorData } from '../../shared/errors';
import { countOutcomes, doneOf } from '../../shared/bulk/counts';
import { RateWindow } from '../../shared/bulk/rate';
import { isAccessKind, isAmbiguousKind, isOutageKind, isTransientKind, verifyWrite } from '../../shared/bulk/verify';
import { identityFromSession, sessionMatchesRun } from '../../shared/bulk/identity';
import type { ItemOutcome, OutcomeCounts, RunIdentity, RunItem, RunProgress, RunState, RunSummary } from '../../shared/bulk/types';
import { abortableSleep, backoffDelay, DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from '../api/retry';
import type { BulkJournal } from './journal/journal';
import type { SessionState } from '../../shared/session';
import type { BulkClient, BulkSession } from './ports';
import { readCurrentStates } from './state-reader';

export interface EngineDeps {
  client: BulkClient;
  journal: BulkJournal;
  session?: BulkSession | undefined;
  /** Wall clock for journal timestamps. */
  now?: () => Date;
  /** Monotonic ms for rates. */
  monotonic?: () => number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Backoff between an item's attempts (maxAttempts comes from the run). */
  retryPolicy?: Partial<RetryPolicy>;
  /** Consecutive outage-type failures (5xx, network, timeout) that mean "the server is down". */
  outageThreshold?: number;
  /** Ceiling of the wait between probes while the server is down. */
  maxProbeDelayMs?: number;
  /** Per-request timeout passed to the client (undefined: the client's default). */
  requestTimeoutMs?: number | undefined;
  /** Progress events at most this often (state changes and the end are sent at once). */
  progressIntervalMs?: number;
}

export interface EngineRun {
  runId: string;
  /** All items of the run (settled ones count in the progress totals). */
  items: RunItem[];
  concurrency: number;
  maxAttempts: number;
  accountId: string | null;
  /** Who the run acts as: a session for another user, account or server does not carry it on. */
  identity?: RunIdentity | null;
}

type Listener = (p: RunProgress) => void;

export class RunExecution {
  readonly runId: string;
  private readonly deps: Required<Pick<EngineDeps, 'now' | 'monotonic' | 'random' | 'sleep'>> & EngineDeps;
  private readonly policy: RetryPolicy;
  private readonly items = new Map<string, RunItem>();
  private readonly queue: RunItem[];
  private readonly listeners = new Set<Listener>();
  private readonly rate = new RateWindow();
  /** Kept incrementally (a run may have tens of thousands of items and emits per request). */
  private readonly counts: OutcomeCounts;
  private readonly cancelController = new AbortController();
  private readonly wakeups = new Set<() => void>();
  private paused = false;
  private cancelRequested = false;
  private signInRequired = false;
  private serverDown = false;
  private reconciling = false;
  private finished: 'completed' | 'cancelled' | null = null;
  private consecutiveOutages = 0;
  /** A customer the server recently answered for: the outage probe reads it, so one broken
   * record (that always fails) cannot look like a server that is down and stall the run. */
  private lastAnsweredId: string | undefined;
  private probing: Promise<void> | undefined;
  private unsubscribeSession: (() => void) | undefined;
  private started = false;
  private donePromise: Promise<RunSummary> | undefined;
  private lastEmittedState: RunState | undefined;
  private lastEmitAt = Number.NEGATIVE_INFINITY;
  private trailingEmit: ReturnType<typeof setTimeout> | undefined;

  constructor(
    deps: EngineDeps,
    private readonly run: EngineRun,
  ) {
    this.deps = {
      now: () => new Date(),
      monotonic: () => performance.now(),
      random: Math.random,
      sleep: abortableSleep,
      ...deps,
    };
    this.policy = { ...DEFAULT_RETRY_POLICY, ...deps.retryPolicy, maxAttempts: run.maxAttempts, maxTotalMs: Number.POSITIVE_INFINITY };
    this.runId = run.runId;
    for (const item of run.items) this.items.set(item.customerId, { ...item });
    this.counts = countOutcomes(this.items.values());
    this.queue = run.items.filter((i) => i.outcome === 'pending').map((i) => this.items.get(i.customerId) as RunItem);
  }

  get state(): RunState {
    if (this.finished) return this.finished;
    if (!this.started) return 'starting';
    if (this.reconciling) return 'reconciling';
    if (this.cancelRequested) return 'cancelling';
    if (this.signInRequired) return 'waitingForSignIn';
    if (this.serverDown) return 'waitingForServer';
    if (this.paused) return 'paused';
    return 'running';
  }

  onProgress(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  progress(): RunProgress {
    const counts = { ...this.counts };
    const remaining = counts.pending + counts.inFlight;
    const now = this.deps.monotonic();
    const moving = this.state === 'running' || this.state === 'cancelling';
    return {
      runId: this.runId,
      state: this.state,
      counts,
      done: doneOf(counts),
      remaining,
      ratePerSecond: Math.round(this.rate.ratePerSecond(now) * 100) / 100,
      etaMs: moving || remaining === 0 ? this.rate.etaMs(now, remaining) : null,
      at: this.deps.now().toISOString(),
    };
  }

  pause(): void {
    if (this.finished || this.cancelRequested) return;
    this.paused = true;
    this.emit();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.wake();
    this.emit();
  }

  cancel(): void {
    if (this.finished || this.cancelRequested) return;
    this.cancelRequested = true;
    this.cancelController.abort(new AppError({ kind: 'Cancelled', message: 'The run was cancelled.' }));
    this.wake();
    this.emit();
  }

  /** Runs the segment to its end; call once. */
  start(): Promise<RunSummary> {
    if (this.donePromise) return this.donePromise;
    this.started = true;
    this.donePromise = this.execute();
    return this.donePromise;
  }

  // ---- execution ------------------------------------------------------------

  private async execute(): Promise<RunSummary> {
    if (this.deps.session) {
      this.onSession(this.deps.session.getState());
      this.unsubscribeSession = this.deps.session.onStateChange((s) => this.onSession(s));
    }
    this.emit();
    try {
      const workers = Array.from({ length: Math.max(1, Math.min(this.run.concurrency, this.queue.length)) }, () => this.worker());
      await Promise.all(workers);
      this.reconciling = true;
      this.emit();
      await this.settleLeftovers();
      await this.readBackAmbiguous();
    } finally {
      this.unsubscribeSession?.();
      this.reconciling = false;
    }
    const status = this.cancelRequested ? 'cancelled' : 'completed';
    this.deps.journal.finishRun(this.runId, status, this.iso());
    this.finished = status;
    this.emit();
    return this.summary();
  }

  private async worker(): Promise<void> {
    for (;;) {
      if (!(await this.gate())) return;
      const item = this.queue.shift();
      if (!item) return;
      await this.process(item);
    }
  }

  /** Resolves true when a new request may start, false once the run is cancelled. */
  private async gate(): Promise<boolean> {
    for (;;) {
      if (this.cancelRequested) return false;
      if (!this.paused && !this.signInRequired && !this.serverDown) return true;
      await new Promise<void>((resolve) => this.wakeups.add(resolve));
    }
  }

  private wake(): void {
    const all = [...this.wakeups];
    this.wakeups.clear();
    for (const w of all) w();
  }

  private async process(item: RunItem): Promise<void> {
    let counted = 0;
    for (;;) {
      if (!(await this.gate())) return; // left pending: settled as cancelled (or read back) at the end
      const attempt = item.attempts + 1;
      item.attempts = attempt;
      this.setOutcome(item, 'inFlight');
      this.deps.journal.markInFlight(this.runId, item.customerId, attempt, this.iso());
      this.emit();
      let returned: boolean | undefined;
      try {
        const customer = await this.deps.client.setStaging(item.customerId, item.target, {
          retry: false,
          ...(this.deps.requestTimeoutMs !== undefined ? { timeoutMs: this.deps.requestTimeoutMs } : {}),
        });
        returned = customer.isStaging;
      } catch (thrown) {
        const error = this.itemError(thrown, item.customerId);
        const decision = this.onFailure(item, error, counted);
        if (decision === 'final') return;
        if (decision === 'counted') counted += 1;
        if (counted >= this.run.maxAttempts) {
          this.settle(item, 'failed', { error, note: `Gave up after ${counted} failed attempts.` });
          return;
        }
        const delay = decision === 'refunded' ? 0 : retryDelay(Math.max(0, counted - 1), thrown, this.policy, this.deps.random);
        if (delay > 0) {
          try {
            await this.deps.sleep(delay, this.cancelController.signal);
          } catch {
            return; // cancelled while backing off: the item is pending with its last error
          }
        }
        continue;
      }
      this.serverAnswered();
      this.lastAnsweredId = item.customerId;
      const problem = verifyWrite(item.customerId, item.target, returned);
      if (problem) this.settle(item, 'failed', { after: returned ?? null, error: problem });
      else this.settle(item, 'changed', { after: returned, error: null });
      return;
    }
  }

  /**
   * Classifies a failed attempt. 'final': the item is settled. 'counted': a transient
   * failure that uses one of the item's attempts. 'refunded': the server is down or the
   * session needs sign-in; the attempt does not count (and the run waits).
   */
  private onFailure(item: RunItem, error: AppErrorData, _counted: number): 'final' | 'counted' | 'refunded' {
    if (error.kind === 'AuthRequired' && this.deps.session) {
      // The user did not sign in again (or the hook gave up). A 401 means nothing was written.
      this.serverAnswered();
      this.backToPending(item, error);
      this.signInRequired = true;
      this.emit();
      return 'refunded';
    }
    if (isAccessKind(error.kind)) {
      this.serverAnswered();
      this.settle(item, 'notAccessible', { error });
      return 'final';
    }
    if (!isTransientKind(error.kind)) {
      this.serverAnswered();
      this.settle(item, 'failed', { error });
      return 'final';
    }
    this.backToPending(item, error);
    if (error.kind === 'RateLimited') {
      this.serverAnswered();
      return 'counted';
    }
    if (isOutageKind(error.kind)) {
      this.consecutiveOutages += 1;
      // Never above the item cap: an outage must be noticed before it can use up an item's attempts.
      const threshold = Math.min(this.deps.outageThreshold ?? 4, this.run.maxAttempts);
      if (!this.serverDown && this.consecutiveOutages >= threshold) this.enterServerDown(this.lastAnsweredId ?? item.customerId);
      if (this.serverDown) return 'refunded';
    }
    return 'counted';
  }

  private serverAnswered(): void {
    this.consecutiveOutages = 0;
  }

  private enterServerDown(probeId: string): void {
    this.serverDown = true;
    this.emit();
    if (this.probing) return;
    this.probing = this.probeUntilUp(probeId).finally(() => {
      this.probing = undefined;
    });
  }

  /** Reads one customer with backoff until the server answers (any HTTP answer counts). */
  private async probeUntilUp(probeId: string): Promise<void> {
    const policy: RetryPolicy = { ...this.policy, maxDelayMs: this.deps.maxProbeDelayMs ?? 5_000 };
    for (let n = 0; !this.cancelRequested; n++) {
      try {
        await this.deps.sleep(Math.max(100, backoffDelay(Math.min(n, 10), policy, this.deps.random)), this.cancelController.signal);
      } catch {
        break;
      }
      try {
        await this.deps.client.getCustomer(probeId, { retry: false });
        break;
      } catch (thrown) {
        const kind = thrown instanceof AppError ? thrown.kind : 'Unexpected';
        if (!isOutageKind(kind)) break; // the server answered (403, 404, 429...): it is up
      }
    }
    this.serverDown = false;
    this.consecutiveOutages = 0;
    this.wake();
    this.emit();
  }

  private onSession(state: SessionState): void {
    // Anything but signedIn blocks new requests (expired, signed out, choosing an account):
    // requests would only come back 401 and spin.
    // So does a session for another user, account or server: the run must not continue as them.
    const identity = this.run.identity;
    const required = state.status !== 'signedIn' || (identity ? !sessionMatchesRun(identityFromSession(state), identity) : false);
    if (required === this.signInRequired) return;
    this.signInRequired = required;
    if (!required) this.wake();
    this.emit();
  }

  private itemError(thrown: unknown, customerId: string): AppErrorData {
    const data = toErrorData(thrown);
    return { ...data, customerId: data.customerId ?? customerId };
  }

  private setOutcome(item: RunItem, outcome: ItemOutcome): void {
    this.counts[item.outcome] -= 1;
    this.counts[outcome] += 1;
    item.outcome = outcome;
  }

  private backToPending(item: RunItem, error: AppErrorData): void {
    this.setOutcome(item, 'pending');
    item.error = error;
    item.updatedAt = this.iso();
    this.deps.journal.recordOutcome(this.runId, item.customerId, { outcome: 'pending', error, at: item.updatedAt });
    this.emit();
  }

  private settle(item: RunItem, outcome: ItemOutcome, update: { after?: boolean | null; error?: AppErrorData | null; note?: string | null }): void {
    this.setOutcome(item, outcome);
    if (update.after !== undefined) item.after = update.after;
    if (update.error !== undefined) item.error = update.error;
    if (update.note !== undefined) item.note = update.note;
    item.updatedAt = this.iso();
    this.deps.journal.recordOutcome(this.runId, item.customerId, { outcome, at: item.updatedAt, ...update });
    this.rate.record(this.deps.monotonic());
    this.emit();
  }

  /** Items never sent (or left pending by cancel) become `cancelled`; attempted ones are read back next. */
  private async settleLeftovers(): Promise<void> {
    const leftovers = [...this.items.values()].filter((i) => i.outcome === 'pending' || i.outcome === 'inFlight');
    if (leftovers.length === 0) return;
    const at = this.iso();
    for (const item of leftovers) {
      this.setOutcome(item, 'cancelled');
      item.note = item.attempts === 0 ? 'Not attempted: the run was cancelled.' : 'Cancelled between attempts.';
      item.updatedAt = at;
    }
    this.deps.journal.recordOutcomes(
      this.runId,
      leftovers.map((i) => ({ customerId: i.customerId, outcome: 'cancelled' as const, note: i.note, at })),
    );
  }

  /** A 5xx, reset or timeout may hide a write that happened: read those items and record the truth. */
  private async readBackAmbiguous(): Promise<void> {
    const suspects = [...this.items.values()].filter(
      (i) => (i.outcome === 'failed' || i.outcome === 'cancelled') && i.attempts > 0 && i.error !== null && isAmbiguousKind(i.error.kind),
    );
    if (suspects.length === 0) return;
    let read;
    try {
      read = await readCurrentStates(
        this.deps.client,
        suspects.map((i) => i.customerId),
        { accountId: this.run.accountId },
      );
    } catch {
      return; // cannot read now: the recorded outcome stays, with its ambiguous error for the audit
    }
    const at = this.iso();
    const updates = [];
    for (const item of suspects) {
      const now = read.found.get(item.customerId);
      if (!now) continue;
      item.after = now.isStaging;
      item.updatedAt = at;
      if (now.isStaging === item.target) {
        this.setOutcome(item, 'changed');
        item.note = 'Confirmed by reading the customer back after an unclear answer.';
        this.rate.record(this.deps.monotonic());
      }
      updates.push({ customerId: item.customerId, outcome: item.outcome, after: item.after, note: item.note, at });
    }
    this.deps.journal.recordOutcomes(this.runId, updates);
  }

  private summary(): RunSummary {
    const record = this.deps.journal.getRun(this.runId);
    const items = [...this.items.values()];
    return {
      runId: this.runId,
      kind: record?.kind ?? 'apply',
      status: record?.status ?? 'completed',
      counts: countOutcomes(items),
      durationMs: record?.durationMs ?? null,
      failed: items.filter((i) => i.outcome === 'failed').map((i) => ({ customerId: i.customerId, name: i.name, error: i.error })),
      skipped: items.filter((i) => i.outcome === 'skipped').map((i) => ({ customerId: i.customerId, name: i.name, note: i.note })),
    };
  }

  /**
   * Coalesced: a run changes per request (several times per item), which would flood IPC
   * on large runs. A new state is sent at once; counts at most every progressIntervalMs,
   * with a trailing event so the latest counts always arrive.
   */
  private emit(): void {
    if (this.listeners.size === 0) return;
    const state = this.state;
    const now = this.deps.monotonic();
    const interval = this.deps.progressIntervalMs ?? 50;
    if (state === this.lastEmittedState && now - this.lastEmitAt < interval) {
      this.trailingEmit ??= setTimeout(() => {
        this.trailingEmit = undefined;
        this.emitNow();
      }, interval - (now - this.lastEmitAt));
      return;
    }
    this.emitNow();
  }

  private emitNow(): void {
    if (this.trailingEmit) {
      clearTimeout(this.trailingEmit);
      this.trailingEmit = undefined;
    }
    const p = this.progress();
    this.lastEmittedState = p.state;
    this.lastEmitAt = this.deps.monotonic();
    for (const l of this.listeners) {
      try {
        l(p);
      } catch {
        // A listener (UI, IPC) must never break the run.
      }
    }
  }

  private iso(): string {
    return this.deps.now().toISOString();
  }
}
