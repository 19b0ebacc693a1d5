/* EvoClient against the real sandbox over HTTP: every method, paging, batching, and each
 * sandbox fault mapped to the right AppError kind. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { AppError } from '../../../src/shared/errors';
import { EVO_ASSUMPTIONS } from '../../../src/shared/evo/assumptions';
import type { Customer } from '../../../src/shared/evo/schemas';
import { EvoClient, type EvoClientOptions, type RequestOutcome } from '../../../src/main/api/evo-client';
import { RequestLimiter } from '../../../src/main/api/limiter';

const PASSWORD = 'sandbox';
const MANAGER = 'manager@sandbox.test';
const ADMIN = 'admin@sandbox.test';
const NOROLE = 'norole@sandbox.test';

let sandbox: Sandbox;
/** Every error any test saw, and every secret any session held: checked for leaks at the end. */
const seenErrors: AppError[] = [];
const seenSecrets = new Set<string>();

/** Quick retries so fault tests finish fast; the policy itself is unit-tested. */
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 4, maxTotalMs: 20_000 };

function client(extra: Partial<EvoClientOptions> = {}): EvoClient {
  return new EvoClient({
    baseUrl: sandbox.url,
    limiter: new RequestLimiter({ maxInFlight: 8, requestsPerSecond: 1000 }),
    retry: FAST_RETRY,
    timeoutMs: 5_000,
    ...extra,
  });
}

async function signedIn(userName = MANAGER, extra: Partial<EvoClientOptions> = {}): Promise<EvoClient> {
  const c = client(extra);
  await c.signIn(userName, PASSWORD, true);
  rememberSecrets(c);
  return c;
}

function rememberSecrets(c: EvoClient) {
  const { 'ss-id': id, 'ss-pid': pid } = c.sessionCookies();
  if (id) seenSecrets.add(id);
  if (pid) seenSecrets.add(pid);
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    seenErrors.push(error as AppError);
    return error as AppError;
  }
  throw new Error('expected the call to fail');
}

/** Waits for a condition (no fixed sleeps). */
async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
});

afterAll(async () => {
  await sandbox?.close();
});

beforeEach(() => {
  sandbox.admin.clearFaults();
  sandbox.admin.resetMetrics();
  sandbox.admin.reset();
});

