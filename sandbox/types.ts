/* Types shared by the sandbox's modules and its public API (startSandbox). The Evo wire types are
 * in ./wire.ts; these are only the sandbox's own concepts. */
import type { CustomerInfo } from './wire';

export type SeedSize = 'small' | 'large';

/** Fault and load controls. Rates are probabilities 0..1 per API request. */
export interface FaultSettings {
  /** Fixed delay added to every API request (ms). */
  latencyMs: number;
  /** Extra uniformly random delay 0..jitterMs (ms). */
  jitterMs: number;
  /** Share of API requests answered with a 500. */
  errorRate: number;
  /** Token bucket per session: refill rate; 0 = no rate limit. */
  rateLimitPerSecond: number;
  /** Token bucket size (requests allowed at once after idling). */
  rateLimitBurst: number;
  /** Share of API requests whose connection is destroyed without an answer. */
  resetRate: number;
  /** Share of API requests that are never answered. */
  hangRate: number;
  /** Customers whose own reads and staging writes always answer 500 (a broken record on the server). */
  brokenCustomerIds: string[];
  /** Answers replaced by hand-written ones (redirects, HTML from a proxy, odd headers, huge bodies). */
  answerOverrides: AnswerOverride[];
  /** Largest `countPerPage` the list routes serve; 0 = no limit. */
  maxCountPerPage: number;
  /** Above maxCountPerPage: 'cap' serves maxCountPerPage items without saying so; 'reject' answers 400 naming CountPerPage. */
  countPerPageOverMax: 'cap' | 'reject';
  /** What the list routes do with `sortField`: sort by it, ignore it (seed order), or answer 400 naming SortField. */
  sortFieldSupport: 'honoured' | 'ignored' | 'rejected';
}

/** One hand-written answer. The first override whose method and path match (and whose rate
 * roll succeeds) replaces the answer of that request. */
export interface AnswerOverride {
  /** Default: any method. */
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Regular expression (source text) tested against the request URL, query string included. */
  path: string;
  /** Share of matching requests overridden, 0..1 (default 1). */
  rate?: number;
  /** true (default): the route runs first (a write is applied), then its answer is replaced.
   *  false: the route never runs (e.g. a redirect before sign-in). */
  afterHandler?: boolean;
  /** Default 200. */
  status?: number;
  /** E.g. Location, Retry-After, Content-Type (default text/html; charset=utf-8 when body is set). */
  headers?: Record<string, string>;
  /** Raw body text. */
  body?: string;
  /** Instead of body: valid JSON of about this many bytes (`{"items":[],"pad":"xxx…"}`). */
  bodyBytes?: number;
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  rateLimitPerSecond: 0,
  rateLimitBurst: 0,
  resetRate: 0,
  hangRate: 0,
  brokenCustomerIds: [],
  answerOverrides: [],
  maxCountPerPage: 0,
  countPerPageOverMax: 'cap',
  sortFieldSupport: 'honoured',
};

/** One staging write, as recorded by the sandbox (never holds cookie values). */
export interface WriteRecord {
  at: string;
  customerId: string;
  from: boolean;
  to: boolean;
  user: string;
  /** Sequential number of the session that wrote (1 = first sign-in since start). */
  sessionNo: number;
}

export interface SandboxMetrics {
  inFlight: number;
  maxInFlight: number;
  /** API responses by HTTP status ("200", "429", ...), plus "reset" and "hang" for injected faults. */
  requestsByStatus: Record<string, number>;
  rateLimited: number;
  /** Requests from a session that arrived before the Retry-After it was last given had elapsed. */
  retryAfterViolations: number;
}

export interface AccountFixture {
  id: string;
  name: string;
}

