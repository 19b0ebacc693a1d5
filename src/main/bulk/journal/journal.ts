/* The bulk-staging journal: runs, items and saved plans in SQLite.
 *
 * Write-ahead contract (enforced by the engine, recorded here): a run and all its items
 * exist before the first request; an item is `inFlight` (with its attempt number) before
 * each request; its outcome is written as soon as the answer lands. Every write is a
 * single synchronous statement (or one transaction), so a kill at any moment leaves a
 * consistent file.
 *
 * One driver per run: a run is owned by the process (and service) whose token is in
 * `owner_token`. Creating a run and claiming one to continue are each one IMMEDIATE
 * transaction that refuses when another live owner holds the run or one of its customers;
 * marking an item in flight (the step before every request) only succeeds for the owner. */
import type Database from 'better-sqlite3';
import type { AppErrorData } from '../../../shared/errors';
import { countOutcomes } from '../../../shared/bulk/counts';
import { planSummary } from '../../../shared/bulk/plan-logic';
import type { NewRunItem } from '../../../shared/bulk/run-items';
import { subjectOfRequest, type RunSubject } from '../../../shared/bulk/subject';
import type {
  BreadcrumbEntry,
  BulkPlan,
  ItemOutcome,
  OutcomeCounts,
  PlanCounts,
  PlanDrift,
  PlanRequest,
  PlanSummary,
  RunDetail,
  RunItem,
  RunKind,
  RunRecord,
  RunStatus,
  TargetState,
} from '../../../shared/bulk/types';
import type { RoutingChangeOrigin } from '../../../shared/staging-now';

/** What a new run is created with: its record's fixed part, plus the process that owns it. */
export type NewRun = Pick<
  RunRecord,
  'id' | 'kind' | 'parentRunId' | 'planId' | 'target' | 'identity' | 'request' | 'planCounts' | 'drift' | 'concurrency' | 'maxAttempts' | 'createdAt'
> & { owner: RunOwner; returnBy?: string | null };

/** The process (and service instance: `token`) driving a run. */
export interface RunOwner {
  token: string;
  pid: number;
  host: string;
}

/** An owner as recorded, with its last sign of life. `token` is null for runs written by an
 *  older version of the app (owned by pid only). */
export interface RecordedOwner {
  token: string | null;
  pid: number;
  host: string;
  heartbeatAt: string | null;
}

/** Decides whether a recorded owner still drives run `runId` (process alive, heartbeat fresh). */
export type OwnerLiveness = (owner: RecordedOwner, runId: string) => boolean;

/** Refused: another live owner drives the run, or a run working on the same customers. */
export class RunClaimConflict extends Error {
  constructor(
    message: string,
    readonly runId: string,
    readonly owner: RecordedOwner,
  ) {
    super(message);
  }
}

interface RunRow {
  id: string;
  kind: RunKind;
  parent_run_id: string | null;
  plan_id: string | null;
  status: RunStatus;
  target: TargetState;
  user_email: string | null;
  server_url: string | null;
  account_id: string | null;
  account_name: string | null;
  request_json: string | null;
  plan_counts_json: string | null;
  drift_json: string | null;
  concurrency: number;
  max_attempts: number;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  active_ms: number;
  segment_started_at: string | null;
  resume_count: number;
  owner_pid: number | null;
  owner_host: string | null;
  owner_token: string | null;
  heartbeat_at: string | null;
  return_by: string | null;
}

interface ItemRow {
  run_id: string;
  seq: number;
  customer_id: string;
  name: string;
  breadcrumb_json: string;
  before: number | null;
  target: number;
  after: number | null;
  outcome: ItemOutcome;
  attempts: number;
  error_json: string | null;
  note: string | null;
  updated_at: string;
}

interface PlanRow {
  id: string;
  created_at: string;
  source: 'server' | 'cache';
  target: TargetState;
  user_email: string | null;
  server_url: string | null;
  account_id: string | null;
  account_name: string | null;
  snapshot_at: string | null;
  counts_json: string | null;
}

const toBit = (b: boolean | null | undefined): number | null => (b === null || b === undefined ? null : b ? 1 : 0);
const fromBit = (n: number | null): boolean | null => (n === null ? null : n === 1);
const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));
const UNSETTLED = `('pending', 'inFlight')`;

