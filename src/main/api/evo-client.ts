/* EvoClient: the one way the console talks to an Evo Voice server.
 *
 * - @servicestack/client JsonServiceClient on the documented custom routes
 *   (REFERENCE.md §2), one short-lived JsonServiceClient per attempt so per-request
 *   state (AbortSignal, captured Response) never leaks between concurrent calls.
 * - Session cookies live in our own SessionJar (see session-jar.ts for why); the
 *   library's jar is switched off.
 * - Every attempt passes the shared RequestLimiter; idempotent calls (all reads,
 *   TestSchedule, setStaging) retry transient failures with full-jitter backoff.
 * - Every response is validated with the zod schemas (unknown fields kept); every
 *   failure becomes an AppError (normalise-error.ts) with the session secrets redacted.
 * - A 401 mid-work calls `onAuthRequired` (the session service signs in again) and
 *   replays the request once. */
import { JsonServiceClient, type IRequestInit } from '@servicestack/client';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { EVO_ASSUMPTIONS } from '../../shared/evo/assumptions';
import {
  Authenticate,
  SetCustomerStagingMode,
  TestSchedule,
  type AccountInfo,
  type AuthenticateResponse,
  type ListCustomers,
  type ListRequest,
  type Schedule,
  type SystemSettingsInfo,
  type TestScheduleResponse,
  type UserInfo,
} from '../../shared/evo/dtos';
import {
  AccountListSchema,
  AuthenticateResponseSchema,
  CustomerInfoSchema,
  CustomerListSchema,
  ScheduleSchema,
  StagingResultSchema,
  SystemSettingsSchema,
  TestScheduleResponseSchema,
  UserInfoSchema,
  type Customer,
} from '../../shared/evo/schemas';
import { checkServerUrl } from '../../shared/server-url';
import { RequestLimiter } from './limiter';
import { cancelledError, invalidResponseError, normaliseError, timeoutError, type ErrorContext } from './normalise-error';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryDeps, type RetryPolicy } from './retry';
import { BEARER_TOKEN_KEY, REFRESH_TOKEN_KEY, redact, SessionJar, type SessionCookies } from './session-jar';

export type { SessionCookies } from './session-jar';

export interface CallOptions {
  signal?: AbortSignal;
  /** Per-attempt timeout (ms); default from EvoClientOptions.timeoutMs. */
  timeoutMs?: number;
  /** false = one attempt only, even for idempotent calls (bulk runs count attempts per item themselves);
   *  a policy object overrides the client's retry policy for this call; true/undefined = the client's policy. */
  retry?: boolean | Partial<RetryPolicy>;
}

/** The data fields of a request DTO class (no methods). */
type DataFields<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]?: T[K] };

/** ListCustomers request fields; lists are sent comma-separated. */
export type ListCustomersQuery = DataFields<ListCustomers>;

export interface CustomerPage {
  items: Customer[];
  totalCount?: number;
  totalPages?: number;
  hasMorePages?: boolean;
}

export interface RequestOutcome {
  ok: boolean;
  /** The server could not be reached (connection refused/reset, DNS, ...). */
  networkFailure: boolean;
  /** Failure kind, when !ok. */
  kind?: AppError['kind'];
  operation: string;
}

