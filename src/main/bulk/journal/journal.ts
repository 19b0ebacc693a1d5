/* The bulk-staging journal: runs, items and saved plans in SQLite.
 *
 * Write-ahead contract (enforced by the engine, recorded here): a run and all its items
 * exist before the first request; an item is `inFlight` (with its attempt number) before
 * each request; its outcome is written as soon as the answer lands. Every write is a
 * single synchronous statement (or one transaction), so a kill at any moment leaves a
 * consistent file. */
import type Database from 'better-sqlite3';
import type { AppErrorData } from '../../../shared/errors';
import { countOutcomes } from '../../../shared/bulk/counts';
import { planSummary } from '../../../shared/bulk/plan-logic';
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

/** What a new run is created with: its record's fixed part, plus the process that owns it. */
export type NewRun = Pick<
  RunRecord,
  'id' | 'kind' | 'parentRunId' | 'planId' | 'target' | 'identity' | 'request' | 'planCounts' | 'drift' | 'concurrency' | 'maxAttempts' | 'createdAt'
> & { owner: RunOwner };

export interface RunOwner {
  pid: number;
  host: string;
}

export interface NewRunItem {
  customerId: string;
  name: string;
  breadcrumb: BreadcrumbEntry[];
  before: boolean | null;
  target: boolean;
  /** Normally 'pending'; items settled by the pre-run read start final (alreadyInState, notAccessible, skipped). */
  outcome: ItemOutcome;
  after?: boolean | null;
  error?: AppErrorData | null;
  note?: string | null;
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

const toBit = (b: boolean | null | undefined): number | null => (b === null || b === undefined ? null : b ? 1 : 0);
const fromBit = (n: number | null): boolean | null => (n === null ? null : n === 1);
const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

function toItem(row: ItemRow): RunItem {
  return {
    customerId: row.customer_id,
    name: row.name,
    breadcrumb: JSON.parse(row.breadcrumb_json) as BreadcrumbEntry[],
    before: fromBit(row.before),
    target: row.target === 1,
    after: fromBit(row.after),
    outcome: row.outcome,
    attempts: row.attempts,
    error: parse<AppErrorData>(row.error_json),
    note: row.note,
    updatedAt: row.updated_at,
  };
}

export interface OutcomeUpdate {
  outcome: ItemOutcome;
  at: string;
  /** Observed isStaging; undefined leaves the stored value. */
  after?: boolean | null;
  error?: AppErrorData | null;
  note?: string | null;
}

export class BulkJournal {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insertRun: db.prepare(`INSERT INTO runs (id, kind, parent_run_id, plan_id, status, target, user_email, server_url, account_id,
          account_name, request_json, plan_counts_json, drift_json, concurrency, max_attempts, created_at, started_at,
          segment_started_at, owner_pid, owner_host)
        VALUES (@id, @kind, @parentRunId, @planId, 'running', @target, @userEmail, @serverUrl, @accountId, @accountName,
          @requestJson, @planCountsJson, @driftJson, @concurrency, @maxAttempts, @createdAt, @createdAt, @createdAt, @pid, @host)`),
      insertItem: db.prepare(`INSERT INTO run_items (run_id, seq, customer_id, name, breadcrumb_json, before, target, after, outcome,
          attempts, error_json, note, updated_at)
        VALUES (@runId, @seq, @customerId, @name, @breadcrumbJson, @before, @target, @after, @outcome, 0, @errorJson, @note, @at)`),
      markInFlight: db.prepare(`UPDATE run_items SET outcome = 'inFlight', attempts = @attempt, updated_at = @at
        WHERE run_id = @runId AND customer_id = @customerId`),
      record: db.prepare(`UPDATE run_items SET outcome = @outcome,
          after = CASE WHEN @setAfter = 1 THEN @after ELSE after END,
          error_json = CASE WHEN @setError = 1 THEN @errorJson ELSE error_json END,
          note = CASE WHEN @setNote = 1 THEN @note ELSE note END,
          updated_at = @at
        WHERE run_id = @runId AND customer_id = @customerId`),
      finish: db.prepare(`UPDATE runs SET status = @status, ended_at = @at,
          active_ms = active_ms + MAX(0, CAST((julianday(@at) - julianday(COALESCE(segment_started_at, @at))) * 86400000 AS INTEGER)),
          segment_started_at = NULL, owner_pid = NULL, owner_host = NULL
        WHERE id = @runId`),
      beginSegment: db.prepare(`UPDATE runs SET segment_started_at = @at, owner_pid = @pid, owner_host = @host,
          resume_count = resume_count + 1 WHERE id = @runId`),
      closeCrashedSegment: db.prepare(`UPDATE runs SET
          active_ms = active_ms + MAX(0, CAST((julianday(COALESCE((SELECT MAX(updated_at) FROM run_items WHERE run_id = @runId), segment_started_at))
                       - julianday(segment_started_at)) * 86400000 AS INTEGER)),
          segment_started_at = NULL, owner_pid = NULL, owner_host = NULL
        WHERE id = @runId AND segment_started_at IS NOT NULL`),
      run: db.prepare(`SELECT * FROM runs WHERE id = ?`),
      runs: db.prepare(`SELECT * FROM runs ORDER BY created_at DESC, id`),
      unfinished: db.prepare(`SELECT * FROM runs WHERE status = 'running' ORDER BY created_at`),
      items: db.prepare(`SELECT * FROM run_items WHERE run_id = ? ORDER BY seq`),
      item: db.prepare(`SELECT * FROM run_items WHERE run_id = ? AND customer_id = ?`),
      outcomes: db.prepare(`SELECT outcome, COUNT(*) AS n FROM run_items WHERE run_id = ? GROUP BY outcome`),
      insertPlan: db.prepare(`INSERT OR REPLACE INTO plans (id, created_at, source, target, user_email, server_url, account_id, plan_json)
        VALUES (@id, @createdAt, @source, @target, @userEmail, @serverUrl, @accountId, @json)`),
      plan: db.prepare(`SELECT plan_json FROM plans WHERE id = ?`),
      plans: db.prepare(`SELECT plan_json FROM plans ORDER BY created_at DESC, id`),
      deletePlan: db.prepare(`DELETE FROM plans WHERE id = ?`),
    };
  }

  // ---- plans ----------------------------------------------------------------

  savePlan(plan: BulkPlan): void {
    this.stmt.insertPlan.run({
      id: plan.id,
      createdAt: plan.createdAt,
      source: plan.source,
      target: plan.target,
      userEmail: plan.identity.userEmail,
      serverUrl: plan.identity.serverUrl,
      accountId: plan.identity.accountId,
      json: JSON.stringify(plan),
    });
  }

  getPlan(id: string): BulkPlan | null {
    const row = this.stmt.plan.get(id) as { plan_json: string } | undefined;
    return row ? (JSON.parse(row.plan_json) as BulkPlan) : null;
  }

  listPlans(): PlanSummary[] {
    return (this.stmt.plans.all() as { plan_json: string }[]).map((r) => planSummary(JSON.parse(r.plan_json) as BulkPlan));
  }

  deletePlan(id: string): boolean {
    return this.stmt.deletePlan.run(id).changes > 0;
  }

  // ---- runs -----------------------------------------------------------------

  /** The write-ahead step: the run and every item, in one transaction. */
  createRun(run: NewRun, items: readonly NewRunItem[]): void {
    // This one commit is fsynced (FULL) even though the connection runs NORMAL: a run that
    // sends requests must exist after a power loss, not only after a process crash.
    this.db.pragma('synchronous = FULL');
    try {
      this.insertRun(run, items);
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  private insertRun(run: NewRun, items: readonly NewRunItem[]): void {
    this.db.transaction(() => {
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
      });
      items.forEach((item, seq) =>
        this.stmt.insertItem.run({
          runId: run.id,
          seq,
          customerId: item.customerId,
          name: item.name,
          breadcrumbJson: JSON.stringify(item.breadcrumb),
          before: toBit(item.before),
          target: toBit(item.target),
          after: toBit(item.after),
          outcome: item.outcome,
          errorJson: item.error ? JSON.stringify(item.error) : null,
          note: item.note ?? null,
          at: run.createdAt,
        }),
      );
    })();
  }

  /** Written before each request; `attempt` counts requests for this item in this run (1-based). */
  markInFlight(runId: string, customerId: string, attempt: number, at: string): void {
    this.stmt.markInFlight.run({ runId, customerId, attempt, at });
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

  /** A resumed run starts a new active segment owned by this process. */
  beginResumedSegment(runId: string, at: string, owner: RunOwner): void {
    this.stmt.beginSegment.run({ runId, at, pid: owner.pid, host: owner.host });
  }

  /** After a crash: count the dead process's segment up to its last journalled moment and release ownership. */
  closeCrashedSegment(runId: string): void {
    this.stmt.closeCrashedSegment.run({ runId });
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

  /** Runs whose status is still 'running', with the process that owned them. */
  listUnfinished(): (RunRecord & { owner: RunOwner | null })[] {
    return (this.stmt.unfinished.all() as RunRow[]).map((r) => ({
      ...this.toRecord(r),
      owner: r.owner_pid === null ? null : { pid: r.owner_pid, host: r.owner_host ?? '' },
    }));
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
    return {
      id: row.id,
      kind: row.kind,
      parentRunId: row.parent_run_id,
      planId: row.plan_id,
      status: row.status,
      target: row.target,
      identity: { userEmail: row.user_email, serverUrl: row.server_url, accountId: row.account_id, accountName: row.account_name },
      request: parse<PlanRequest>(row.request_json),
      planCounts: parse<PlanCounts>(row.plan_counts_json),
      drift: parse<PlanDrift>(row.drift_json),
      concurrency: row.concurrency,
      maxAttempts: row.max_attempts,
      createdAt: row.created_at,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      durationMs: row.ended_at === null ? null : row.active_ms,
      counts: this.counts(row.id),
      resumeCount: row.resume_count,
    };
  }
}