describe('construction', () => {
  it('refuses http:// to a non-loopback server with the InsecureUrl message', () => {
    let thrown: unknown;
    try {
      new EvoClient({ baseUrl: 'http://evovoice.io' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ kind: 'InsecureUrl', message: expect.stringMatching(/must be reached over https/) });
  });

  it('accepts https and loopback http, normalising the base URL', () => {
    expect(new EvoClient({ baseUrl: 'https://evovoice.io/' }).baseUrl).toBe('https://evovoice.io');
    expect(new EvoClient({ baseUrl: `${sandbox.url}/` }).baseUrl).toBe(sandbox.url);
  });
});

describe('authentication', () => {
  it('signs in, keeps the session cookies and returns no secret', async () => {
    const c = client();
    const response = await c.signIn(MANAGER, PASSWORD, true);
    rememberSecrets(c);
    expect(response).toMatchObject({ userName: MANAGER, roles: ['Manager'], displayName: 'Max Manager' });
    expect(response).not.toHaveProperty('sessionId');
    expect(response).not.toHaveProperty('bearerToken');
    const cookies = c.sessionCookies();
    expect(Object.keys(cookies).sort()).toEqual(['ss-id', 'ss-opt', 'ss-pid']);
    expect(cookies['ss-opt']).toBe('perm');
    expect(JSON.stringify(response)).not.toContain(cookies['ss-id']);
    expect(JSON.stringify(response)).not.toContain(cookies['ss-pid']);

    const me = await c.authStatus();
    expect(me).toMatchObject({ isAuthenticated: true, emailAddress: MANAGER, accountIds: [sandbox.fixtures.managerAccountId] });
  });

  it('a wrong password is AuthRequired, not retried, and leaves no session', async () => {
    const c = client();
    const error = await failure(c.signIn(MANAGER, 'wrong-password', true));
    expect(error).toMatchObject({ kind: 'AuthRequired', operation: 'signIn', status: 401 });
    expect(error.message).toMatch(/email or password was not accepted/);
    expect(error.message).not.toContain('wrong-password');
    expect(sandbox.admin.metrics().requestsByStatus['401']).toBe(1);
    expect(c.sessionCookies()).toEqual({});
  });

  it('authStatus without a session is AuthRequired', async () => {
    const error = await failure(client().authStatus());
    expect(error.kind).toBe('AuthRequired');
  });

  it('a saved session restores into a new client (app restart)', async () => {
    const first = await signedIn();
    const saved = first.sessionCookies();
    const second = client();
    second.restoreSession(saved);
    await expect(second.authStatus()).resolves.toMatchObject({ emailAddress: MANAGER });
  });

  it('signOut ends the session on the server and forgets it locally', async () => {
    const c = await signedIn();
    const saved = c.sessionCookies();
    await c.signOut();
    expect(c.sessionCookies()).toEqual({});
    expect((await failure(c.authStatus())).kind).toBe('AuthRequired');
    const again = client();
    again.restoreSession(saved);
    expect((await failure(again.authStatus())).kind).toBe('AuthRequired');
    await expect(c.signOut()).resolves.toBeUndefined(); // nothing to sign out: no error
  });
});

describe('reads and writes', () => {
  let manager: EvoClient;
  const written: Customer[][] = [];

  beforeAll(async () => {
    manager = await signedIn(MANAGER, { onCustomers: (customers) => written.push(customers) });
  });

  it('listCustomers applies the filters (lists sent comma-separated) and writes through to the cache hook', async () => {
    written.length = 0;
    const { bigParentId, bigParentChildCount, managerAccountId } = sandbox.fixtures;
    const page = await manager.listCustomers({ accountIds: [managerAccountId], parentCustomerIds: [bigParentId], shallowParent: true, countPerPage: 50 });
    expect(page.totalCount).toBe(bigParentChildCount);
    expect(page.hasMorePages).toBe(true);
    expect(page.items).toHaveLength(50);
    expect(page.items.every((c) => c.parentCustomerId === bigParentId && c.accountId === managerAccountId)).toBe(true);
    expect(written.flat().map((c) => c.id)).toEqual(page.items.map((c) => c.id));

    const [tagA, tagB] = sandbox.fixtures.tagFilter.tagIds;
    const tagged = await manager.listCustomers({ accountIds: [managerAccountId], tagIds: [tagA, tagB], all: true });
    expect(tagged.items.length).toBeGreaterThan(0);
    for (const c of tagged.items) expect(c.tags?.map((t) => t.id)).toEqual(expect.arrayContaining([tagA, tagB]));
    const none = await manager.listCustomers({ tagIds: [sandbox.fixtures.unusedTagId] });
    expect(none.items).toEqual([]);
  });

  it('customerPages walks every page to the end, with and without simplifiedPaging', async () => {
    const { bigParentId, bigParentDescendantCount } = sandbox.fixtures;
    const collect = async (simplifiedPaging: boolean) => {
      const ids: string[] = [];
      let pages = 0;
      for await (const items of manager.customerPages({ parentCustomerIds: [bigParentId], countPerPage: 37, simplifiedPaging })) {
        pages++;
        ids.push(...items.map((c) => c.id));
      }
      return { ids, pages };
    };
    const full = await collect(false);
    expect(full.ids).toHaveLength(bigParentDescendantCount);
    expect(new Set(full.ids).size).toBe(bigParentDescendantCount);
    expect(full.pages).toBe(Math.ceil(bigParentDescendantCount / 37));
    const simple = await collect(true);
    expect(simple.ids).toEqual(full.ids);

    // Starting later (a sync that already has page 0) yields only the rest.
    const rest: string[] = [];
    for await (const items of manager.customerPages({ parentCustomerIds: [bigParentId], countPerPage: 37, page: 1 })) rest.push(...items.map((c) => c.id));
    expect(rest).toEqual(full.ids.slice(37));
  });

  it('getCustomer returns the full record', async () => {
    const leaf = sandbox.fixtures.chainIds[4] as string;
    const customer = await manager.getCustomer(leaf);
    expect(customer.id).toBe(leaf);
    expect(customer.parentCustomerId).toBe(sandbox.fixtures.chainIds[3]);
    expect(customer.breadcrumb?.map((b) => b.id)).toEqual(sandbox.fixtures.chainIds.slice(0, 4));
  });

  it('getCustomers batches specificIds (more ids than one batch) and leaves unknown ids out', async () => {
    const all = sandbox.admin.customers().filter((c) => c.accountId === sandbox.fixtures.managerAccountId);
    const wanted = all.slice(0, EVO_ASSUMPTIONS.specificIdsBatchSize * 2 + 17).map((c) => c.id);
    const outcomes: RequestOutcome[] = [];
    const c = await signedIn(MANAGER, { onOutcome: (o) => outcomes.push(o) });
    const ids = ['does-not-exist', ...wanted.slice().reverse(), 'also-missing', wanted[0] as string];
    const customers = await c.getCustomers(ids);
    expect(customers.map((x) => x.id)).toEqual(wanted.slice().reverse());
    expect(outcomes.filter((o) => o.operation === 'listCustomers').length).toBeGreaterThanOrEqual(3);
    await expect(c.getCustomers([])).resolves.toEqual([]);
  });

  it('setStaging writes the flag and returns the validated customer', async () => {
    const id = sandbox.fixtures.chainIds[2] as string;
    const before = sandbox.admin.customer(id)?.isStaging ?? false;
    written.length = 0;
    const updated = await manager.setStaging(id, !before);
    expect(updated).toMatchObject({ id, isStaging: !before });
    expect(sandbox.admin.customer(id)?.isStaging).toBe(!before);
    expect(sandbox.admin.writes()).toEqual([expect.objectContaining({ customerId: id, from: before, to: !before, user: MANAGER })]);
    expect(written).toEqual([[updated]]);
    await manager.setStaging(id, before);
    expect(sandbox.admin.customer(id)?.isStaging).toBe(before);
  });

  it('inheritedSchedule and testSchedule (the schedule is always sent)', async () => {
    const schedule = await manager.inheritedSchedule(sandbox.fixtures.inheritCustomerId);
    expect(schedule?.inherit).not.toBe(true);
    const own = (await manager.getCustomer(sandbox.fixtures.forceClosedCustomerId)).schedule ?? {};
    const closed = await manager.testSchedule(sandbox.fixtures.forceClosedCustomerId, new Date().toISOString(), own);
    expect(closed.stateName).toBe(EVO_ASSUMPTIONS.forceClosedStateName);
    const custom = await manager.testSchedule(sandbox.fixtures.chainIds[0] as string, '2026-06-01T12:00:00Z', { defaultState: 'Holiday', rules: [] });
    expect(custom.stateName).toBe('Holiday');
  });

  it('testSchedule with a bad date is BadRequest with the field error, and never retried', async () => {
    const error = await failure(manager.testSchedule(sandbox.fixtures.chainIds[0] as string, 'not a date', { rules: [] }));
    expect(error).toMatchObject({ kind: 'BadRequest', status: 400, customerId: sandbox.fixtures.chainIds[0] });
    expect(error.fieldErrors).toEqual([expect.objectContaining({ field: 'DateTime' })]);
    expect(sandbox.admin.metrics().requestsByStatus['400']).toBe(1); // not retried
  });

  it('systemSettings returns the tag catalogue', async () => {
    const settings = await manager.systemSettings(sandbox.fixtures.managerAccountId);
    const tagIds = (settings.tags ?? []).map((t) => t.id);
    expect(tagIds).toEqual(expect.arrayContaining([...sandbox.fixtures.tagFilter.tagIds]));
  });

  it('listAccounts returns every account the user may see, all pages', async () => {
    expect((await manager.listAccounts()).map((a) => a.id)).toEqual([sandbox.fixtures.managerAccountId]);
    const admin = await signedIn(ADMIN);
    expect((await admin.listAccounts()).map((a) => a.id).sort()).toEqual(sandbox.fixtures.accounts.map((a) => a.id).sort());
  });
});

describe('errors from the server', () => {
  it('403 for a user without a role names the missing role', async () => {
    const c = await signedIn(NOROLE);
    const error = await failure(c.getCustomer(sandbox.fixtures.chainIds[0] as string));
    expect(error).toMatchObject({ kind: 'Forbidden', status: 403, customerId: sandbox.fixtures.chainIds[0] });
    expect(error.message).toMatch(/lacks the role/);
  });

  it('403 for a customer of another account says it is not in your account', async () => {
    const c = await signedIn(MANAGER);
    const id = sandbox.fixtures.otherAccountCustomerId;
    const error = await failure(c.setStaging(id, true));
    expect(error).toMatchObject({ kind: 'Forbidden', customerId: id });
    expect(error.message).toContain(`Customer ${id} is not in your account`);
    expect(sandbox.admin.writes()).toEqual([]);
  });

  it('404 names the customer', async () => {
    const c = await signedIn(MANAGER);
    const error = await failure(c.getCustomer('no-such-customer'));
    expect(error).toMatchObject({ kind: 'NotFound', status: 404, customerId: 'no-such-customer' });
    expect(error.message).toContain('Customer no-such-customer was not found');
  });

  it('401 after forced session expiry, without a re-sign-in hook', async () => {
    const c = await signedIn(MANAGER);
    sandbox.admin.expireSessions();
    const error = await failure(c.getCustomer(sandbox.fixtures.chainIds[0] as string));
    expect(error).toMatchObject({ kind: 'AuthRequired', status: 401 });
    expect(error.message).toMatch(/Sign in again/);
  });
});

describe('re-sign-in on 401', () => {
  it('calls onAuthRequired once for concurrent calls, then replays each once', async () => {
    let hookCalls = 0;
    const c: EvoClient = await signedIn(MANAGER, {
      onAuthRequired: async (error) => {
        hookCalls++;
        expect(error.kind).toBe('AuthRequired');
        await c.signIn(MANAGER, PASSWORD, true);
        rememberSecrets(c);
      },
    });
    sandbox.admin.expireSessions();
    const ids = sandbox.fixtures.chainIds;
    const customers = await Promise.all(ids.map((id) => c.getCustomer(id)));
    expect(customers.map((x) => x.id)).toEqual(ids);
    expect(hookCalls).toBe(1);
  });

  it('a rejected hook gives up with AuthRequired', async () => {
    const c = await signedIn(MANAGER, { onAuthRequired: async () => Promise.reject(new Error('user closed the dialog')) });
    sandbox.admin.expireSessions();
    const error = await failure(c.getCustomer(sandbox.fixtures.chainIds[0] as string));
    expect(error.kind).toBe('AuthRequired');
  });

  it('the caller can cancel while waiting for the re-sign-in', async () => {
    let release!: () => void;
    const signInDone = new Promise<void>((resolve) => (release = resolve));
    let hookCalls = 0;
    const c = await signedIn(MANAGER, {
      onAuthRequired: async () => {
        hookCalls++;
        await signInDone; // the user is still typing
      },
    });
    sandbox.admin.expireSessions();
    const controller = new AbortController();
    const pending = failure(c.getCustomer(sandbox.fixtures.chainIds[0] as string, { signal: controller.signal }));
    await until(() => hookCalls === 1, 'the re-sign-in prompt');
    controller.abort();
    expect((await pending).kind).toBe('Cancelled');
    release();
  });

  it('replays only once: still 401 after the hook → AuthRequired', async () => {
    let hookCalls = 0;
    const c = await signedIn(MANAGER, {
      onAuthRequired: async () => {
        hookCalls++; // "signed in" without actually doing it
      },
    });
    sandbox.admin.expireSessions();
    const error = await failure(c.getCustomer(sandbox.fixtures.chainIds[0] as string));
    expect(error.kind).toBe('AuthRequired');
    expect(hookCalls).toBe(1);
    expect(sandbox.admin.metrics().requestsByStatus['401']).toBe(2);
  });
});

describe('faults', () => {
  it('429: the whole client waits out Retry-After (no violation) and every call succeeds', async () => {
    const limiter = new RequestLimiter({ maxInFlight: 1, requestsPerSecond: 100 });
    const c = await signedIn(MANAGER, { limiter, retry: { ...FAST_RETRY, maxAttempts: 6 } });
    sandbox.admin.setFaults({ rateLimitPerSecond: 4, rateLimitBurst: 2 });
    sandbox.admin.resetMetrics();
    const ids = sandbox.fixtures.chainIds;
    const results = await Promise.all([...ids, ...ids].map((id) => c.getCustomer(id)));
    expect(results).toHaveLength(ids.length * 2);
    const metrics = sandbox.admin.metrics();
    expect(metrics.rateLimited).toBeGreaterThan(0);
    expect(metrics.retryAfterViolations).toBe(0);
  });

  it('429 with retries used up is RateLimited with retryAfterMs', async () => {
    const c = await signedIn(MANAGER, { retry: { ...FAST_RETRY, maxAttempts: 1 } });
    sandbox.admin.setFaults({ rateLimitPerSecond: 1, rateLimitBurst: 1 });
    await c.getCustomer(sandbox.fixtures.chainIds[0] as string);
    const error = await failure(c.getCustomer(sandbox.fixtures.chainIds[1] as string));
    expect(error).toMatchObject({ kind: 'RateLimited', status: 429 });
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(1000);
  });

  it('5xx is retried and then succeeds', async () => {
    const outcomes: RequestOutcome[] = [];
    const c = await signedIn(MANAGER, {
      onOutcome: (o) => {
        if (o.operation === 'signIn') return;
        outcomes.push(o);
        if (o.kind === 'ServerError' && outcomes.filter((x) => x.kind === 'ServerError').length === 2) sandbox.admin.setFaults({ errorRate: 0 });
      },
    });
    sandbox.admin.setFaults({ errorRate: 1 });
    const id = sandbox.fixtures.chainIds[1] as string;
    const customer = await c.setStaging(id, true);
    expect(customer.isStaging).toBe(true);
    expect(sandbox.admin.metrics().requestsByStatus['500']).toBe(2);
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, true]);
  });

  it('5xx every time ends as ServerError after maxAttempts', async () => {
    const c = await signedIn(MANAGER);
    sandbox.admin.setFaults({ errorRate: 1 });
    const error = await failure(c.getCustomer(sandbox.fixtures.chainIds[0] as string));
    expect(error).toMatchObject({ kind: 'ServerError', status: 500 });
    expect(sandbox.admin.metrics().requestsByStatus['500']).toBe(FAST_RETRY.maxAttempts);
  });

  it('connection reset is Network, retried, then succeeds', async () => {
    const outcomes: RequestOutcome[] = [];
    const c = await signedIn(MANAGER, {
      onOutcome: (o) => {
        if (o.operation === 'signIn') return;
        outcomes.push(o);
        if (o.kind === 'Network') sandbox.admin.setFaults({ resetRate: 0 });
      },
    });
    sandbox.admin.setFaults({ resetRate: 1 });
    await expect(c.getCustomer(sandbox.fixtures.chainIds[0] as string)).resolves.toMatchObject({ id: sandbox.fixtures.chainIds[0] });
    expect(outcomes[0]).toMatchObject({ ok: false, networkFailure: true, kind: 'Network' });
    expect(outcomes.at(-1)).toMatchObject({ ok: true });
  });

  it('connection reset every time ends as Network', async () => {
    const c = await signedIn(MANAGER, { retry: { ...FAST_RETRY, maxAttempts: 2 } });
    sandbox.admin.setFaults({ resetRate: 1 });
    const error = await failure(c.getCustomer(sandbox.fixtures.chainIds[0] as string));
    expect(error.kind).toBe('Network');
    expect(sandbox.admin.metrics().requestsByStatus['reset']).toBe(2);
  });

  it('a hung request is a Timeout', async () => {
    const c = await signedIn(MANAGER, { timeoutMs: 300, retry: { ...FAST_RETRY, maxAttempts: 2 } });
    sandbox.admin.setFaults({ hangRate: 1 });
    const error = await failure(c.getCustomer(sandbox.fixtures.chainIds[0] as string));
    expect(error).toMatchObject({ kind: 'Timeout', customerId: sandbox.fixtures.chainIds[0] });
    sandbox.admin.clearFaults();
    await until(() => (sandbox.admin.metrics().requestsByStatus['hang'] ?? 0) === 2, 'both hung requests to be closed');
  });

  it('a server that is down is Network and reported as a network failure', async () => {
    const outcomes: RequestOutcome[] = [];
    const c = await signedIn(MANAGER, { onOutcome: (o) => void (o.operation !== 'signIn' && outcomes.push(o)), retry: { ...FAST_RETRY, maxAttempts: 2 } });
    await sandbox.admin.down();
    try {
      const error = await failure(c.getCustomer(sandbox.fixtures.chainIds[0] as string));
      expect(error.kind).toBe('Network');
      expect(error.message).toMatch(/Could not reach/);
      expect(outcomes).toEqual([
        expect.objectContaining({ ok: false, networkFailure: true }),
        expect.objectContaining({ ok: false, networkFailure: true }),
      ]);
    } finally {
      await sandbox.admin.up();
    }
    await expect(c.getCustomer(sandbox.fixtures.chainIds[0] as string)).resolves.toBeTruthy();
  });
});

