/* THE IPC contract: every channel the renderer may call and every event main may push.
 * Main builds its router from CHANNELS (src/main/ipc), the preload and the e2e harness
 * build `window.evo` from it (./bridge.ts), the renderer's hooks take their types from it.
 *
 * Add a channel: one line here (`'domain:action': channel(zodRequestSchema).returns<ResponseType>()`,
 * response types from src/shared), then a handler in src/main/ipc/handlers.ts — the
 * compiler refuses a router without it. Add an event: one line in EVENTS and an emit in
 * src/main/app-services.ts. Requests are validated against the schema in main; keep
 * schemas strict (z.strictObject) so unknown fields are refused, not ignored. */
import { z } from 'zod';
import type { TestScheduleResponse } from '../evo/schemas';
import type { BulkPlan, DriftedPlan, PlanSummary, ExportFormat, InterruptedRun, ItemSettled, PlanProgress, RecoveryReport, RunDetail, RunProgress, RunRecord } from '../bulk/types';
import { MAX_RATE_CEILING, MIN_RATE_CEILING } from '../request-rate';
import type { ConnectivitySnapshot } from '../connectivity';
import type { ServerProfile, SessionState } from '../session';
import type { AppNotice } from '../notices';
import type {
  BreadcrumbResult,
  CustomerFindResult,
  CustomerListResult,
  CustomerResult,
  InheritedScheduleResult,
  StagingCountsResult,
  SyncProgressEvent,
  SyncResult,
  TagsResult,
} from '../customers';
import type { DueReturnsResult, StagingNowResult } from '../staging-now';
import { channel, event } from './define';

/** Static facts about the running app, for the About line and the banner. */
export interface AppInfo {
  name: string;
  version: string;
  /** Where the main process runs: the Electron app, the end-to-end harness or the evo-console CLI. */
  host: 'electron' | 'harness' | 'cli';
}

const noRequest = z.undefined();
/** Bounded strings: a renderer must not be able to make main hold megabytes. */
const text = (max: number) => z.string().max(max);
const id = z.string().min(1).max(200);

/** The sign-in form shows these same messages next to its fields (SignInScreen's validateSignIn). */
export const SignInRequestSchema = z.strictObject({
  /** Defaults to the profile currently selected. */
  profileId: id.optional(),
  email: text(320)
    .trim()
    .min(1, { error: 'Enter your email address.', abort: true })
    .regex(/^[^\s@]+@[^\s@]+$/, { error: (issue) => `"${String(issue.input)}" is not an email address.` }),
  password: text(1024).min(1, 'Enter your password.'),
  rememberMe: z.boolean(),
});
export type SignInRequest = z.input<typeof SignInRequestSchema>;

export const AddProfileRequestSchema = z.strictObject({
  label: text(100).trim().min(1, 'Give the server a name.'),
  /** Checked with checkServerUrl in main (https, or http on loopback only). */
  url: text(2048),
});
export type AddProfileRequest = z.input<typeof AddProfileRequestSchema>;


// ---- console screens (customers, bulk staging, runs) ------------------------------
export interface RunStarted {
  runId: string;
}
/** bulk:start: the run started, or — the customers differ from the plan — nothing was written:
 *  the differences and a fresh plan to confirm instead. */
export type StartAnswer = { runId: string; drifted: null } | { runId: null; drifted: DriftedPlan };
/** An audit export written by main into the app-data exports folder. */
export interface ExportAnswer {
  runId: string;
  format: ExportFormat;
  path: string;
  bytes: number;
}

/** Ids of a customer's children that match a filter, in list order (customers:childIds). */
export interface ChildIdsResult {
  ids: string[];
  /** Rows in the whole filtered list. */
  total: number;
  source: 'server' | 'cache';
}
/** What the offline copy knows of a customer's subtree (customers:subtreeSizes). */
export interface SubtreeSize {
  /** Descendants in the offline copy (children, their children, ...). */
  descendants: number;
  /** True when the subtree (or the whole account) was downloaded, so the number is all of them. */
  complete: boolean;
}

const customerRef = z.strictObject({ id });
const runRef = z.strictObject({ runId: id });
const tagIdList = z.array(id).max(50);
export const PlanRequestSchema = z.strictObject({
  customerIds: z.array(id).max(100_000).optional(),
  subtreeRootIds: z.array(id).max(1_000).optional(),
  tagIds: tagIdList.optional(),
  target: z.enum(['staging', 'production']),
});