function toItem(row: ItemRow): RunItem {
  return {
    customerId: row.customer_id,
    name: row.name,
    breadcrumb: JSON.parse(row.breadcrumb_json) as BreadcrumbEntry[],
    before: fromBit(row.before),
    targetIsStaging: row.target === 1,
    after: fromBit(row.after),
    outcome: row.outcome,
    attempts: row.attempts,
    error: parse<AppErrorData>(row.error_json),
    note: row.note,
    updatedAt: row.updated_at,
  };
}

interface ChangeRow {
  customer_id: string;
  updated_at: string;
  to_staging: number;
  run_id: string;
  kind: RunKind;
  user_email: string | null;
  return_by: string | null;
}

function toOrigin(row: ChangeRow): RoutingChangeOrigin {
  return { customerId: row.customer_id, runId: row.run_id, kind: row.kind, at: row.updated_at, by: row.user_email, toStaging: row.to_staging === 1, returnBy: row.return_by };
}

function toOwner(row: Pick<RunRow, 'owner_pid' | 'owner_host' | 'owner_token' | 'heartbeat_at'>): RecordedOwner | null {
  if (row.owner_pid === null) return null;
  return { token: row.owner_token, pid: row.owner_pid, host: row.owner_host ?? '', heartbeatAt: row.heartbeat_at };
}

export interface OutcomeUpdate {
  outcome: ItemOutcome;
  at: string;
  /** Observed isStaging; undefined leaves the stored value. */
  after?: boolean | null;
  error?: AppErrorData | null;
  note?: string | null;
}

/** Which saved plans to keep when one is saved: the newest `keep`, and all made after `keepAfter`. */
export interface PlanRetention {
  keep: number;
  keepAfter: string;
}

