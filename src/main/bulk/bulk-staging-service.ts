/* BulkStagingService: the public API of bulk staging for the IPC layer and the CLI.
 * Plain data in, plain data out (types in src/shared/bulk); errors are AppError.
 *
 *  plan / planFromCache → savePlan / getPlan / listPlans → start(plan | planId) → RunHandle
 *  findInterrupted → recover → resume;   retryFailed;   undo;   listRuns / getRun / exportRun */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { AppError, type AppErrorData } from '../../shared/errors';
import { identityFromSession } from '../../shared/bulk/identity';
import { isStagingToTarget, targetToIsStaging } from '../../shared/bulk/counts';
import { computeDrift, emptyIdentity, planTargetIds } from '../../shared/bulk/plan-logic';
import { failedItems, selectUndo } from '../../shared/bulk/undo';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_ATTEMPTS,
  MAX_CONCURRENCY,
  MIN_CONCURRENCY,
  type AccessProblem,
  type BulkPlan,
  type ExportFormat,
  type InterruptedRun,
  type PlanDrift,
  type PlanProgress,
  type PlanRequest,
  type PlanSummary,
  type RecoveryReport,
  type RunDetail,
  type RunIdentity,
  type RunItem,
  type RunKind,
  type RunProgress,
  type RunRecord,
  type RunSummary,
  type TargetState,
} from '../../shared/bulk/types';
import { exportRunDetail } from './audit-export';
import { BulkJournal, type NewRun, type NewRunItem } from './journal/journal';
import { openJournalDatabase } from './journal/journal-db';
import { Planner } from './planner';
import type { BulkCache, BulkClient, BulkSession } from './ports';
import { RunExecution, type EngineDeps } from './run-engine';
import { readCurrentStates } from './state-reader';

export interface RunHandle {
  runId: string;
  kind: RunKind;
  /** start(): what changed between the plan's snapshot and the fresh read before the first write. */
  driftSincePlan: PlanDrift | null;
  onProgress(listener: (progress: RunProgress) => void): () => void;
  progress(): RunProgress;
  pause(): void;
  resume(): void;
  cancel(): void;
  done: Promise<RunSummary>;
}

export interface StartOptions {
  /** Requests at once, 1..16 (default 6). The shared limiter may allow fewer. */
  concurrency?: number;
  /** Requests per item before it fails (transient errors; default 5). */
  maxAttempts?: number;
}

interface FollowUp {
  source: RunRecord;
  identity: RunIdentity;
  concurrency: number;
  maxAttempts: number;
}

export interface BulkStagingServiceDeps {
  client: BulkClient;
  journal: BulkJournal;
  session?: BulkSession;
  cache?: BulkCache;
  /** Who/where when there is no SessionService (CLI with a plain client, tests). */
  identity?: () => RunIdentity;
  now?: () => Date;
  newId?: () => string;
  /** Subtree listing page size (tests use a small one to force several pages). */
  countPerPage?: number;
  engine?: Pick<EngineDeps, 'retryPolicy' | 'outageThreshold' | 'maxProbeDelayMs' | 'requestTimeoutMs' | 'sleep' | 'random'>;
}

export interface OpenBulkStagingOptions extends Omit<BulkStagingServiceDeps, 'journal'> {
  /** App-data folder; the journal is `<appDataDir>/journal.sqlite`. */
  appDataDir: string;
  nativeBinding?: string | undefined;
}

const invalid = (message: string) => new AppError({ kind: 'InvalidInput', operation: 'bulkStaging', message });
const conflict = (message: string) => new AppError({ kind: 'Conflict', operation: 'bulkStaging', message });

function problemToError(customerId: string, reason: AccessProblem): AppErrorData {
  return { kind: reason.kind, message: reason.message, customerId, ...(reason.status !== undefined ? { status: reason.status } : {}) };
}

/** Runs driven by this process, whichever service instance drives them (ids are UUIDs). */
const LIVE_IN_PROCESS = new Set<string>();

export class BulkStagingService {
  private readonly planner: Planner;
  private readonly live = new Map<string, RunExecution>();
  private readonly now: () => Date;
  private readonly newId: () => string;

  static open(options: OpenBulkStagingOptions): BulkStagingService {
    const db = openJournalDatabase({ appDataDir: options.appDataDir, nativeBinding: options.nativeBinding });
    return new BulkStagingService({ ...options, journal: new BulkJournal(db) });
  }

  constructor(private readonly deps: BulkStagingServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
    this.planner = new Planner({
      client: deps.client,
      now: this.now,
      newId: this.newId,
      ...(deps.countPerPage !== undefined ? { countPerPage: deps.countPerPage } : {}),
    });
  }

