/* BulkStagingService: the public API of bulk staging for the IPC layer and the CLI.
 * Plain data in, plain data out (types in src/shared/bulk); errors are AppError.
 *
 *  plan / planFromCache → savePlan / getPlan / listPlans / deletePlan
 *  → start(plan) (sends only what was confirmed) or startIfUnchanged(plan) (nothing while the
 *    customers differ from the plan: the differences and a fresh plan instead) → RunHandle
 *  findInterrupted → continueInterrupted;   retryFailed;   undo;   listRuns / getRun / exportRun
 *
 * Each call checks what it may act on (signed in, same server and account, plan age, options);
 * claims and executions are the RunLauncher's (run-launcher.ts). */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { identityFromSession } from '../../shared/bulk/identity';
import { isStagingToTarget, targetToIsStaging } from '../../shared/bulk/counts';
import { computeDrift, driftSize, emptyIdentity, excludeFromPlan, planTargetIds, replan } from '../../shared/bulk/plan-logic';
import { itemFromFreshRead, planRunItems, type NewRunItem } from '../../shared/bulk/run-items';
import { failedItems, undoCandidates, undoOf, undoRunItems } from '../../shared/bulk/undo';
import {
  SAVED_PLANS_KEPT,
  SAVED_PLANS_KEPT_MS,
  type BulkPlan,
  type DriftedPlan,
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
  type RunProgress,
  type RunRecord,
  type TargetState,
} from '../../shared/bulk/types';
import type { RequestRate } from '../../shared/request-rate';
import type { DueReturnsResult, RoutingChangeOrigin } from '../../shared/staging-now';
import { exportRunDetail } from './audit-export';
import { findDueReturns, sightingsFromCache, sightingsFromServer, type Sightings } from './due-returns';
import { BulkJournal, type NewRun } from './journal/journal';
import { openJournalDatabase } from './journal/journal-db';
import { Planner } from './planner';
import type { BulkCache, BulkClient, BulkSession } from './ports';
import { interruptedRuns, recoverUnsettledItems } from './recovery';
import type { RunExecutionDeps } from './run-execution';
import { RunLauncher, type RunHandle } from './run-launcher';
import { checkPlanAge, checkSameTarget, conflict, invalid, returnByOf, runOptionsOf, type RunOptions, type StartOptions } from './run-rules';
import { readCurrentStates } from './state-reader';

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

