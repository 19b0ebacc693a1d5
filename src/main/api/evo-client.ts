/* EvoClient: the console's calls to Evo Voice, by name. Each method is one entry of the
 * endpoint table (src/shared/evo/endpoints.ts) sent through the one pipeline (pipeline.ts).
 * What lives here beyond a single call:
 * - the session's cookies in and out (for the keychain);
 * - list windows that give callers exactly the page they asked for whatever page size the
 *   server really serves: a 400 naming CountPerPage halves the size, a page the server silently
 *   shortens is detected from totalCount/hasMorePages, and paging never ends on a short page;
 * - name order kept when the server refuses or ignores `sortField` (sorted here, within a page);
 * - `specificIds` batches; the staging write's answer checked; every customer read or written
 *   handed to the write-through hook. */
import { AppError } from '../../shared/errors';
import { EVO_ASSUMPTIONS } from '../../shared/evo/assumptions';
import type { ListCustomersQuery } from '../../shared/evo/endpoints';
import type { AccountInfo, AuthenticateResponse, Customer, Schedule, SystemSettings, TestScheduleResponse, UserInfo } from '../../shared/evo/schemas';
import type { SetAsideItem } from '../../shared/evo/tolerant';
import { checkServerUrl } from '../../shared/server-url';
import { namesField } from './normalise-error';
import { Pipeline, type Answer, type AnswerOf, type CallOptions, type PipelineOptions } from './pipeline';
import { BEARER_TOKEN_KEY, REFRESH_TOKEN_KEY, type SessionCookies } from './session-jar';

export type { CallOptions, RequestOutcome } from './pipeline';
export { DEFAULT_TIMEOUT_MS } from './pipeline';
export type { SessionCookies } from './session-jar';
export type { ListCustomersQuery } from '../../shared/evo/endpoints';

export interface EvoClientOptions extends PipelineOptions {
  /** Write-through to the offline cache: every customer read or written. */
  onCustomers?: (customers: Customer[]) => void;
}

/** One page of customers, as asked for (page × countPerPage), whatever the server's page size. */
export interface CustomerPage {
  items: Customer[];
  totalCount?: number;
  /** More customers after this page (undefined: the server did not say). */
  hasMorePages?: boolean;
  /** Items of this page that could not be read and were left out (or read in part). */
  setAside: SetAsideItem[];
}

/** Options of calls that walk several pages: set-aside items are reported as they come. */
export interface PagesOptions extends CallOptions {
  onSetAside?: (items: SetAsideItem[]) => void;
}

type CustomerList = AnswerOf<'listCustomers'>;

export class EvoClient {
  readonly baseUrl: string;
  private readonly http: Pipeline;
  /** Largest page size the server accepted or served (learned: see listWindow). */
  private pageSizeLimit: number | undefined;
  /** The server answered 400 to sortField: it is not sent again. */
  private sortFieldRefused = false;

  constructor(private readonly options: EvoClientOptions) {
    const checked = checkServerUrl(options.baseUrl);
    if (!checked.ok) throw new AppError(checked.error);
    this.baseUrl = checked.url;
    this.http = new Pipeline({ ...options, baseUrl: checked.url });
  }

  /** Ends every request still queued or in flight (as Cancelled) and refuses new ones. */
  close(): void {
    this.http.close();
  }

  // ---- session ------------------------------------------------------------

  /** The session secret, for the keychain only. Never log or return it elsewhere. */
  sessionCookies(): SessionCookies {
    return this.http.jar.snapshot();
  }

  restoreSession(cookies: SessionCookies): void {
    this.http.jar.restore(cookies);
  }

  clearSession(): void {
    this.http.jar.clear();
  }

  hasSession(): boolean {
    return !this.http.jar.isEmpty();
  }

  /** POST /auth/credentials. The returned object has the secret fields (sessionId, tokens) removed. */
  async signIn(email: string, password: string, rememberMe: boolean, opts?: CallOptions): Promise<AuthenticateResponse> {
    // A new sign-in must not ride on (or mix with) an older session's cookies.
    this.http.jar.clear();
    const { data } = await this.http.call('signIn', { userName: email, password, rememberMe }, opts);
    this.http.jar.setToken(BEARER_TOKEN_KEY, data.bearerToken);
    this.http.jar.setToken(REFRESH_TOKEN_KEY, data.refreshToken);
    this.http.jar.signedIn();
    const { sessionId: _sessionId, bearerToken: _bearer, refreshToken: _refresh, ...rest } = data;
    return rest;
  }