export interface EvoClientOptions {
  baseUrl: string;
  /** Share one limiter between every client of a server; a private one is made otherwise. */
  limiter?: RequestLimiter;
  /** Per-attempt timeout (ms). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Test seam for the retry policy's clock and randomness. */
  retryDeps?: Partial<RetryDeps>;
  /** Resolve = the user signed in again → the request is replayed once; reject = give up with AuthRequired. */
  onAuthRequired?: (err: AppError) => Promise<void>;
  /** Every attempt's outcome (connectivity detection). */
  onOutcome?: (o: RequestOutcome) => void;
  /** Write-through to the offline cache: every customer read or written. */
  onCustomers?: (customers: Customer[]) => void;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

type Method = 'GET' | 'POST';

interface RequestSpec<S extends z.ZodType> {
  operation: string;
  method: Method;
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: object;
  schema: S;
  customerId?: string;
  /** Safe to send twice: retried on transient failures. */
  idempotent: boolean;
  /** Values to redact from errors besides the session (the password on sign-in). */
  secrets?: string[];
  /** A 401 goes through onAuthRequired and is replayed once. */
  replayAfterAuth: boolean;
}

const LIST_FIELDS = [
  'accountIds',
  'nameFilter',
  'parentCustomerIds',
  'shallowParent',
  'tagIds',
  'page',
  'all',
  'countPerPage',
  'specificIds',
  'sortField',
  'sortOrder',
  'simplifiedPaging',
] as const satisfies readonly (keyof ListCustomersQuery)[];

/** Query args for a list request: lists comma-joined (empty lists dropped), undefined dropped. */
function toQuery(query: Record<string, unknown>, fields: readonly string[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const field of fields) {
    const value = query[field];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) out[field] = value.join(',');
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out[field] = value;
    }
  }
  return out;
}

function requireId(id: string, what: string, operation: string): string {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new AppError({ kind: 'InvalidInput', operation, message: `${operation} needs a ${what} id.` });
  }
  return id;
}

const pathId = (id: string) => encodeURIComponent(id);

/** signOut's answer is not used: any JSON (or none) is fine. */
const anyBody = z.unknown();

export class EvoClient {
  readonly baseUrl: string;
  private readonly limiter: RequestLimiter;
  private readonly timeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly retryDeps: Partial<RetryDeps> | undefined;
  private readonly jar = new SessionJar();
  private readonly options: EvoClientOptions;
  /** One re-sign-in at a time: concurrent 401s wait for the same one. */
  private reauth: Promise<void> | undefined;

  constructor(options: EvoClientOptions) {
    const checked = checkServerUrl(options.baseUrl);
    if (!checked.ok) throw new AppError(checked.error);
    this.baseUrl = checked.url;
    this.options = options;
    this.limiter = options.limiter ?? new RequestLimiter();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.retryDeps = options.retryDeps;
  }

  // ---- session ------------------------------------------------------------

  /** The session secret, for the keychain only. Never log or return it elsewhere. */
  sessionCookies(): SessionCookies {
    return this.jar.snapshot();
  }

  restoreSession(cookies: SessionCookies): void {
    this.jar.restore(cookies);
  }

  clearSession(): void {
    this.jar.clear();
  }

  hasSession(): boolean {
    return !this.jar.isEmpty();
  }

  /** POST /auth/credentials. The returned object has the secret fields (sessionId, tokens) removed. */
  async signIn(email: string, password: string, rememberMe: boolean, opts?: CallOptions): Promise<AuthenticateResponse> {
    // A new sign-in must not ride on (or mix with) an older session's cookies.
    this.jar.clear();
    const request = new Authenticate({ provider: 'credentials', userName: email, password, rememberMe });
    const response = await this.call(
      {
        operation: 'signIn',
        method: 'POST',
        path: '/auth/credentials',
        body: request,
        schema: AuthenticateResponseSchema,
        idempotent: false,
        replayAfterAuth: false,
        secrets: [password],
      },
      opts,
    );
    this.jar.setToken(BEARER_TOKEN_KEY, response.bearerToken);
    this.jar.setToken(REFRESH_TOKEN_KEY, response.refreshToken);
    const { sessionId: _sessionId, bearerToken: _bearer, refreshToken: _refresh, ...rest } = response;
    return rest;
  }