  // ---- plans ----------------------------------------------------------------

  /** Reads every target fresh from the server. Cancel with `signal` (AppError Cancelled). */
  plan(request: PlanRequest, options: { onProgress?: (p: PlanProgress) => void; signal?: AbortSignal } = {}): Promise<BulkPlan> {
    this.requireSignedIn();
    return this.planner.plan(request, this.identity(), options);
  }

  /** Offline plan from the customer cache (source 'cache', dated by the oldest record). */
  planFromCache(request: PlanRequest, options: { onProgress?: (p: PlanProgress) => void; signal?: AbortSignal } = {}): BulkPlan {
    if (!this.deps.cache) throw invalid('No offline customer cache is available for this profile.');
    return this.planner.planFromCache(this.deps.cache, request, this.identity(), options);
  }

  savePlan(plan: BulkPlan): PlanSummary {
    this.deps.journal.savePlan(plan);
    return this.deps.journal.listPlans().find((p) => p.id === plan.id) as PlanSummary;
  }

  getPlan(planId: string): BulkPlan | null {
    return this.deps.journal.getPlan(planId);
  }

  listPlans(): PlanSummary[] {
    return this.deps.journal.listPlans();
  }

  deletePlan(planId: string): boolean {
    return this.deps.journal.deletePlan(planId);
  }

  // ---- runs -----------------------------------------------------------------

  /**
   * Applies a plan: re-reads every target, journals the run and all its items, then
   * sends the changes. Items already in the target state or not accessible now are
   * settled without a request; `driftSincePlan` on the handle says what changed.
   */
  async start(planOrId: BulkPlan | string, options: StartOptions = {}): Promise<RunHandle> {
    const { concurrency, maxAttempts } = this.runOptions(options);
    const plan = typeof planOrId === 'string' ? this.deps.journal.getPlan(planOrId) : planOrId;
    if (!plan) throw invalid(`No saved plan with id ${String(planOrId)}.`);
    this.requireSignedIn();
    const identity = this.identity();
    this.checkSameTarget(plan.identity, identity);
    this.deps.journal.savePlan(plan);

    const ids = planTargetIds(plan);
    // As many reads at once as the run will write with: this re-read is on the user's clock.
    const fresh = await readCurrentStates(this.deps.client, ids, { accountId: identity.accountId, now: this.now, parallel: Math.max(4, concurrency) });
    const drift = computeDrift(plan, fresh.found, fresh.inaccessible);
    const target = targetToIsStaging(plan.target);
    const planned = new Map([...plan.toChange, ...plan.alreadyInState].map((i) => [i.customerId, i]));
    const items: NewRunItem[] = ids.map((id) => {
      const now = fresh.found.get(id);
      if (now) {
        const inState = now.isStaging === target;
        return {
          customerId: id,
          name: now.name,
          breadcrumb: now.breadcrumb,
          before: now.isStaging,
          target,
          outcome: inState ? 'alreadyInState' : 'pending',
          ...(inState ? { after: now.isStaging } : {}),
        };
      }
      const old = planned.get(id);
      const reason = fresh.inaccessible.get(id) ?? { kind: 'NotFound' as const, message: 'Customer not found.' };
      return { customerId: id, name: old?.name ?? '', breadcrumb: old?.breadcrumb ?? [], before: null, target, outcome: 'notAccessible', error: problemToError(id, reason) };
    });
    return this.launch({
      kind: 'apply',
      parentRunId: null,
      planId: plan.id,
      target: plan.target,
      identity,
      request: plan.request,
      planCounts: plan.counts,
      drift,
      concurrency,
      maxAttempts,
      items,
    });
  }

  /** A new run over the failed items of `runId` (re-read first: some may have been applied meanwhile). */
  async retryFailed(runId: string, options: StartOptions = {}): Promise<RunHandle> {
    const followUp = this.followUp(runId, 'retry its failed items', options);
    const failed = failedItems(this.deps.journal.getItems(runId));
    if (failed.length === 0) throw invalid('That run has no failed items to retry.');
    const fresh = await readCurrentStates(this.deps.client, failed.map((i) => i.customerId), { accountId: followUp.identity.accountId, now: this.now });
    const items: NewRunItem[] = failed.map((old) => {
      const now = fresh.found.get(old.customerId);
      if (!now) {
        const reason = fresh.inaccessible.get(old.customerId) ?? { kind: 'NotFound' as const, message: 'Customer not found.' };
        return { customerId: old.customerId, name: old.name, breadcrumb: old.breadcrumb, before: null, target: old.target, outcome: 'notAccessible', error: problemToError(old.customerId, reason) };
      }
      const inState = now.isStaging === old.target;
      return {
        customerId: old.customerId,
        name: now.name,
        breadcrumb: now.breadcrumb,
        before: now.isStaging,
        target: old.target,
        outcome: inState ? 'alreadyInState' : 'pending',
        ...(inState ? { after: now.isStaging } : {}),
      };
    });
    return this.launchFollowUp('retryFailed', followUp, followUp.source.target, items);
  }

