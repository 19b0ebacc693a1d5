/* The Evo Voice wire types, declared once: each is a zod schema and its TypeScript type is
 * inferred from it (nothing else declares them). Written from the C# DTOs on the API page
 * (REFERENCE.md §1.3b, §3): camelCase members, nulls omitted, lists present, enums as names.
 *
 * A tolerant reader (README "be liberal in what you accept"):
 * - strict only about what the console acts on: an id must be a non-empty string; `isStaging`
 *   must be a boolean when present (absent or null reads as false, the C# `bool` default);
 * - enums are open: known values are typed, unknown ones are kept as the server's string
 *   (a .NET number for DayOfWeek is read as its name, Sunday = 0);
 * - members the console only shows (dates, data, billing, app settings, integration data,
 *   flow parameters, ...) are declared `unknown` and never validated: the screens read them
 *   defensively, and a deeply nested `data` is kept raw (no recursive schema);
 * - unknown members are kept (z.looseObject), so nothing the server adds is lost;
 * - lists are read item by item by the pipeline (./tolerant.ts): an item that does not fit is
 *   set aside and named instead of failing the whole answer. Lists whose items only make sense
 *   together (ALL_OR_NOTHING_LISTS) are not split: their owner is set aside instead. */
import { z } from 'zod';

// ---- enums: known values (wire format = the name) ---------------------------------

export const SORT_ORDERS = ['Ascend', 'Descend'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const TAG_COLORS = ['Magenta', 'Red', 'Volcano', 'Orange', 'Gold', 'Lime', 'Green', 'Cyan', 'Blue', 'GeekBlue', 'Purple'] as const;
export type KnownTagColor = (typeof TAG_COLORS)[number];
/** An enum value the server may extend: a known name, or any other string kept as sent. */
export type Open<Known extends string> = Known | (string & {});
export type TagColor = Open<KnownTagColor>;
export const isKnownTagColor = (color: string): color is KnownTagColor => (TAG_COLORS as readonly string[]).includes(color);

export const SCHEDULING_RULE_FREQUENCIES = ['None', 'Secondly', 'Minutely', 'Hourly', 'Daily', 'Weekly', 'Monthly', 'Yearly'] as const;
export type KnownFrequency = (typeof SCHEDULING_RULE_FREQUENCIES)[number];
export type SchedulingRuleFrequency = Open<KnownFrequency>;

export const SIMPLE_SCHEDULING_RULE_TYPES = ['Always', 'CustomerState', 'Time'] as const;
export type KnownRuleType = (typeof SIMPLE_SCHEDULING_RULE_TYPES)[number];
export type SimpleSchedulingRuleType = Open<KnownRuleType>;

/** .NET System.DayOfWeek, in ordinal order (Sunday = 0). */
export const DAYS_OF_WEEK = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type KnownDayOfWeek = (typeof DAYS_OF_WEEK)[number];
export type DayOfWeek = Open<KnownDayOfWeek>;

/** Lists the pipeline never splits: one bad entry makes the list (and so its owner) unreadable.
 * A breadcrumb with a hole would file a customer under the wrong ancestor; account ids and
 * names are parallel lists. Keyed by the member that holds the list. */
export const ALL_OR_NOTHING_LISTS: ReadonlySet<string> = new Set(['breadcrumb', 'accountIds', 'accountNames']);

// ---- leaves -------------------------------------------------------------------------

/** Optional and nullable on the wire; `undefined` (or absent) in our types. */
const opt = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((v) => v ?? undefined)
    .optional();

const str = opt(z.string());
const bool = opt(z.boolean());
const int = opt(z.number().int());
const id = z.string().min(1, 'must be a non-empty id');
/** A list; absent or null reads as absent (the screens treat it as empty). */
const list = <T extends z.ZodType>(item: T) => opt(z.array(item));
/** Shown, never validated: whatever the server sent. */
const shown = z.unknown().optional();

/** Open enum: the known names are typed, anything else is kept as the server's text. */
const openEnum = <Known extends string>() =>
  z.union([z.string(), z.number()]).transform((v): Open<Known> => String(v));

const dayOfWeek = z.union([z.string(), z.number()]).transform((v): DayOfWeek => {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= 6 ? (DAYS_OF_WEEK[v] as KnownDayOfWeek) : String(v);
  return v;
});

// ---- customers ------------------------------------------------------------------------

export const TagSchema = z.looseObject({ id, name: str, color: opt(openEnum<KnownTagColor>()) });
export type Tag = z.output<typeof TagSchema>;

export const BreadcrumbSchema = z.looseObject({ id, name: str });
export type CustomerBreadcrumb = z.output<typeof BreadcrumbSchema>;

export const ScheduleDaySchema = z.looseObject({ offset: int, dayOfWeek: opt(dayOfWeek) });
export type ScheduleDay = z.output<typeof ScheduleDaySchema>;

const ints = list(z.number().int());

export const SchedulingRuleSchema = z.looseObject({
  id: str,
  name: str,
  priority: int,
  state: str,
  source: shown,
  condition: shown,
  simpleRuleType: opt(openEnum<KnownRuleType>()),
  customerState: str,
  flowId: shown,
  flowParams: shown,
  isAllDay: bool,
  startDate: str,
  startTime: str,
  endTime: str,
  bySetPosition: ints,
  byMonth: ints,
  byWeekNo: ints,
  byYearDay: ints,
  byMonthDay: ints,
  byDay: list(ScheduleDaySchema),
  byHour: ints,
  byMinute: ints,
  interval: int,
  count: int,
  untilDate: str,
  frequency: opt(openEnum<KnownFrequency>()),
});
export type SchedulingRule = z.output<typeof SchedulingRuleSchema>;

export const ScheduleSchema = z.looseObject({
  timeZoneId: str,
  inherit: bool,
  forceClosed: bool,
  defaultState: str,
  rules: list(SchedulingRuleSchema),
});
export type Schedule = z.output<typeof ScheduleSchema>;

/** C# `Struct : Dictionary<string, Value>`. Kept raw: read level by level when shown (ValueSchema). */
export const StructSchema = z.record(z.string(), z.unknown());
export type Struct = z.output<typeof StructSchema>;

/** One level of a `Value` (a tagged union: normally one scalar member set; `listValue` is always
 * present, usually `[]`, because the C# constructor creates it). Nested members stay raw. */
export const ValueSchema = z.looseObject({
  boolValue: z.boolean().nullish(),
  stringValue: z.string().nullish(),
  numberValue: z.number().nullish(),
  listValue: z.array(z.unknown()).nullish(),
  structValue: StructSchema.nullish(),
});
export type Value = z.output<typeof ValueSchema>;

/** One BillingItem, read when shown. */
export const BillingItemSchema = z.looseObject({ baseCost: opt(z.number()), rawUnitMultiplier: opt(z.number()), unitCost: opt(z.number()), allowance: opt(z.number()) });
export type BillingItem = z.output<typeof BillingItemSchema>;

export const CustomerInfoSchema = z.looseObject({
  id,
  accountId: str,
  parentCustomerId: str,
  breadcrumb: list(BreadcrumbSchema),
  accountName: str,
  // Acted on: must be a boolean when present; absent or null is false (the C# `bool` default).
  isStaging: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  name: str,
  referenceId: str,
  tags: list(TagSchema),
  schedule: opt(ScheduleSchema),
  dateCreated: shown,
  dateLastModified: shown,
  createdBy: shown,
  lastModifiedBy: shown,
  data: shown,
  integrationData: shown,
  overrideBillingSettings: shown,
  billingSettings: shown,
  overrideAppSettings: shown,
  appSettings: shown,
});
/** A customer as the console uses it: read, with a guaranteed id and a boolean isStaging. */
export type Customer = z.output<typeof CustomerInfoSchema>;

/** The answer to a staging write must say the routing it now has: here `isStaging` is required. */
export const StagingAnswerSchema = CustomerInfoSchema.extend({ isStaging: z.boolean() });

// ---- lists, accounts, settings -------------------------------------------------------

/** ListResponse<T>. A missing `items` is an empty page. */
export const listResponseSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    // Absent or null: an empty page.
    items: z
      .array(item)
      .nullish()
      .transform((v) => v ?? []),
    totalCount: int,
    totalPages: int,
    hasMorePages: bool,
  });

