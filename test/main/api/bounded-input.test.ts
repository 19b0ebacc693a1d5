/* Bounded input over real HTTP: redirects are never followed (the password and the session stay
 * with the server the user chose), a Retry-After far in the future does not hold the client for
 * ever, a huge answer is refused with a clear error, and an answer to a change that cannot be
 * read is "may have landed" (AmbiguousResponse), never a plain failure. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { isAmbiguousKind } from '../../../src/shared/bulk/verify';
import { EvoClient, type EvoClientOptions } from '../../../src/main/api/evo-client';
import { RequestLimiter } from '../../../src/main/api/limiter';
import { exactPath, failure, jsonAnswer, until } from './helpers';

const MANAGER = 'manager@sandbox.test';
let sandbox: Sandbox;
/** The "other origin" a redirect points at: it must never hear from the console. */
let other: Server;
let otherUrl: string;
const otherRequests: { method?: string; url?: string; body: string }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 12, quiet: true });
  other = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      otherRequests.push({ method: req.method, url: req.url, body });
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'ss-id=stolen-session-from-elsewhere; path=/' });
      res.end('{"userName":"attacker"}');
    });
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sandbox?.close();
  await new Promise((resolve) => other?.close(resolve));
});
beforeEach(() => {
  sandbox.admin.clearFaults();
  sandbox.admin.resetMetrics();
  sandbox.admin.reset();
  otherRequests.length = 0;
});

function client(extra: Partial<EvoClientOptions> = {}): EvoClient {
  return new EvoClient({ baseUrl: sandbox.url, limiter: new RequestLimiter({ maxInFlight: 4, requestsPerSecond: 1000 }), retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10 }, ...extra });
}

describe('redirects', () => {
  it('a sign-in answered with a 307 to another origin is an error naming it: the password goes nowhere else, no cookie of it is kept', async () => {
    sandbox.admin.setFaults({
      answerOverrides: [
        { method: 'POST', path: exactPath('/auth/credentials'), afterHandler: false, status: 307, headers: { Location: `${otherUrl}/auth/credentials?next=1`, 'Set-Cookie': 'ss-id=from-the-redirect; path=/' } },
      ],
    });
    const c = client();
    const error = await failure(c.signIn(MANAGER, 'sandbox-password-secret', true));
    expect(error.kind).toBe('InvalidResponse');
    expect(error.message).toContain(`a redirect to ${otherUrl}/auth/credentials (HTTP 307)`);
    expect(error.message).toContain('does not follow redirects');
    expect(error.message).not.toContain('sandbox-password-secret');
    expect(otherRequests).toEqual([]);
    expect(c.sessionCookies()).toEqual({});
    expect(c.hasSession()).toBe(false);
  });

  it('a read answered with a redirect is an error too, and the session is not sent on', async () => {
    const c = client();
    await c.signIn(MANAGER, 'sandbox', true);
    sandbox.admin.setFaults({ answerOverrides: [{ method: 'GET', path: '^/customers/', afterHandler: false, status: 302, headers: { Location: `${otherUrl}/login` } }] });
    const error = await failure(c.getCustomer(sandbox.fixtures.chainIds[0] as string));
    expect(error).toMatchObject({ kind: 'InvalidResponse', customerId: sandbox.fixtures.chainIds[0] });
    expect(error.message).toContain(`a redirect to ${otherUrl}/login (HTTP 302)`);
    expect(otherRequests).toEqual([]);
  });
});