/** Well-known ids in the seeded data (see sandbox/seed/index.ts for how each is built). */
export interface SandboxFixtures {
  seed: number;
  size: SeedSize;
  customerCount: number;
  /** The three accounts, manager's first. */
  accounts: AccountFixture[];
  /** The one account manager@sandbox.test may see. */
  managerAccountId: string;
  /** An account manager@sandbox.test may NOT see. */
  otherAccountId: string;
  /** Root customer in the manager's account with exactly bigParentChildCount direct children (some of which have children). */
  bigParentId: string;
  bigParentChildCount: number;
  /** Number of descendants of bigParentId (children + grandchildren). */
  bigParentDescendantCount: number;
  /** Five ids root → leaf in the manager's account; each is the parent of the next; all start in production. */
  chainIds: string[];
  /** Customer in the manager's account whose subtree (itself + descendants) is exactly 200 customers. */
  subtree200Id: string;
  /** Non-root customer whose schedule has inherit: true (its parent's schedule does not inherit). */
  inheritCustomerId: string;
  /** Customer whose own schedule has forceClosed: true. */
  forceClosedCustomerId: string;
  /** Customer in otherAccountId (invisible to the manager). */
  otherAccountCustomerId: string;
  /** Awkward names, all in the manager's account. */
  hostile: {
    imgTagId: string;
    scriptTagId: string;
    arabicId: string;
    hebrewId: string;
    emojiId: string;
    longNameId: string;
    /** Two siblings with exactly the same name. */
    duplicateIds: [string, string];
  };
  /** Two tags of the manager's account: some customers have both, some only one (all-of filter test). */
  tagFilter: { accountId: string; tagIds: [string, string] };
  /** Tag that is on no customer (filter gives an empty list). */
  unusedTagId: string;
  /** The odd records --drift adds (see sandbox/drift.ts); null without --drift. */
  drift: DriftFixtures | null;
}

/** Where --drift put each value the console has never seen. Every id is in the manager's account
 *  unless it is one of `elsewhereIds`. */
export interface DriftFixtures {
  /** Root of a subtree of exactly `subtreeSize` customers (root included) holding every odd record below. */
  subtreeRootId: string;
  subtreeSize: number;
  /** Members a newer server added to every CustomerInfo of the subtree (and the elsewhere ones). */
  unknownCustomerMembers: string[];
  /** Customer carrying a tag whose colour is not a TagColors name. */
  pinkTagCustomerId: string;
  pinkTagId: string;
  unknownTagColor: string;
  /** Customer whose schedule has a rule of an unknown `simpleRuleType`. */
  unknownRuleCustomerId: string;
  unknownRuleType: string;
  /** Customer whose schedule has a rule of an unknown `frequency`. */
  unknownFrequencyCustomerId: string;
  unknownFrequency: string;
  /** Customer whose schedule's byDay carries .NET numbers for `dayOfWeek`. */
  numericDayOfWeekCustomerId: string;
  /** Customer whose `data` nests `deepDataDepth` Values deep. */
  deepDataCustomerId: string;
  deepDataDepth: number;
  /** Customer whose TestSchedule answer differs from a local evaluation of its schedule: the server
   *  knows the customer is in state `serverCustomerState`, which one of its CustomerState rules matches. */
  testScheduleDisagreesCustomerId: string;
  serverCustomerState: string;
  /** A `dashboardPermissions` value /auth/status sends that is not a DashboardPermissions name. */
  unknownPermission: string;
  /** The list routes serve at most this many items a page, without saying so. */
  maxCountPerPage: number;
  /** Subtree customer whose `tags` holds one item that is not a Tag object but this bare string:
   *  truly malformed, the one item a reader has to set aside (the customer itself is fine). */
  malformedTagCustomerId: string;
  malformedTag: string;
  /** Odd records outside the subtree: two roots in the manager's account, one customer in otherAccountId. */
  elsewhereIds: string[];
}

export interface SandboxUser {
  id: string;
  userName: string;
  password: string;
  displayName: string;
  firstName: string;
  lastName: string;
  roles: string[];
  /** 'all' = every account (SystemAdministrator). */
  accounts: 'all' | 'manager';
}

export type RawCustomer = CustomerInfo & { id: string; accountId: string };
