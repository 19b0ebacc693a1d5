/* Every UNCONFIRMED fact about the Evo Voice API that this code depends on, in one
 * place (see ../../../../shared/evo-api/REFERENCE.md §6). Change a value here when the
 * real server proves otherwise; the sandbox and the console both read from here. */

export const EVO_ASSUMPTIONS = {
  /** Production base URL [M][CLI] — confirmed, here so every default comes from one place. */
  productionUrl: 'https://evovoice.io',

  /** Page size the server uses when `countPerPage` is not sent. */
  defaultCountPerPage: 25,
  /** Largest page we ask for; the server's own cap is unknown. */
  maxCountPerPage: 500,
  /** How many ids we put in one `specificIds` request (URL length is the limit we guess at). */
  specificIdsBatchSize: 100,

  /** No "root only" filter exists: roots are customers whose parentCustomerId is null or "". */
  rootHasEmptyParent: true,
  /** `breadcrumb` is ordered root → leaf and does NOT include the customer itself. */
  breadcrumbIncludesSelf: false,
  /** `nameFilter` is a case-insensitive "contains" match. */
  nameFilterMatch: 'contains-case-insensitive' as const,
  /** Sort key name for sorting customers by name. */
  sortFieldName: 'name',
  /** In simplifiedPaging mode the server leaves totalCount/totalPages at 0. */
  simplifiedPagingTotals: 0,

  /** Setting a customer's isStaging does not cascade to its children. */
  stagingCascades: false,

  /** Schedules: lower `priority` value is evaluated first (wins). */
  lowerPriorityWins: true,
  /** The state a force-closed schedule yields. */
  forceClosedStateName: 'Closed',
  /** `startTime`/`endTime` are "HH:mm" (24 h); `endTime` is exclusive; end <= start spans midnight. */
  timeFormat: 'HH:mm' as const,
  /** `startDate`/`untilDate` are ISO dates ("YYYY-MM-DD", a time part is ignored). */
  dateFormat: 'YYYY-MM-DD' as const,
  /** ScheduleDay.offset 0 means "every such weekday in the period". */
  dayOffsetZeroMeansEvery: true,
  /** `timeZoneId` may be IANA ("America/New_York") or Windows ("Eastern Standard Time"). */
  timeZoneIdFormats: ['IANA', 'Windows'] as const,
  /** Zone used when a schedule has no timeZoneId. */
  defaultTimeZone: 'UTC',
  /** State used when a schedule has no `defaultState` and no rule matches. */
  scheduleFallbackState: 'Closed',
  /** Rules without `priority` are evaluated after every numbered rule, in list order. */
  missingPriorityEvaluatedLast: true,
  /** A rule without `simpleRuleType` is treated as this type. */
  missingRuleTypeMeans: 'Time' as const,
  /** A rule without a `state` never matches (there is nothing to switch to). */
  ruleWithoutStateIsSkipped: true,
  /** `CustomerState` rules: a pure evaluation (sandbox TestSchedule, week picture) knows no customer
   *  state, so these rules never match there. */
  customerStateRulesMatchWithoutState: false,
  /** A `Time` rule with neither `startTime` nor `endTime` covers the whole day (as if `isAllDay`). */
  missingTimesMeanAllDay: true,
  /** Missing `frequency` is read as this value. */
  missingFrequencyMeans: 'None' as const,
  /** frequency None: the rule applies on `startDate` only, or each day `startDate`..`untilDate` when
   *  `untilDate` is set; with no dates at all, every day. */
  frequencyNoneSpansStartToUntil: true,
  /** Secondly/Minutely/Hourly are read as Daily (windows come from startTime/endTime). */
  subDailyFrequencyMeans: 'Daily' as const,
  /** byHour/byMinute are ignored: the daily window is startTime/endTime. */
  byHourAndByMinuteIgnored: true,
  /** RRULE WKST (first day of a week for Weekly intervals); iCalendar's default is Monday. */
  scheduleWeekStart: 'Monday' as const,
  /** `startDate` only bounds the recurrence (it is not an extra occurrence when it does not match
   *  the BY* parts, unlike a strict DTSTART). */
  startDateIsImplicitOccurrence: false,
  /** `interval` and `count` need an anchor: without `startDate` they are ignored. */
  intervalAndCountNeedStartDate: true,
  /** Time windows are local wall-clock time in the schedule's zone, also on DST change days: a
   *  wall time skipped by spring-forward never occurs (a window starting inside the gap starts at
   *  the first real instant after it), a wall time repeated by fall-back matches both times. */
  scheduleDstMode: 'wall-clock' as const,
  /** Unknown `timeZoneId`: evaluate in `defaultTimeZone` and flag it (the server may know it). */
  unknownTimeZoneFallsBackToDefault: true,
  /** The schedule evaluator does not resolve `inherit`: callers pass the inherited schedule
   *  (GetInheritedSchedule) themselves; an `inherit` schedule is evaluated as given. */
  inheritResolvedByCaller: true,
  /** TestSchedule `dateTime` without an offset ("2026-11-24T09:00") is a wall time in the schedule's
   *  zone (with "Z" or an offset it is that instant). */
  scheduleDateTimeWithoutOffsetIn: 'schedule-zone' as const,

  /** Cookie sessions only: bearer/refresh tokens are expected to be empty. */
  expectsBearerTokens: false,
  /** A 403 may mean "no role" or "customer outside your accounts". */
  forbiddenMeansWrongAccountToo: true,
  /** Retry-After on 429 is in seconds (HTTP standard); the server may not send it. */
  retryAfterUnit: 'seconds' as const,

  /* ---- used by the sandbox server (sandbox/) to imitate the unconfirmed behaviour ---- */
  /** Value of `parentCustomerId` on a top-level customer (null rather than ""). */
  rootParentCustomerId: null as string | null,
  /** `breadcrumb` order: the root ancestor first. */
  breadcrumbRootFirst: true,
  /** `parentCustomerIds` without `shallowParent` matches all descendants, not the parents themselves. */
  deepParentFilterIncludesParents: false,
  /** Status for a customer/account/settings read outside the user's accounts (403 per the Evo CLI, not 404). */
  otherAccountStatus: 403 as 403 | 404,
  /** List order when no `sortField` is sent: by name (ordinal), then id. */
  defaultSortField: 'name',
  /** `tagIds` matches customers carrying ALL the given tags. */
  tagIdsMatch: 'all-of' as const,
  /** ServiceStack-style error codes the sandbox sends (Evo's real strings are unknown). */
  errorCodes: {
    unauthenticated: 'Unauthorized',
    invalidCredentials: 'Unauthorized',
    invalidRole: 'Forbidden',
    otherAccount: 'Forbidden',
    notFound: 'NotFound',
    validation: 'ValidationException',
    rateLimited: 'TooManyRequests',
    serverError: 'InternalServerError',
  },
  /** Field names in validation errors use the C# (PascalCase) property name, e.g. "IsStaging". */
  validationFieldNameCase: 'PascalCase' as const,
  /** GetInheritedSchedule on a customer with no ancestor holding a non-inherit schedule returns its own schedule. */
  inheritedScheduleFallsBackToOwn: true,
  /** TestSchedule without `dateTime` evaluates at the current time. */
  testScheduleDefaultsToNow: true,
  /** Session lifetime is fixed from sign-in (not sliding); the sandbox default is 8 h. */
  sessionTtlMs: 8 * 60 * 60 * 1000,
  /** The persistent `ss-pid` cookie alone re-authenticates a rememberMe session (ServiceStack behaviour). */
  permanentSessionCookieAuthenticates: true,

  /* ---- client-side limits (Evo's real rate limits are unknown) ---- */
  /** Requests the console keeps open at once against one server (all callers together).
   *  As high as the largest bulk concurrency (16), so the user's concurrency setting is what bounds a run. */
  defaultMaxInFlight: 16,
  /** Requests the console starts per second against one server (sliding window); a 429's
   *  Retry-After still holds every request. */
  defaultRequestsPerSecond: 50,
} as const;

/** Roles that may use the customer operations (any one suffices). */
export const CUSTOMER_ROLES = ['SystemAdministrator', 'Manager', 'Customer'] as const;