export class BulkStagingService {
  private readonly planner: Planner;
  private readonly runs: RunLauncher;
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
    this.runs = new RunLauncher(this.journal, { client: deps.client, session: deps.session, requestRate: deps.requestRate, now: this.now, ...deps.engine });
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
    return this.launchPlan(await this.readPlan(planOrId, options));
  }

  /** As start(), but nothing is journalled or sent when the customers differ from the plan:
   *  the differences and a fresh plan (saved) come back instead, for a new confirmation. */
  async startIfUnchanged(planOrId: BulkPlan | string, options: ApplyOptions = {}): Promise<RunHandle | DriftedPlan> {
    const checked = await this.readPlan(planOrId, options);
    if (driftSize(checked.drift) === 0) return this.launchPlan(checked);
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
    return this.launch({ kind: 'retryFailed', parentRunId: source.id, planId: source.planId, target: source.target, identity, request: source.request, planCounts: null, drift: null, returnBy: source.returnBy }, run, items);
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
    return this.launch({ kind: 'undo', parentRunId: source.id, planId: null, target, identity, request: source.request, planCounts: null, drift: null }, run, undoRunItems(sourceItems, read));
  }

  // ---- unfinished runs ------------------------------------------------------

  /** Unfinished runs nobody drives (crash, kill, a stop). */
  findInterrupted(): InterruptedRun[] {
    return interruptedRuns(this.journal, this.runs.isLive);
  }

  /** Claims the run (refused while another live owner drives it), reads back every item whose
   *  outcome is unknown, then sends only what still differs, under the same run id. */
  async continueInterrupted(runId: string, options: StartOptions = {}): Promise<RunHandle & { recovery: RecoveryReport }> {
    const run = this.journal.getRun(runId);
    if (!run) throw invalid(`No run with id ${runId}.`);
    if (run.status !== 'running') throw conflict(`Run ${runId} has already ${run.status === 'completed' ? 'completed' : 'been cancelled'}.`);
    if (this.runs.isRunningHere(runId)) throw conflict(`Run ${runId} is running in this window.`);
    const opts = runOptionsOf({ concurrency: options.concurrency ?? run.concurrency, maxAttempts: options.maxAttempts ?? run.maxAttempts });
    this.requireSignedIn();
    checkSameTarget(run.identity, this.identity());
    const { handle, prepared: recovery } = await this.runs.continueRun(run, opts, () => this.now().toISOString(), () =>
      recoverUnsettledItems(this.deps.client, this.journal, runId, run.identity.accountId, this.now),
    );
    return { ...handle, recovery };
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
    let onStaging: Sightings;
    if (options.fromCache) {
      if (!this.deps.cache) throw invalid('No offline customer cache is available for this profile.');
      onStaging = sightingsFromCache(this.deps.cache, now);
    } else {
      const fromServer = sightingsFromServer(this.deps.client, accountId, this.now);
      // A session is needed only when someone is to be read: nothing due needs none.
      onStaging = async (ids) => {
        this.requireSignedIn();
        return fromServer(ids);
      };
    }
    const items = await findDueReturns(this.journal, accountId, now, onStaging);
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
  activeRun = (runId: string): RunHandle | null => this.runs.handle(runId);
  /** Latest progress: live from this service, or final from the journal; null for unknown runs. */
  status = (runId: string): RunProgress | null => this.runs.status(runId);
  activeRunIds = (): string[] => this.runs.runningIds();

  // ---- internals ------------------------------------------------------------

  /** The fresh read behind start(): the plan and the return-by (checked before anything is read: same
   *  server and account, not too old) and the differences. */
  private async readPlan(planOrId: BulkPlan | string, options: ApplyOptions) {
    const run = runOptionsOf(options);
    const plan = typeof planOrId === 'string' ? this.journal.getPlan(planOrId) : planOrId;
    if (!plan) throw invalid(`No saved plan with id ${String(planOrId)}.`);
    checkPlanAge(plan, this.now());
    const returnBy = returnByOf(plan.target, options.returnBy, this.now());
    this.requireSignedIn();
    const identity = this.identity();
    checkSameTarget(plan.identity, identity);
    // As many reads at once as the run will write with: this re-read is on the person's clock.
    const read = await readCurrentStates(this.deps.client, planTargetIds(plan), { accountId: identity.accountId, now: this.now, parallel: Math.max(4, run.concurrency) });
    return { plan, identity, run, returnBy, read, drift: computeDrift(plan, read.found, read.inaccessible) };
  }

  private launchPlan({ plan, identity, run, returnBy, read, drift }: Awaited<ReturnType<BulkStagingService['readPlan']>>): RunHandle {
    this.savePlan(plan);
    return this.launch({ kind: 'apply', parentRunId: null, planId: plan.id, target: plan.target, identity, request: plan.request, planCounts: plan.counts, drift, returnBy }, run, planRunItems(plan, read), drift);
  }

  private drifted({ plan, identity, read, drift }: Awaited<ReturnType<BulkStagingService['readPlan']>>): DriftedPlan {
    const fresh = replan(plan, read, { id: this.newId(), at: this.now().toISOString(), identity });
    this.savePlan(fresh);
    return { planId: plan.id, drift, fresh };
  }

  private launch(run: Omit<NewRun, 'id' | 'createdAt' | 'owner' | keyof RunOptions>, options: RunOptions, items: NewRunItem[], drift: PlanDrift | null = null): RunHandle {
    return this.runs.launch({ id: this.newId(), createdAt: this.now().toISOString(), ...run, ...options }, items, drift);
  }

  /** A run acting on an earlier, finished run (retry failed, undo): the source run, the run
   * options, and who acts — signed in, on the source run's server and account. */
  private followUp(runId: string, what: string, options: StartOptions) {
    const run = runOptionsOf(options);
    const source = this.journal.getRun(runId);
    if (!source) throw invalid(`No run with id ${runId}.`);
    if (source.status === 'running') throw conflict(`Run ${runId} has not finished; finish, cancel or continue it before you ${what}.`);
    this.requireSignedIn();
    const identity = this.identity();
    checkSameTarget(source.identity, identity);
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
}