  /** GET /auth/status. Throws AuthRequired when not signed in (401, null body or isAuthenticated false). */
  async authStatus(opts?: CallOptions): Promise<UserInfo> {
    const info = await this.call(
      { operation: 'authStatus', method: 'GET', path: '/auth/status', schema: UserInfoSchema.nullable(), idempotent: true, replayAfterAuth: false },
      opts,
    );
    if (info === null || info.isAuthenticated === false) {
      throw new AppError({
        kind: 'AuthRequired',
        operation: 'authStatus',
        message: `Not signed in to ${this.baseUrl}, or the session has expired. Sign in again to continue.`,
      });
    }
    return info;
  }

  /** POST /auth/logout, then forget the session locally whatever the server said. An already-expired session is not an error. */
  async signOut(opts?: CallOptions): Promise<void> {
    try {
      if (this.jar.isEmpty()) return;
      await this.call(
        { operation: 'signOut', method: 'POST', path: '/auth/logout', body: new Authenticate({ provider: 'logout' }), schema: anyBody, idempotent: false, replayAfterAuth: false },
        opts,
      );
    } catch (error) {
      if (!(error instanceof AppError && error.kind === 'AuthRequired')) throw error;
    } finally {
      this.jar.clear();
    }
  }

  // ---- customers ----------------------------------------------------------

  /** GET /customers — one page. */
  async listCustomers(query: ListCustomersQuery, opts?: CallOptions): Promise<CustomerPage> {
    if (query.specificIds && query.specificIds.length === 0) return { items: [] };
    const page = await this.call(
      { operation: 'listCustomers', method: 'GET', path: '/customers', query: toQuery(query, LIST_FIELDS), schema: CustomerListSchema, idempotent: true, replayAfterAuth: true },
      opts,
    );
    this.emitCustomers(page.items);
    const result: CustomerPage = { items: page.items };
    if (page.totalCount !== undefined) result.totalCount = page.totalCount;
    if (page.totalPages !== undefined) result.totalPages = page.totalPages;
    if (page.hasMorePages !== undefined) result.hasMorePages = page.hasMorePages;
    return result;
  }

  /** Every page from `query.page` (default 0) to the end, with and without simplifiedPaging. */
  customerPages(query: ListCustomersQuery, opts?: CallOptions): AsyncGenerator<Customer[]> {
    return this.pages((q) => this.listCustomers(q, opts), query);
  }

  /** GET /customers/{id} */
  async getCustomer(id: string, opts?: CallOptions): Promise<Customer> {
    requireId(id, 'customer', 'getCustomer');
    const customer = await this.call(
      { operation: 'getCustomer', method: 'GET', path: `/customers/${pathId(id)}`, schema: CustomerInfoSchema, customerId: id, idempotent: true, replayAfterAuth: true },
      opts,
    );
    this.emitCustomers([customer]);
    return customer;
  }

  /**
   * Many customers by id through `specificIds`, in batches (EVO_ASSUMPTIONS.specificIdsBatchSize).
   * Result in the order of `ids` (duplicates removed); ids the server does not return are absent.
   */
  async getCustomers(ids: string[], opts?: CallOptions & { accountIds?: string[] }): Promise<Customer[]> {
    const wanted = [...new Set(ids.filter((id) => typeof id === 'string' && id !== ''))];
    const batchSize = Math.min(EVO_ASSUMPTIONS.specificIdsBatchSize, EVO_ASSUMPTIONS.maxCountPerPage);
    const batches: string[][] = [];
    for (let i = 0; i < wanted.length; i += batchSize) batches.push(wanted.slice(i, i + batchSize));
    const found = new Map<string, Customer>();
    // The first failure stops the other batches (they would only add load); the caller's signal stops all.
    const stop = new AbortController();
    const signal = opts?.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
    const callOpts: CallOptions = { signal };
    if (opts?.timeoutMs !== undefined) callOpts.timeoutMs = opts.timeoutMs;
    if (opts?.retry !== undefined) callOpts.retry = opts.retry;
    await Promise.all(
      batches.map(async (batch) => {
        const query: ListCustomersQuery = { specificIds: batch, countPerPage: batch.length, page: 0 };
        if (opts?.accountIds) query.accountIds = opts.accountIds;
        try {
          for await (const items of this.customerPages(query, callOpts)) {
            for (const customer of items) found.set(customer.id, customer);
          }
        } catch (error) {
          stop.abort();
          throw error;
        }
      }),
    );
    return wanted.flatMap((id) => {
      const customer = found.get(id);
      return customer ? [customer] : [];
    });
  }