describe('Retry-After', () => {
  const farFuture = 'Fri, 31 Dec 9999 23:59:59 GMT';

  it('a Retry-After in the year 9999 ends the call at once with a message naming the cap; the others wait the cap only, and can be cancelled', async () => {
    const limiter = new RequestLimiter({ maxInFlight: 4, requestsPerSecond: 1000 });
    const c = client({ limiter, retryAfterCapMs: 60_000 });
    await c.signIn(MANAGER, 'sandbox', true);
    const [first, second] = sandbox.fixtures.chainIds as [string, string];
    sandbox.admin.setFaults({ answerOverrides: [{ method: 'GET', path: exactPath(`/customers/${first}`), afterHandler: false, status: 429, headers: { 'Retry-After': farFuture } }] });
    sandbox.admin.resetMetrics();
    // Bounded: the call ends without waiting (vitest's timeout would catch a wait of any length).
    const error = await failure(c.getCustomer(first));
    expect(error).toMatchObject({ kind: 'RateLimited', status: 429, retryAfterMs: 60_000, customerId: first });
    expect(error.message).toContain(`asked to wait "${farFuture}", longer than the 60 s this console waits`);
    expect(sandbox.admin.metrics().requestsByStatus['429']).toBe(1); // not retried

    // Every other request now waits (at most the cap) — and a cancel ends the wait.
    const controller = new AbortController();
    const waiting = failure(c.getCustomer(second, { signal: controller.signal }));
    await until(() => limiter.queued === 1, 'the next call to wait for the hold');
    controller.abort();
    expect((await waiting).kind).toBe('Cancelled');
    expect(sandbox.admin.metrics().requestsByStatus).toEqual({ '429': 1 }); // the cancelled call never went out
  });
});

describe('answer size', () => {
  it('an answer larger than the limit is refused with a clear error, whatever it holds', async () => {
    const c = client({ maxResponseBytes: 1024 * 1024 });
    await c.signIn(MANAGER, 'sandbox', true);
    sandbox.admin.setFaults({ answerOverrides: [{ method: 'GET', path: '^/customers\\?', bodyBytes: 3 * 1024 * 1024 }] });
    const error = await failure(c.listCustomers({ countPerPage: 10 }));
    expect(error.kind).toBe('InvalidResponse');
    expect(error.message).toContain('an answer larger than the 1.0 MB this console reads');
  });
});

describe('answers to a change that cannot be read', () => {
  it('a staging write applied, then answered with an HTML page: AmbiguousResponse, which the bulk engine reads back', async () => {
    const c = client();
    await c.signIn(MANAGER, 'sandbox', true);
    const id = sandbox.fixtures.chainIds[1] as string;
    const before = sandbox.admin.customer(id)?.isStaging ?? false;
    sandbox.admin.setFaults({ answerOverrides: [{ method: 'POST', path: exactPath(`/customers/${id}/staging`), body: '<html><body>Gateway says hello</body></html>' }] });
    const error = await failure(c.setStaging(id, !before, { retry: false }));
    expect(error).toMatchObject({ kind: 'AmbiguousResponse', customerId: id });
    expect(error.message).toContain('with an HTML page instead of JSON, so the console cannot tell whether the change was applied');
    expect(isAmbiguousKind(error.kind)).toBe(true);
    expect(sandbox.admin.customer(id)?.isStaging).toBe(!before); // it did land
  });

  it('a staging write whose answer lacks isStaging is AmbiguousResponse too (a write must say what it did)', async () => {
    const c = client();
    await c.signIn(MANAGER, 'sandbox', true);
    const id = sandbox.fixtures.chainIds[2] as string;
    sandbox.admin.setFaults({ answerOverrides: [jsonAnswer(exactPath(`/customers/${id}/staging`), { id }, { method: 'POST' })] });
    const error = await failure(c.setStaging(id, true, { retry: false }));
    expect(error.kind).toBe('AmbiguousResponse');
    expect(error.message).toContain('isStaging: expected boolean (missing)');
  });
});

describe('TestSchedule', () => {
  it('sends the schedule it is given (the server evaluates that one) and is never retried', async () => {
    const c = client();
    await c.signIn(MANAGER, 'sandbox', true);
    const id = sandbox.fixtures.chainIds[0] as string;
    const answer = await c.testSchedule(id, '2026-06-01T12:00:00Z', { timeZoneId: 'UTC', defaultState: 'Sent By The Console', rules: [] });
    expect(answer.stateName).toBe('Sent By The Console');
    sandbox.admin.setFaults({ errorRate: 1 });
    sandbox.admin.resetMetrics();
    expect((await failure(c.testSchedule(id, '2026-06-01T12:00:00Z', { rules: [] }))).kind).toBe('ServerError');
    expect(sandbox.admin.metrics().requestsByStatus['500']).toBe(1);
  });
});
