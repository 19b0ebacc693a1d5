/* Plain-data types of bulk staging (plans, runs, items, progress, audit).
 *
 * Everything here crosses IPC and the CLI as-is: plain JSON-serialisable objects, no
 * classes, no Dates (ISO strings), no functions. `isStaging` values are booleans on the
 * wire; `TargetState` is the word a person chooses. */
import type { AppErrorData, ErrorKind } from '../errors';
import type { RequestRate } from '../request-rate';
import type { RunSubject } from './subject';

export type TargetState = 'staging' | 'production';

// ---- defaults and bounds (the one place they are set) ----------------------------

export const MIN_CONCURRENCY = 1;
export const MAX_CONCURRENCY = 16;
export const DEFAULT_CONCURRENCY = 6;
/** Requests per item per run before the item fails (transient errors only). */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** A saved plan older than this is not applied: the person is asked for a fresh plan (24 h). */
export const PLAN_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Saved plans kept: the newest SAVED_PLANS_KEPT, plus any younger than SAVED_PLANS_KEPT_MS (a week). */
export const SAVED_PLANS_KEPT = 50;
export const SAVED_PLANS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

/** What a person asked for. Ids are deduplicated; order is kept (first seen). */
export interface PlanRequest {
  /** Customers named one by one. */
  customerIds?: string[];
  /** Each of these customers together with all its descendants. */
  subtreeRootIds?: string[];
  /** Keep only customers carrying ALL these tags (applies to every target, roots included). */
  tagIds?: string[];
  target: TargetState;
}

export interface BreadcrumbEntry {
  id: string;
  name: string;
}

/** One customer as seen when the plan was made. */
export interface PlanItem {
  customerId: string;
  name: string;
  /** Ancestors root → parent (the customer itself is not included). */
  breadcrumb: BreadcrumbEntry[];
  /** Routing when read: true = staging. */
  isStaging: boolean;
  /** Cache plans: when this record was fetched (ISO). Server plans: the plan's read time. */
  seenAt: string;
}

/** Why a target could not be read (403 / 404, or absent from the offline cache). */
export interface AccessProblem {
  kind: ErrorKind;
  message: string;
  status?: number;
}

/** A target the server returned but the console could not read (named in a notice too). Never written. */
export interface UnreadableItem {
  /** null when even the id could not be read. */
  customerId: string | null;
  reason: AccessProblem;
}

export interface InaccessibleItem {
  customerId: string;
  /** Known only when we saw the customer earlier (e.g. in a plan snapshot). */
  name?: string;
  breadcrumb: BreadcrumbEntry[];
  reason: AccessProblem;
}

/** Who acted, where. Never a secret: no cookies, tokens or passwords. */
export interface RunIdentity {
  userEmail: string | null;
  serverUrl: string | null;
  accountId: string | null;
  accountName: string | null;
}

export interface PlanCounts {
  /** Distinct targets after the tag filter. */
  total: number;
  toChange: number;
  alreadyInState: number;
  notAccessible: number;
  /** Customers found in subtrees / explicit ids but dropped by the tag filter. */
  excludedByTags: number;
  /** Customers the person took out of the plan (not in `total`; absent when none). */
  excluded?: number;
  /** Targets the server returned but the console could not read: left out of the change
   *  (absent in plans saved before this count existed). */
  unreadable?: number;
}

export interface BulkPlan {
  id: string;
  createdAt: string;
  /** 'cache' = built offline from the customer cache; `snapshotAt` says how old. */
  source: 'server' | 'cache';
  /** Oldest moment the plan's data reflects (server plans: the read time). */
  snapshotAt: string;
  identity: RunIdentity;
  request: PlanRequest;
  target: TargetState;
  toChange: PlanItem[];
  alreadyInState: PlanItem[];
  notAccessible: InaccessibleItem[];
  /** Absent in plans saved before unreadable targets were counted. */
  unreadable?: UnreadableItem[];
  /** Customers the person took out of the plan (never read again nor written by it). */
  excluded?: PlanItem[];
  counts: PlanCounts;
}

/** A saved plan as listed (from the journal's index, without reading the plan itself). */
export interface PlanSummary {
  id: string;
  createdAt: string;
  source: 'server' | 'cache';
  snapshotAt: string;
  identity: RunIdentity;
  target: TargetState;
  counts: PlanCounts;
}

export type PlanPhase = 'resolving' | 'reading' | 'checkingAccess';

export interface PlanProgress {
  phase: PlanPhase;
  /** Units done in this phase (pages, batches or customers). */
  done: number;
  /** Units expected in this phase when known. */
  total: number | null;
  /** Distinct customers found so far. */
  customersFound: number;
}

/** What changed between a plan's snapshot and the fresh read done when it is applied. */
export interface DriftEntry {
  customerId: string;
  name: string;
  /** isStaging in the plan (null: was not accessible then). */
  planned: boolean | null;
  /** isStaging now (null: not accessible now). */
  now: boolean | null;
}

export interface PlanDrift {
  /** Accessible both times, routing differs. A confirmed customer now in the target is not
   *  written; one that was already there and is now off target is not written either. */
  stateChanged: DriftEntry[];
  /** Readable in the plan, not now. */
  becameInaccessible: (DriftEntry & { reason: AccessProblem })[];
  /** Not readable in the plan, readable now (never written by this plan's run). */
  becameAccessible: DriftEntry[];
}

/** Applying a plan found the customers changed since it was made: nothing was written. The
 *  differences, and a fresh plan of the same customers as they are now, which the person may
 *  confirm (it is saved) to include them. */
export interface DriftedPlan {
  planId: string;
  drift: PlanDrift;
  fresh: BulkPlan;
}

