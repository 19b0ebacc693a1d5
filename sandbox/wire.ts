/* The Evo Voice wire format as the sandbox serves it: the sandbox's own declaration, written from
 * the C# DTOs on the SetCustomerStagingMode API page (../shared/evo-api/SetCustomerStagingMode-api-page.txt)
 * and REFERENCE.md §3–§4, never from the console's code. ServiceStack.Text rules (REFERENCE §1.2, §1.3b):
 *   - camelCase names;
 *   - a null property is omitted: reference-type members are optional (`?`) and never hold null;
 *   - value types are always written: `bool`, `int`, `double` and enum members are required;
 *   - lists a C# constructor initialises are always present (usually empty): required;
 *   - enums travel as their names.
 * The constructors below (newValue, newSchedule, ...) do what the C# constructors and defaults do. */

export const TAG_COLORS = ['Magenta', 'Red', 'Volcano', 'Orange', 'Gold', 'Lime', 'Green', 'Cyan', 'Blue', 'GeekBlue', 'Purple'] as const;
export type TagColor = (typeof TAG_COLORS)[number];

/** .NET DayOfWeek (REFERENCE §4.5): ordinal = index, Sunday = 0. */
export const DAYS_OF_WEEK = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

export const SIMPLE_RULE_TYPES = ['Always', 'CustomerState', 'Time'] as const;
export type SimpleRuleType = (typeof SIMPLE_RULE_TYPES)[number];

export const RULE_FREQUENCIES = ['None', 'Secondly', 'Minutely', 'Hourly', 'Daily', 'Weekly', 'Monthly', 'Yearly'] as const;
export type RuleFrequency = (typeof RULE_FREQUENCIES)[number];

export const DASHBOARD_PERMISSIONS = ['ViewFiles', 'ViewNotifications', 'ViewSessions', 'ViewEndpoints', 'ViewReports', 'ViewCustomers', 'ViewFlows'] as const;
export type DashboardPermission = (typeof DASHBOARD_PERMISSIONS)[number];

/** Roles that may use the customer, schedule and settings operations (REFERENCE §2 "Roles: S/M/C"). */
export const CUSTOMER_ROLES = ['SystemAdministrator', 'Manager', 'Customer'] as const;
/** ServiceStack's built-in role that passes every role check (REFERENCE §4.7). */
export const SERVICESTACK_ADMIN_ROLE = 'Admin';

// ---- Voice.Api ----

export interface EntityInfo {
  id?: string;
  dateCreated?: string;
  dateLastModified?: string;
  createdBy?: string;
  lastModifiedBy?: string;
}

// ---- Voice.Api.Accounts ----

export interface BillingItem {
  baseCost: number;
  rawUnitMultiplier: number;
  unitCost: number;
  allowance: number;
}

/** The nine members of the API page; newer deployments add AI members (REFERENCE §3.13), which --drift serves. */
export interface BillingSettings {
  base?: BillingItem;
  localNumbers?: BillingItem;
  tollFreeNumbers?: BillingItem;
  inboundVoiceCalls?: BillingItem;
  outboundVoiceCalls?: BillingItem;
  inboundFaxes?: BillingItem;
  outboundFaxes?: BillingItem;
  inboundSmsMessages?: BillingItem;
  outboundSmsMessages?: BillingItem;
}

export interface AccountInfo extends EntityInfo {
  name?: string;
  parentAccountId?: string;
  twilioAccountSid?: string;
  ancestorIds?: string[];
  maxPhoneNumbers: number;
  isBYOA: boolean;
  trustHubProfileSid?: string;
  logoId?: string;
  logoUri?: string;
  billingSettings?: BillingSettings;
}

// ---- Voice.Api.Customers ----

export interface AppSettings {
  enablePhoneNumberManagement: boolean;
  enableDeviceManagement: boolean;
  enableDialer: boolean;
  enableCallHistory: boolean;
  showFileNameInMessageCenter: boolean;
  chakraTheme?: string;
  customCss?: string;
  pageTitle?: string;
  stringMappings?: string;
  logoutUrl?: string;
  portMyNumberUrl?: string;
}

