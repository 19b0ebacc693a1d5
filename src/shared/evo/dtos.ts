/* Evo Voice DTOs for the operations this console uses.
 *
 * Shaped like ServiceStack's generated `dtos.ts` (`npx get-dtos typescript https://evovoice.io`)
 * so this file can be replaced by the generated one: same class names, camelCase
 * properties, every property optional, enums as string unions of their names.
 * Runtime validation of responses lives in ./schemas.ts; both must agree
 * (schemas.ts is type-checked against these declarations).
 */

export interface IReturn<T> {
  createResponse(): T;
}

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

export interface ResponseError {
  errorCode?: string;
  fieldName?: string;
  message?: string;
  meta?: Record<string, string>;
}

export interface ResponseStatus {
  errorCode?: string;
  message?: string;
  stackTrace?: string;
  errors?: ResponseError[];
  meta?: Record<string, string>;
}

export interface ListRequest {
  page?: number;
  all?: boolean;
  countPerPage?: number;
  specificIds?: string[];
  sortField?: string;
  sortOrder?: SortOrders;
  simplifiedPaging?: boolean;
}

export interface ListResponse<T> {
  items?: T[];
  totalCount?: number;
  totalPages?: number;
  hasMorePages?: boolean;
}

// ---- entities ---------------------------------------------------------------

export interface EntityInfo {
  id?: string;
  dateCreated?: string;
  dateLastModified?: string;
  createdBy?: string;
  lastModifiedBy?: string;
}

/** A Struct is `Dictionary<string, Value>` on the server. */
export type Struct = Record<string, Value>;

export interface Value {
  boolValue?: boolean | null;
  stringValue?: string | null;
  numberValue?: number | null;
  listValue?: Struct[] | null;
  structValue?: Struct | null;
}

export interface Tag {
  id?: string;
  name?: string;
  color?: TagColors;
}

export interface CustomerBreadcrumb {
  id?: string;
  name?: string;
}

export interface ScheduleDay {
  offset?: number;
  dayOfWeek?: DayOfWeek;
}

export interface SchedulingRule {
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
}

export interface Schedule {
  timeZoneId?: string;
  inherit?: boolean;
  forceClosed?: boolean;
  rules?: SchedulingRule[];
  defaultState?: string;
}

/** Opaque on Evo's pages (UNCONFIRMED): kept and shown as JSON. */
export type EntityIntegrationData = Record<string, unknown>;

export interface BillingItem {
  baseCost?: number;
  rawUnitMultiplier?: number;
  unitCost?: number;
  allowance?: number;
}

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
  aiInsights?: BillingItem;
  aiLiveMinutes?: BillingItem;
  aiMessages?: BillingItem;
}

/** Partially documented (UNCONFIRMED beyond these members): round-trip unchanged. */
export interface AppSettings {
  enablePhoneNumberManagement?: boolean;
  enableDeviceManagement?: boolean;
  enableDialer?: boolean;
  enableCallHistory?: boolean;
  showFileNameInMessageCenter?: boolean;
  chakraTheme?: string;
  [member: string]: unknown;
}

export interface CustomerInfo extends EntityInfo {
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
}

export interface AccountInfo extends EntityInfo {
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
}

export interface SystemSettingsInfo {
  tags?: Tag[];
  customerFields?: unknown[];
  [member: string]: unknown;
}

export interface AuthenticateResponse {
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
}

export interface UserInfo {
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
}

export interface TestScheduleResponse {
  stateName?: string;
  timeZoneId?: string;
}

// ---- request DTOs (routes as documented; the client calls the custom routes) ----

/** POST /auth/credentials, POST /auth/logout */
export class Authenticate implements IReturn<AuthenticateResponse> {
  provider?: string;
  userName?: string;
  password?: string;
  rememberMe?: boolean;
  constructor(init?: Partial<Authenticate>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'Authenticate';
  }
  getMethod() {
    return 'POST';
  }
  createResponse(): AuthenticateResponse {
    return {};
  }
}

/** GET /auth/status */
export class GetAuthStatus implements IReturn<UserInfo> {
  constructor(init?: Partial<GetAuthStatus>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'GetAuthStatus';
  }
  getMethod() {
    return 'GET';
  }
  createResponse(): UserInfo {
    return {};
  }
}

/** GET /customers */
export class ListCustomers implements ListRequest, IReturn<ListResponse<CustomerInfo>> {
  accountIds?: string[];
  nameFilter?: string;
  parentCustomerIds?: string[];
  shallowParent?: boolean;
  tagIds?: string[];
  page?: number;
  all?: boolean;
  countPerPage?: number;
  specificIds?: string[];
  sortField?: string;
  sortOrder?: SortOrders;
  simplifiedPaging?: boolean;
  constructor(init?: Partial<ListCustomers>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'ListCustomers';
  }
  getMethod() {
    return 'GET';
  }
  createResponse(): ListResponse<CustomerInfo> {
    return {};
  }
}

/** GET /customers/{customerId} */
export class GetCustomer implements IReturn<CustomerInfo> {
  customerId?: string;
  constructor(init?: Partial<GetCustomer>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'GetCustomer';
  }
  getMethod() {
    return 'GET';
  }
  createResponse(): CustomerInfo {
    return {};
  }
}

/** POST /customers/{customerId}/staging */
export class SetCustomerStagingMode implements IReturn<CustomerInfo> {
  customerId?: string;
  isStaging?: boolean;
  constructor(init?: Partial<SetCustomerStagingMode>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'SetCustomerStagingMode';
  }
  getMethod() {
    return 'POST';
  }
  createResponse(): CustomerInfo {
    return {};
  }
}

/** GET /customers/{customerId}/inherited-schedule */
export class GetInheritedSchedule implements IReturn<Schedule> {
  customerId?: string;
  endpointId?: string;
  constructor(init?: Partial<GetInheritedSchedule>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'GetInheritedSchedule';
  }
  getMethod() {
    return 'GET';
  }
  createResponse(): Schedule {
    return {};
  }
}

/** POST /customers/{customerId}/test-schedule */
export class TestSchedule implements IReturn<TestScheduleResponse> {
  customerId?: string;
  endpointId?: string;
  schedule?: Schedule;
  dateTime?: string;
  constructor(init?: Partial<TestSchedule>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'TestSchedule';
  }
  getMethod() {
    return 'POST';
  }
  createResponse(): TestScheduleResponse {
    return {};
  }
}

/** GET /system/settings */
export class GetSystemSettings implements IReturn<SystemSettingsInfo> {
  accountId?: string;
  constructor(init?: Partial<GetSystemSettings>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'GetSystemSettings';
  }
  getMethod() {
    return 'GET';
  }
  createResponse(): SystemSettingsInfo {
    return {};
  }
}

/** GET /accounts */
export class ListAccounts implements ListRequest, IReturn<ListResponse<AccountInfo>> {
  nameFilter?: string;
  page?: number;
  all?: boolean;
  countPerPage?: number;
  specificIds?: string[];
  sortField?: string;
  sortOrder?: SortOrders;
  simplifiedPaging?: boolean;
  constructor(init?: Partial<ListAccounts>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'ListAccounts';
  }
  getMethod() {
    return 'GET';
  }
  createResponse(): ListResponse<AccountInfo> {
    return {};
  }
}

/** GET /accounts/{accountId} */
export class GetAccount implements IReturn<AccountInfo> {
  accountId?: string;
  constructor(init?: Partial<GetAccount>) {
    Object.assign(this, init);
  }
  getTypeName() {
    return 'GetAccount';
  }
  getMethod() {
    return 'GET';
  }
  createResponse(): AccountInfo {
    return {};
  }
}
