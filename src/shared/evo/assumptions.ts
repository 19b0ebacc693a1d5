/* Every guess this client makes about the Evo Voice API, in one place. What the API's own pages
 * confirm is written down where it is used: the wire types in ./schemas.ts and the routes in
 * ./endpoints.ts. Each entry here says what we assume and, where it matters, after "If wrong:",
 * how the console copes when the real server behaves otherwise. Change a value here when the
 * live server proves otherwise; code reads the values from here, never from a copy.
 *
 * The last section lists limits the client sets for itself (not guesses about the server). */

export const EVO_ASSUMPTIONS = {
  /** Production base URL (confirmed; here so every default comes from one place). */
  productionUrl: 'https://evovoice.io',

  // ---- lists and paging ----------------------------------------------------------------

  /** Page size the server uses when `countPerPage` is not sent (the Evo CLI's default). */
  defaultCountPerPage: 25,
  /** Page size asked for by syncs and plans. The server's own maximum is unknown.
   *  If wrong: a 400 naming CountPerPage halves the size and asks again (the smaller size is then
   *  used for the rest of the session); a server that serves fewer items than asked without
   *  saying so loses nothing, because paging follows totalCount/hasMorePages, never short pages. */
  pageSize: 100,
  /** How many ids one `specificIds` request carries (URL length is the limit we guess at).
   *  If wrong (414 / 400): the batch fails with the server's message; lower this value. */
  specificIdsBatchSize: 100,
  /** `sortField=name` sorts customers by name.
   *  If wrong: a 400 naming SortField makes the console stop sending it; an answer that is not in
   *  name order is sorted here. Either way only within one page: the order across pages is the
   *  server's (a list of more than one page may then not be alphabetical across page breaks). */
  sortFieldName: 'name',
  /** Paging ends when `totalCount` items were received, else when `hasMorePages` is false, else at
   *  an empty page. If wrong (totals computed differently): a page with no new customer also ends it. */
  pagingFollowsTotals: true,
  /** In simplifiedPaging mode the server leaves totalCount/totalPages at 0. If wrong: harmless,
   *  0 is read as "unknown" and hasMorePages decides. */
  simplifiedPagingTotals: 0,
  /** No "root only" filter exists: roots are customers whose parentCustomerId is null or "".
   *  If wrong: roots come from one download of the account, so a filter would only save time. */
  rootHasEmptyParent: true,
  /** `breadcrumb` is ordered root → leaf and does NOT include the customer itself.
   *  If wrong: a trailing self entry is dropped; a breadcrumb that does not end at the parent is
   *  not trusted for the offline tree. */
  breadcrumbIncludesSelf: false,
  /** `nameFilter` is a case-insensitive "contains" match. If wrong: only search results differ. */
  nameFilterMatch: 'contains-case-insensitive' as const,

  // ---- staging and schedules -----------------------------------------------------------

  /** Setting a customer's isStaging does not cascade to its children. If wrong: a plan would
   *  undercount what changes; the verification read-back of each target still tells the truth. */
  stagingCascades: false,
  /** TestSchedule evaluates the schedule in its body (always sent, see the endpoint table), has no
   *  side effects and is not retried on its own. If it had side effects: one call per view. */
  testScheduleHasNoSideEffects: true,
  /** Schedules: lower `priority` value is evaluated first (wins). If wrong: the week picture
   *  disagrees with the server's state now, and says it is an approximation. */
  lowerPriorityWins: true,
  /** The state a force-closed schedule yields. If wrong: the picture is labelled an approximation
   *  when the server's state now differs. */
  forceClosedStateName: 'Closed',
  /** `startTime`/`endTime` are "HH:mm" (24 h); `endTime` is exclusive; end <= start spans midnight.
   *  If wrong: an unreadable time makes the rule "unreadable" in the rule list and never match. */
  timeFormat: 'HH:mm' as const,
  /** `startDate`/`untilDate` are ISO dates ("YYYY-MM-DD", a time part is ignored). */
  dateFormat: 'YYYY-MM-DD' as const,
  /** ScheduleDay.offset 0 means "every such weekday in the period". */
  dayOffsetZeroMeansEvery: true,
  /** DayOfWeek travels as the .NET name ("Monday"); a number is read as the .NET ordinal (Sunday = 0).
   *  If neither: the day is shown as sent, never matches, and the week picture is marked possibly incomplete. */
  dayOfWeekNamesOrOrdinals: true,
  /** `timeZoneId` may be IANA ("America/New_York") or Windows ("Eastern Standard Time"). */
  timeZoneIdFormats: ['IANA', 'Windows'] as const,
  /** Zone used when a schedule has no timeZoneId. */
  defaultTimeZone: 'UTC',
  /** State used when a schedule has no `defaultState` and no rule matches. */
  scheduleFallbackState: 'Closed',
  /** Rules without `priority` are evaluated after every numbered rule, in list order. */
  missingPriorityEvaluatedLast: true,
  /** A rule without `simpleRuleType` is treated as this type. A type the console does not know
   *  never matches here and marks the week picture as possibly incomplete. */
  missingRuleTypeMeans: 'Time' as const,
  /** A rule without a `state` never matches (there is nothing to switch to). */
  ruleWithoutStateIsSkipped: true,
  /** `CustomerState` rules: a pure evaluation (week picture) knows no customer state, so these
   *  rules never match there. */
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
  /** GetInheritedSchedule answers null (or nothing) when no ancestor has a schedule: shown as "none". */
  inheritedScheduleMayBeNull: true,
  /** TestSchedule `dateTime` without an offset ("2026-11-24T09:00") is a wall time in the schedule's
   *  zone (with "Z" or an offset it is that instant). */
  scheduleDateTimeWithoutOffsetIn: 'schedule-zone' as const,

  // ---- sessions and errors ---------------------------------------------------------------

  /** Cookie sessions only: bearer/refresh tokens are expected to be empty (kept and sent if not). */
  expectsBearerTokens: false,
  /** GetAuthStatus says "signed out" with a 401, a JSON `null` (or empty) body, or `isAuthenticated: false`.
   *  If wrong: any other answer (an HTML page, a redirect, JSON without `isAuthenticated: true`) is
   *  "not confirmed": the saved session is kept in the keychain and the user is told why. */
  authStatusSignedOutAnswers: ['401', 'null', 'isAuthenticated:false'] as const,
  /** A 403 may mean "no role" or "customer outside your accounts". */
  forbiddenMeansWrongAccountToo: true,
  /** Retry-After on 429 is delta-seconds or an HTTP date (HTTP standard); the server may not send it. */
  retryAfterUnit: 'seconds' as const,

  // ---- limits the client sets for itself ---------------------------------------------------
  /** Requests the console keeps open at once against one server (all callers together).
   *  As high as the largest bulk concurrency (16), so the user's concurrency setting is what bounds a run.
   *  There is no fixed request rate: Evo Voice's limits are unknown, so the rate adapts to the
   *  server's 429/503 answers (src/main/api/adaptive-rate.ts); a person may set a ceiling. */
  defaultMaxInFlight: 16,
  /** Longest Retry-After the console honours. A longer one (e.g. an HTTP date in 9999) holds every
   *  request for this long only, and the call that got it fails at once with a message naming the
   *  server's value and this cap (it is not retried: the person, or the bulk run, decides). */
  retryAfterCapMs: 60_000,
  /** Largest answer the console reads (a page of 500 customers with schedules is ~2 MB). A larger
   *  one fails with a message naming the size; for a write it counts as "may have landed". */
  maxResponseBytes: 16 * 1024 * 1024,
  /** Nesting shown of `data` and other free-form JSON; deeper levels show as "…" and are kept as sent. */
  dataDisplayDepth: 12,
} as const;

/** Roles that may use the customer operations (any one suffices). */
export const CUSTOMER_ROLES = ['SystemAdministrator', 'Manager', 'Customer'] as const;
/** ServiceStack's built-in administrator role passes every role check on the server. */
export const SUPERUSER_ROLE = 'Admin';

/** May this user use the customer operations? */
export function hasCustomerRole(roles: readonly string[]): boolean {
  return roles.some((r) => r === SUPERUSER_ROLE || (CUSTOMER_ROLES as readonly string[]).includes(r));
}
