import { ApiResult, ResponseStatus, ResponseError } from '@servicestack/client';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src/shared/errors';
import { CustomerListSchema, StagingResultSchema } from '../../../src/shared/evo/schemas';
import { formatIssuePath, normaliseError, parseRetryAfter, type ErrorContext } from '../../../src/main/api/normalise-error';

const ctx = (extra: Partial<ErrorContext> = {}): ErrorContext => ({ operation: 'getCustomer', server: 'https://evo.example', ...extra });
const response = (status: number, statusText = '', headers: Record<string, string> = {}) => ({ status, statusText, headers: new Headers(headers) });
/** What @servicestack/client throws for an HTTP error whose body carried a ResponseStatus. */
const thrownBody = (rs: Record<string, unknown>) => ({ responseStatus: rs });

function expectClean(error: AppError) {
  expect(error.message).not.toMatch(/\n\s+at /); // no stack trace
  expect(error.message).not.toMatch(/stackTrace|ss-id|ss-pid/i);
  expect(error.message.length).toBeGreaterThan(20);
}

describe('normaliseError: HTTP errors thrown as { responseStatus }', () => {
  it('401 → AuthRequired telling the user to sign in again', () => {
    const e = normaliseError(thrownBody({ errorCode: 'Unauthorized', message: 'Not Authenticated' }), ctx({ response: response(401) }));
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ kind: 'AuthRequired', status: 401, operation: 'getCustomer' });
    expect(e.message).toMatch(/Sign in again/);
    expectClean(e);
  });

  it('401 on signIn → wrong email or password', () => {
    const e = normaliseError(thrownBody({ errorCode: 'Unauthorized', message: 'Invalid UserName or Password' }), ctx({ operation: 'signIn', response: response(401) }));
    expect(e.kind).toBe('AuthRequired');
    expect(e.message).toMatch(/email or password was not accepted/);
  });

  it('403 "Invalid Role" → names the missing roles', () => {
    const e = normaliseError(thrownBody({ errorCode: 'Forbidden', message: 'Invalid Role' }), ctx({ response: response(403, 'Invalid Role') }));
    expect(e).toMatchObject({ kind: 'Forbidden', status: 403 });
    expect(e.message).toMatch(/lacks the role/);
    expect(e.message).toMatch(/SystemAdministrator, Manager, Customer/);
  });

  it('403 otherwise → the customer is not in your account, naming it', () => {
    const e = normaliseError(thrownBody({ errorCode: 'Forbidden', message: 'Access denied' }), ctx({ customerId: 'cus_42', response: response(403, 'Forbidden') }));
    expect(e).toMatchObject({ kind: 'Forbidden', customerId: 'cus_42' });
    expect(e.message).toMatch(/Customer cus_42 is not in your account/);
  });

  it('404 → NotFound naming the customer', () => {
    const e = normaliseError(thrownBody({ errorCode: 'NotFound', message: 'Customer not found' }), ctx({ customerId: 'cus_9', response: response(404) }));
    expect(e).toMatchObject({ kind: 'NotFound', customerId: 'cus_9', status: 404 });
    expect(e.message).toMatch(/Customer cus_9 was not found/);
  });

  it('429 → RateLimited with Retry-After in ms (seconds or HTTP date)', () => {
    const e = normaliseError(thrownBody({ errorCode: 'TooManyRequests' }), ctx({ response: response(429, 'Too Many Requests', { 'Retry-After': '3' }) }));
    expect(e).toMatchObject({ kind: 'RateLimited', retryAfterMs: 3000 });
    const now = Date.parse('2026-01-01T00:00:00Z');
    const dated = normaliseError(
      thrownBody({ errorCode: 'TooManyRequests' }),
      ctx({ nowMs: now, response: response(429, '', { 'Retry-After': 'Thu, 01 Jan 2026 00:00:05 GMT' }) }),
    );
    expect(dated.retryAfterMs).toBe(5000);
    const none = normaliseError(thrownBody({}), ctx({ response: response(429) }));
    expect(none.kind).toBe('RateLimited');
    expect(none.retryAfterMs).toBeUndefined();
  });

  it('5xx → ServerError without the server stack trace', () => {
    const e = normaliseError(
      thrownBody({ errorCode: 'NullReferenceException', message: 'Object reference not set', stackTrace: '   at Evo.Services.Foo()\n   at Bar()' }),
      ctx({ customerId: 'c1', response: response(500) }),
    );
    expect(e).toMatchObject({ kind: 'ServerError', status: 500, customerId: 'c1' });
    expect(e.message).toMatch(/HTTP 500/);
    expect(e.message).toMatch(/Object reference not set/);
    expect(e.message).not.toMatch(/Evo\.Services/);
    expectClean(e);
  });

  it('400 → BadRequest with field errors', () => {
    const e = normaliseError(
      thrownBody({ errorCode: 'ValidationException', message: 'Validation failed', errors: [{ errorCode: 'NotNull', fieldName: 'IsStaging', message: "'Is Staging' must not be empty." }] }),
      ctx({ operation: 'setStaging', customerId: 'c2', response: response(400) }),
    );
    expect(e).toMatchObject({ kind: 'BadRequest', status: 400, fieldErrors: [{ field: 'IsStaging', message: "'Is Staging' must not be empty." }] });
    expect(e.message).toMatch(/IsStaging/);
  });

  it('takes the status from the library errorCode when no Response was captured', () => {
    // createErrorResponse(res.status, res.statusText): body had no ResponseStatus
    expect(normaliseError(thrownBody({ errorCode: '503', message: 'Service Unavailable' }), ctx()).kind).toBe('ServerError');
    expect(normaliseError(thrownBody({ errorCode: '404', message: 'Not Found' }), ctx()).kind).toBe('NotFound');
    expect(normaliseError(thrownBody({ errorCode: 'Unauthorized' }), ctx()).kind).toBe('AuthRequired');
  });

  it('409 → Conflict', () => {
    expect(normaliseError(thrownBody({ errorCode: 'OptimisticConcurrencyException' }), ctx({ response: response(409) })).kind).toBe('Conflict');
  });
});