describe('limiter and abort', () => {
  it('concurrent callers sharing a limiter never exceed its in-flight bound at the server', async () => {
    const limiter = new RequestLimiter({ maxInFlight: 3, requestsPerSecond: 1000 });
    const a = await signedIn(MANAGER, { limiter });
    const b = await signedIn(ADMIN, { limiter });
    sandbox.admin.setFaults({ latencyMs: 20 });
    sandbox.admin.resetMetrics();
    const ids = sandbox.fixtures.chainIds;
    await Promise.all([...ids, ...ids, ...ids].flatMap((id) => [a.getCustomer(id), b.getCustomer(id)]));
    expect(sandbox.admin.metrics().maxInFlight).toBeLessThanOrEqual(3);
    expect(limiter.stats().maxInFlightSeen).toBe(3);
    expect(limiter.inFlight).toBe(0);
  });

  it('aborting a request in flight is Cancelled and not retried', async () => {
    const c = await signedIn(MANAGER);
    sandbox.admin.setFaults({ latencyMs: 2_000 });
    sandbox.admin.resetMetrics();
    const controller = new AbortController();
    const pending = failure(c.getCustomer(sandbox.fixtures.chainIds[0] as string, { signal: controller.signal }));
    await until(() => sandbox.admin.metrics().inFlight === 1, 'the request to reach the server');
    controller.abort();
    const error = await pending;
    expect(error).toMatchObject({ kind: 'Cancelled', customerId: sandbox.fixtures.chainIds[0] });
    await until(() => sandbox.admin.metrics().inFlight === 0, 'the server to see the abort');
    expect(sandbox.admin.metrics().requestsByStatus['aborted']).toBe(1);
  });

  it('aborting a request still queued in the limiter never sends it', async () => {
    const limiter = new RequestLimiter({ maxInFlight: 1, requestsPerSecond: 1000 });
    const c = await signedIn(MANAGER, { limiter });
    sandbox.admin.setFaults({ latencyMs: 300 });
    sandbox.admin.resetMetrics();
    const first = c.getCustomer(sandbox.fixtures.chainIds[0] as string);
    const controller = new AbortController();
    const queued = failure(c.getCustomer(sandbox.fixtures.chainIds[1] as string, { signal: controller.signal }));
    await until(() => limiter.queued === 1, 'the second call to queue');
    controller.abort();
    expect((await queued).kind).toBe('Cancelled');
    await first;
    expect(sandbox.admin.metrics().requestsByStatus['200']).toBe(1);
  });
});

describe('secrets', () => {
  it('no session cookie value appears in any error message or serialised error', () => {
    expect(seenErrors.length).toBeGreaterThan(15);
    expect(seenSecrets.size).toBeGreaterThan(3);
    for (const error of seenErrors) {
      const serialised = JSON.stringify(error.toData()) + String(error) + JSON.stringify(error);
      for (const secret of seenSecrets) expect(serialised).not.toContain(secret);
    }
  });
});
