import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { RETRY_AFTER_GRACE_MS } from '../../sandbox/faults';
import { isLoopback } from '../../sandbox/admin';
import type { FetchClient } from './helpers';
import { ADMIN, signedIn, waitFor } from './helpers';

let sandbox: Sandbox;
let client: FetchClient;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3 });
  client = await signedIn(sandbox, ADMIN);
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  if (sandbox.admin.isDown()) await sandbox.admin.up();
  sandbox.admin.clearFaults();
  sandbox.admin.resetMetrics();
  sandbox.admin.reset();
});

const adminHttp = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${sandbox.url}/__sandbox${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('faults', () => {
  it('latency delays API answers by at least the fixed part', async () => {
    sandbox.admin.setFaults({ latencyMs: 120, jitterMs: 30 });
    const started = performance.now();
    expect((await client.get('/customers?countPerPage=1')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('errorRate 1 answers 500 in ResponseStatus form; admin routes are never faulted', async () => {
    sandbox.admin.setFaults({ errorRate: 1 });
    const res = await client.get<{ responseStatus: { errorCode: string } }>('/customers');
    expect(res.status).toBe(500);
    expect(res.body.responseStatus.errorCode).toBe('InternalServerError');
    expect((await adminHttp('/metrics')).status).toBe(200);
    expect(sandbox.admin.metrics().requestsByStatus['500']).toBe(1);
  });

  it('rate limit: 429 with Retry-After in whole seconds under load, counted; early retries are violations', async () => {
    sandbox.admin.setFaults({ rateLimitPerSecond: 5, rateLimitBurst: 3 });
    const results = await Promise.all(Array.from({ length: 12 }, () => client.get('/customers?countPerPage=1')));
    const limited = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(3);
    expect(limited.length).toBeGreaterThanOrEqual(6);
    for (const r of limited) expect(r.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(sandbox.admin.metrics().rateLimited).toBe(limited.length);
    expect(sandbox.admin.metrics().retryAfterViolations).toBe(0); // all were sent before any 429 could be read
    // A client that ignores Retry-After: it has read the 429 (plus the grace window) and asks again at once.
    await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_GRACE_MS + 20));
    await client.get('/customers?countPerPage=1');
    expect(sandbox.admin.metrics().retryAfterViolations).toBe(1);
  });

  it('rate limit: a client that waits Retry-After is served and is no violator', async () => {
    sandbox.admin.setFaults({ rateLimitPerSecond: 10, rateLimitBurst: 1 });
    expect((await client.get('/customers?countPerPage=1')).status).toBe(200);
    const limited = await client.get('/customers?countPerPage=1');
    expect(limited.status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, Number(limited.headers.get('retry-after')) * 1000));
    expect((await client.get('/customers?countPerPage=1')).status).toBe(200);
    expect(sandbox.admin.metrics().retryAfterViolations).toBe(0);
  });

  it('brokenCustomerIds: reads of and writes to those customers always answer 500 and change nothing; others are unaffected', async () => {
    const [broken, fine] = sandbox.fixtures.chainIds as [string, string];
    sandbox.admin.setFaults({ brokenCustomerIds: [broken] });
    const before = sandbox.admin.customer(broken)?.isStaging;
    const failed = await client.post<{ responseStatus: { message: string } }>(`/customers/${broken}/staging`, { isStaging: !before });
    expect(failed.status).toBe(500);
    expect(failed.body.responseStatus.message).toContain(broken);
    expect(sandbox.admin.customer(broken)?.isStaging).toBe(before);
    expect((await client.post(`/customers/${fine}/staging`, { isStaging: true })).status).toBe(200);
    expect((await client.get(`/customers/${broken}`)).status).toBe(500);
    expect((await client.get(`/customers/${fine}`)).status).toBe(200);
  });

  it('resetRate 1 destroys the connection', async () => {
    sandbox.admin.setFaults({ resetRate: 1 });
    await expect(client.get('/customers')).rejects.toThrow(/fetch failed/);
    await waitFor(() => sandbox.admin.metrics().requestsByStatus.reset === 1, 2000, 'reset counted');
  });

  it('hangRate 1 never answers (the client aborts) and a hung write changes nothing', async () => {
    sandbox.admin.setFaults({ hangRate: 1 });
    const abort = new AbortController();
    const pending = client.request('POST', `/customers/${sandbox.fixtures.chainIds[0]}/staging`, { isStaging: true }, { signal: abort.signal });
    await waitFor(() => sandbox.admin.metrics().inFlight === 1, 2000, 'request in flight');
    abort.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    await waitFor(() => sandbox.admin.metrics().requestsByStatus.hang === 1, 2000, 'hang counted');
    expect(sandbox.admin.metrics().inFlight).toBe(0);
    expect(sandbox.admin.writes()).toEqual([]);
  });

  it('down mode refuses connections, then comes back on the same port with sessions intact', async () => {
    await sandbox.admin.down();
    await expect(client.get('/auth/status')).rejects.toThrow(/fetch failed/);
    await sandbox.admin.up();
    expect((await client.get('/auth/status')).status).toBe(200);
  });

  it('down over HTTP with forMs comes back by itself', async () => {
    const res = await adminHttp('/down', 'POST', { forMs: 300 });
    expect(res.status).toBe(200);
    await waitFor(() => sandbox.admin.isDown(), 2000, 'down');
    await expect(client.get('/auth/status')).rejects.toThrow(/fetch failed/);
    await waitFor(async () => (await client.get('/auth/status').catch(() => undefined))?.status === 200, 5000, 'back up');
  });

  it('records the maximum number of requests in flight at once', async () => {
    sandbox.admin.setFaults({ latencyMs: 400 });
    await Promise.all(Array.from({ length: 8 }, () => client.get('/customers?countPerPage=1')));
    const metrics = sandbox.admin.metrics();
    expect(metrics.maxInFlight).toBe(8);
    expect(metrics.inFlight).toBe(0);
    expect(metrics.requestsByStatus['200']).toBe(8);
    const reset = (await (await adminHttp('/metrics/reset', 'POST')).json()) as { maxInFlight: number };
    expect(reset.maxInFlight).toBe(0);
  });

  it('faults can be set at start and over HTTP; bad values are refused', async () => {
    const faulty = await startSandbox({ seed: 3, faults: { errorRate: 1 } });
    try {
      expect((await fetch(`${faulty.url}/auth/status`)).status).toBe(500);
    } finally {
      await faulty.close();
    }
    const set = await adminHttp('/faults', 'POST', { latencyMs: 5, errorRate: 0.25 });
    expect(await set.json()).toMatchObject({ latencyMs: 5, errorRate: 0.25 });
    expect(sandbox.admin.faults().errorRate).toBe(0.25);
    expect((await adminHttp('/faults', 'POST', { errorRate: 2 })).status).toBe(400);
    expect(await (await adminHttp('/faults', 'DELETE')).json()).toMatchObject({ latencyMs: 0, errorRate: 0 });
  });
});

describe('answer overrides and list limits', () => {
  const raw = (path: string, init: RequestInit = {}) =>
    fetch(sandbox.url + path, { redirect: 'manual', ...init, headers: { accept: 'application/json', cookie: client.cookieHeader, ...(init.headers ?? {}) } });

  it('after the handler: a write is applied, then answered with the override (a proxy HTML page)', async () => {
    const id = sandbox.fixtures.chainIds[2] as string;
    sandbox.admin.setFaults({ answerOverrides: [{ method: 'POST', path: '/staging$', body: '<html>Gateway says hi</html>' }] });
    const res = await raw(`/customers/${id}/staging`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"isStaging":true}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe('<html>Gateway says hi</html>');
    expect(sandbox.admin.customer(id)?.isStaging).toBe(true);
  });

  it('before the handler: a redirect with its Location; the route never runs', async () => {
    sandbox.admin.setFaults({ answerOverrides: [{ method: 'POST', path: '^/auth/credentials', afterHandler: false, status: 307, headers: { Location: 'http://127.0.0.2:9/auth/credentials' } }] });
    const res = await raw('/auth/credentials', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userName":"x","password":"y"}' });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('http://127.0.0.2:9/auth/credentials');
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('any status and header (an unbounded Retry-After), a padded JSON body of a given size, and a rate', async () => {
    sandbox.admin.setFaults({ answerOverrides: [{ path: '^/customers\\?', status: 429, headers: { 'Retry-After': 'Fri, 31 Dec 9999 23:59:59 GMT' }, bodyBytes: 5000 }] });
    const res = await raw('/customers?countPerPage=1');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('Fri, 31 Dec 9999 23:59:59 GMT');
    const text = await res.text();
    expect(text.length).toBe(5000);
    expect(JSON.parse(text)).toMatchObject({ items: [] });
    sandbox.admin.setFaults({ answerOverrides: [{ path: '^/customers\\?', rate: 0, status: 500 }] });
    expect((await raw('/customers?countPerPage=1')).status).toBe(200);
  });

  it('refuses a malformed override', () => {
    expect(() => sandbox.admin.setFaults({ answerOverrides: [{ path: '(' }] })).toThrow();
    expect(() => sandbox.admin.setFaults({ answerOverrides: [{ path: 'x', status: 99 }] })).toThrow(RangeError);
  });

  it('a page-size cap: silently capped, or refused with a CountPerPage field error', async () => {
    sandbox.admin.setFaults({ maxCountPerPage: 10 });
    const capped = await client.get<{ items: unknown[]; totalPages: number }>('/customers?countPerPage=100');
    expect(capped.body.items).toHaveLength(10);
    sandbox.admin.setFaults({ countPerPageOverMax: 'reject' });
    const refused = await client.get<{ responseStatus: { errors: { fieldName: string }[] } }>('/customers?countPerPage=100');
    expect(refused.status).toBe(400);
    expect(refused.body.responseStatus.errors[0]?.fieldName).toBe('CountPerPage');
    expect((await client.get('/customers?countPerPage=10')).status).toBe(200);
  });

  it('sortField: honoured, ignored (storage order) or refused naming SortField', async () => {
    const names = async () => (await client.get<{ items: { name: string }[] }>('/customers?countPerPage=50&sortField=name')).body.items.map((c) => c.name);
    const sorted = await names();
    expect(sorted).toEqual([...sorted].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    sandbox.admin.setFaults({ sortFieldSupport: 'ignored' });
    expect(await names()).not.toEqual(sorted);
    sandbox.admin.setFaults({ sortFieldSupport: 'rejected' });
    const refused = await client.get<{ responseStatus: { errors: { fieldName: string }[] } }>('/customers?sortField=name');
    expect(refused.status).toBe(400);
    expect(refused.body.responseStatus.errors[0]?.fieldName).toBe('SortField');
  });
});

describe('admin HTTP API', () => {
  it('reads writes, fixtures and a customer’s raw state without auth', async () => {
    const id = sandbox.fixtures.chainIds[1] as string;
    await client.post(`/customers/${id}/staging`, { isStaging: true });
    const writes = (await (await adminHttp('/writes')).json()) as { customerId: string; to: boolean }[];
    expect(writes).toEqual([expect.objectContaining({ customerId: id, to: true })]);
    const raw = (await (await adminHttp(`/customers/${id}`)).json()) as { isStaging: boolean };
    expect(raw.isStaging).toBe(true);
    expect((await adminHttp('/customers/unknown')).status).toBe(404);
    expect(await (await adminHttp('/fixtures')).json()).toEqual(sandbox.fixtures);
    expect((await adminHttp('/')).status).toBe(200);
  });
});

describe('admin access and shutdown', () => {
  it('accepts only loopback addresses', () => {
    for (const address of ['127.0.0.1', '127.4.5.6', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address), address).toBe(true);
    for (const address of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.1', 'fe80::1', '', undefined]) expect(isLoopback(address), String(address)).toBe(false);
  });

  it('closes cleanly while down and with a hung request open', async () => {
    const other = await startSandbox({ seed: 3, faults: { hangRate: 1 } });
    const pending = fetch(`${other.url}/auth/status`).catch((error: unknown) => error);
    await waitFor(() => other.admin.metrics().inFlight === 1, 2000, 'hung request');
    await other.admin.down(60_000);
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