describe('normaliseError: ApiResult from client.api()', () => {
  it('maps { succeeded: false, error } by its errorCode', () => {
    const result = new ApiResult({ error: new ResponseStatus({ errorCode: 'NotFound', message: 'Customer not found' }) });
    expect(result.succeeded).toBe(false);
    const e = normaliseError(result, ctx({ customerId: 'x1' }));
    expect(e).toMatchObject({ kind: 'NotFound', customerId: 'x1' });
  });

  it('keeps the field errors of a validation ApiResult', () => {
    const result = new ApiResult({
      error: new ResponseStatus({ errorCode: 'ValidationException', message: 'bad', errors: [new ResponseError({ fieldName: 'DateTime', message: 'Invalid date' })] }),
    });
    const e = normaliseError(result, ctx({ operation: 'testSchedule', response: response(400) }));
    expect(e).toMatchObject({ kind: 'BadRequest', fieldErrors: [{ field: 'DateTime', message: 'Invalid date' }] });
  });
});

describe('normaliseError: transport failures', () => {
  const fetchFailed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code }) });

  it.each([
    ['ECONNREFUSED', /connection refused/],
    ['ECONNRESET', /connection reset/],
    ['ENOTFOUND', /host name not found/],
    ['UND_ERR_SOCKET', /closed unexpectedly/],
  ])('TypeError: fetch failed (%s) → Network', (code, reason) => {
    const e = normaliseError(fetchFailed(code), ctx({ customerId: 'c3' }));
    expect(e).toMatchObject({ kind: 'Network', customerId: 'c3' });
    expect(e.message).toMatch(reason);
    expect(e.message).toMatch(/Could not reach https:\/\/evo\.example/);
  });

  it('finds the code inside an AggregateError cause (IPv4 + IPv6 both refused)', () => {
    const aggregate = new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })], 'all failed');
    const e = normaliseError(Object.assign(new TypeError('fetch failed'), { cause: aggregate }), ctx());
    expect(e.kind).toBe('Network');
    expect(e.message).toMatch(/connection refused/);
  });

  it('a bare "fetch failed" is still Network', () => {
    expect(normaliseError(new TypeError('fetch failed'), ctx()).kind).toBe('Network');
  });

  it('undici header timeouts → Timeout', () => {
    expect(normaliseError(fetchFailed('UND_ERR_HEADERS_TIMEOUT'), ctx()).kind).toBe('Timeout');
  });
});

describe('normaliseError: abort and timeout', () => {
  it('our timer → Timeout, the caller → Cancelled, whatever was thrown', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    expect(normaliseError(abort, ctx({ timedOut: true, timeoutMs: 15_000 }))).toMatchObject({ kind: 'Timeout' });
    expect(normaliseError(abort, ctx({ timedOut: true, timeoutMs: 15_000 })).message).toMatch(/within 15 s/);
    expect(normaliseError(abort, ctx({ cancelled: true }))).toMatchObject({ kind: 'Cancelled' });
    expect(normaliseError(abort, ctx())).toMatchObject({ kind: 'Cancelled' });
    expect(normaliseError(new DOMException('timed out', 'TimeoutError'), ctx())).toMatchObject({ kind: 'Timeout' });
  });

  it('an AppError passes through unchanged', () => {
    const original = new AppError({ kind: 'Offline', message: 'offline' });
    expect(normaliseError(original, ctx())).toBe(original);
  });
});

describe('normaliseError: invalid responses', () => {
  it('a zod failure names the operation and the field path', () => {
    const body = { items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd', isStaging: 'yes' }] };
    const parsed = CustomerListSchema.safeParse(body, { reportInput: true });
    expect(parsed.success).toBe(false);
    const e = normaliseError(parsed.error, ctx({ operation: 'setStaging' }));
    expect(e.kind).toBe('InvalidResponse');
    expect(e.message).toContain('Invalid response from setStaging: items[3].isStaging: expected boolean');
    expect(e.message).not.toContain('yes'); // never the value itself
  });

  it('names the customer and counts further problems', () => {
    const parsed = StagingResultSchema.safeParse({ id: '', isStaging: null }, { reportInput: true });
    const e = normaliseError(parsed.error, ctx({ operation: 'setStaging', customerId: 'cus_7' }));
    expect(e.message).toMatch(/^Invalid response from setStaging: id: must be a non-empty id \(and 1 more problem\)\. Customer cus_7\./);
    expect(e.customerId).toBe('cus_7');
  });

  it('a body that is not JSON → InvalidResponse', () => {
    let syntax: unknown;
    try {
      JSON.parse('<html>');
    } catch (error) {
      syntax = error;
    }
    expect(normaliseError(syntax, ctx({ operation: 'listCustomers' }))).toMatchObject({ kind: 'InvalidResponse' });
  });

  it('formats paths for humans', () => {
    expect(formatIssuePath([])).toBe('(body)');
    expect(formatIssuePath(['items', 3, 'tags', 0, 'color'])).toBe('items[3].tags[0].color');
    expect(formatIssuePath(['data', 'odd key'])).toBe('data["odd key"]');
    expect(formatIssuePath([0])).toBe('[0]');
    const top = z.object({ a: z.string() }).safeParse(null, { reportInput: true });
    expect(normaliseError(top.error, ctx()).message).toContain('(body): expected object (got null)');
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