export interface CustomerBreadcrumb {
  id?: string;
  name?: string;
}

export interface CustomerInfo extends EntityInfo {
  accountId?: string;
  parentCustomerId?: string;
  /** Constructor-initialised. */
  breadcrumb: CustomerBreadcrumb[];
  accountName?: string;
  isStaging: boolean;
  name?: string;
  referenceId?: string;
  data?: Struct;
  /** Constructor-initialised. */
  tags: Tag[];
  schedule?: Schedule;
  integrationData?: EntityIntegrationData;
  overrideBillingSettings: boolean;
  billingSettings?: BillingSettings;
  overrideAppSettings: boolean;
  appSettings?: AppSettings;
}

// ---- Voice.Api.Flows.Data ----

/** C# `Struct : Dictionary<string, Value>`. */
export type Struct = Record<string, Value>;

export interface Value {
  boolValue?: boolean;
  stringValue?: string;
  numberValue?: number;
  /** `Value()` sets `ListValue = new List<Struct>{}`: present in EVERY Value. */
  listValue: Struct[];
  structValue?: Struct;
}

// ---- Voice.Api.Integrations ----

export type EntityIntegrationData = Record<string, IntegrationData>;

export interface IntegrationData {
  thirdPartyId?: string;
}

// ---- Voice.Api.Scheduling ----
// Type aliases, not interfaces: the shared schedule evaluator takes open (index-signature) objects,
// which only anonymous object types satisfy.

export type Schedule = {
  timeZoneId?: string;
  inherit: boolean;
  forceClosed: boolean;
  /** Constructor-initialised. */
  rules: SchedulingRule[];
  defaultState?: string;
};

export type ScheduleDay = {
  offset: number;
  dayOfWeek: DayOfWeek;
};

export type SchedulingRule = {
  id?: string;
  name?: string;
  priority: number;
  state?: string;
  source?: string;
  condition?: string;
  simpleRuleType: SimpleRuleType;
  customerState?: string;
  flowId?: string;
  flowParams?: Struct;
  isAllDay: boolean;
  startDate?: string;
  startTime?: string;
  endTime?: string;
  /** Every by* list is constructor-initialised. */
  bySetPosition: number[];
  byMonth: number[];
  byWeekNo: number[];
  byYearDay: number[];
  byMonthDay: number[];
  byDay: ScheduleDay[];
  byHour: number[];
  byMinute: number[];
  interval: number;
  count: number;
  untilDate?: string;
  frequency: RuleFrequency;
};

export interface TestScheduleResponse {
  stateName?: string;
  timeZoneId?: string;
}

// ---- Voice.Api.Settings ----

export interface Tag {
  id?: string;
  name?: string;
  color: TagColor;
}

/** A custom data-field definition (REFERENCE §2.10 names the lists; the item shape is the sandbox's guess). */
export interface FieldDefinition {
  id?: string;
  name?: string;
  type?: string;
}

export interface SystemSettingsInfo {
  overrideSystemTime: boolean;
  overrideSystemTimeZoneId?: string;
  overrideSystemDateTime?: string;
  systemFields?: FieldDefinition[];
  customerFields?: FieldDefinition[];
  endpointFields?: FieldDefinition[];
  emailAccounts?: string[];
  documentation?: string;
  recordingRetentionDays: number;
  enableSipRefer: boolean;
  autoAgentLogoffSeconds: number;
  defaultSipRegion?: string;
  tags?: Tag[];
}

// ---- Auth (REFERENCE §3.14, §3.15) and lists (§3.2) ----

/** ServiceStack v6 AuthenticateResponse: no constructor, so an unset member (bearerToken, responseStatus, ...) is omitted. */
export interface AuthenticateResponse {
  userId?: string;
  sessionId?: string;
  userName?: string;
  displayName?: string;
  referrerUrl?: string;
  bearerToken?: string;
  refreshToken?: string;
  profileUrl?: string;
  roles?: string[];
  permissions?: string[];
  authProvider?: string;
  responseStatus?: ResponseStatus;
  meta?: Record<string, string>;
}

