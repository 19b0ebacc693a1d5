/* BulkStagingService: the public API of bulk staging for the IPC layer and the CLI.
 * Plain data in, plain data out (types in src/shared/bulk); errors are AppError.
 *
 *  plan / planFromCache → savePlan / getPlan / listPlans / deletePlan
 *  → start(plan) (sends only what was confirmed) or startIfUnchanged(plan) (nothing while the
 *    customers differ from the plan: the differences and a fresh plan instead) → RunHandle
 *  findInterrupted → continueInterrupted;   retryFailed;   undo;   listRuns / getRun / exportRun
 *
 * Every run is created (or continued) by one atomic claim in the journal, refused while another
 * live process drives it or another live run works on one of its customers. */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { identityFromSession } from '../../shared/bulk/identity';
import { isStagingToTarget, targetToIsStaging } from '../../shared/bulk/counts';
import { computeDrift, driftSize, emptyIdentity, excludeFromPlan, planIsStale, planTargetIds, replan, toPlanItem } from '../../shared/bulk/plan-logic';
import { itemFromFreshRead, planRunItems, type NewRunItem } from '../../shared/bulk/run-items';
import { progressFromRecord } from '../../shared/bulk/summary';
import { failedItems, undoCandidates, undoOf, undoRunItems } from '../../shared/bulk/undo';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_ATTEMPTS,
  MAX_CONCURRENCY,
  MIN_CONCURRENCY,
  PLAN_MAX_AGE_MS,
  SAVED_PLANS_KEPT,
  SAVED_PLANS_KEPT_MS,
  type BreadcrumbEntry,
  type BulkPlan,
  type DriftedPlan,
  type ExportFormat,
  type InterruptedRun,
  type ItemSettled,
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
import type { RequestRate } from '../../shared/request-rate';
import { exportRunDetail } from './audit-export';
import { BulkJournal, RunClaimConflict, type NewRun, type OwnerLiveness } from './journal/journal';
import { openJournalDatabase } from './journal/journal-db';
import { Planner } from './planner';
import type { BulkCache, BulkClient, BulkSession } from './ports';
import { interruptedRuns, recoverUnsettledItems } from './recovery';
import { claimConflictError, newRunOwner, ownerIsLive } from './run-claim';
import { RunExecution, type RunExecutionDeps } from './run-execution';
import { readCurrentStates } from './state-reader';
import { checkReturnBy, returnUrgency, type DueReturn, type DueReturnsResult, type RoutingChangeOrigin } from '../../shared/staging-now';

export interface RunHandle {
  runId: string;
  kind: RunKind;
  /** start(): what changed between the plan's snapshot and the fresh read before the first write. */
  driftSincePlan: PlanDrift | null;
  onProgress(listener: (progress: RunProgress) => void): () => void;
  onItemSettled(listener: (item: ItemSettled) => void): () => void;
  progress(): RunProgress;
  pause(): void;
  unpause(): void;
  cancel(): void;
  done: Promise<RunSummary>;
}

export interface StartOptions {
  /** Requests at once, 1..16 (default 6). */
  concurrency?: number;
  /** Requests per item before it fails (transient errors; default 5). */
  maxAttempts?: number;
}

export interface ApplyOptions extends StartOptions {
  /** Runs to staging only: when the customers should be back on normal routing (ISO, future). */
  returnBy?: string | null;
}

export interface BulkStagingServiceDeps {
  client: BulkClient;
  journal: BulkJournal;
  session?: BulkSession;
  cache?: BulkCache;
  /** Who/where when there is no SessionService (CLI with a plain client, tests). */
  identity?: () => RunIdentity;
  /** The request rate to the current server, for progress. */
  requestRate?: () => RequestRate | null;
  now?: () => Date;
  newId?: () => string;
  /** Subtree listing page size (tests use a small one to force several pages). */
  countPerPage?: number;
  engine?: Pick<RunExecutionDeps, 'retryPolicy' | 'outageThreshold' | 'maxProbeDelayMs' | 'requestTimeoutMs' | 'sleep' | 'random' | 'heartbeatIntervalMs'>;
}