  /**
   * Sets back the customers `runId` changed, only where the server still shows what the
   * run set. Customers changed since by someone else are `skipped` (listed in the
   * summary). The undo is itself a journalled run linked to the original.
   */
  async undo(runId: string, options: StartOptions = {}): Promise<RunHandle> {
    const followUp = this.followUp(runId, 'undo it', options);
    const earlier = this.deps.journal.listRuns().find((r) => r.kind === 'undo' && r.parentRunId === runId && r.status !== 'cancelled');
    if (earlier) throw conflict(`Run ${runId} was already undone by run ${earlier.id}.`);
    const changed = this.deps.journal.getItems(runId).filter((i) => i.outcome === 'changed');
    const fresh = await readCurrentStates(this.deps.client, changed.map((i) => i.customerId), { accountId: followUp.identity.accountId, now: this.now });
    const current = new Map([...fresh.found].map(([id, item]) => [id, item.isStaging]));
    const selection = selectUndo(changed, current);
    const items: NewRunItem[] = [
      ...selection.revert.map((i): NewRunItem => ({
        customerId: i.customerId,
        name: fresh.found.get(i.customerId)?.name ?? i.name,
        breadcrumb: i.breadcrumb,
        before: i.target,
        target: i.before as boolean,
        outcome: 'pending',
      })),
      ...selection.changedSince.map(({ item, now }): NewRunItem => ({
        customerId: item.customerId,
        name: fresh.found.get(item.customerId)?.name ?? item.name,
        breadcrumb: item.breadcrumb,
        before: now,
        target: item.before as boolean,
        after: now,
        outcome: 'skipped',
        note: `Changed since by someone else (now ${isStagingToTarget(now)}); left alone.`,
      })),
      ...selection.notAccessible.map((i): NewRunItem => {
        const reason = fresh.inaccessible.get(i.customerId) ?? { kind: 'NotFound' as const, message: 'Customer not found.' };
        return { customerId: i.customerId, name: i.name, breadcrumb: i.breadcrumb, before: null, target: i.before as boolean, outcome: 'notAccessible', error: problemToError(i.customerId, reason) };
      }),
    ];
    const undoTarget: TargetState = isStagingToTarget(!targetToIsStaging(followUp.source.target));
    return this.launchFollowUp('undo', followUp, undoTarget, items);
  }

  // ---- crash recovery ---------------------------------------------------------

  /** Runs left unfinished by a process that is gone (crash, kill, power loss). */
  findInterrupted(): InterruptedRun[] {
    return this.deps.journal
      .listUnfinished()
      .filter((r) => !LIVE_IN_PROCESS.has(r.id) && !ownerAlive(r.owner))
      .map(({ owner: _owner, ...run }) => ({ run, unknown: run.counts.pending + run.counts.inFlight, inFlight: run.counts.inFlight }));
  }

  /**
   * Re-reads the server state of every item whose outcome is unknown and records it:
   * already at the target → `changed` ("confirmed after restart") when we had sent it,
   * else `alreadyInState`; not readable → `notAccessible`; otherwise it stays pending.
   */
  async recover(runId: string): Promise<RecoveryReport> {
    this.interruptedRun(runId);
    const journal = this.deps.journal;
    const unknown = journal.getItems(runId).filter((i) => i.outcome === 'pending' || i.outcome === 'inFlight');
    const report: RecoveryReport = { runId, confirmedChanged: 0, stillPending: 0, notAccessible: 0, unresolved: 0 };
    journal.closeCrashedSegment(runId);
    if (unknown.length === 0) return report;
    const identity = this.identity();
    let fresh;
    try {
      fresh = await readCurrentStates(this.deps.client, unknown.map((i) => i.customerId), { accountId: identity.accountId, now: this.now });
    } catch (error) {
      if (error instanceof AppError) throw new AppError({ ...error.toData(), message: `Could not read the run's customers to recover it: ${error.message}` }, { cause: error });
      throw error;
    }
    const at = this.now().toISOString();
    const updates = unknown.map((item) => {
      const now = fresh.found.get(item.customerId);
      if (!now) {
        report.notAccessible += 1;
        const reason = fresh.inaccessible.get(item.customerId) ?? { kind: 'NotFound' as const, message: 'Customer not found.' };
        return { customerId: item.customerId, outcome: 'notAccessible' as const, error: problemToError(item.customerId, reason), at };
      }
      if (now.isStaging === item.target) {
        if (item.attempts > 0) {
          report.confirmedChanged += 1;
          return { customerId: item.customerId, outcome: 'changed' as const, after: now.isStaging, error: null, note: 'Confirmed after restart.', at };
        }
        return { customerId: item.customerId, outcome: 'alreadyInState' as const, after: now.isStaging, note: 'Already in the target state when the run was recovered (never sent).', at };
      }
      report.stillPending += 1;
      return { customerId: item.customerId, outcome: 'pending' as const, after: now.isStaging, at };
    });
    journal.recordOutcomes(runId, updates);
    return report;
  }