export interface UserInfo {
  id?: string;
  isAuthenticated: boolean;
  firstName?: string;
  lastName?: string;
  name?: string;
  avatarUrl?: string;
  emailAddress?: string;
  roles?: string[];
  accountIds?: string[];
  accountNames?: string[];
  dashboardPermissions?: DashboardPermission[];
}

export interface ListResponse<T> {
  items: T[];
  totalCount: number;
  totalPages: number;
  hasMorePages: boolean;
}

export interface ResponseError {
  errorCode?: string;
  fieldName?: string;
  message?: string;
  meta?: Record<string, string>;
}

/** ServiceStack builds it with `Errors = new List<ResponseError>()`, so `errors` is always present. */
export interface ResponseStatus {
  errorCode?: string;
  message?: string;
  stackTrace?: string;
  errors: ResponseError[];
  meta?: Record<string, string>;
}

// ---- Constructors: the C# constructors plus value-type defaults ----

/** One shared, frozen empty list for the `listValue` of scalar Values (50,000 customers × ~15 Values). */
const NO_STRUCTS: Struct[] = Object.freeze([]) as unknown as Struct[];

/** A copy without the undefined members, in the same order (a C# null is omitted from the JSON, so
 *  records never carry one; a copy rather than `delete` keeps V8's fast object shapes). */
export function withoutUndefined<T extends object>(draft: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft)) if (value !== undefined) out[key] = value;
  return out as T;
}

/** Scalar Values as literals (the fastest shape for the large seed's ~600,000 Values); listValue is always there. */
export const stringValue = (value: string): Value => ({ stringValue: value, listValue: NO_STRUCTS });
export const numberValue = (value: number): Value => ({ numberValue: value, listValue: NO_STRUCTS });
export const boolValue = (value: boolean): Value => ({ boolValue: value, listValue: NO_STRUCTS });

/** `new Value { ... }`: listValue is always there. Built member by member (no draft copy). */
export function newValue(set: Partial<Value>): Value {
  const value = {} as Value;
  if (set.boolValue !== undefined) value.boolValue = set.boolValue;
  if (set.stringValue !== undefined) value.stringValue = set.stringValue;
  if (set.numberValue !== undefined) value.numberValue = set.numberValue;
  value.listValue = set.listValue ?? NO_STRUCTS;
  if (set.structValue !== undefined) value.structValue = set.structValue;
  return value;
}

export function newSchedule(set: Partial<Schedule>): Schedule {
  return withoutUndefined({
    timeZoneId: set.timeZoneId,
    inherit: set.inherit ?? false,
    forceClosed: set.forceClosed ?? false,
    rules: set.rules ?? [],
    defaultState: set.defaultState,
  });
}

/** `new SchedulingRule { ... }`: every by* list, and the value types at their C# defaults
 *  (enum members default to their first name: `Always`, `None`). */
export function newSchedulingRule(set: Partial<SchedulingRule>): SchedulingRule {
  return withoutUndefined({
    id: set.id,
    name: set.name,
    priority: set.priority ?? 0,
    state: set.state,
    source: set.source,
    condition: set.condition,
    simpleRuleType: set.simpleRuleType ?? 'Always',
    customerState: set.customerState,
    flowId: set.flowId,
    flowParams: set.flowParams,
    isAllDay: set.isAllDay ?? false,
    startDate: set.startDate,
    startTime: set.startTime,
    endTime: set.endTime,
    bySetPosition: set.bySetPosition ?? [],
    byMonth: set.byMonth ?? [],
    byWeekNo: set.byWeekNo ?? [],
    byYearDay: set.byYearDay ?? [],
    byMonthDay: set.byMonthDay ?? [],
    byDay: set.byDay ?? [],
    byHour: set.byHour ?? [],
    byMinute: set.byMinute ?? [],
    interval: set.interval ?? 0,
    count: set.count ?? 0,
    untilDate: set.untilDate,
    frequency: set.frequency ?? 'None',
  });
}

export function newResponseStatus(set: Omit<ResponseStatus, 'errors'> & { errors?: ResponseError[] }): ResponseStatus {
  return withoutUndefined({ errorCode: set.errorCode, message: set.message, stackTrace: set.stackTrace, errors: set.errors ?? [], meta: set.meta });
}
