/* RunExecution: one segment of a run, from its claim to its end. Bounded concurrency over the
 * run's pending items, each with its own capped attempts (the client's own retries are off, so
 * every request is journalled before it is sent), verify-on-answer, pause/unpause/cancel,
 * waiting for sign-in and for the server, and a read-back of every answer that could not be read.
 *
 * Invariants:
 *  - an item is marked inFlight (attempt n) in the journal before request n is sent, and the
 *    mark only succeeds while this execution's owner token owns the run: a run taken over by
 *    another process sends nothing more from here;
 *  - a write counts when its answer says `isStaging` = target for that id (verifyWrite); an
 *    answer that cannot be read (HTML, wrong id, 5xx, reset, timeout) may hide a write that
 *    landed: the customer is read back, and what the server shows is recorded (changed, not
 *    applied, or unknown after capped reads);
 *  - an item is never failed because the server was down: outage failures are refunded and
 *    the run waits (OutageMonitor) until the server answers again;
 *  - cancel stops new requests at once; requests already sent settle and are recorded as they
 *    land (a success is `changed`);
 *  - a journal write that fails stops the run cleanly: no new request, answers still in flight
 *    recorded when the journal allows, the run left unfinished (continue it later), and the
 *    reason in the progress (`stopped`, `problem`). */