// ---- runs -----------------------------------------------------------------

export type RunKind = 'apply' | 'retryFailed' | 'undo';

/** Final, unknown or in-progress per-item outcome, as journalled. */
export type ItemOutcome =
  | 'pending' // not yet settled (maybe attempted before: see attempts)
  | 'inFlight' // a request was sent and its answer is not recorded
  | 'changed'
  | 'alreadyInState'
  | 'failed'
  | 'skipped' // deliberately not sent (undo: changed since by someone else)
  | 'notAccessible'
  | 'cancelled'; // not applied because the run was cancelled

export const FINAL_OUTCOMES: readonly ItemOutcome[] = ['changed', 'alreadyInState', 'failed', 'skipped', 'notAccessible', 'cancelled'];
export const UNKNOWN_OUTCOMES: readonly ItemOutcome[] = ['pending', 'inFlight'];

export interface RunItem {
  customerId: string;
  name: string;
  breadcrumb: BreadcrumbEntry[];
  /** isStaging read just before the run (null: unknown / not accessible). */
  before: boolean | null;
  /** isStaging this item must end with (the run's TargetState as the wire's boolean). */
  targetIsStaging: boolean;
  /** isStaging last observed (a write's answer or a read-back); null: never observed. */
  after: boolean | null;
  outcome: ItemOutcome;
  /** Requests sent for this item in this run (continuations included). */
  attempts: number;
  error: AppErrorData | null;
  note: string | null;
  updatedAt: string;
}

/** Journal status. Live states (paused, waiting...) only exist on a RunHandle. */
export type RunStatus = 'running' | 'completed' | 'cancelled';

/** What a live run is doing right now. */
export type RunState =
  | 'starting'
  | 'running'
  | 'paused'
  | 'waitingForSignIn'
  | 'waitingForServer'
  | 'cancelling'
  | 'reconciling'
  /** Stopped before the end (the journal could not be written, another process took the run
   *  over): nothing more is sent; the run stays unfinished and can be continued. */
  | 'stopped'
  | 'completed'
  | 'cancelled';

export interface OutcomeCounts {
  total: number;
  pending: number;
  inFlight: number;
  changed: number;
  alreadyInState: number;
  failed: number;
  skipped: number;
  notAccessible: number;
  cancelled: number;
}

export interface RunProgress {
  runId: string;
  state: RunState;
  counts: OutcomeCounts;
  /** Items with a final outcome. */
  done: number;
  /** Items still to settle (pending + inFlight). */
  remaining: number;
  /** Items settled per second over the recent window (0 before there is data). */
  ratePerSecond: number;
  /** Estimated time to finish, null when there is no rate yet or the run is not moving. */
  etaMs: number | null;
  /** The request rate to this server right now (adaptive; null outside a live run). */
  requestRate: RequestRate | null;
  /** Why the run stopped ('stopped'), else null. */
  problem: AppErrorData | null;
  at: string;
}

export interface RunRecord {
  id: string;
  kind: RunKind;
  /** Undo / retry runs: the run they act on. */
  parentRunId: string | null;
  planId: string | null;
  status: RunStatus;
  target: TargetState;
  identity: RunIdentity;
  /** The request behind the plan (targets), or a description for undo/retry runs. */
  request: PlanRequest | null;
  planCounts: PlanCounts | null;
  drift: PlanDrift | null;
  concurrency: number;
  maxAttempts: number;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Sum of the active periods (the gap between a crash and continuing is not counted). */
  durationMs: number | null;
  counts: OutcomeCounts;
  /** Times the run was continued after a crash, kill or stop. */
  continueCount: number;
  /** Runs to staging: when its customers should be back on normal routing (ISO), if the person said. */
  returnBy: string | null;
  /** What the run was about (the subtree or customers), named from the journal. */
  subject: RunSubject;
}

/** A run's customer that just settled (the 'bulk:itemSettled' event). */
export interface ItemSettled {
  runId: string;
  customerId: string;
  name: string;
  outcome: ItemOutcome;
  /** isStaging last observed (null: never observed). */
  after: boolean | null;
  /** The customer's last change as the server's latest answer about it said (the write's, or the
   *  read-back's: dateLastModified, lastModifiedBy); null when no answer said when. Lets lists show
   *  the change without reading the customer again. */
  lastModified: { at: string; by: string | null } | null;
  error: AppErrorData | null;
}

export interface RunDetail extends RunRecord {
  items: RunItem[];
}

export interface RunSummary {
  runId: string;
  kind: RunKind;
  /** 'running' only for a run that stopped before its end (see `problem`): it can be continued. */
  status: RunStatus;
  /** Why the run stopped before its end, else null. */
  problem: AppErrorData | null;
  counts: OutcomeCounts;
  durationMs: number | null;
  /** Items that failed (customer id, name, error) — the input of retryFailed. */
  failed: { customerId: string; name: string; error: AppErrorData | null }[];
  /** Undo runs: customers changed since by someone else and left alone. */
  skipped: { customerId: string; name: string; note: string | null }[];
}

/** An unfinished run found in the journal (process crashed or was killed). */
export interface InterruptedRun {
  run: RunRecord;
  /** Items whose outcome is unknown (pending or inFlight). */
  unknown: number;
  inFlight: number;
}

export interface RecoveryReport {
  runId: string;
  /** Unknown items confirmed applied by reading the server. */
  confirmedChanged: number;
  /** Unknown items that still need the change. */
  stillPending: number;
  /** Unknown items now out of reach. */
  notAccessible: number;
  /** Items the read could not settle (server unreachable): they stay unknown. */
  unresolved: number;
}

export type ExportFormat = 'csv' | 'json';