export const CustomerListSchema = listResponseSchema(CustomerInfoSchema);

export const AccountInfoSchema = z.looseObject({ id, name: str, parentAccountId: str });
export type AccountInfo = z.output<typeof AccountInfoSchema>;
export const AccountListSchema = listResponseSchema(AccountInfoSchema);

/** GetSystemSettings: the console reads the account's tag catalogue only. */
export const SystemSettingsSchema = z.looseObject({ tags: list(TagSchema) });
export type SystemSettings = z.output<typeof SystemSettingsSchema>;

// ---- auth and schedules ----------------------------------------------------------------

export const AuthenticateResponseSchema = z.looseObject({
  userId: str,
  sessionId: str,
  userName: str,
  displayName: str,
  bearerToken: str,
  refreshToken: str,
  roles: list(z.string()),
});
export type AuthenticateResponse = z.output<typeof AuthenticateResponseSchema>;

/** GetAuthStatus. `dashboardPermissions` and the rest are not used, so not validated. */
export const UserInfoSchema = z.looseObject({
  id: str,
  isAuthenticated: shown,
  firstName: str,
  lastName: str,
  name: str,
  emailAddress: str,
  roles: list(z.string()),
  accountIds: list(z.string()),
  accountNames: list(z.string()),
});
export type UserInfo = z.output<typeof UserInfoSchema>;

export const TestScheduleResponseSchema = z.looseObject({ stateName: str, timeZoneId: str });
export type TestScheduleResponse = z.output<typeof TestScheduleResponseSchema>;

/** ServiceStack's error body, read leniently (every member optional, wrong types ignored). */
export const ResponseStatusSchema = z.looseObject({
  errorCode: z.unknown().optional(),
  message: z.unknown().optional(),
  errors: z.unknown().optional(),
});
export type ResponseStatus = z.output<typeof ResponseStatusSchema>;

/** Members a record carries that its schema does not declare (a newer server's additions), as
 * sent. Members starting with "$" are the console's own notes (e.g. `$setAside`), not the server's. */
export function undeclaredMembers(schema: { shape: object }, record: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !Object.hasOwn(schema.shape, key) && !key.startsWith('$')));
}

/** A shown-only member (declared `unknown`) as text, when it is text. */
export const asText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
