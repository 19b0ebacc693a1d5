/* THE Evo Voice endpoint table: every call the console makes, declared once, like the IPC
 * contract. For each: method and path (REFERENCE.md §2), the request and answer schemas
 * (./schemas.ts), whether it is safe to send twice (idempotent → retried on transient
 * failures), whether it is replayed after a re-sign-in (a 401 means the server did nothing),
 * and whether it changes state (a 2xx answer that cannot be read may hide an applied change).
 * The request pipeline (src/main/api/pipeline.ts) is the only code that sends them.
 *
 * `doing` names the call in plain words for messages ("reading customer c1"), never by an
 * internal name. */
import { z } from 'zod';
import {
  AccountListSchema,
  AuthenticateResponseSchema,
  CustomerInfoSchema,
  CustomerListSchema,
  SORT_ORDERS,
  ScheduleSchema,
  StagingAnswerSchema,
  SystemSettingsSchema,
  TestScheduleResponseSchema,
  UserInfoSchema,
} from './schemas';

export type HttpMethod = 'GET' | 'POST';

export interface Endpoint<Q extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  method: HttpMethod;
  path: (request: z.output<Q>) => string;
  /** Query string members (GET); lists are sent comma-separated (REFERENCE.md §1.3). */
  query?: (request: z.output<Q>) => Record<string, string>;
  /** JSON body (POST). */
  body?: (request: z.output<Q>) => unknown;
  request: Q;
  response: R;
  /** Safe to send twice: transient failures are retried. */
  idempotent: boolean;
  /** After a 401 and a re-sign-in, sent once more. */
  replaysAfterSignIn: boolean;
  /** Changes server state: a 2xx (or 3xx) answer the console cannot read may hide an applied change. */
  changesState: boolean;
  /** What the call does, in plain words for messages. */
  doing: (request: z.output<Q>) => string;
  /** The customer a failure is about. */
  customerId?: (request: z.output<Q>) => string | undefined;
  /** Where set-aside items belong: customers in the answer's `items`, or the answer is the customer. */
  records?: 'items' | 'answer';
  /** Values never to echo in an error (the password). */
  secrets?: (request: z.output<Q>) => string[];
}

const define = <Q extends z.ZodType, R extends z.ZodType>(endpoint: Endpoint<Q, R>): Endpoint<Q, R> => endpoint;

const idOf = (what: string) => z.string().trim().min(1, `needs a ${what} id`);
const noRequest = z.object({}).optional().transform(() => ({}));
const seg = encodeURIComponent;

/** ListRequest members shared by every list (REFERENCE.md §3.1). */
const listRequest = {
  page: z.number().int().min(0).optional(),
  all: z.boolean().optional(),
  countPerPage: z.number().int().min(1).optional(),
  specificIds: z.array(z.string()).optional(),
  sortField: z.string().optional(),
  sortOrder: z.enum(SORT_ORDERS).optional(),
  simplifiedPaging: z.boolean().optional(),
};

export const ListCustomersRequestSchema = z.strictObject({
  accountIds: z.array(z.string()).optional(),
  nameFilter: z.string().optional(),
  parentCustomerIds: z.array(z.string()).optional(),
  shallowParent: z.boolean().optional(),
  tagIds: z.array(z.string()).optional(),
  ...listRequest,
});
export type ListCustomersQuery = z.input<typeof ListCustomersRequestSchema>;

export const ListAccountsRequestSchema = z.strictObject({ nameFilter: z.string().optional(), ...listRequest });

/** Query members: lists comma-joined (empty lists dropped), undefined dropped. */
export function queryOf(request: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) out[key] = value.join(',');
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out[key] = String(value);
    }
  }
  return out;
}

const customerRequest = z.strictObject({ customerId: idOf('customer') });