  /**
   * GET /auth/status. Resolves only when the server confirms the session (`isAuthenticated: true`).
   * AuthRequired = the server clearly said "signed out" (401, null, isAuthenticated false);
   * any other failure (InvalidResponse for an HTML page, Network, ...) = not confirmed either way.
   */
  async authStatus(opts?: CallOptions): Promise<UserInfo> {
    const { data } = await this.http.call('authStatus', {}, opts);
    if (data === null || data.isAuthenticated === false) {
      throw new AppError({
        kind: 'AuthRequired',
        operation: 'authStatus',
        message: `Not signed in to ${this.baseUrl}, or the session has expired. Sign in again to continue.`,
      });
    }
    if (data.isAuthenticated !== true) {
      throw new AppError({
        kind: 'InvalidResponse',
        operation: 'authStatus',
        message: `${this.baseUrl} answered the session check without saying whether you are signed in (no "isAuthenticated": true), so the session is not confirmed. The server address may point at something other than the Evo Voice API.`,
      });
    }
    return data;
  }

  /** POST /auth/logout, then forget the session locally whatever the server said. An already-expired session is not an error. */
  async signOut(opts?: CallOptions): Promise<void> {
    try {
      if (this.http.jar.isEmpty()) return;
      await this.http.call('signOut', {}, opts);
    } catch (error) {
      if (!(error instanceof AppError && error.kind === 'AuthRequired')) throw error;
    } finally {
      this.http.jar.clear();
    }
  }

  // ---- customers ----------------------------------------------------------

  /** GET /customers — the page `query.page` of `query.countPerPage` (default 25) customers. */
  async listCustomers(query: ListCustomersQuery, opts: CallOptions = {}): Promise<CustomerPage> {
    if (query.specificIds && query.specificIds.length === 0) return { items: [], setAside: [] };
    const page = query.all ? await this.listAll(query, opts) : await this.listWindow(query, opts);
    if (query.sortField !== undefined && (this.sortFieldRefused || !inNameOrder(page.items, query.sortOrder === 'Descend'))) {
      page.items = sortedByName(page.items, query.sortOrder === 'Descend');
    }
    this.emitCustomers(page.items);
    return page;
  }

  /** Every page from `query.page` (default 0) to the end. Ends by totalCount or hasMorePages, or at
   * an empty page (or one with nothing new, for a server that ignores `page`); never at a short page. */
  async *customerPages(query: ListCustomersQuery, opts: PagesOptions = {}): AsyncGenerator<Customer[]> {
    const { onSetAside, ...callOpts } = opts;
    const pageSize = query.countPerPage ?? EVO_ASSUMPTIONS.pageSize;
    const seen = new Set<string>();
    const seenAside = new Set<string>();
    for (let page = query.page ?? 0; ; page++) {
      const window = await this.listCustomers({ ...query, page, countPerPage: pageSize }, callOpts);
      const newAside = window.setAside.filter((s) => !seenAside.has(asideKey(s)));
      for (const s of newAside) seenAside.add(asideKey(s));
      if (newAside.length > 0) onSetAside?.(newAside);
      const fresh = window.items.filter((c) => !seen.has(c.id));
      for (const c of fresh) seen.add(c.id);
      if (fresh.length > 0) yield fresh;
      if (query.all || window.hasMorePages === false) return;
      if (fresh.length === 0 && newAside.length === 0) return;
    }
  }

  /** GET /customers/{id} */
  async getCustomer(id: string, opts?: CallOptions): Promise<Customer> {
    const { data } = await this.http.call('getCustomer', { customerId: id }, opts);
    this.emitCustomers([data]);
    return data;
  }