  /** POST /customers/{id}/staging {isStaging}. Idempotent (sets a value), so it is retried. */
  async setStaging(id: string, isStaging: boolean, opts?: CallOptions): Promise<Customer> {
    requireId(id, 'customer', 'setStaging');
    const customer = await this.call(
      {
        operation: 'setStaging',
        method: 'POST',
        path: `/customers/${pathId(id)}/staging`,
        body: new SetCustomerStagingMode({ isStaging }),
        schema: StagingResultSchema,
        customerId: id,
        idempotent: true,
        replayAfterAuth: true,
      },
      opts,
    );
    if (customer.id !== id) {
      throw new AppError({
        kind: 'InvalidResponse',
        operation: 'setStaging',
        customerId: id,
        message: `Invalid response from setStaging: id: expected ${id} (got a different customer). Customer ${id}. Report it with the server address.`,
      });
    }
    this.emitCustomers([customer]);
    return customer;
  }

  /** GET /customers/{id}/inherited-schedule */
  inheritedSchedule(id: string, opts?: CallOptions): Promise<Schedule> {
    requireId(id, 'customer', 'inheritedSchedule');
    return this.call(
      { operation: 'inheritedSchedule', method: 'GET', path: `/customers/${pathId(id)}/inherited-schedule`, schema: ScheduleSchema, customerId: id, idempotent: true, replayAfterAuth: true },
      opts,
    );
  }

  /** POST /customers/{id}/test-schedule — evaluation only, so retried like a read. */
  testSchedule(id: string, dateTime: string, schedule?: Schedule, opts?: CallOptions): Promise<TestScheduleResponse> {
    requireId(id, 'customer', 'testSchedule');
    const body = new TestSchedule({ dateTime });
    if (schedule !== undefined) body.schedule = schedule;
    return this.call(
      {
        operation: 'testSchedule',
        method: 'POST',
        path: `/customers/${pathId(id)}/test-schedule`,
        body,
        schema: TestScheduleResponseSchema,
        customerId: id,
        idempotent: true,
        replayAfterAuth: true,
      },
      opts,
    );
  }

  /** GET /system/settings?accountId= (the account's tag catalogue is `tags`). */
  systemSettings(accountId: string, opts?: CallOptions): Promise<SystemSettingsInfo> {
    requireId(accountId, 'account', 'systemSettings');
    return this.call(
      { operation: 'systemSettings', method: 'GET', path: '/system/settings', query: { accountId }, schema: SystemSettingsSchema, idempotent: true, replayAfterAuth: true },
      opts,
    );
  }

  /** GET /accounts — every page. */
  async listAccounts(opts?: CallOptions): Promise<AccountInfo[]> {
    const all: AccountInfo[] = [];
    const fetchPage = (q: ListRequest) =>
      this.call(
        {
          operation: 'listAccounts',
          method: 'GET',
          path: '/accounts',
          query: toQuery(q as Record<string, unknown>, ['page', 'countPerPage']),
          schema: AccountListSchema,
          idempotent: true,
          replayAfterAuth: true,
        },
        opts,
      );
    for await (const items of this.pages(fetchPage, { page: 0, countPerPage: EVO_ASSUMPTIONS.defaultCountPerPage } as ListRequest)) all.push(...items);
    return all;
  }

  // ---- internals ----------------------------------------------------------