export const ENDPOINTS = {
  signIn: define({
    method: 'POST',
    path: () => '/auth/credentials',
    request: z.strictObject({ userName: z.string(), password: z.string(), rememberMe: z.boolean() }),
    body: (r) => ({ provider: 'credentials', userName: r.userName, password: r.password, rememberMe: r.rememberMe }),
    response: AuthenticateResponseSchema,
    idempotent: false,
    replaysAfterSignIn: false,
    changesState: false,
    doing: () => 'signing in',
    secrets: (r) => [r.password],
  }),
  /** "Or null" when not signed in (REFERENCE.md §2.2): a JSON null or an empty answer. */
  authStatus: define({
    method: 'GET',
    path: () => '/auth/status',
    request: noRequest,
    response: UserInfoSchema.nullable(),
    idempotent: true,
    replaysAfterSignIn: false,
    changesState: false,
    doing: () => 'checking the session',
  }),
  signOut: define({
    method: 'POST',
    path: () => '/auth/logout',
    request: noRequest,
    body: () => ({ provider: 'logout' }),
    // The answer is not used: anything (or nothing) will do.
    response: z.unknown(),
    idempotent: false,
    replaysAfterSignIn: false,
    changesState: false,
    doing: () => 'signing out',
  }),
  listCustomers: define({
    method: 'GET',
    path: () => '/customers',
    request: ListCustomersRequestSchema,
    query: (r) => queryOf(r),
    response: CustomerListSchema,
    idempotent: true,
    replaysAfterSignIn: true,
    changesState: false,
    doing: (r) => (r.specificIds?.length ? `reading ${r.specificIds.length} customer(s)` : 'listing customers'),
    records: 'items',
  }),
  getCustomer: define({
    method: 'GET',
    path: (r) => `/customers/${seg(r.customerId)}`,
    request: customerRequest,
    response: CustomerInfoSchema,
    idempotent: true,
    replaysAfterSignIn: true,
    changesState: false,
    doing: (r) => `reading customer ${r.customerId}`,
    customerId: (r) => r.customerId,
    records: 'answer',
  }),
  /** Sets a value, so sending it twice does no harm: retried. */
  setStaging: define({
    method: 'POST',
    path: (r) => `/customers/${seg(r.customerId)}/staging`,
    request: z.strictObject({ customerId: idOf('customer'), isStaging: z.boolean() }),
    body: (r) => ({ isStaging: r.isStaging }),
    // A write must say what it did: isStaging is required here, and the client checks the id.
    response: StagingAnswerSchema,
    idempotent: true,
    replaysAfterSignIn: true,
    changesState: true,
    doing: (r) => `switching customer ${r.customerId} to ${r.isStaging ? 'staging' : 'production'}`,
    customerId: (r) => r.customerId,
    records: 'answer',
  }),
  /** null (or an empty answer): no schedule to inherit. */
  inheritedSchedule: define({
    method: 'GET',
    path: (r) => `/customers/${seg(r.customerId)}/inherited-schedule`,
    request: customerRequest,
    response: ScheduleSchema.nullable(),
    idempotent: true,
    replaysAfterSignIn: true,
    changesState: false,
    doing: (r) => `reading the inherited schedule of customer ${r.customerId}`,
    customerId: (r) => r.customerId,
  }),
  /** A POST whose lack of side effects is unconfirmed: never retried on its own (the screen asks
   * again); replayed after a re-sign-in because a 401 means it was not run. The schedule is always
   * sent, so the answer never depends on how the server resolves the saved one. */
  testSchedule: define({
    method: 'POST',
    path: (r) => `/customers/${seg(r.customerId)}/test-schedule`,
    request: z.strictObject({ customerId: idOf('customer'), dateTime: z.string().min(1), schedule: z.record(z.string(), z.unknown()) }),
    body: (r) => ({ dateTime: r.dateTime, schedule: r.schedule }),
    response: TestScheduleResponseSchema,
    idempotent: false,
    replaysAfterSignIn: true,
    changesState: false,
    doing: (r) => `asking the server for the schedule state of customer ${r.customerId}`,
    customerId: (r) => r.customerId,
  }),
  systemSettings: define({
    method: 'GET',
    path: () => '/system/settings',
    request: z.strictObject({ accountId: idOf('account') }),
    query: (r) => ({ accountId: r.accountId }),
    response: SystemSettingsSchema,
    idempotent: true,
    replaysAfterSignIn: true,
    changesState: false,
    doing: (r) => `reading the tags of account ${r.accountId}`,
  }),
  listAccounts: define({
    method: 'GET',
    path: () => '/accounts',
    request: ListAccountsRequestSchema,
    query: (r) => queryOf(r),
    response: AccountListSchema,
    idempotent: true,
    replaysAfterSignIn: true,
    changesState: false,
    doing: () => 'listing accounts',
  }),
} as const;

export type EndpointName = keyof typeof ENDPOINTS;
