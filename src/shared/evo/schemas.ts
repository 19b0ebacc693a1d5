/* Runtime validation of Evo Voice responses (the boundary between the server and us).
 *
 * Lenient where the API is lenient: every field optional, null accepted and read as
 * "absent", unknown members kept (z.looseObject) so round-trips lose nothing.
 * Strict where we act on a value: ids must be non-empty strings, `isStaging` must be a
 * boolean, list responses must carry an `items` array.
 * Each schema is checked against the declaration in ./dtos.ts at compile time.
 */
import { z } from 'zod';
import {
  DASHBOARD_PERMISSIONS,
  DAYS_OF_WEEK,
  SCHEDULING_RULE_FREQUENCIES,
  SIMPLE_SCHEDULING_RULE_TYPES,
  TAG_COLORS,
  type AccountInfo,
  type AuthenticateResponse,
  type BillingSettings,
  type CustomerInfo,
  type ListResponse,
  type Schedule,
  type Struct,
  type SystemSettingsInfo,
  type TestScheduleResponse,
  type UserInfo,
  type Value,
} from './dtos';

/** Optional and nullable on the wire; `undefined` in our types. */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

const str = opt(z.string());
const bool = opt(z.boolean());
const num = opt(z.number());
const int = opt(z.number().int());
const strList = opt(z.array(z.string()));
const intList = opt(z.array(z.number().int()));
const strMap = opt(z.record(z.string(), z.string()));
const id = z.string().min(1, 'must be a non-empty id');

const value: z.ZodType<Value> = z.lazy(() =>
  z.looseObject({
    boolValue: z.boolean().nullish(),
    stringValue: z.string().nullish(),
    numberValue: z.number().nullish(),
    listValue: z.array(struct).nullish(),
    structValue: struct.nullish(),
  }),
);
const struct: z.ZodType<Struct> = z.lazy(() => z.record(z.string(), value));

export const TagSchema = z.looseObject({ id, name: str, color: opt(z.enum(TAG_COLORS)) });

export const ScheduleSchema = z.looseObject({
  timeZoneId: str,
  inherit: bool,
  forceClosed: bool,
  defaultState: str,
  rules: opt(
    z.array(
      z.looseObject({
        id: str,
        name: str,
        priority: int,
        state: str,
        source: str,
        condition: str,
        simpleRuleType: opt(z.enum(SIMPLE_SCHEDULING_RULE_TYPES)),
        customerState: str,
        flowId: str,
        flowParams: opt(struct),
        isAllDay: bool,
        startDate: str,
        startTime: str,
        endTime: str,
        bySetPosition: intList,
        byMonth: intList,
        byWeekNo: intList,
        byYearDay: intList,
        byMonthDay: intList,
        byDay: opt(z.array(z.looseObject({ offset: int, dayOfWeek: opt(z.enum(DAYS_OF_WEEK)) }))),
        byHour: intList,
        byMinute: intList,
        interval: int,
        count: int,
        untilDate: str,
        frequency: opt(z.enum(SCHEDULING_RULE_FREQUENCIES)),
      }),
    ),
  ),
});

const billingItem = opt(z.looseObject({ baseCost: num, rawUnitMultiplier: num, unitCost: num, allowance: num }));
export const BillingSettingsSchema = z.looseObject({
  base: billingItem,
  localNumbers: billingItem,
  tollFreeNumbers: billingItem,
  inboundVoiceCalls: billingItem,
  outboundVoiceCalls: billingItem,
  inboundFaxes: billingItem,
  outboundFaxes: billingItem,
  inboundSmsMessages: billingItem,
  outboundSmsMessages: billingItem,
  aiInsights: billingItem,
  aiLiveMinutes: billingItem,
  aiMessages: billingItem,
});

const entity = {
  id,
  dateCreated: str,
  dateLastModified: str,
  createdBy: str,
  lastModifiedBy: str,
};

export const CustomerInfoSchema = z.looseObject({
  ...entity,
  accountId: str,
  parentCustomerId: str,
  breadcrumb: opt(z.array(z.looseObject({ id, name: str }))),
  accountName: str,
  isStaging: bool,
  name: str,
  referenceId: str,
  data: opt(struct),
  tags: opt(z.array(TagSchema)),
  schedule: opt(ScheduleSchema),
  integrationData: opt(z.record(z.string(), z.unknown())),
  overrideBillingSettings: bool,
  billingSettings: opt(BillingSettingsSchema),
  overrideAppSettings: bool,
  appSettings: opt(z.looseObject({})),
});

/** A write's answer must say which routing the customer now has. */
export const StagingResultSchema = CustomerInfoSchema.extend({ isStaging: z.boolean() });

export const AccountInfoSchema = z.looseObject({
  ...entity,
  name: str,
  parentAccountId: str,
  twilioAccountSid: str,
  ancestorIds: strList,
  maxPhoneNumbers: num,
  isBYOA: bool,
  trustHubProfileSid: str,
  logoId: str,
  logoUri: str,
  billingSettings: opt(BillingSettingsSchema),
});

export const listResponseSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    items: z.array(item),
    totalCount: int,
    totalPages: int,
    hasMorePages: bool,
  });

export const CustomerListSchema = listResponseSchema(CustomerInfoSchema);
export const AccountListSchema = listResponseSchema(AccountInfoSchema);

export const AuthenticateResponseSchema = z.looseObject({
  userId: str,
  sessionId: str,
  userName: str,
  displayName: str,
  referrerUrl: str,
  bearerToken: str,
  refreshToken: str,
  refreshTokenExpiry: str,
  profileUrl: str,
  roles: strList,
  permissions: strList,
  authProvider: str,
  meta: strMap,
});

export const UserInfoSchema = z.looseObject({
  id: str,
  isAuthenticated: bool,
  firstName: str,
  lastName: str,
  name: str,
  avatarUrl: str,
  emailAddress: str,
  roles: strList,
  accountIds: strList,
  accountNames: strList,
  dashboardPermissions: opt(z.array(z.enum(DASHBOARD_PERMISSIONS))),
});

export const TestScheduleResponseSchema = z.looseObject({ stateName: str, timeZoneId: str });

export const SystemSettingsSchema = z.looseObject({ tags: opt(z.array(TagSchema)), customerFields: opt(z.array(z.unknown())) });

export const ResponseStatusSchema = z.looseObject({
  errorCode: str,
  message: str,
  stackTrace: str,
  errors: opt(z.array(z.looseObject({ errorCode: str, fieldName: str, message: str, meta: strMap }))),
  meta: strMap,
});

// Compile-time agreement between the schemas and the DTO declarations.
type Agrees<Schema extends z.ZodType, Dto> = z.output<Schema> extends Dto ? true : never;
const agreement: [
  Agrees<typeof CustomerInfoSchema, CustomerInfo>,
  Agrees<typeof AccountInfoSchema, AccountInfo>,
  Agrees<typeof CustomerListSchema, ListResponse<CustomerInfo>>,
  Agrees<typeof AuthenticateResponseSchema, AuthenticateResponse>,
  Agrees<typeof UserInfoSchema, UserInfo>,
  Agrees<typeof TestScheduleResponseSchema, TestScheduleResponse>,
  Agrees<typeof SystemSettingsSchema, SystemSettingsInfo>,
  Agrees<typeof ScheduleSchema, Schedule>,
  Agrees<typeof BillingSettingsSchema, BillingSettings>,
] = [true, true, true, true, true, true, true, true, true];
void agreement;

/** Customer as the console uses it: validated, with a guaranteed id. */
export type Customer = z.output<typeof CustomerInfoSchema>;