  /**
   * Pages until the end. End = an empty page; or, when the server reports totals,
   * the last page by totalPages; or hasMorePages === false when there are no totals
   * (simplified paging). A page with no new ids also ends it (guards against a server
   * that ignores `page`). Never relies on short pages: the server may cap countPerPage.
   */
  private async *pages<Q extends ListRequest, T extends { id: string }>(
    fetchPage: (query: Q) => Promise<{ items: T[]; totalPages?: number; hasMorePages?: boolean }>,
    query: Q,
  ): AsyncGenerator<T[]> {
    if (query.all) {
      const { items } = await fetchPage(query);
      if (items.length > 0) yield items;
      return;
    }
    const seen = new Set<string>();
    for (let page = query.page ?? 0; ; page++) {
      const result = await fetchPage({ ...query, page });
      const fresh = result.items.filter((item) => !seen.has(item.id));
      for (const item of fresh) seen.add(item.id);
      if (fresh.length > 0) yield fresh;
      if (result.items.length === 0 || fresh.length === 0) return;
      if (result.totalPages !== undefined && result.totalPages > 0) {
        if (page + 1 >= result.totalPages) return;
      } else if (result.hasMorePages === false) {
        return;
      }
    }
  }

  private emitCustomers(customers: Customer[]): void {
    if (customers.length === 0 || !this.options.onCustomers) return;
    try {
      this.options.onCustomers(customers);
    } catch {
      // The cache must never break a live read; the cache reports its own failures.
    }
  }

  private emitOutcome(outcome: RequestOutcome): void {
    try {
      this.options.onOutcome?.(outcome);
    } catch {
      // Diagnostics must never break a request.
    }
  }

  /** Retries (idempotent only), then a single replay after re-sign-in on 401. Errors leave redacted. */
  private async call<S extends z.ZodType>(spec: RequestSpec<S>, opts: CallOptions = {}): Promise<z.output<S>> {
    try {
      const generation = this.jar.generation;
      try {
        return await this.withRetries(spec, opts);
      } catch (error) {
        if (!(error instanceof AppError && error.kind === 'AuthRequired' && spec.replayAfterAuth)) throw error;
        // A re-sign-in already running (another call's 401) or finished since this request
        // was sent: wait for it / just replay, instead of asking the user twice.
        if (this.reauth || this.jar.generation === generation) await this.reauthenticate(error, spec, opts.signal);
        return await this.withRetries(spec, opts);
      }
    } catch (error) {
      throw this.redacted(error, spec);
    }
  }