  /** Recovers (fresh read), then continues only the items still needing the change, under the same run id. */
  async resume(runId: string, options: StartOptions = {}): Promise<RunHandle & { recovery: RecoveryReport }> {
    const run = this.interruptedRun(runId);
    const concurrency = options.concurrency ?? run.concurrency;
    const { maxAttempts } = this.runOptions({ concurrency, maxAttempts: options.maxAttempts ?? run.maxAttempts });
    this.requireSignedIn();
    this.checkSameTarget(run.identity, this.identity());
    const recovery = await this.recover(runId);
    this.deps.journal.beginResumedSegment(runId, this.now().toISOString(), owner());
    const handle = this.execute(runId, run.kind, null, concurrency, maxAttempts, run.identity.accountId);
    return { ...handle, recovery };
  }

  // ---- audit ------------------------------------------------------------------

  listRuns(): RunRecord[] {
    return this.deps.journal.listRuns();
  }

  getRun(runId: string): RunDetail | null {
    return this.deps.journal.getRunDetail(runId);
  }

  /** One item of a run (e.g. to name what a run was about). */
  getRunItem(runId: string, customerId: string): RunItem | null {
    return this.deps.journal.getItem(runId, customerId);
  }

  exportRun(runId: string, format: ExportFormat): string {
    if (format !== 'csv' && format !== 'json') throw invalid('Export format must be csv or json.');
    const run = this.deps.journal.getRunDetail(runId);
    if (!run) throw invalid(`No run with id ${runId}.`);
    return exportRunDetail(run, format);
  }

  /** A live run of this process (UI reattaching after a window reload). */
  activeRun(runId: string): RunHandle | null {
    const exec = this.live.get(runId);
    if (!exec) return null;
    return this.handleFor(exec, this.deps.journal.getRun(runId)?.kind ?? 'apply', null, exec.start());
  }

  /** Latest progress: live from this process, or final from the journal; null for unknown or interrupted runs. */
  status(runId: string): RunProgress | null {
    const exec = this.live.get(runId);
    if (exec) return exec.progress();
    const run = this.deps.journal.getRun(runId);
    if (!run || run.status === 'running') return null;
    const c = run.counts;
    return { runId, state: run.status, counts: c, done: c.total - c.pending - c.inFlight, remaining: c.pending + c.inFlight, ratePerSecond: 0, etaMs: 0, at: run.endedAt ?? this.now().toISOString() };
  }

  activeRunIds(): string[] {
    return [...this.live.keys()];
  }

  // ---- internals ------------------------------------------------------------

  private launch(run: Omit<NewRun, 'id' | 'createdAt' | 'owner'> & { items: NewRunItem[] }): RunHandle {
    const runId = this.newId();
    // Write-ahead: the run and every item are on disk before the first request.
    this.deps.journal.createRun({ id: runId, createdAt: this.now().toISOString(), owner: owner(), ...run }, run.items);
    return this.execute(runId, run.kind, run.drift, run.concurrency, run.maxAttempts, run.identity.accountId);
  }

  private execute(runId: string, kind: RunKind, drift: PlanDrift | null, concurrency: number, maxAttempts: number, accountId: string | null): RunHandle {
    const exec = new RunExecution(
      { client: this.deps.client, journal: this.deps.journal, session: this.deps.session, now: this.now, ...this.deps.engine },
      { runId, items: this.deps.journal.getItems(runId), concurrency, maxAttempts, accountId, identity: this.deps.journal.getRun(runId)?.identity ?? null },
    );
    this.live.set(runId, exec);
    LIVE_IN_PROCESS.add(runId);
    const done = exec.start().finally(() => {
      this.live.delete(runId);
      LIVE_IN_PROCESS.delete(runId);
    });
    return this.handleFor(exec, kind, drift, done);
  }

