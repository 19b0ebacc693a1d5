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

  /** Cookie sessions only: bearer/refresh tokens are expected to be empty. */
  expectsBearerTokens: false,
  /** A 403 may mean "no role" or "customer outside your accounts". */
  forbiddenMeansWrongAccountToo: true,
  /** Retry-After on 429 is in seconds (HTTP standard); the server may not send it. */
  retryAfterUnit: 'seconds' as const,
} as const;

/** Roles that may use the customer operations (any one suffices). */
export const CUSTOMER_ROLES = ['SystemAdministrator', 'Manager', 'Customer'] as const;
