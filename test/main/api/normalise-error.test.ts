/* Error normalisation, unit by unit: HTTP answers (with and without a ServiceStack ResponseStatus
 * body), fetch's transport failures, our own timeout and the caller's cancel, redirects, answers
 * too large or not JSON, answers that do not fit. The same paths are exercised over real HTTP in
 * evo-client.*.test.ts; here every branch is pinned down with exact messages. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src/shared/errors';
import { CustomerInfoSchema, StagingAnswerSchema } from '../../../src/shared/evo/schemas';
import { formatPath } from '../../../src/shared/evo/tolerant';
import {
  httpError,
  invalidAnswerError,
  isOverCapRateLimit,
  namesField,
  notJsonError,
  parseRetryAfter,
  redirectError,
  tooLargeError,
  transportError,
  type ErrorContext,
} from '../../../src/main/api/normalise-error';

const ctx = (extra: Partial<ErrorContext> = {}): ErrorContext => ({ operation: 'getCustomer', doing: 'reading customer c1', server: 'https://evo.example', ...extra });
const answer = (status: number, body?: unknown, headers: Record<string, string> = {}, statusText = '') => ({ status, statusText, headers: new Headers(headers), body });
const rs = (responseStatus: Record<string, unknown>) => ({ responseStatus });
const noInternalNames = (e: AppError) =>
  expect(e.message).not.toMatch(/\b(getCustomer|setStaging|signIn|signOut|authStatus|listCustomers|listAccounts|inheritedSchedule|testSchedule|systemSettings)\b/);

function expectClean(error: AppError) {
  expect(error.message).not.toMatch(/\n\s+at /); // no stack trace
  expect(error.message).not.toMatch(/stackTrace|ss-id|ss-pid/i);
  expect(error.message.length).toBeGreaterThan(20);
  noInternalNames(error);
}

describe('httpError', () => {
  it('401 → AuthRequired telling the user to sign in again, saying what was being done', () => {
    const e = httpError(ctx(), answer(401, rs({ errorCode: 'Unauthorized', message: 'Not Authenticated' })));
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ kind: 'AuthRequired', status: 401, operation: 'getCustomer' });
    expect(e.message).toBe('Not signed in to https://evo.example, or the session has expired (while reading customer c1). Sign in again to continue.');
    expectClean(e);
  });

  it('401 on sign-in → wrong email or password', () => {
    const e = httpError(ctx({ operation: 'signIn', doing: 'signing in' }), answer(401, rs({ message: 'Invalid UserName or Password' })));
    expect(e.kind).toBe('AuthRequired');
    expect(e.message).toMatch(/email or password was not accepted/);
    noInternalNames(e);
  });

  it('403 "Invalid Role" → names the roles that would do, Admin included', () => {
    const e = httpError(ctx(), answer(403, rs({ errorCode: 'Forbidden', message: 'Invalid Role' }), {}, 'Invalid Role'));
    expect(e).toMatchObject({ kind: 'Forbidden', status: 403 });
    expect(e.message).toMatch(/lacks the role needed for reading customer c1/);
    expect(e.message).toMatch(/SystemAdministrator, Manager, Customer \(or Admin\)/);
  });

  it('403 otherwise → the customer is not in your account, naming it', () => {
    const e = httpError(ctx({ customerId: 'cus_42' }), answer(403, rs({ message: 'Access denied' }), {}, 'Forbidden'));
    expect(e).toMatchObject({ kind: 'Forbidden', customerId: 'cus_42' });
    expect(e.message).toMatch(/^Customer cus_42 is not in your account/);
  });

  it('404 → NotFound naming the customer', () => {
    const e = httpError(ctx({ customerId: 'cus_9' }), answer(404, rs({ errorCode: 'NotFound' })));
    expect(e).toMatchObject({ kind: 'NotFound', customerId: 'cus_9', status: 404 });
    expect(e.message).toMatch(/Customer cus_9 was not found on https:\/\/evo\.example \(while reading customer c1\)/);
  });

  it('429 → RateLimited with Retry-After in ms (seconds or HTTP date)', () => {
    expect(httpError(ctx(), answer(429, undefined, { 'Retry-After': '3' }))).toMatchObject({ kind: 'RateLimited', retryAfterMs: 3000 });
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(httpError(ctx({ nowMs: now }), answer(429, undefined, { 'Retry-After': 'Thu, 01 Jan 2026 00:00:05 GMT' })).retryAfterMs).toBe(5000);
    const none = httpError(ctx(), answer(429));
    expect(none.kind).toBe('RateLimited');
    expect(none.retryAfterMs).toBeUndefined();
    expect(isOverCapRateLimit(none)).toBe(false);
  });

  it('429 with a Retry-After past the cap → held for the cap only, named, and not to be retried', () => {
    const e = httpError(ctx({ retryAfterCapMs: 60_000 }), answer(429, undefined, { 'Retry-After': 'Fri, 31 Dec 9999 23:59:59 GMT' }));
    expect(e).toMatchObject({ kind: 'RateLimited', retryAfterMs: 60_000 });
    expect(e.message).toContain('"Fri, 31 Dec 9999 23:59:59 GMT"');
    expect(e.message).toContain('longer than the 60 s this console waits');
    expect(isOverCapRateLimit(e)).toBe(true);
  });

  it('5xx → ServerError with one line of the server message, never its stack trace', () => {
    const e = httpError(ctx({ customerId: 'c1' }), answer(500, rs({ errorCode: 'NullReferenceException', message: 'Object reference not set\nsecond line', stackTrace: '   at Evo.Services.Foo()' })));
    expect(e).toMatchObject({ kind: 'ServerError', status: 500, customerId: 'c1' });
    expect(e.message).toMatch(/failed while reading customer c1 \(HTTP 500\)/);
    expect(e.message).toMatch(/Server said: "Object reference not set"/);
    expect(e.message).not.toMatch(/Evo\.Services|second line/);
    expectClean(e);
  });

  it('400 → BadRequest with field errors; namesField finds the request member (PascalCase or spaced)', () => {
    const e = httpError(
      ctx({ operation: 'setStaging', doing: 'switching customer c2 to staging', customerId: 'c2' }),
      answer(400, rs({ errorCode: 'ValidationException', errors: [{ errorCode: 'NotNull', fieldName: 'IsStaging', message: "'Is Staging' must not be empty." }] })),
    );
    expect(e).toMatchObject({ kind: 'BadRequest', status: 400, fieldErrors: [{ field: 'IsStaging', message: "'Is Staging' must not be empty." }] });
    expect(e.message).toMatch(/rejected switching customer c2 to staging \(HTTP 400\)\. Fields: IsStaging/);
    expect(namesField(e, 'IsStaging')).toBe(true);
    expect(namesField(e, 'CountPerPage')).toBe(false);
    const spaced = httpError(ctx(), answer(400, rs({ message: "'Count Per Page' must be less than or equal to '100'." })));
    expect(namesField(spaced, 'CountPerPage')).toBe(true);
  });

  it('400 without a JSON body, 409, and an unexpected status', () => {
    expect(httpError(ctx(), answer(400)).kind).toBe('BadRequest');
    expect(httpError(ctx(), answer(409, rs({ errorCode: 'OptimisticConcurrencyException' }))).kind).toBe('Conflict');
    expect(httpError(ctx(), answer(302)).kind).toBe('Unexpected');
  });
});

describe('transportError', () => {
  const fetchFailed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code }) });
  const how = { timedOut: false, cancelled: false };

  it.each([
    ['ECONNREFUSED', /connection refused/],
    ['ECONNRESET', /connection reset/],
    ['ENOTFOUND', /host name not found/],
    ['UND_ERR_SOCKET', /closed unexpectedly/],
  ])('TypeError: fetch failed (%s) → Network', (code, reason) => {
    const e = transportError(fetchFailed(code), ctx({ customerId: 'c3' }), how);
    expect(e).toMatchObject({ kind: 'Network', customerId: 'c3' });
    expect(e.message).toMatch(reason);
    expect(e.message).toMatch(/^Could not reach https:\/\/evo\.example while reading customer c1/);
  });

  it('finds the code inside an AggregateError cause (IPv4 + IPv6 both refused)', () => {
    const aggregate = new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })], 'all failed');
    const e = transportError(Object.assign(new TypeError('fetch failed'), { cause: aggregate }), ctx(), how);
    expect(e.kind).toBe('Network');
    expect(e.message).toMatch(/connection refused/);
  });

  it('a bare "fetch failed" is still Network; undici header timeouts are Timeout', () => {
    expect(transportError(new TypeError('fetch failed'), ctx(), how).kind).toBe('Network');
    expect(transportError(fetchFailed('UND_ERR_HEADERS_TIMEOUT'), ctx(), how).kind).toBe('Timeout');
  });

  it('our timer → Timeout, the caller → Cancelled, whatever was thrown', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    const timedOut = transportError(abort, ctx({ timeoutMs: 15_000 }), { timedOut: true, cancelled: false });
    expect(timedOut).toMatchObject({ kind: 'Timeout' });
    expect(timedOut.message).toBe('https://evo.example did not answer within 15 s while reading customer c1. The server may be overloaded or the network slow; try again, and check the server status if it keeps happening.');
    expect(transportError(abort, ctx(), { timedOut: false, cancelled: true })).toMatchObject({ kind: 'Cancelled', message: 'Cancelled reading customer c1.' });
    expect(transportError(abort, ctx(), how)).toMatchObject({ kind: 'Cancelled' });
    expect(transportError(new DOMException('timed out', 'TimeoutError'), ctx(), how)).toMatchObject({ kind: 'Timeout' });
  });

  it('an AppError passes through unchanged', () => {
    const original = new AppError({ kind: 'Offline', message: 'offline' });
    expect(transportError(original, ctx(), how)).toBe(original);
  });
});

describe('answers the console cannot use', () => {
  it('a redirect names its target (origin and path only) and is never followed', () => {
    const e = redirectError(ctx({ operation: 'signIn', doing: 'signing in' }), 307, 'https://login.other.example/sso?token=abc');
    expect(e.kind).toBe('InvalidResponse');
    expect(e.message).toContain('a redirect to https://login.other.example/sso (HTTP 307)');
    expect(e.message).not.toContain('token=abc');
    noInternalNames(e);
  });

  it('for a change, the same answers are AmbiguousResponse: it may have been applied', () => {
    const change = ctx({ operation: 'setStaging', doing: 'switching customer c5 to staging', customerId: 'c5', changesState: true });
    for (const e of [redirectError(change, 302, '/login'), notJsonError(change, 'text/html; charset=utf-8'), tooLargeError(change, 20 * 1024 * 1024, 16 * 1024 * 1024)]) {
      expect(e).toMatchObject({ kind: 'AmbiguousResponse', customerId: 'c5' });
      expect(e.message).toMatch(/cannot tell whether the change was applied/);
    }
  });

  it('an HTML page or other non-JSON, and a body over the limit, say so', () => {
    expect(notJsonError(ctx(), 'text/html').message).toMatch(/answered reading customer c1 with an HTML page instead of JSON/);
    expect(notJsonError(ctx(), 'text/plain').message).toMatch(/something that is not JSON \(text\/plain\)/);
    expect(tooLargeError(ctx(), undefined, 1024 * 1024).message).toMatch(/larger than the 1\.0 MB this console reads/);
  });

  it('an answer outside any list that does not fit names the field, never the value', () => {
    const parsed = CustomerInfoSchema.safeParse({ id: 'c1', isStaging: 'yes' }, { reportInput: true });
    expect(parsed.success).toBe(false);
    const e = invalidAnswerError(ctx({ customerId: 'c1' }), parsed.error?.issues ?? []);
    expect(e).toMatchObject({ kind: 'InvalidResponse', customerId: 'c1' });
    expect(e.message).toContain('(isStaging: expected boolean (got string))');
    expect(e.message).not.toContain('yes');
    const write = StagingAnswerSchema.safeParse({ id: '' }, { reportInput: true });
    const ambiguous = invalidAnswerError(ctx({ changesState: true }), write.error?.issues ?? []);
    expect(ambiguous.kind).toBe('AmbiguousResponse');
    expect(ambiguous.message).toMatch(/id: must be a non-empty id \(and 1 more problem\)/);
  });

  it('formats paths for humans', () => {
    expect(formatPath([])).toBe('(body)');
    expect(formatPath(['items', 3, 'tags', 0, 'color'])).toBe('items[3].tags[0].color');
    expect(formatPath(['data', 'odd key'])).toBe('data["odd key"]');
    expect(formatPath([0])).toBe('[0]');
    const top = z.object({ a: z.string() }).safeParse(null, { reportInput: true });
    expect(invalidAnswerError(ctx(), top.error?.issues ?? []).message).toContain('(body): expected object (got null)');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores junk', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('1.5')).toBe(1500);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:00Z'))).toBe(60_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2016-01-01T00:00:00Z'))).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
  });
});