  private handleFor(exec: RunExecution, kind: RunKind, drift: PlanDrift | null, done: Promise<RunSummary>): RunHandle {
    return {
      runId: exec.runId,
      kind,
      driftSincePlan: drift,
      onProgress: (l) => exec.onProgress(l),
      progress: () => exec.progress(),
      pause: () => exec.pause(),
      resume: () => exec.resume(),
      cancel: () => exec.cancel(),
      done,
    };
  }

  private runOptions(options: StartOptions): { concurrency: number; maxAttempts: number } {
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(concurrency) || concurrency < MIN_CONCURRENCY || concurrency > MAX_CONCURRENCY) {
      throw invalid(`Concurrency must be a whole number from ${MIN_CONCURRENCY} to ${MAX_CONCURRENCY}.`);
    }
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20) throw invalid('Attempts per item must be a whole number from 1 to 20.');
    return { concurrency, maxAttempts };
  }

  /** A run acting on an earlier, finished run (retry failed, undo): the source run, the run
   * options, and who acts — signed in, on the source run's server and account. */
  private followUp(runId: string, what: string, options: StartOptions): FollowUp {
    const { concurrency, maxAttempts } = this.runOptions(options);
    const source = this.finishedRun(runId, what);
    this.requireSignedIn();
    const identity = this.identity();
    this.checkSameTarget(source.identity, identity);
    return { source, identity, concurrency, maxAttempts };
  }

  private launchFollowUp(kind: 'retryFailed' | 'undo', f: FollowUp, target: TargetState, items: NewRunItem[]): RunHandle {
    return this.launch({
      kind,
      parentRunId: f.source.id,
      // A retry still carries out the source's plan; an undo is no plan's.
      planId: kind === 'retryFailed' ? f.source.planId : null,
      target,
      identity: f.identity,
      request: f.source.request,
      planCounts: null,
      drift: null,
      concurrency: f.concurrency,
      maxAttempts: f.maxAttempts,
      items,
    });
  }

  private finishedRun(runId: string, what: string): RunRecord {
    const run = this.deps.journal.getRun(runId);
    if (!run) throw invalid(`No run with id ${runId}.`);
    if (run.status === 'running') throw conflict(`Run ${runId} has not finished; finish, cancel or recover it before you ${what}.`);
    return run;
  }

  private interruptedRun(runId: string): RunRecord {
    const run = this.deps.journal.getRun(runId);
    if (!run) throw invalid(`No run with id ${runId}.`);
    if (run.status !== 'running') throw conflict(`Run ${runId} has already ${run.status === 'completed' ? 'completed' : 'been cancelled'}.`);
    if (LIVE_IN_PROCESS.has(runId)) throw conflict(`Run ${runId} is running in this window.`);
    const unfinished = this.deps.journal.listUnfinished().find((r) => r.id === runId);
    if (unfinished && ownerAlive(unfinished.owner)) {
      throw conflict(`Run ${runId} is being driven by another process (pid ${unfinished.owner?.pid}). Close it first.`);
    }
    return run;
  }

  private identity(): RunIdentity {
    if (this.deps.session) return identityFromSession(this.deps.session.getState());
    return this.deps.identity?.() ?? emptyIdentity();
  }

  private requireSignedIn(): void {
    const status = this.deps.session?.getState().status;
    if (status === undefined || status === 'signedIn' || status === 'signInRequired') return;
    throw new AppError({ kind: 'AuthRequired', operation: 'bulkStaging', message: 'Sign in and choose an account before planning or running bulk changes.' });
  }

  /** A plan or run made against one server/account must not be applied to another. */
  private checkSameTarget(recorded: RunIdentity, current: RunIdentity): void {
    if (recorded.serverUrl && current.serverUrl && recorded.serverUrl !== current.serverUrl) {
      throw conflict(`This was made on ${recorded.serverUrl}, but the console is connected to ${current.serverUrl}. Switch server first.`);
    }
    if (recorded.accountId && current.accountId && recorded.accountId !== current.accountId) {
      throw conflict(`This was made for account ${recorded.accountName ?? recorded.accountId}, but the active account is ${current.accountName ?? current.accountId}. Switch account first.`);
    }
  }
}

function owner() {
  return { pid: process.pid, host: os.hostname() };
}

/** Whether the process that owned a run is still alive (same machine only). */
function ownerAlive(o: { pid: number; host: string } | null): boolean {
  if (!o || o.host !== os.hostname() || o.pid === process.pid) return false;
  try {
    process.kill(o.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