  /**
   * Many customers by id through `specificIds`, in batches (EVO_ASSUMPTIONS.specificIdsBatchSize).
   * Result in the order of `ids` (duplicates removed); ids the server does not return are absent,
   * and ids whose record could not be read are reported through `onSetAside`.
   */
  async getCustomers(ids: string[], opts: PagesOptions & { accountIds?: string[] } = {}): Promise<Customer[]> {
    const wanted = [...new Set(ids.filter((id) => typeof id === 'string' && id !== ''))];
    const batchSize = EVO_ASSUMPTIONS.specificIdsBatchSize;
    const batches: string[][] = [];
    for (let i = 0; i < wanted.length; i += batchSize) batches.push(wanted.slice(i, i + batchSize));
    const found = new Map<string, Customer>();
    // The first failure stops the other batches (they would only add load); the caller's signal stops all.
    const stop = new AbortController();
    const { accountIds, signal: callerSignal, ...rest } = opts;
    const signal = callerSignal ? AbortSignal.any([callerSignal, stop.signal]) : stop.signal;
    await Promise.all(
      batches.map(async (batch) => {
        const query: ListCustomersQuery = { specificIds: batch, countPerPage: Math.min(batch.length, EVO_ASSUMPTIONS.pageSize), page: 0 };
        if (accountIds) query.accountIds = accountIds;
        try {
          for await (const items of this.customerPages(query, { ...rest, signal })) {
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

  /** POST /customers/{id}/staging {isStaging}. Idempotent (sets a value), so it is retried.
   * An answer about another customer, or without isStaging, is AmbiguousResponse: it may have landed. */
  async setStaging(id: string, isStaging: boolean, opts?: CallOptions): Promise<Customer> {
    const { data } = await this.http.call('setStaging', { customerId: id, isStaging }, opts);
    if (data.id !== id) {
      throw new AppError({
        kind: 'AmbiguousResponse',
        operation: 'setStaging',
        customerId: id,
        message: `${this.baseUrl} answered the switch of customer ${id} with another customer's record (${data.id}), so the console cannot tell whether the change was applied. Read the customer again before retrying.`,
      });
    }
    this.emitCustomers([data]);
    return data;
  }

  /** GET /customers/{id}/inherited-schedule. null: there is no schedule to inherit. */
  async inheritedSchedule(id: string, opts?: CallOptions): Promise<Schedule | null> {
    return (await this.http.call('inheritedSchedule', { customerId: id }, opts)).data;
  }

  /** POST /customers/{id}/test-schedule with the schedule to evaluate (always sent). Not retried. */
  async testSchedule(id: string, dateTime: string, schedule: Schedule, opts?: CallOptions): Promise<TestScheduleResponse> {
    return (await this.http.call('testSchedule', { customerId: id, dateTime, schedule }, opts)).data;
  }

  /** GET /system/settings?accountId= (the account's tag catalogue is `tags`). */
  async systemSettings(accountId: string, opts?: CallOptions): Promise<SystemSettings> {
    return (await this.http.call('systemSettings', { accountId }, opts)).data;
  }

  /** GET /accounts — every page. */
  async listAccounts(opts?: CallOptions): Promise<AccountInfo[]> {
    const all = new Map<string, AccountInfo>();
    for (let page = 0; ; page++) {
      const { data } = await this.http.call('listAccounts', { page, countPerPage: EVO_ASSUMPTIONS.defaultCountPerPage }, opts);
      const before = all.size;
      for (const account of data.items) all.set(account.id, account);
      const total = data.totalCount !== undefined && data.totalCount > 0 ? data.totalCount : undefined;
      if (data.items.length === 0 || all.size === before) break;
      if (total !== undefined ? all.size >= total : data.hasMorePages !== true) break;
    }
    return [...all.values()];
  }

  // ---- internals ----------------------------------------------------------

  /** `all=true`: one answer with everything. */
  private async listAll(query: ListCustomersQuery, opts: CallOptions): Promise<CustomerPage> {
    const { data, setAside } = await this.listServerPage(query, opts);
    return { items: data.items, ...(data.totalCount ? { totalCount: data.totalCount } : {}), hasMorePages: false, setAside };
  }

  /**
   * The customers at positions [page × count, (page + 1) × count) of the listing, read with the
   * server's page size: smaller after a 400 naming CountPerPage (halved), or after the server
   * served fewer than asked while saying more follow (a silent cap). Set-aside items keep their
   * positions, so nothing shifts.
   */
  private async listWindow(query: ListCustomersQuery, opts: CallOptions): Promise<CustomerPage> {
    const want = query.countPerPage ?? EVO_ASSUMPTIONS.defaultCountPerPage;
    const start = (query.page ?? 0) * want;
    const end = start + want;
    const items: Customer[] = [];
    const ids = new Set<string>();
    const setAside: SetAsideItem[] = [];
    let position = start;
    let totalCount: number | undefined;
    let serverSaysMore: boolean | undefined;
    while (position < end) {
      const size = Math.min(want, this.pageSizeLimit ?? want);
      const serverPage = Math.floor(position / size);
      let answer: Answer<CustomerList>;
      try {
        answer = await this.listServerPage({ ...query, page: serverPage, countPerPage: size }, opts);
      } catch (error) {
        if (size > 1 && namesField(error, 'CountPerPage')) {
          this.pageSizeLimit = Math.floor(size / 2);
          continue;
        }
        throw error;
      }
      const { data, itemsSent, itemsLeftOut } = answer;
      if (data.totalCount !== undefined && data.totalCount > 0) totalCount = data.totalCount;
      serverSaysMore = data.hasMorePages;
      const first = serverPage * size;
      const leftOut = new Set(itemsLeftOut);
      let fresh = 0;
      for (let at = 0, k = 0; at < itemsSent; at++) {
        if (leftOut.has(at)) continue;
        const item = data.items[k++] as Customer;
        if (first + at < position || first + at >= end || ids.has(item.id)) continue;
        ids.add(item.id);
        items.push(item);
        fresh++;
      }
      setAside.push(...answer.setAside);
      position = Math.max(position, first + itemsSent);
      // An empty page, or one with nothing new (a server that ignores `page`), ends the listing.
      if (itemsSent === 0 || (fresh === 0 && leftOut.size === 0)) {
        serverSaysMore = false;
        break;
      }
      const more = totalCount !== undefined ? position < totalCount : serverSaysMore;
      if (itemsSent < size) {
        if (more !== true) break;
        this.pageSizeLimit = itemsSent; // served fewer than asked, yet more follow: its real page size
      }
    }
    const page: CustomerPage = { items, setAside };
    if (totalCount !== undefined) page.totalCount = totalCount;
    const more = totalCount !== undefined ? position < totalCount : serverSaysMore;
    if (more !== undefined) page.hasMorePages = more;
    return page;
  }

  /** One server page; after a 400 naming SortField, sortField is no longer sent (the caller sorts). */
  private async listServerPage(query: ListCustomersQuery, opts: CallOptions): Promise<Answer<CustomerList>> {
    for (;;) {
      const sent = this.sortFieldRefused ? withoutSort(query) : query;
      try {
        return await this.http.call('listCustomers', sent, opts);
      } catch (error) {
        if (sent.sortField === undefined || !namesField(error, 'SortField')) throw error;
        this.sortFieldRefused = true;
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
}

const asideKey = (s: SetAsideItem) => `${s.customerId ?? ''}\u0000${s.field}`;

function withoutSort(query: ListCustomersQuery): ListCustomersQuery {
  const { sortField: _field, sortOrder: _order, ...rest } = query;
  return rest;
}

const nameOf = (c: Customer) => c.name ?? '';
const byLocale = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });
const byOrdinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byLowerCase = (a: string, b: string) => byOrdinal(a.toLowerCase(), b.toLowerCase());

/** Sorted by name under any collation the server plausibly uses (ordinal, case-insensitive, locale)? */
function inNameOrder(items: readonly Customer[], descending: boolean): boolean {
  const sign = descending ? -1 : 1;
  return [byOrdinal, byLowerCase, byLocale].some((compare) => items.every((c, i) => i === 0 || sign * compare(nameOf(items[i - 1] as Customer), nameOf(c)) <= 0));
}

function sortedByName(items: readonly Customer[], descending: boolean): Customer[] {
  const sign = descending ? -1 : 1;
  return [...items].sort((a, b) => sign * byLocale(nameOf(a), nameOf(b)) || byOrdinal(a.id, b.id));
}