export interface OpenBulkStagingOptions extends Omit<BulkStagingServiceDeps, 'journal'> {
  /** App-data folder; the journal is `<appDataDir>/journal.sqlite`. */
  appDataDir: string;
  nativeBinding?: string | undefined;
}

type RunOptions = Required<StartOptions>;

const invalid = (message: string) => new AppError({ kind: 'InvalidInput', operation: 'bulkStaging', message });
const conflict = (message: string) => new AppError({ kind: 'Conflict', operation: 'bulkStaging', message });

export class BulkStagingService {
  /** This service's claim on the runs it drives (one per instance, so two windows never share one). */
  private readonly owner = newRunOwner();
  private readonly planner: Planner;
  private readonly live = new Map<string, RunExecution>();
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly journal: BulkJournal;

  static open(options: OpenBulkStagingOptions): BulkStagingService {
    const db = openJournalDatabase({ appDataDir: options.appDataDir, nativeBinding: options.nativeBinding });
    return new BulkStagingService({ ...options, journal: new BulkJournal(db) });
  }

  constructor(private readonly deps: BulkStagingServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
    this.journal = deps.journal;
    this.planner = new Planner({ client: deps.client, now: this.now, newId: this.newId, ...(deps.countPerPage !== undefined ? { countPerPage: deps.countPerPage } : {}) });
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

  /** Keeps a plan; the journal keeps the newest SAVED_PLANS_KEPT and every plan of the last week. */
  savePlan(plan: BulkPlan): PlanSummary {
    return this.journal.savePlan(plan, { keep: SAVED_PLANS_KEPT, keepAfter: new Date(this.now().getTime() - SAVED_PLANS_KEPT_MS).toISOString() });
  }

  getPlan = (planId: string): BulkPlan | null => this.journal.getPlan(planId);
  listPlans = (): PlanSummary[] => this.journal.listPlans();
  deletePlan = (planId: string): boolean => this.journal.deletePlan(planId);

  /** A new plan without these customers, saved in place of the plan (one plan per choice in the list). */
  excludeFromPlan(planId: string, customerIds: readonly string[]): BulkPlan {
    const plan = this.journal.getPlan(planId);
    if (!plan) throw new AppError({ kind: 'NotFound', message: `No saved plan with id ${planId}.` });
    const next = excludeFromPlan(plan, customerIds, this.newId());
    this.savePlan(next);
    this.journal.deletePlan(planId);
    return next;
  }

  // ---- runs -----------------------------------------------------------------

  /**
   * Applies a plan: re-reads every customer it covers, journals the run and all its items,
   * then sends only what the person confirmed — the plan's "to change" customers still in the
   * routing the plan showed. Everything else is recorded as it is now and left alone;
   * `driftSincePlan` on the handle says what changed.
   */
  async start(planOrId: BulkPlan | string, options: ApplyOptions = {}): Promise<RunHandle> {
    const checked = await this.readPlan(planOrId, options);
    return this.launchPlan(checked, this.returnByFor(checked.plan, options.returnBy));
  }

  /** As start(), but nothing is journalled or sent when the customers differ from the plan:
   *  the differences and a fresh plan (saved) come back instead, for a new confirmation. */
  async startIfUnchanged(planOrId: BulkPlan | string, options: ApplyOptions = {}): Promise<RunHandle | DriftedPlan> {
    const checked = await this.readPlan(planOrId, options);
    const returnBy = this.returnByFor(checked.plan, options.returnBy);
    if (driftSize(checked.drift) === 0) return this.launchPlan(checked, returnBy);
    return this.drifted(checked);
  }

  /** What changed since a plan was made (null: nothing), with a fresh plan (saved) of the same customers. */
  async changesSince(planOrId: BulkPlan | string): Promise<DriftedPlan | null> {
    const checked = await this.readPlan(planOrId, {});
    return driftSize(checked.drift) === 0 ? null : this.drifted(checked);
  }

  /** A new run over the failed items of `runId` (re-read first: some may have been applied meanwhile). */
  async retryFailed(runId: string, options: StartOptions = {}): Promise<RunHandle> {
    const { source, identity, run } = this.followUp(runId, 'retry its failed items', options);
    const failed = failedItems(this.journal.getItems(runId));
    if (failed.length === 0) throw invalid('That run has no failed items to retry.');
    const read = await readCurrentStates(this.deps.client, failed.map((i) => i.customerId), { accountId: identity.accountId, now: this.now });
    const items = failed.map((old) => itemFromFreshRead(old, old.targetIsStaging, read, true));
    // A retry finishes the same change, so its customers are due back at the same time.
    return this.launch({ kind: 'retryFailed', parentRunId: source.id, planId: source.planId, target: source.target, identity, request: source.request, planCounts: null, drift: null, returnBy: source.returnBy, ...run }, items);
  }

  /**
   * Sets back the customers `runId` changed, only where the server still shows what the
   * run set. Customers changed since by someone else are `skipped` (listed in the
   * summary). The undo is itself a journalled run linked to the original.
   */
  async undo(runId: string, options: StartOptions = {}): Promise<RunHandle> {
    const { source, identity, run } = this.followUp(runId, 'undo it', options);
    const earlier = undoOf(this.journal.listRuns(), runId);
    if (earlier) throw conflict(`Run ${runId} was already undone by run ${earlier.id}.`);
    const sourceItems = this.journal.getItems(runId);
    const read = await readCurrentStates(this.deps.client, undoCandidates(sourceItems).map((i) => i.customerId), { accountId: identity.accountId, now: this.now });
    const target: TargetState = isStagingToTarget(!targetToIsStaging(source.target));
    return this.launch({ kind: 'undo', parentRunId: source.id, planId: null, target, identity, request: source.request, planCounts: null, drift: null, ...run }, undoRunItems(sourceItems, read));
  }

  // ---- unfinished runs ------------------------------------------------------

  /** Unfinished runs nobody drives (crash, kill, a stop). */
  findInterrupted(): InterruptedRun[] {
    return interruptedRuns(this.journal, this.isLive);
  }

  /** Claims the run (refused while another live owner drives it), reads back every item whose
   *  outcome is unknown, then sends only what still differs, under the same run id. */
  async continueInterrupted(runId: string, options: StartOptions = {}): Promise<RunHandle & { recovery: RecoveryReport }> {
    const run = this.journal.getRun(runId);
    if (!run) throw invalid(`No run with id ${runId}.`);
    if (run.status !== 'running') throw conflict(`Run ${runId} has already ${run.status === 'completed' ? 'completed' : 'been cancelled'}.`);
    if (this.live.has(runId)) throw conflict(`Run ${runId} is running in this window.`);
    const opts = this.runOptions({ concurrency: options.concurrency ?? run.concurrency, maxAttempts: options.maxAttempts ?? run.maxAttempts });
    this.requireSignedIn();
    this.checkSameTarget(run.identity, this.identity());
    this.claimed(() => this.journal.claimRun(runId, this.owner, this.now().toISOString(), this.isLive));
    let recovery: RecoveryReport;
    try {
      recovery = await recoverUnsettledItems(this.deps.client, this.journal, runId, run.identity.accountId, this.now);
    } catch (error) {
      this.journal.releaseRun(runId, this.owner.token, this.now().toISOString());
      throw error;
    }
    return { ...this.execute(run, null, opts), recovery };
  }

  // ---- who is on staging, and who is due back ---------------------------------

  /** The journal's last run that changed each customer (of the current account); unknown ones are left out. */
  lastChanges(customerIds: readonly string[]): Map<string, RoutingChangeOrigin> {
    return this.journal.lastChanges(this.identity().accountId, customerIds);
  }

  /**
   * Customers whose last change was a run to staging with a return-by time now near or past,
   * and who are still on staging: read fresh from the server, or (offline: `fromCache`) from the
   * offline copy. Nothing is written: returning them is a plan the person confirms.
   */
  async dueReturns(options: { fromCache?: boolean } = {}): Promise<DueReturnsResult> {
    const now = this.now();
    const accountId = this.identity().accountId;
    const candidates = [...this.journal.lastChanges(accountId, this.journal.returnByCustomerIds(accountId)).values()].filter(
      (c): c is RoutingChangeOrigin & { returnBy: string } => c.toStaging && c.returnBy !== null && returnUrgency(c.returnBy, now.getTime()) !== null,
    );
    const ids = candidates.map((c) => c.customerId);
    const onStaging = new Map<string, { name: string; path: BreadcrumbEntry[] }>();
    if (options.fromCache) {
      if (!this.deps.cache) throw invalid('No offline customer cache is available for this profile.');
      for (const id of ids) {
        const cached = this.deps.cache.get(id)?.customer;
        if (cached?.isStaging === true) onStaging.set(id, { name: cached.name ?? id, path: toPlanItem(cached, now.toISOString()).breadcrumb });
      }
    } else if (ids.length > 0) {
      this.requireSignedIn();
      const read = await readCurrentStates(this.deps.client, ids, { accountId, now: this.now });
      for (const [id, item] of read.found) if (item.isStaging) onStaging.set(id, { name: item.name, path: item.breadcrumb });
    }
    const items = candidates.flatMap((c): DueReturn[] => {
      const seen = onStaging.get(c.customerId);
      const urgency = returnUrgency(c.returnBy, now.getTime());
      return seen && urgency ? [{ customerId: c.customerId, name: seen.name, path: seen.path, runId: c.runId, returnBy: c.returnBy, urgency, by: c.by }] : [];
    });
    items.sort((a, b) => a.returnBy.localeCompare(b.returnBy) || a.name.localeCompare(b.name));
    return { items, source: options.fromCache ? 'cache' : 'server', checkedAt: now.toISOString() };
  }

  // ---- audit ------------------------------------------------------------------

  listRuns = (): RunRecord[] => this.journal.listRuns();
  runsWithCustomer = (text: string): string[] => this.journal.runsWithCustomer(text);
  getRun = (runId: string): RunDetail | null => this.journal.getRunDetail(runId);
  /** One item of a run (e.g. to name what a run was about). */
  getRunItem = (runId: string, customerId: string): RunItem | null => this.journal.getItem(runId, customerId);

  exportRun(runId: string, format: ExportFormat): string {
    if (format !== 'csv' && format !== 'json') throw invalid('Export format must be csv or json.');
    const run = this.journal.getRunDetail(runId);
    if (!run) throw invalid(`No run with id ${runId}.`);
    return exportRunDetail(run, format);
  }

  /** A live run of this service (UI reattaching after a window reload). */
  activeRun(runId: string): RunHandle | null {
    const exec = this.live.get(runId);
    return exec ? this.handleFor(exec, this.journal.getRun(runId)?.kind ?? 'apply', null, exec.start()) : null;
  }

  /** Latest progress: live from this service, or final from the journal; null for unknown or unfinished runs. */
  status(runId: string): RunProgress | null {
    const exec = this.live.get(runId);
    if (exec) return exec.progress();
    const run = this.journal.getRun(runId);
    return run ? progressFromRecord(run) : null;
  }

  activeRunIds = (): string[] => [...this.live.keys()];

  // ---- internals ------------------------------------------------------------

  /** The fresh read behind start(): the plan (checked: same server and account, not too old) and the differences. */
  private async readPlan(planOrId: BulkPlan | string, options: StartOptions) {
    const run = this.runOptions(options);
    const plan = typeof planOrId === 'string' ? this.journal.getPlan(planOrId) : planOrId;
    if (!plan) throw invalid(`No saved plan with id ${String(planOrId)}.`);
    if (planIsStale(plan, this.now().getTime())) {
      throw conflict(`This plan was made ${plan.createdAt}, more than ${PLAN_MAX_AGE_MS / 3_600_000} hours ago; plans that old are not applied. Make a fresh plan of the same customers and confirm that.`);
    }
    this.requireSignedIn();
    const identity = this.identity();
    this.checkSameTarget(plan.identity, identity);
    // As many reads at once as the run will write with: this re-read is on the person's clock.
    const read = await readCurrentStates(this.deps.client, planTargetIds(plan), { accountId: identity.accountId, now: this.now, parallel: Math.max(4, run.concurrency) });
    return { plan, identity, run, read, drift: computeDrift(plan, read.found, read.inaccessible) };
  }

  private launchPlan({ plan, identity, run, read, drift }: Awaited<ReturnType<BulkStagingService['readPlan']>>, returnBy: string | null): RunHandle {
    this.savePlan(plan);
    return this.launch({ kind: 'apply', parentRunId: null, planId: plan.id, target: plan.target, identity, request: plan.request, planCounts: plan.counts, drift, returnBy, ...run }, planRunItems(plan, read), drift);
  }

  /** A return-by time is checked before anything is read or written: only for a run to staging, in the future, not absurdly far. */
  private returnByFor(plan: BulkPlan, returnBy: string | null | undefined): string | null {
    if (!returnBy) return null;
    if (plan.target !== 'staging') throw invalid('A return-by time only applies to a move to staging.');
    const checked = checkReturnBy(returnBy, this.now());
    if ('error' in checked) throw invalid(checked.error);
    return checked.returnBy;
  }

  private drifted({ plan, identity, read, drift }: Awaited<ReturnType<BulkStagingService['readPlan']>>): DriftedPlan {
    const fresh = replan(plan, read, { id: this.newId(), at: this.now().toISOString(), identity });
    this.savePlan(fresh);
    return { planId: plan.id, drift, fresh };
  }

  /** Write-ahead: the run and every item are on disk (claimed by this service) before the first request. */
  private launch(run: Omit<NewRun, 'id' | 'createdAt' | 'owner'>, items: NewRunItem[], drift: PlanDrift | null = null): RunHandle {
    const record = { id: this.newId(), createdAt: this.now().toISOString(), owner: this.owner, ...run };
    this.claimed(() => this.journal.createRun(record, items, this.isLive));
    return this.execute(record, drift, run);
  }

  private execute(run: Pick<RunRecord, 'id' | 'kind' | 'identity'>, drift: PlanDrift | null, options: RunOptions): RunHandle {
    const exec = new RunExecution(
      { client: this.deps.client, journal: this.journal, owner: this.owner, session: this.deps.session, requestRate: this.deps.requestRate, now: this.now, ...this.deps.engine },
      { runId: run.id, kind: run.kind, items: this.journal.getItems(run.id), ...options, accountId: run.identity.accountId, identity: run.identity },
    );
    this.live.set(run.id, exec);
    const done = exec.start().finally(() => this.live.delete(run.id));
    return this.handleFor(exec, run.kind, drift, done);
  }

  private handleFor(exec: RunExecution, kind: RunKind, drift: PlanDrift | null, done: Promise<RunSummary>): RunHandle {
    return {
      runId: exec.runId,
      kind,
      driftSincePlan: drift,
      onProgress: (l) => exec.onProgress(l),
      onItemSettled: (l) => exec.onItemSettled(l),
      progress: () => exec.progress(),
      pause: () => exec.pause(),
      unpause: () => exec.unpause(),
      cancel: () => exec.cancel(),
      done,
    };
  }

  /** A journal claim, its refusal as the person reads it. */
  private claimed(claim: () => void): void {
    try {
      claim();
    } catch (error) {
      if (error instanceof RunClaimConflict) throw claimConflictError(error);
      throw error;
    }
  }

  /** Whether a recorded owner drives `runId` now: this service knows its own runs; another's is live while its process and heartbeat are. */
  private readonly isLive: OwnerLiveness = (owner, runId) => (owner.token === this.owner.token ? this.live.has(runId) : ownerIsLive(owner));

  private runOptions(options: StartOptions): RunOptions {
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
  private followUp(runId: string, what: string, options: StartOptions) {
    const run = this.runOptions(options);
    const source = this.journal.getRun(runId);
    if (!source) throw invalid(`No run with id ${runId}.`);
    if (source.status === 'running') throw conflict(`Run ${runId} has not finished; finish, cancel or continue it before you ${what}.`);
    this.requireSignedIn();
    const identity = this.identity();
    this.checkSameTarget(source.identity, identity);
    return { source, identity, run };
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