export const CHANNELS = {
  'app:info': channel(noRequest).returns<AppInfo>(),
  /** Things the user must be told that no call answered (a damaged file set aside and rebuilt). */
  'app:notices': channel(noRequest).returns<AppNotice[]>(),
  'app:dismissNotice': channel(z.strictObject({ id })).returns<AppNotice[]>(),

  /** The current session (status, profile, user, accounts, keychain availability). Main restores
   * the saved session at start (createAppServices' restoreSession); until that is done this
   * answers nothing, so the first answer is never a sign-in screen that is about to vanish. */
  'session:getState': channel(noRequest).returns<SessionState>(),
  /** Production, the local sandbox and the user's own servers. */
  'session:listProfiles': channel(noRequest).returns<ServerProfile[]>(),
  /** Adds a custom server (validated like every other address). */
  'session:addProfile': channel(AddProfileRequestSchema).returns<ServerProfile>(),
  /** Switch server while signed out; resumes that server's saved session if any. */
  'session:selectProfile': channel(z.strictObject({ profileId: id })).returns<SessionState>(),
  'session:signIn': channel(SignInRequestSchema).returns<SessionState>(),
  'session:selectAccount': channel(z.strictObject({ accountId: id })).returns<SessionState>(),
  /** Give up on "sign in again": interrupted work fails, the session is forgotten. */
  'session:cancelSignIn': channel(noRequest).returns<SessionState>(),
  /** keepCache false also deletes this server's offline copy from this computer. */
  'session:signOut': channel(z.strictObject({ keepCache: z.boolean() })).returns<SessionState>(),

  'connectivity:getState': channel(noRequest).returns<ConnectivitySnapshot>(),

  /** Children of a customer (null = top level), one page, sorted by name; server online, cache offline. */
  'customers:children': channel(
    z.strictObject({
      parentId: id.nullable(),
      page: z.number().int().min(0).max(1_000_000).optional(),
      pageSize: z.number().int().min(1).max(500).optional(),
      search: text(200).optional(),
      tagIds: tagIdList.optional(),
    }),
  ).returns<CustomerListResult>(),
  'customers:get': channel(customerRef).returns<CustomerResult>(),
  'customers:breadcrumb': channel(customerRef).returns<BreadcrumbResult>(),
  /** Customers by id, name (contains) or reference id over the whole account (quick jump): CustomerService.find. */
  'customers:find': channel(z.strictObject({ text: text(200), limit: z.number().int().min(1).max(500).optional(), tagIds: tagIdList.optional() })).returns<CustomerFindResult>(),
  /** The account's tag catalogue. */
  'customers:tags': channel(noRequest).returns<TagsResult>(),
  /** Child counts known to the offline copy (id → count; unknown ids are left out). */
  'customers:childCounts': channel(z.strictObject({ ids: z.array(id).max(1_000) })).returns<Record<string, number>>(),
  /** Ids of the children matching a filter, in list order: all of them ("select all N matching"),
   * or rows offset..offset+limit-1 (a Shift range over rows not loaded yet). */
  'customers:childIds': channel(
    z.strictObject({
      parentId: id.nullable(),
      search: text(200).optional(),
      tagIds: tagIdList.optional(),
      offset: z.number().int().min(0).max(1_000_000).optional(),
      limit: z.number().int().min(1).max(100_000).optional(),
    }),
  ).returns<ChildIdsResult>(),
  /** Subtree sizes the offline copy knows (id → descendants; unknown ids are left out), shown before planning. */
  'customers:subtreeSizes': channel(z.strictObject({ ids: z.array(id).max(1_000) })).returns<Record<string, SubtreeSize>>(),
  'customers:inheritedSchedule': channel(customerRef).returns<InheritedScheduleResult>(),
  /** TestSchedule: the state the customer's schedule (the inherited one when it inherits) gives at dateTime (ISO), per the server. */
  'customers:testSchedule': channel(z.strictObject({ id, dateTime: z.iso.datetime() })).returns<TestScheduleResponse>(),
  /** Make a customer and its descendants available offline (progress: customers:syncProgress). */
  'customers:sync': channel(z.strictObject({ id: id.nullable() })).returns<SyncResult>(),
  /** Stops that download after the current page (customers:sync then fails with Cancelled; nothing is marked offline). */
  'customers:cancelSync': channel(z.strictObject({ id: id.nullable() })).returns<null>(),
  'customers:stagingCounts': channel(z.strictObject({ id: id.nullable() })).returns<StagingCountsResult>(),
  'customers:clearCache': channel(noRequest).returns<null>(),

  /** Build a plan (server online, offline copy offline) and keep it for bulk:start. Progress: bulk:planProgress. */
  'bulk:plan': channel(PlanRequestSchema).returns<BulkPlan>(),
  /** Plans kept in the journal (every prepared plan; the newest 50 and all of the last week), newest first. */
  'bulk:plans': channel(noRequest).returns<PlanSummary[]>(),
  'bulk:getPlan': channel(z.strictObject({ planId: id })).returns<BulkPlan>(),
  /** Deletes a saved plan (runs made from it stay); false when there was none. */
  'bulk:deletePlan': channel(z.strictObject({ planId: id })).returns<boolean>(),
  /** A new plan (new id, saved in place of this one) without these customers; what is confirmed is
   *  the new plan, so the count to type follows. */
  'bulk:excludeFromPlan': channel(z.strictObject({ planId: id, customerIds: z.array(id).min(1).max(100_000) })).returns<BulkPlan>(),
  /** Stops the plan being prepared (bulk:plan then fails with Cancelled). */
  'bulk:cancelPlan': channel(noRequest).returns<null>(),
  /** Re-reads the plan's customers; starts the run only when nothing changed since the plan
   *  (else answers the differences and a fresh plan). A plan older than 24 h is refused. */
  'bulk:start': channel(
    z.strictObject({
      planId: id,
      concurrency: z.number().int().min(1).max(16).optional(),
      /** Runs to staging: when the customers should be back on normal routing (checked in main: future, ≤ 30 days). */
      returnBy: z.iso.datetime({ offset: true }).nullable().optional(),
    }),
  ).returns<StartAnswer>(),
  /** Pause / unpause a live run (no new requests while paused). */
  'bulk:pause': channel(runRef).returns<RunProgress>(),
  'bulk:unpause': channel(runRef).returns<RunProgress>(),
  'bulk:cancel': channel(runRef).returns<RunProgress>(),
  /** Latest progress of a run (live, or final from the journal); null when unknown. */
  'bulk:status': channel(runRef).returns<RunProgress | null>(),
  'bulk:retryFailed': channel(runRef).returns<RunStarted>(),
  'bulk:undo': channel(runRef).returns<RunStarted>(),
  /** Runs the journal says were not finished and nobody drives (crash, kill, a stop). */
  'bulk:interrupted': channel(noRequest).returns<InterruptedRun[]>(),
  /** Claim an interrupted run, check its unknown items against the server, then finish it. */
  'bulk:continueInterrupted': channel(runRef).returns<RunStarted & { recovery: RecoveryReport }>(),
  /** The request-rate ceiling the person set for every server (null: none, the rate adapts to the server alone). */
  'bulk:rateCeiling': channel(noRequest).returns<number | null>(),
  'bulk:setRateCeiling': channel(z.strictObject({ perSecond: z.number().int().min(MIN_RATE_CEILING).max(MAX_RATE_CEILING).nullable() })).returns<number | null>(),
  /** Every customer of the account (or of a subtree) on staging now, from the offline copy, refreshed by a listing of the account when online. */
  'staging:now': channel(z.strictObject({ subtreeId: id.nullable(), maxAgeMs: z.number().int().min(0).max(86_400_000).optional() })).returns<StagingNowResult>(),
  /** Customers still on staging whose run's return-by time is near or past (read fresh online). */
  'staging:due': channel(noRequest).returns<DueReturnsResult>(),
  'runs:list': channel(noRequest).returns<RunRecord[]>(),
  'runs:get': channel(runRef).returns<RunDetail>(),
  /** Ids of the runs that included a customer with this id, or whose name contains this text (History's filter). */
  'runs:withCustomer': channel(z.strictObject({ text: text(200).trim().min(1) })).returns<string[]>(),
  /** Writes the audit export (CSV or JSON) to the app-data exports folder; answers its path. */
  'runs:export': channel(z.strictObject({ runId: id, format: z.enum(['csv', 'json']) })).returns<ExportAnswer>(),
} as const;

export const EVENTS = {
  /** A new notice (see app:notices). */
  'app:notice': event<AppNotice>(),
  /** Every session change (sign-in, account, 401 → signInRequired, sign-out). */
  'session:state': event<SessionState>(),
  'connectivity:state': event<ConnectivitySnapshot>(),
  /** A bulk staging run's progress (emitted by the bulk engine's wiring). */
  'bulk:progress': event<RunProgress>(),
  /** One customer of a live run settled (changed, failed...): lists and tables update it at once. */
  'bulk:itemSettled': event<ItemSettled>(),
  /** Planning progress of bulk:plan. */
  'bulk:planProgress': event<PlanProgress>(),
  /** Progress of customers:sync ("Make available offline"). */
  'customers:syncProgress': event<SyncProgressEvent>(),
} as const;

export type Channels = typeof CHANNELS;
export type Events = typeof EVENTS;
export type ChannelName = keyof Channels;
export type EventName = keyof Events;
