/* The sandbox's own record of the Evo Voice wire shapes (the console's are the zod schemas in
 * src/shared/evo/schemas.ts; the sandbox must not share them). Type aliases rather than
 * interfaces so values fit the shared schedule evaluator's types. */

// ---- enums (wire format: the name string) ---------------------------------

export const SORT_ORDERS = ['Ascend', 'Descend'] as const;
export type SortOrders = (typeof SORT_ORDERS)[number];

export const TAG_COLORS = ['Magenta', 'Red', 'Volcano', 'Orange', 'Gold', 'Lime', 'Green', 'Cyan', 'Blue', 'GeekBlue', 'Purple'] as const;
export type TagColors = (typeof TAG_COLORS)[number];

export const SCHEDULING_RULE_FREQUENCIES = ['None', 'Secondly', 'Minutely', 'Hourly', 'Daily', 'Weekly', 'Monthly', 'Yearly'] as const;
export type SchedulingRuleFrequency = (typeof SCHEDULING_RULE_FREQUENCIES)[number];

export const SIMPLE_SCHEDULING_RULE_TYPES = ['Always', 'CustomerState', 'Time'] as const;
export type SimpleSchedulingRuleTypes = (typeof SIMPLE_SCHEDULING_RULE_TYPES)[number];

/** .NET System.DayOfWeek names (UNCONFIRMED on Evo's pages; see assumptions.ts). */
export const DAYS_OF_WEEK = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

export const DASHBOARD_PERMISSIONS = ['ViewFiles', 'ViewNotifications', 'ViewSessions', 'ViewEndpoints', 'ViewReports', 'ViewCustomers', 'ViewFlows'] as const;
export type DashboardPermissions = (typeof DASHBOARD_PERMISSIONS)[number];

export const ROLES = ['SystemAdministrator', 'Manager', 'Customer', 'User'] as const;
export type Role = (typeof ROLES)[number];

// ---- ServiceStack common types --------------------------------------------

export type ResponseError = {
  errorCode?: string;
  fieldName?: string;
  message?: string;
  meta?: Record<string, string>;
};

export type ResponseStatus = {
  errorCode?: string;
  message?: string;
  stackTrace?: string;
  errors?: ResponseError[];
  meta?: Record<string, string>;
};

export type ListRequest = {
  page?: number;
  all?: boolean;
  countPerPage?: number;
  specificIds?: string[];
  sortField?: string;
  sortOrder?: SortOrders;
  simplifiedPaging?: boolean;
};

export type ListResponse<T> = {
  items?: T[];
  totalCount?: number;
  totalPages?: number;
  hasMorePages?: boolean;
};

// ---- entities ---------------------------------------------------------------

export type EntityInfo = {
  id?: string;
  dateCreated?: string;
  dateLastModified?: string;
  createdBy?: string;
  lastModifiedBy?: string;
};

/** A Struct is `Dictionary<string, Value>` on the server. */
export type Struct = Record<string, Value>;

export type Value = {
  boolValue?: boolean | null;
  stringValue?: string | null;
  numberValue?: number | null;
  listValue?: Struct[] | null;
  structValue?: Struct | null;
};

export type Tag = {
  id?: string;
  name?: string;
  color?: TagColors;
};

export type CustomerBreadcrumb = {
  id?: string;
  name?: string;
};

export type ScheduleDay = {
  offset?: number;
  dayOfWeek?: DayOfWeek;
};

export type SchedulingRule = {
  id?: string;
  name?: string;
  priority?: number;
  state?: string;
  source?: string;
  condition?: string;
  simpleRuleType?: SimpleSchedulingRuleTypes;
  customerState?: string;
  flowId?: string;
  flowParams?: Struct;
  isAllDay?: boolean;
  startDate?: string;
  startTime?: string;
  endTime?: string;
  bySetPosition?: number[];
  byMonth?: number[];
  byWeekNo?: number[];
  byYearDay?: number[];
  byMonthDay?: number[];
  byDay?: ScheduleDay[];
  byHour?: number[];
  byMinute?: number[];
  interval?: number;
  count?: number;
  untilDate?: string;
  frequency?: SchedulingRuleFrequency;
};

export type Schedule = {
  timeZoneId?: string;
  inherit?: boolean;
  forceClosed?: boolean;
  rules?: SchedulingRule[];
  defaultState?: string;
};

/** Opaque on Evo's pages (UNCONFIRMED): kept and shown as JSON. */
export type EntityIntegrationData = Record<string, unknown>;

export type BillingItem = {
  baseCost?: number;
  rawUnitMultiplier?: number;
  unitCost?: number;
  allowance?: number;
};

export type BillingSettings = {
  base?: BillingItem;
  localNumbers?: BillingItem;
  tollFreeNumbers?: BillingItem;
  inboundVoiceCalls?: BillingItem;
  outboundVoiceCalls?: BillingItem;
  inboundFaxes?: BillingItem;
  outboundFaxes?: BillingItem;
  inboundSmsMessages?: BillingItem;
  outboundSmsMessages?: BillingItem;
  aiInsights?: BillingItem;
  aiLiveMinutes?: BillingItem;
  aiMessages?: BillingItem;
};

/** Partially documented (UNCONFIRMED beyond these members): round-trip unchanged. */
export type AppSettings = {
  enablePhoneNumberManagement?: boolean;
  enableDeviceManagement?: boolean;
  enableDialer?: boolean;
  enableCallHistory?: boolean;
  showFileNameInMessageCenter?: boolean;
  chakraTheme?: string;
  [member: string]: unknown;
};

export type CustomerInfo = EntityInfo & {
  accountId?: string;
  parentCustomerId?: string | null;
  breadcrumb?: CustomerBreadcrumb[];
  accountName?: string;
  isStaging?: boolean;
  name?: string;
  referenceId?: string;
  data?: Struct;
  tags?: Tag[];
  schedule?: Schedule;
  integrationData?: EntityIntegrationData;
  overrideBillingSettings?: boolean;
  billingSettings?: BillingSettings;
  overrideAppSettings?: boolean;
  appSettings?: AppSettings;
};

export type AccountInfo = EntityInfo & {
  name?: string;
  parentAccountId?: string;
  twilioAccountSid?: string;
  ancestorIds?: string[];
  maxPhoneNumbers?: number;
  isBYOA?: boolean;
  trustHubProfileSid?: string;
  logoId?: string;
  logoUri?: string;
  billingSettings?: BillingSettings;
};

export type SystemSettingsInfo = {
  tags?: Tag[];
  customerFields?: unknown[];
  [member: string]: unknown;
};

export type AuthenticateResponse = {
  userId?: string;
  sessionId?: string;
  userName?: string;
  displayName?: string;
  referrerUrl?: string;
  bearerToken?: string;
  refreshToken?: string;
  refreshTokenExpiry?: string;
  profileUrl?: string;
  roles?: string[];
  permissions?: string[];
  authProvider?: string;
  responseStatus?: ResponseStatus;
  meta?: Record<string, string>;
};

export type UserInfo = {
  id?: string;
  isAuthenticated?: boolean;
  firstName?: string;
  lastName?: string;
  name?: string;
  avatarUrl?: string;
  emailAddress?: string;
  roles?: string[];
  accountIds?: string[];
  accountNames?: string[];
  dashboardPermissions?: DashboardPermissions[];
};

export type TestScheduleResponse = {
  stateName?: string;
  timeZoneId?: string;
};