export class BulkJournal {
  private readonly stmt;
  /** Statements over return_by (migration 004), prepared on first use: a journal opened by
   *  openJournalDatabase always has the column; one at an earlier version only lacks them. */
  private returnByStatements: ReturnType<BulkJournal['prepareReturnBy']> | undefined;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insertRun: db.prepare(`INSERT INTO runs (id, kind, parent_run_id, plan_id, status, target, user_email, server_url, account_id,
          account_name, request_json, plan_counts_json, drift_json, concurrency, max_attempts, created_at, started_at,
          segment_started_at, owner_pid, owner_host, owner_token, heartbeat_at)
        VALUES (@id, @kind, @parentRunId, @planId, 'running', @target, @userEmail, @serverUrl, @accountId, @accountName,
          @requestJson, @planCountsJson, @driftJson, @concurrency, @maxAttempts, @createdAt, @createdAt, @createdAt, @pid, @host, @token, @createdAt)`),
      insertItem: db.prepare(`INSERT INTO run_items (run_id, seq, customer_id, name, breadcrumb_json, before, target, after, outcome,
          attempts, error_json, note, updated_at)
        VALUES (@runId, @seq, @customerId, @name, @breadcrumbJson, @before, @target, @after, @outcome, 0, @errorJson, @note, @at)`),
      // Only the run's owner may send: a run taken over by another process stops here.
      markInFlight: db.prepare(`UPDATE run_items SET outcome = 'inFlight', attempts = @attempt, updated_at = @at
        WHERE run_id = @runId AND customer_id = @customerId
          AND EXISTS (SELECT 1 FROM runs WHERE id = @runId AND owner_token = @token AND status = 'running')`),
      record: db.prepare(`UPDATE run_items SET outcome = @outcome,
          after = CASE WHEN @setAfter = 1 THEN @after ELSE after END,
          error_json = CASE WHEN @setError = 1 THEN @errorJson ELSE error_json END,
          note = CASE WHEN @setNote = 1 THEN @note ELSE note END,
          updated_at = @at
        WHERE run_id = @runId AND customer_id = @customerId`),
      finish: db.prepare(`UPDATE runs SET status = @status, ended_at = @at,
          active_ms = active_ms + MAX(0, CAST((julianday(@at) - julianday(COALESCE(segment_started_at, @at))) * 86400000 AS INTEGER)),
          segment_started_at = NULL, owner_pid = NULL, owner_host = NULL, owner_token = NULL, heartbeat_at = NULL
        WHERE id = @runId`),
      claim: db.prepare(`UPDATE runs SET segment_started_at = @at, owner_pid = @pid, owner_host = @host, owner_token = @token,
          heartbeat_at = @at, resume_count = resume_count + 1
        WHERE id = @runId AND status = 'running' AND owner_token IS @expectedToken AND owner_pid IS @expectedPid`),
      heartbeat: db.prepare(`UPDATE runs SET heartbeat_at = @at WHERE id = @runId AND owner_token = @token AND status = 'running'`),
      release: db.prepare(`UPDATE runs SET
          active_ms = active_ms + MAX(0, CAST((julianday(@at) - julianday(COALESCE(segment_started_at, @at))) * 86400000 AS INTEGER)),
          segment_started_at = NULL, owner_pid = NULL, owner_host = NULL, owner_token = NULL, heartbeat_at = NULL
        WHERE id = @runId AND owner_token = @token AND status = 'running'`),
      closeCrashedSegment: db.prepare(`UPDATE runs SET
          active_ms = active_ms + MAX(0, CAST((julianday(COALESCE((SELECT MAX(updated_at) FROM run_items WHERE run_id = @runId), segment_started_at))
                       - julianday(segment_started_at)) * 86400000 AS INTEGER)),
          segment_started_at = NULL
        WHERE id = @runId AND segment_started_at IS NOT NULL`),
      run: db.prepare(`SELECT * FROM runs WHERE id = ?`),
      runs: db.prepare(`SELECT * FROM runs ORDER BY created_at DESC, id`),
      unfinished: db.prepare(`SELECT * FROM runs WHERE status = 'running' ORDER BY created_at`),
      // Runs still working on any of these customers (their items not settled yet).
      overlapping: db.prepare(`SELECT DISTINCT r.id, r.owner_pid, r.owner_host, r.owner_token, r.heartbeat_at, i.customer_id
        FROM run_items i JOIN runs r ON r.id = i.run_id
        WHERE r.status = 'running' AND r.id != @runId AND i.outcome IN ${UNSETTLED}
          AND i.customer_id IN (SELECT value FROM json_each(@customerIds))`),
      unsettledIds: db.prepare(`SELECT customer_id FROM run_items WHERE run_id = ? AND outcome IN ${UNSETTLED}`),
      items: db.prepare(`SELECT * FROM run_items WHERE run_id = ? ORDER BY seq`),
      item: db.prepare(`SELECT * FROM run_items WHERE run_id = ? AND customer_id = ?`),
      outcomes: db.prepare(`SELECT outcome, COUNT(*) AS n FROM run_items WHERE run_id = ? GROUP BY outcome`),
      // A run's subject: a customer's name from its item, else from a path it appears in.
      itemName: db.prepare(`SELECT name FROM run_items WHERE run_id = ? AND customer_id = ?`),
      pathWith: db.prepare(`SELECT breadcrumb_json FROM run_items WHERE run_id = ? AND instr(breadcrumb_json, ?) > 0 LIMIT 1`),
      firstItems: db.prepare(`SELECT customer_id, name FROM run_items WHERE run_id = ? ORDER BY seq LIMIT 4`),
      runsWithCustomer: db.prepare(`SELECT DISTINCT run_id FROM run_items WHERE customer_id = @text OR name LIKE @like ESCAPE '\\'`),
      insertPlan: db.prepare(`INSERT OR REPLACE INTO plans (id, created_at, source, target, user_email, server_url, account_id,
          account_name, snapshot_at, counts_json, plan_json)
        VALUES (@id, @createdAt, @source, @target, @userEmail, @serverUrl, @accountId, @accountName, @snapshotAt, @countsJson, @json)`),
      prunePlans: db.prepare(`DELETE FROM plans WHERE created_at < @keepAfter
          AND id NOT IN (SELECT id FROM plans ORDER BY created_at DESC, id LIMIT @keep)`),
      plan: db.prepare(`SELECT plan_json FROM plans WHERE id = ?`),
      planSummary: db.prepare(`SELECT id, created_at, source, target, user_email, server_url, account_id, account_name, snapshot_at, counts_json
        FROM plans WHERE id = ?`),
      plans: db.prepare(`SELECT id, created_at, source, target, user_email, server_url, account_id, account_name, snapshot_at, counts_json
        FROM plans ORDER BY created_at DESC, id`),
      deletePlan: db.prepare(`DELETE FROM plans WHERE id = ?`),
    };
  }

  // ---- plans ----------------------------------------------------------------

  /** Saves (or replaces) a plan, then drops the plans outside `retention`. */
  savePlan(plan: BulkPlan, retention: PlanRetention): PlanSummary {
    this.db.transaction(() => {
      this.stmt.insertPlan.run({
        id: plan.id,
        createdAt: plan.createdAt,
        source: plan.source,
        target: plan.target,
        userEmail: plan.identity.userEmail,
        serverUrl: plan.identity.serverUrl,
        accountId: plan.identity.accountId,
        accountName: plan.identity.accountName,
        snapshotAt: plan.snapshotAt,
        countsJson: JSON.stringify(plan.counts),
        json: JSON.stringify(plan),
      });
      this.stmt.prunePlans.run(retention);
    })();
    return this.planSummary(plan.id) ?? planSummary(plan);
  }

  getPlan(id: string): BulkPlan | null {
    const row = this.stmt.plan.get(id) as { plan_json: string } | undefined;
    return row ? (JSON.parse(row.plan_json) as BulkPlan) : null;
  }

  planSummary(id: string): PlanSummary | null {
    const row = this.stmt.planSummary.get(id) as PlanRow | undefined;
    return row ? planRowSummary(row) : null;
  }

  /** Newest first, from the index columns (no plan is parsed). */
  listPlans(): PlanSummary[] {
    return (this.stmt.plans.all() as PlanRow[]).map(planRowSummary);
  }

  deletePlan(id: string): boolean {
    return this.stmt.deletePlan.run(id).changes > 0;
  }

  // ---- runs -----------------------------------------------------------------

  /**
   * The write-ahead step: the run and every item, in one IMMEDIATE transaction that first
   * refuses (RunClaimConflict) when a live run of another owner still works on one of the
   * customers this run will send to.
   */
  createRun(run: NewRun, items: readonly NewRunItem[], isLive: OwnerLiveness): void {
    // This one commit is fsynced (FULL) even though the connection runs NORMAL: a run that
    // sends requests must exist after a power loss, not only after a process crash.
    this.db.pragma('synchronous = FULL');
    try {
      this.db
        .transaction(() => {
          this.refuseOverlap(run.id, items.filter((i) => i.outcome === 'pending').map((i) => i.customerId), isLive);
          this.insertRun(run, items);
        })
        .immediate();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  /**
   * Takes an unfinished run over to continue it: one conditional UPDATE inside an IMMEDIATE
   * transaction, refused (RunClaimConflict) when its owner is another live process or service,
   * or when another live run works on one of its unsettled customers.
   */
  claimRun(runId: string, owner: RunOwner, at: string, isLive: OwnerLiveness): void {
    this.db
      .transaction(() => {
        const row = this.stmt.run.get(runId) as RunRow | undefined;
        if (!row || row.status !== 'running') throw new Error(`Run ${runId} is not unfinished.`);
        const current = toOwner(row);
        if (current && isLive(current, runId)) {
          throw new RunClaimConflict(`Run ${runId} is already running.`, runId, current);
        }
        const unsettled = (this.stmt.unsettledIds.all(runId) as { customer_id: string }[]).map((r) => r.customer_id);
        this.refuseOverlap(runId, unsettled, isLive);
        // The previous owner's segment counts up to its last journalled moment.
        this.stmt.closeCrashedSegment.run({ runId });
        const claimed = this.stmt.claim.run({ runId, at, pid: owner.pid, host: owner.host, token: owner.token, expectedToken: row.owner_token, expectedPid: row.owner_pid });
        if (claimed.changes !== 1) throw new Error(`Run ${runId} changed while it was being claimed.`);
      })
      .immediate();
  }

  /** The owner's sign of life; false when the run is no longer this owner's (taken over or finished). */
  heartbeat(runId: string, token: string, at: string): boolean {
    return this.stmt.heartbeat.run({ runId, token, at }).changes === 1;
  }

  /** The owner lets go of an unfinished run (it stopped): anyone may continue it at once. */
  releaseRun(runId: string, token: string, at: string): void {
    this.stmt.release.run({ runId, token, at });
  }

  private refuseOverlap(runId: string, customerIds: readonly string[], isLive: OwnerLiveness): void {
    if (customerIds.length === 0) return;
    const rows = this.stmt.overlapping.all({ runId, customerIds: JSON.stringify(customerIds) }) as (Pick<RunRow, 'id' | 'owner_pid' | 'owner_host' | 'owner_token' | 'heartbeat_at'> & {
      customer_id: string;
    })[];
    for (const row of rows) {
      const owner = toOwner(row);
      if (owner && isLive(owner, row.id)) {
        throw new RunClaimConflict(`Run ${row.id} is still changing customer ${row.customer_id} (and maybe others of this run).`, row.id, owner);
      }
    }
  }

  private insertRun(run: NewRun, items: readonly NewRunItem[]): void {
    this.stmt.insertRun.run({
      id: run.id,
      kind: run.kind,
      parentRunId: run.parentRunId,
      planId: run.planId,
      target: run.target,
      userEmail: run.identity.userEmail,
      serverUrl: run.identity.serverUrl,
      accountId: run.identity.accountId,
      accountName: run.identity.accountName,
      requestJson: run.request ? JSON.stringify(run.request) : null,
      planCountsJson: run.planCounts ? JSON.stringify(run.planCounts) : null,
      driftJson: run.drift ? JSON.stringify(run.drift) : null,
      concurrency: run.concurrency,
      maxAttempts: run.maxAttempts,
      createdAt: run.createdAt,
      pid: run.owner.pid,
      host: run.owner.host,
      token: run.owner.token,
    });
    if (run.returnBy) this.byReturnBy.setReturnBy.run({ runId: run.id, returnBy: run.returnBy });
    items.forEach((item, seq) =>
      this.stmt.insertItem.run({
        runId: run.id,
        seq,
        customerId: item.customerId,
        name: item.name,
        breadcrumbJson: JSON.stringify(item.breadcrumb),
        before: toBit(item.before),
        target: toBit(item.targetIsStaging),
        after: toBit(item.after),
        outcome: item.outcome,
        errorJson: item.error ? JSON.stringify(item.error) : null,
        note: item.note ?? null,
        at: run.createdAt,
      }),
    );
  }

  /** Written before each request; `attempt` counts requests for this item in this run (1-based).
   *  False: `token` no longer owns the run, so the request must not be sent. */
  markInFlight(runId: string, customerId: string, attempt: number, at: string, token: string): boolean {
    return this.stmt.markInFlight.run({ runId, customerId, attempt, at, token }).changes === 1;
  }

  recordOutcome(runId: string, customerId: string, update: OutcomeUpdate): void {
    this.stmt.record.run({
      runId,
      customerId,
      outcome: update.outcome,
      at: update.at,
      setAfter: update.after === undefined ? 0 : 1,
      after: toBit(update.after),
      setError: update.error === undefined ? 0 : 1,
      errorJson: update.error ? JSON.stringify(update.error) : null,
      setNote: update.note === undefined ? 0 : 1,
      note: update.note ?? null,
    });
  }

  /** Several outcomes at once (end-of-run cancellation, recovery). */
  recordOutcomes(runId: string, updates: readonly (OutcomeUpdate & { customerId: string })[]): void {
    this.db.transaction(() => {
      for (const u of updates) this.recordOutcome(runId, u.customerId, u);
    })();
  }

  finishRun(runId: string, status: Exclude<RunStatus, 'running'>, at: string): void {
    this.stmt.finish.run({ runId, status, at });
  }

  getRun(runId: string): RunRecord | null {
    const row = this.stmt.run.get(runId) as RunRow | undefined;
    return row ? this.toRecord(row) : null;
  }

  getRunDetail(runId: string): RunDetail | null {
    const run = this.getRun(runId);
    return run ? { ...run, items: this.getItems(runId) } : null;
  }

  getItems(runId: string): RunItem[] {
    return (this.stmt.items.all(runId) as ItemRow[]).map(toItem);
  }

  getItem(runId: string, customerId: string): RunItem | null {
    const row = this.stmt.item.get(runId, customerId) as ItemRow | undefined;
    return row ? toItem(row) : null;
  }

  listRuns(): RunRecord[] {
    return (this.stmt.runs.all() as RunRow[]).map((r) => this.toRecord(r));
  }

  /** Ids of the runs that included a customer whose id is `text` or whose name contains it (SQLite's LIKE: case folded for ASCII letters only). */
  runsWithCustomer(text: string): string[] {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return (this.stmt.runsWithCustomer.all({ text, like }) as { run_id: string }[]).map((r) => r.run_id);
  }

  /** Runs whose status is still 'running', with the owner recorded for them (null: released). */
  listUnfinished(): (RunRecord & { owner: RecordedOwner | null })[] {
    return (this.stmt.unfinished.all() as RunRow[]).map((r) => ({ ...this.toRecord(r), owner: toOwner(r) }));
  }

  private prepareReturnBy() {
    return {
      setReturnBy: this.db.prepare(`UPDATE runs SET return_by = @returnBy WHERE id = @runId`),
      // Every change (to either routing) recorded for these customers in this account, oldest first.
      changesOf: this.db.prepare(`SELECT i.customer_id, i.updated_at, i.target AS to_staging, r.id AS run_id, r.kind, r.user_email, r.return_by
        FROM run_items i JOIN runs r ON r.id = i.run_id
        WHERE i.customer_id IN (SELECT value FROM json_each(@customerIds)) AND i.outcome = 'changed' AND r.account_id IS @accountId
        ORDER BY i.updated_at, r.created_at, r.rowid`),
      returnByCustomers: this.db.prepare(`SELECT DISTINCT i.customer_id FROM runs r JOIN run_items i ON i.run_id = r.id
        WHERE r.return_by IS NOT NULL AND r.account_id IS @accountId AND i.outcome = 'changed' AND i.target = 1`),
    };
  }

  private get byReturnBy() {
    this.returnByStatements ??= this.prepareReturnBy();
    return this.returnByStatements;
  }

  /** The last recorded change of each customer's routing in `accountId` (customers never changed by a run are left out). */
  lastChanges(accountId: string | null, customerIds: readonly string[]): Map<string, RoutingChangeOrigin> {
    const last = new Map<string, RoutingChangeOrigin>();
    // json_each keeps the statement one parameter however many ids; chunks keep the JSON small.
    for (let i = 0; i < customerIds.length; i += 5_000) {
      const rows = this.byReturnBy.changesOf.all({ accountId, customerIds: JSON.stringify(customerIds.slice(i, i + 5_000)) }) as ChangeRow[];
      for (const row of rows) last.set(row.customer_id, toOrigin(row));
    }
    return last;
  }

  /** Customers a run with a return-by time moved to staging in `accountId` (whatever happened to them since). */
  returnByCustomerIds(accountId: string | null): string[] {
    return (this.byReturnBy.returnByCustomers.all({ accountId }) as { customer_id: string }[]).map((r) => r.customer_id);
  }

  counts(runId: string): OutcomeCounts {
    const rows = this.stmt.outcomes.all(runId) as { outcome: ItemOutcome; n: number }[];
    const counts = countOutcomes([]);
    for (const r of rows) {
      counts[r.outcome] += r.n;
      counts.total += r.n;
    }
    return counts;
  }

  private toRecord(row: RunRow): RunRecord {
    const request = parse<PlanRequest>(row.request_json);
    const planCounts = parse<PlanCounts>(row.plan_counts_json);
    const counts = this.counts(row.id);
    return {
      id: row.id,
      kind: row.kind,
      parentRunId: row.parent_run_id,
      planId: row.plan_id,
      status: row.status,
      target: row.target,
      identity: { userEmail: row.user_email, serverUrl: row.server_url, accountId: row.account_id, accountName: row.account_name },
      request,
      planCounts,
      drift: parse<PlanDrift>(row.drift_json),
      concurrency: row.concurrency,
      maxAttempts: row.max_attempts,
      createdAt: row.created_at,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      durationMs: row.ended_at === null ? null : row.active_ms,
      counts,
      continueCount: row.resume_count,
      returnBy: row.return_by ?? null,
      subject: this.subject(row, request, planCounts ?? counts),
    };
  }

  /** An apply run is about its request's subtrees or customers; an undo or retry about the customers it wrote. */
  private subject(row: RunRow, request: PlanRequest | null, counts: Pick<PlanCounts, 'total' | 'excluded'>): RunSubject {
    if (row.kind !== 'apply' || request === null) {
      const first = this.stmt.firstItems.all(row.id) as { customer_id: string; name: string }[];
      return { kind: 'customers', named: first.map((i) => ({ id: i.customer_id, name: i.name })), total: counts.total };
    }
    return subjectOfRequest(request, counts, (id) => this.nameInRun(row.id, id));
  }

  private nameInRun(runId: string, customerId: string): string | undefined {
    const item = this.stmt.itemName.get(runId, customerId) as { name: string } | undefined;
    if (item) return item.name;
    const path = this.stmt.pathWith.get(runId, `"id":${JSON.stringify(customerId)}`) as { breadcrumb_json: string } | undefined;
    return path ? (JSON.parse(path.breadcrumb_json) as BreadcrumbEntry[]).find((c) => c.id === customerId)?.name : undefined;
  }
}

function planRowSummary(row: PlanRow): PlanSummary {
  return {
    id: row.id,
    createdAt: row.created_at,
    source: row.source,
    snapshotAt: row.snapshot_at ?? row.created_at,
    identity: { userEmail: row.user_email, serverUrl: row.server_url, accountId: row.account_id, accountName: row.account_name },
    target: row.target,
    counts: parse<PlanCounts>(row.counts_json) ?? { total: 0, toChange: 0, alreadyInState: 0, notAccessible: 0, excludedByTags: 0 },
  };
}