import { AppError, toErrorData, type AppErrorData } from '../../shared/errors';
import { countOutcomes, doneOf } from '../../shared/bulk/counts';
import { RateWindow } from '../../shared/bulk/rate';
import { summaryOf } from '../../shared/bulk/summary';
import { isAccessKind, isAmbiguousKind, isTransientKind, verifyWrite } from '../../shared/bulk/verify';
import { identityFromSession, sessionMatchesRun } from '../../shared/bulk/identity';
import type { ItemOutcome, ItemSettled, OutcomeCounts, RunIdentity, RunItem, RunKind, RunProgress, RunState, RunSummary } from '../../shared/bulk/types';
import type { RequestRate } from '../../shared/request-rate';
import type { SessionState } from '../../shared/session';
import type { Customer } from '../../shared/evo/schemas';
import { abortableSleep, DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from '../api/retry';
import type { BulkJournal, OutcomeUpdate, RunOwner } from './journal/journal';
import { OutageMonitor } from './outage-monitor';
import type { BulkClient, BulkSession } from './ports';
import { ProgressEmitter } from './progress-emitter';
import { HEARTBEAT_INTERVAL_MS } from './run-claim';
import { readCurrentStates } from './state-reader';

export interface RunExecutionDeps {
  client: BulkClient;
  journal: BulkJournal;
  /** Who drives the run (its token must own the run in the journal). */
  owner: RunOwner;
  session?: BulkSession | undefined;
  /** The request rate to the server now (shown in progress). */
  requestRate?: (() => RequestRate | null) | undefined;
  /** Wall clock for journal timestamps. */
  now?: () => Date;
  /** Monotonic ms for rates. */
  monotonic?: () => number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Backoff between an item's attempts (maxAttempts comes from the run). */
  retryPolicy?: Partial<RetryPolicy>;
  /** Consecutive outage-type failures (5xx, network, timeout) that mean "the server may be down". */
  outageThreshold?: number;
  /** Ceiling of the wait between probes while the server is down. */
  maxProbeDelayMs?: number;
  /** Per-request timeout passed to the client (undefined: the client's default). */
  requestTimeoutMs?: number | undefined;
  /** Progress events at most this often (state changes and the end are sent at once). */
  progressIntervalMs?: number;
  heartbeatIntervalMs?: number;
}

export interface RunExecutionInput {
  runId: string;
  kind: RunKind;
  /** All items of the run (settled ones count in the progress totals). */
  items: RunItem[];
  concurrency: number;
  maxAttempts: number;
  accountId: string | null;
  /** Who the run acts as: a session for another user, account or server does not carry it on. */
  identity: RunIdentity | null;
}

/** Reads of one customer after an answer that could not be read, at the end of a segment. */
const READ_BACK_ATTEMPTS = 3;

const journalProblem = (error: unknown): AppErrorData => {
  const code = (error as { code?: unknown } | null)?.code;
  const cause = error instanceof Error ? error.message : String(error);
  return {
    kind: 'Unexpected',
    operation: 'bulkStaging',
    message: `The bulk-staging journal could not be written (${typeof code === 'string' ? `${code}: ` : ''}${cause}), so the run stopped: nothing more is sent. Every outcome the journal took is kept; continue the run once the journal can be written again (free disk space, or close the program holding it).`,
  };
};

const takenOver = (runId: string): AppErrorData => ({
  kind: 'Conflict',
  operation: 'bulkStaging',
  message: `Another process took run ${runId} over, so this one stopped sending. The run goes on there.`,
});

export class RunExecution {
  readonly runId: string;
  private readonly deps: Required<Pick<RunExecutionDeps, 'now' | 'monotonic' | 'random' | 'sleep'>> & RunExecutionDeps;
  private readonly policy: RetryPolicy;
  private readonly items = new Map<string, RunItem>();
  private readonly queue: RunItem[];
  /** Items whose last answer could not be read and that no read has settled since. */
  private readonly unclear = new Set<string>();
  private readonly rate = new RateWindow();
  /** Kept incrementally (a run may have tens of thousands of items and emits per request). */
  private readonly counts: OutcomeCounts;
  /** Ends waits (backoff, probes) on cancel or stop; requests already sent are never aborted. */
  private readonly halt = new AbortController();
  private readonly wakeups = new Set<() => void>();
  private readonly outage: OutageMonitor;
  private readonly emitter: ProgressEmitter<RunProgress>;
  private readonly settledListeners = new Set<(item: ItemSettled) => void>();
  /** Each customer's last change as the server's latest answer said (for ItemSettled). */
  private readonly lastModified = new Map<string, { at: string; by: string | null }>();
  private paused = false;
  private cancelRequested = false;
  private signInRequired = false;
  private reconciling = false;
  private problem: AppErrorData | null = null;
  private finished: 'completed' | 'cancelled' | 'stopped' | null = null;
  private unsubscribeSession: (() => void) | undefined;
  private started = false;
  private donePromise: Promise<RunSummary> | undefined;

  constructor(
    deps: RunExecutionDeps,
    private readonly run: RunExecutionInput,
  ) {
    this.deps = { now: () => new Date(), monotonic: () => performance.now(), random: Math.random, sleep: abortableSleep, ...deps };
    this.policy = { ...DEFAULT_RETRY_POLICY, ...deps.retryPolicy, maxAttempts: run.maxAttempts, maxTotalMs: Number.POSITIVE_INFINITY };
    this.runId = run.runId;
    for (const item of run.items) this.items.set(item.customerId, { ...item });
    this.counts = countOutcomes(this.items.values());
    this.queue = run.items.filter((i) => i.outcome === 'pending').map((i) => this.items.get(i.customerId) as RunItem);
    this.emitter = new ProgressEmitter(() => this.progress(), this.deps.monotonic, deps.progressIntervalMs);
    this.outage = new OutageMonitor({
      // Never above the item cap: an outage must be noticed before it can use up an item's attempts.
      threshold: Math.min(deps.outageThreshold ?? 4, run.maxAttempts),
      probe: () => this.deps.client.authStatus({ retry: false }),
      sleep: this.deps.sleep,
      random: this.deps.random,
      policy: { ...this.policy, maxDelayMs: deps.maxProbeDelayMs ?? 5_000 },
      signal: this.halt.signal,
      onChange: () => {
        if (!this.outage.down) this.wake();
        this.emit();
      },
    });
  }

  get state(): RunState {
    if (this.finished) return this.finished;
    if (!this.started) return 'starting';
    if (this.reconciling) return 'reconciling';
    if (this.cancelRequested) return 'cancelling';
    if (this.problem) return 'stopped';
    if (this.signInRequired) return 'waitingForSignIn';
    if (this.outage.down) return 'waitingForServer';
    if (this.paused) return 'paused';
    return 'running';
  }

  onProgress(listener: (p: RunProgress) => void): () => void {
    return this.emitter.on(listener);
  }

  /** Each customer as it settles (changed, failed, ...), so screens update it at once. */
  onItemSettled(listener: (item: ItemSettled) => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  progress(): RunProgress {
    const counts = { ...this.counts };
    const remaining = counts.pending + counts.inFlight;
    const now = this.deps.monotonic();
    const state = this.state;
    const moving = state === 'running' || state === 'cancelling';
    const live = !this.finished;
    return {
      runId: this.runId,
      state,
      counts,
      done: doneOf(counts),
      remaining,
      ratePerSecond: Math.round(this.rate.ratePerSecond(now) * 100) / 100,
      etaMs: moving || remaining === 0 ? this.rate.etaMs(now, remaining) : null,
      requestRate: live ? (this.deps.requestRate?.() ?? null) : null,
      problem: this.problem,
      at: this.deps.now().toISOString(),
    };
  }

  pause(): void {
    if (this.finished || this.cancelRequested) return;
    this.paused = true;
    this.emit();
  }

  unpause(): void {
    if (!this.paused) return;
    this.paused = false;
    this.wake();
    this.emit();
  }

  cancel(): void {
    if (this.finished || this.cancelRequested) return;
    this.cancelRequested = true;
    this.halt.abort(new AppError({ kind: 'Cancelled', message: 'The run was cancelled.' }));
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
    const heartbeat = setInterval(() => this.heartbeat(), this.deps.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS);
    heartbeat.unref?.();
    this.emit();
    try {
      const workers = Array.from({ length: Math.max(1, Math.min(this.run.concurrency, this.queue.length)) }, () => this.worker());
      // A worker that throws (a bug) stops the run like a journal failure: the others finish their
      // requests in flight and nothing more is sent.
      for (const result of await Promise.allSettled(workers)) if (result.status === 'rejected') this.stop(journalProblem(result.reason));
      if (!this.problem) {
        this.reconciling = true;
        this.emit();
        this.settleLeftovers();
        await this.readBackUnclear();
      }
    } finally {
      clearInterval(heartbeat);
      this.unsubscribeSession?.();
      this.reconciling = false;
    }
    const status = this.cancelRequested ? 'cancelled' : 'completed';
    if (!this.problem) this.journalled(() => this.deps.journal.finishRun(this.runId, status, this.iso()));
    if (this.problem) {
      // Unfinished, and nobody's: it can be continued at once (if the journal takes even this).
      this.journalled(() => this.deps.journal.releaseRun(this.runId, this.deps.owner.token, this.iso()), { quiet: true });
      this.finished = 'stopped';
    } else {
      this.finished = status;
    }
    this.halt.abort();
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

  /** Resolves true when a new request may start, false once the run is cancelled or stopped. */
  private async gate(): Promise<boolean> {
    for (;;) {
      if (this.cancelRequested || this.problem) return false;
      if (!this.paused && !this.signInRequired && !this.outage.down) return true;
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
    /** The outage the last failure was excused by, and that failure (it counts if the outage was a false alarm). */
    let excused: { outage: number; error: AppErrorData } | null = null;
    for (;;) {
      if (!(await this.gate())) return; // left pending: settled as cancelled (or continued later)
      if (excused && !this.outage.excuses(excused.outage) && ++counted >= this.run.maxAttempts) {
        this.giveUp(item, counted, excused.error);
        return;
      }
      excused = null;
      const attempt = item.attempts + 1;
      const marked = this.journalled(() => this.deps.journal.markInFlight(this.runId, item.customerId, attempt, this.iso(), this.deps.owner.token));
      if (marked === undefined) return; // the journal failed: stopped, nothing sent
      if (!marked) {
        this.stop(takenOver(this.runId));
        return;
      }
      item.attempts = attempt;
      this.setOutcome(item, 'inFlight');
      this.emit();
      let returned: boolean;
      try {
        const customer = await this.deps.client.setStaging(item.customerId, item.targetIsStaging, {
          retry: false,
          ...(this.deps.requestTimeoutMs !== undefined ? { timeoutMs: this.deps.requestTimeoutMs } : {}),
        });
        returned = customer.isStaging === true;
        this.noteLastModified(item.customerId, customer);
      } catch (thrown) {
        const error = this.itemError(thrown, item.customerId);
        if (isAmbiguousKind(error.kind) && error.kind !== 'Cancelled') {
          // The write may have landed: ask the server before anything else.
          const seen = await this.readOne(item.customerId);
          if (seen === item.targetIsStaging) {
            this.outage.answered();
            this.settle(item, 'changed', { after: seen, error: null, note: `Confirmed by reading the customer back after an unclear answer (${error.kind}).` });
            return;
          }
          if (seen === null) this.unclear.add(item.customerId);
          else {
            this.unclear.delete(item.customerId);
            item.after = seen;
          }
        }
        const decision = this.onFailure(item, error);
        if (decision === 'final' || this.problem) return;
        if (decision === 'counted') counted += 1;
        else if (typeof decision === 'number') excused = { outage: decision, error };
        if (counted >= this.run.maxAttempts) {
          this.giveUp(item, counted, error);
          return;
        }
        const delay = decision !== 'counted' ? 0 : retryDelay(Math.max(0, counted - 1), thrown, this.policy, this.deps.random);
        if (delay > 0) {
          try {
            await this.deps.sleep(delay, this.halt.signal);
          } catch {
            return; // cancelled or stopped while backing off: the item is pending with its last error
          }
        }
        continue;
      }
      this.outage.answered();
      this.unclear.delete(item.customerId);
      const problem = verifyWrite(item.customerId, item.targetIsStaging, returned);
      if (problem) this.settle(item, 'failed', { after: returned, error: problem });
      else this.settle(item, 'changed', { after: returned, error: null });
      return;
    }
  }

  /** The item used up its attempts: failed with its last error. */
  private giveUp(item: RunItem, counted: number, error: AppErrorData): void {
    this.settle(item, 'failed', { error, note: `Gave up after ${counted} failed attempts.`, ...(this.unclear.has(item.customerId) ? {} : { after: item.after }) });
  }

  /**
   * Classifies a failed attempt. 'final': the item is settled. 'counted': a failure that uses
   * one of the item's attempts. 'refunded': the session needs sign-in; the attempt does not
   * count (and the run waits). A number: the server seems down (that outage); the run waits, and
   * the attempt counts only if the outage proves a false alarm.
   */
  private onFailure(item: RunItem, error: AppErrorData): 'final' | 'counted' | 'refunded' | number {
    if (error.kind === 'AuthRequired' && this.deps.session) {
      // The user did not sign in again (or the hook gave up). A 401 means nothing was written.
      this.outage.answered();
      this.backToPending(item, error);
      this.signInRequired = true;
      this.emit();
      return 'refunded';
    }
    if (isAccessKind(error.kind)) {
      this.outage.answered();
      this.settle(item, 'notAccessible', { error });
      return 'final';
    }
    if (error.kind === 'AmbiguousResponse') {
      // The server answered (something unreadable) and the read-back found the write not applied
      // or could not tell: setting a value again is harmless, so try again.
      this.outage.answered();
      this.backToPending(item, error);
      return 'counted';
    }
    if (!isTransientKind(error.kind)) {
      this.outage.answered();
      this.settle(item, 'failed', { error });
      return 'final';
    }
    this.backToPending(item, error);
    if (error.kind === 'RateLimited') {
      this.outage.answered();
      return 'counted';
    }
    return this.outage.failed(error.kind) ?? 'counted';
  }

  /** isStaging of one customer as the server shows it now, or null when it cannot be read. */
  private async readOne(customerId: string): Promise<boolean | null> {
    try {
      const customer = await this.deps.client.getCustomer(customerId, {
        retry: false,
        ...(this.deps.requestTimeoutMs !== undefined ? { timeoutMs: this.deps.requestTimeoutMs } : {}),
      });
      this.noteLastModified(customerId, customer);
      return customer.isStaging === true;
    } catch {
      return null;
    }
  }

  private noteLastModified(customerId: string, customer: Pick<Customer, 'dateLastModified' | 'lastModifiedBy'>): void {
    const { dateLastModified: at, lastModifiedBy: by } = customer;
    if (typeof at === 'string' && at !== '') this.lastModified.set(customerId, { at, by: typeof by === 'string' ? by : null });
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

  private heartbeat(): void {
    try {
      if (!this.deps.journal.heartbeat(this.runId, this.deps.owner.token, this.iso())) this.stop(takenOver(this.runId));
    } catch {
      // A heartbeat that cannot be written proves nothing by itself: the next item write says whether the journal works.
    }
  }

  /** Stops the run: no new request; requests in flight settle and are recorded when the journal allows. */
  private stop(problem: AppErrorData): void {
    if (this.problem) return;
    this.problem = problem;
    this.halt.abort();
    this.wake();
    this.emit();
  }

  /** Runs a journal write; a failure stops the run (see stop) and answers undefined. */
  private journalled<T>(write: () => T, options: { quiet?: boolean } = {}): T | undefined {
    try {
      return write();
    } catch (error) {
      if (!options.quiet) this.stop(journalProblem(error));
      return undefined;
    }
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

  private record(item: RunItem, update: OutcomeUpdate): void {
    // After a stop the journal may work again for a moment: take every answer it will.
    this.journalled(() => this.deps.journal.recordOutcome(this.runId, item.customerId, update), { quiet: this.problem !== null });
  }

  private backToPending(item: RunItem, error: AppErrorData): void {
    this.setOutcome(item, 'pending');
    item.error = error;
    item.updatedAt = this.iso();
    this.record(item, { outcome: 'pending', error, at: item.updatedAt });
    this.emit();
  }

  private settle(item: RunItem, outcome: ItemOutcome, update: { after?: boolean | null; error?: AppErrorData | null; note?: string | null }): void {
    this.setOutcome(item, outcome);
    if (update.after !== undefined) item.after = update.after;
    if (update.error !== undefined) item.error = update.error;
    if (update.note !== undefined) item.note = update.note;
    item.updatedAt = this.iso();
    this.record(item, { outcome, at: item.updatedAt, ...update });
    this.rate.record(this.deps.monotonic());
    this.emit();
    this.tellSettled(item);
  }

  private tellSettled(item: RunItem): void {
    const settled: ItemSettled = {
      runId: this.runId,
      customerId: item.customerId,
      name: item.name,
      outcome: item.outcome,
      after: item.after,
      lastModified: this.lastModified.get(item.customerId) ?? null,
      error: item.error,
    };
    for (const listener of this.settledListeners) {
      try {
        listener(settled);
      } catch {
        // A listener (UI, IPC) must never break the run.
      }
    }
  }

  /** Items never sent (or left pending by cancel) become `cancelled`; those with an unclear last answer are read back next. */
  private settleLeftovers(): void {
    const leftovers = [...this.items.values()].filter((i) => i.outcome === 'pending' || i.outcome === 'inFlight');
    if (leftovers.length === 0) return;
    const at = this.iso();
    for (const item of leftovers) {
      this.setOutcome(item, 'cancelled');
      item.note = item.attempts === 0 ? 'Not attempted: the run was cancelled.' : 'Cancelled between attempts.';
      item.updatedAt = at;
    }
    this.journalled(() =>
      this.deps.journal.recordOutcomes(
        this.runId,
        leftovers.map((i) => ({ customerId: i.customerId, outcome: 'cancelled' as const, note: i.note, at })),
      ),
    );
  }

  /**
   * Every item whose last answer could not be read (and no read settled since; also from an
   * earlier segment) is read back, up to READ_BACK_ATTEMPTS times: at the target it was
   * changed; otherwise it was not applied; unreadable, it is recorded as unknown.
   */
  private async readBackUnclear(): Promise<void> {
    const suspects = [...this.items.values()].filter(
      (i) =>
        (i.outcome === 'failed' || i.outcome === 'cancelled') &&
        i.attempts > 0 &&
        (this.unclear.has(i.customerId) || (i.after === null && i.error !== null && isAmbiguousKind(i.error.kind))),
    );
    if (suspects.length === 0) return;
    const ids = suspects.map((i) => i.customerId);
    let read: Awaited<ReturnType<typeof readCurrentStates>> | undefined;
    for (let attempt = 0; attempt < READ_BACK_ATTEMPTS && !read; attempt++) {
      try {
        if (attempt > 0) await this.deps.sleep(retryDelay(attempt - 1, undefined, this.policy, this.deps.random));
        read = await readCurrentStates(this.deps.client, ids, { accountId: this.run.accountId });
      } catch {
        // tried again below, then recorded as unknown
      }
    }
    const at = this.iso();
    const updates: (OutcomeUpdate & { customerId: string })[] = [];
    for (const item of suspects) {
      const now = read?.found.get(item.customerId);
      item.updatedAt = at;
      if (!now) {
        if (read) continue; // not accessible now: the recorded outcome stays, with its error
        item.after = null;
        item.note = `Unknown: the last answer could not be read and the customer could not be read back (${READ_BACK_ATTEMPTS} tries); the change may have been applied.`;
      } else if (now.isStaging === item.targetIsStaging) {
        item.after = now.isStaging;
        this.setOutcome(item, 'changed');
        item.note = 'Confirmed by reading the customer back after an unclear answer.';
        this.rate.record(this.deps.monotonic());
        this.tellSettled(item);
      } else {
        item.after = now.isStaging;
        item.note = `${item.note ? `${item.note} ` : ''}Read back: not applied.`;
      }
      this.unclear.delete(item.customerId);
      updates.push({ customerId: item.customerId, outcome: item.outcome, after: item.after, note: item.note, at });
    }
    this.journalled(() => this.deps.journal.recordOutcomes(this.runId, updates));
  }

  private summary(): RunSummary {
    const items = [...this.items.values()];
    const record = this.journalled(() => this.deps.journal.getRun(this.runId), { quiet: true });
    const status = this.finished === 'completed' || this.finished === 'cancelled' ? this.finished : 'running';
    return summaryOf({ id: this.runId, kind: this.run.kind, status, counts: countOutcomes(items), durationMs: record?.durationMs ?? null, items }, this.problem);
  }

  private emit(): void {
    this.emitter.changed();
  }

  private iso(): string {
    return this.deps.now().toISOString();
  }
}