  /** Waits for the (shared) re-sign-in; the caller's signal stops the wait, not the sign-in. */
  private async reauthenticate(error: AppError, spec: RequestSpec<z.ZodType>, signal?: AbortSignal): Promise<void> {
    const hook = this.options.onAuthRequired;
    if (!hook) throw error;
    if (!this.reauth) {
      this.reauth = hook(error).finally(() => {
        this.reauth = undefined;
      });
    }
    const pending = this.reauth;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted');
      if (signal?.aborted) resolve('aborted');
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const outcome = await Promise.race([pending.then(() => 'signedIn' as const), aborted]);
      if (outcome === 'aborted') throw cancelledError(this.context(spec));
    } catch (reason) {
      if (reason instanceof AppError && reason.kind === 'Cancelled') throw reason;
      throw error;
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  private withRetries<S extends z.ZodType>(spec: RequestSpec<S>, opts: CallOptions): Promise<z.output<S>> {
    const attempt = () => this.limiter.run(() => this.attempt(spec, opts), opts.signal);
    if (!spec.idempotent || opts.retry === false) return this.wrapQueued(attempt, spec, opts);
    return withRetry(() => this.wrapQueued(attempt, spec, opts), {
      policy: typeof opts.retry === 'object' ? { ...this.retryPolicy, ...opts.retry } : this.retryPolicy,
      signal: opts.signal,
      ...(this.retryDeps ? { deps: this.retryDeps } : {}),
    }).catch((error: unknown) => {
      // An abort during the backoff wait rejects with the signal's reason.
      throw opts.signal?.aborted && !(error instanceof AppError) ? cancelledError(this.context(spec)) : error;
    });
  }

  /** Maps a rejection while waiting in the limiter queue (caller abort). */
  private async wrapQueued<T>(run: () => Promise<T>, spec: RequestSpec<z.ZodType>, opts: CallOptions): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw normaliseError(error, { ...this.context(spec), cancelled: opts.signal?.aborted === true });
    }
  }

  private context(spec: { operation: string; customerId?: string }): ErrorContext {
    const ctx: ErrorContext = { operation: spec.operation, server: this.baseUrl };
    if (spec.customerId !== undefined) ctx.customerId = spec.customerId;
    return ctx;
  }

  /** One HTTP exchange: timeout, abort, cookies, error normalisation, validation. */
  private async attempt<S extends z.ZodType>(spec: RequestSpec<S>, opts: CallOptions): Promise<z.output<S>> {
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort();
    opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
    let response: Response | undefined;

    const client = new JsonServiceClient(this.baseUrl);
    client.manageCookies = false;
    client.enableAutoRefreshToken = false;
    client.requestFilter = (init: IRequestInit) => {
      init.signal = controller.signal;
      const headers = init.headers as Headers;
      headers.set('Accept', 'application/json');
      const cookie = this.jar.cookieHeader();
      if (cookie) headers.set('Cookie', cookie);
      const bearer = this.jar.bearerToken();
      if (bearer) headers.set('Authorization', `Bearer ${bearer}`);
    };
    client.responseFilter = (res: Response) => {
      response = res;
      this.jar.absorb(res.headers.getSetCookie());
    };

    const ctx = (): ErrorContext => {
      const c: ErrorContext = { ...this.context(spec), timeoutMs, timedOut, cancelled: opts.signal?.aborted === true };
      if (response) c.response = response;
      return c;
    };

    let raw: unknown;
    try {
      if (opts.signal?.aborted) throw cancelledError(this.context(spec));
      raw =
        spec.method === 'GET'
          ? await client.get<unknown>(spec.path, spec.query)
          : await client.postToUrl<unknown>(spec.path, (spec.body ?? {}) as Authenticate, spec.query);
    } catch (error) {
      const appError = error instanceof AppError ? error : timedOut && !opts.signal?.aborted ? timeoutError(ctx()) : normaliseError(error, ctx());
      // Rate limits apply to the whole session: nobody may call before the server said so.
      if (appError.kind === 'RateLimited' && appError.retryAfterMs !== undefined) this.limiter.holdFor(appError.retryAfterMs);
      if (appError.kind !== 'Cancelled') {
        this.emitOutcome({ ok: false, networkFailure: appError.kind === 'Network', kind: appError.kind, operation: spec.operation });
      }
      throw appError;
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onCallerAbort);
    }
    this.emitOutcome({ ok: true, networkFailure: false, operation: spec.operation });

    const parsed = spec.schema.safeParse(raw, { reportInput: true });
    if (!parsed.success) throw invalidResponseError(this.context(spec), parsed.error.issues);
    return parsed.data;
  }

  /** Final guard: no session secret may leave in an error's message or field errors. */
  private redacted(error: unknown, spec: RequestSpec<z.ZodType>): AppError {
    const appError = error instanceof AppError ? error : normaliseError(error, this.context(spec));
    const sessionSecrets = this.jar.secrets();
    // A password may be short; still never echo it (4+ characters, so "a" is not blanked out everywhere).
    const clean = (text: string) => redact(redact(text, sessionSecrets), spec.secrets ?? [], 4);
    const data = appError.toData();
    const message = clean(data.message);
    const fieldErrors = data.fieldErrors?.map((f) => ({ field: clean(f.field), message: clean(f.message) }));
    if (message === data.message && JSON.stringify(fieldErrors) === JSON.stringify(data.fieldErrors)) return appError;
    return new AppError({ ...data, message, ...(fieldErrors ? { fieldErrors } : {}) });
  }
}

