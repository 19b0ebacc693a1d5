/* Everything that can go wrong on a call to Evo Voice, turned into one AppError.
 *
 * @servicestack/client produces three shapes (TOOLCHAIN.md "Pitfalls"):
 *  - HTTP errors: a thrown plain object with `.responseStatus` (not an Error). The HTTP
 *    status is not on it: we take it from the Response captured by the client's
 *    responseFilter, else from `responseStatus.errorCode` (the library puts the status
 *    there when the body had no ResponseStatus).
 *  - transport errors: `TypeError: fetch failed` with a `cause` (ECONNREFUSED, ...).
 *  - `client.api()`: an ApiResult `{ succeeded: false, error: ResponseStatus }`.
 * Plus our own abort/timeout signals and zod validation failures.
 *
 * Messages are for a support engineer: what failed, for which customer, what to do.
 * They never include stack traces, server stack traces, cookies or request bodies. */
import type { z } from 'zod';
import { AppError, type AppErrorData, type FieldError } from '../../shared/errors';
import { CUSTOMER_ROLES } from '../../shared/evo/assumptions';

export interface ErrorContext {
  /** Client method name, e.g. "setStaging". */
  operation: string;
  customerId?: string;
  /** Server origin, for "could not reach ..." messages. */
  server?: string;
  /** The HTTP response, when one arrived. */
  response?: { status: number; statusText?: string; headers?: { get(name: string): string | null } };
  /** Our own per-request timer fired. */
  timedOut?: boolean;
  timeoutMs?: number;
  /** The caller's AbortSignal fired. */
  cancelled?: boolean;
  /** Wall clock for HTTP-date Retry-After values (ms since epoch). */
  nowMs?: number;
}

interface ResponseStatusLike {
  errorCode?: unknown;
  message?: unknown;
  errors?: unknown;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed by the server',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection attempt timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNABORTED: 'connection aborted',
  UND_ERR_SOCKET: 'connection closed unexpectedly',
  UND_ERR_CONNECT_TIMEOUT: 'connection attempt timed out',
  UND_ERR_CLOSED: 'connection closed',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate does not match its name',
};
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** Retry-After as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.ceil(Number(raw) * 1000);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** "for customer X" suffix, or "". */
const forCustomer = (ctx: ErrorContext) => (ctx.customerId ? ` for customer ${ctx.customerId}` : '');
const serverName = (ctx: ErrorContext) => ctx.server ?? 'the Evo Voice server';

/** A server message is shown only as a short single line (no stack, no dumps). */
function serverSays(status: ResponseStatusLike | undefined): string {
  const message = text(status?.message);
  const code = text(status?.errorCode);
  const said = message ?? code;
  if (!said || /^\d{3}$/.test(said)) return '';
  const oneLine = said.split(/\r?\n/)[0] as string;
  return ` Server said: "${oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine}".`;
}

function fieldErrorsOf(status: ResponseStatusLike | undefined): FieldError[] {
  if (!Array.isArray(status?.errors)) return [];
  return status.errors.filter(isObject).map((e) => ({
    field: text(e['fieldName']) ?? '(request)',
    message: text(e['message']) ?? text(e['errorCode']) ?? 'invalid value',
  }));
}

function findCauseCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && isObject(current); depth++) {
    const code = text(current['code']);
    if (code && (code in NETWORK_CODES || TIMEOUT_CODES.has(code) || code.startsWith('E') || code.startsWith('UND_ERR'))) return code;
    // AggregateError (happy eyeballs: IPv4 and IPv6 both refused)
    if (Array.isArray(current['errors']) && current['errors'].length > 0) current = current['errors'][0];
    else current = current['cause'];
  }
  return undefined;
}

function base(ctx: ErrorContext, data: Omit<AppErrorData, 'operation'>): AppError {
  const full: AppErrorData = { ...data, operation: ctx.operation };
  if (ctx.customerId !== undefined) full.customerId = ctx.customerId;
  return new AppError(full);
}

export function timeoutError(ctx: ErrorContext): AppError {
  const ms = ctx.timeoutMs;
  const after = ms === undefined ? '' : ms < 1000 ? ` within ${ms} ms` : ` within ${Math.round(ms / 1000)} s`;
  return base(ctx, {
    kind: 'Timeout',
    message: `${serverName(ctx)} did not answer ${ctx.operation}${forCustomer(ctx)}${after}. The server may be overloaded or the network slow; try again, and check the server status if it keeps happening.`,
  });
}

export function cancelledError(ctx: ErrorContext): AppError {
  return base(ctx, { kind: 'Cancelled', message: `${ctx.operation}${forCustomer(ctx)} was cancelled.` });
}

function networkError(ctx: ErrorContext, code: string | undefined): AppError {
  const why = code ? ` (${NETWORK_CODES[code] ?? code})` : '';
  return base(ctx, {
    kind: 'Network',
    message: `Could not reach ${serverName(ctx)} for ${ctx.operation}${forCustomer(ctx)}${why}. Check the network connection and the server address; the server may be down.`,
  });
}

/** The HTTP status of a library error: the captured Response, else the numeric errorCode the library fills in. */
function statusOf(ctx: ErrorContext, status: ResponseStatusLike | undefined, thrown: Record<string, unknown>): number | undefined {
  if (ctx.response) return ctx.response.status;
  if (typeof thrown['status'] === 'number') return thrown['status'];
  const code = text(status?.errorCode);
  if (code && /^\d{3}$/.test(code)) return Number(code);
  const known: Record<string, number> = {
    Unauthorized: 401,
    Forbidden: 403,
    NotFound: 404,
    TooManyRequests: 429,
    ValidationException: 400,
    ArgumentException: 400,
    ArgumentNullException: 400,
    NotImplementedException: 405,
    OptimisticConcurrencyException: 409,
  };
  return code !== undefined ? known[code] : undefined;
}

function httpError(ctx: ErrorContext, status: number | undefined, rs: ResponseStatusLike | undefined): AppError {
  const said = serverSays(rs);
  const http = status !== undefined ? ` (HTTP ${status})` : '';
  if (status === 401) {
    if (ctx.operation === 'signIn') {
      return base(ctx, { kind: 'AuthRequired', status, message: `Sign-in to ${serverName(ctx)} failed: the email or password was not accepted. Check both and try again.` });
    }
    return base(ctx, {
      kind: 'AuthRequired',
      status,
      message: `Not signed in to ${serverName(ctx)}, or the session has expired (${ctx.operation}${forCustomer(ctx)}). Sign in again to continue.`,
    });
  }
  if (status === 403) {
    const hints = [text(rs?.message), text(rs?.errorCode), ctx.response?.statusText].join(' ').toLowerCase();
    if (hints.includes('invalid role') || hints.includes('invalid permission')) {
      return base(ctx, {
        kind: 'Forbidden',
        status,
        message: `Your Evo Voice user lacks the role needed for ${ctx.operation}${forCustomer(ctx)}: it needs one of ${CUSTOMER_ROLES.join(', ')}. Ask an Evo Voice administrator to grant the role, then sign in again.`,
      });
    }
    const what = ctx.customerId ? `Customer ${ctx.customerId} is not in your account(s)` : `The requested item is not in your account(s)`;
    return base(ctx, {
      kind: 'Forbidden',
      status,
      message: `${what}: your user may not use it (${ctx.operation}). Check that the right account is selected, or ask an administrator for access.`,
    });
  }
  if (status === 404) {
    const what = ctx.customerId ? `Customer ${ctx.customerId} was not found` : `Not found`;
    return base(ctx, {
      kind: 'NotFound',
      status,
      message: `${what} on ${serverName(ctx)} (${ctx.operation}). It may have been deleted, or the id is wrong.`,
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(ctx.response?.headers?.get('retry-after'), ctx.nowMs);
    const wait = retryAfterMs !== undefined ? ` It asked to wait ${Math.ceil(retryAfterMs / 1000)} s.` : '';
    const data: Omit<AppErrorData, 'operation'> = {
      kind: 'RateLimited',
      status,
      message: `${serverName(ctx)} is limiting the request rate (${ctx.operation}${forCustomer(ctx)}).${wait} Wait and try again, or lower the console's request rate.`,
    };
    if (retryAfterMs !== undefined) data.retryAfterMs = retryAfterMs;
    return base(ctx, data);
  }
  if (status === 409) {
    return base(ctx, { kind: 'Conflict', status, message: `${ctx.operation}${forCustomer(ctx)} conflicted with another change${http}. Refresh and try again.${said}` });
  }
  if (status !== undefined && status >= 500) {
    return base(ctx, {
      kind: 'ServerError',
      status,
      message: `${serverName(ctx)} failed while handling ${ctx.operation}${forCustomer(ctx)}${http}. Try again later; if it persists, report it to Evo Voice with the time it happened.${said}`,
    });
  }
  if (status !== undefined && status >= 400) {
    const fieldErrors = fieldErrorsOf(rs);
    const fields = fieldErrors.length > 0 ? ` Fields: ${fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ')}.` : '';
    return base(ctx, {
      kind: 'BadRequest',
      status,
      fieldErrors,
      message: `${serverName(ctx)} rejected ${ctx.operation}${forCustomer(ctx)}${http}.${fields}${fields ? '' : said} This is likely a console bug or an API change; report it.`,
    });
  }
  return base(ctx, {
    kind: 'Unexpected',
    ...(status !== undefined ? { status } : {}),
    message: `${ctx.operation}${forCustomer(ctx)} failed with an unexpected answer from ${serverName(ctx)}${http}.${said}`,
  });
}

/** Turns anything thrown during a call into an AppError (an AppError passes through). */
export function normaliseError(error: unknown, ctx: ErrorContext): AppError {
  if (error instanceof AppError) return error;
  // Our own signals decide first: the library may rethrow the abort as anything.
  if (ctx.cancelled) return cancelledError(ctx);
  if (ctx.timedOut) return timeoutError(ctx);

  if (isObject(error)) {
    const name = text(error['name']);
    if (name === 'AbortError') return cancelledError(ctx);
    if (name === 'TimeoutError') return timeoutError(ctx);
    if (name === 'ZodError' && Array.isArray(error['issues'])) return invalidResponseError(ctx, error['issues'] as z.core.$ZodIssue[]);

    // ApiResult { succeeded: false, error: ResponseStatus } (class getters, so read, don't spread)
    if ('succeeded' in error && error['succeeded'] === false && isObject(error['error'])) {
      const rs = error['error'] as ResponseStatusLike;
      return httpError(ctx, statusOf(ctx, rs, error), rs);
    }
    // Thrown ErrorResponse / body with responseStatus
    const rsValue = error['responseStatus'] ?? error['ResponseStatus'];
    if (isObject(rsValue)) {
      const rs = rsValue as ResponseStatusLike;
      return httpError(ctx, statusOf(ctx, rs, error), rs);
    }
    // A raw Response (the library throws it when a filter fails)
    if (typeof error['status'] === 'number' && typeof error['ok'] === 'boolean') {
      return httpError(ctx, error['status'], undefined);
    }
  }

  if (error instanceof SyntaxError) {
    return base(ctx, {
      kind: 'InvalidResponse',
      message: `Invalid response from ${ctx.operation}: the body is not valid JSON${forCustomer(ctx)}. The server address may point at something other than the Evo Voice API.`,
    });
  }

  if (error instanceof Error || isObject(error)) {
    const code = findCauseCode(error);
    if (code && TIMEOUT_CODES.has(code)) return timeoutError(ctx);
    const message = error instanceof Error ? error.message : '';
    if (code || (error instanceof TypeError && /fetch failed|network|socket|terminated/i.test(message))) {
      return networkError(ctx, code);
    }
  }

  if (ctx.response) return httpError(ctx, ctx.response.status, undefined);
  return base(ctx, {
    kind: 'Unexpected',
    message: `${ctx.operation}${forCustomer(ctx)} failed unexpectedly${error instanceof Error ? ` (${error.name})` : ''}. Try again; report it if it repeats.`,
  });
}

/** Zod path → "items[3].isStaging". */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(body)' : out;
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const got = 'input' in issue ? ` (got ${typeName(issue.input)})` : '';
    return `expected ${issue.expected}${got}`;
  }
  // Other codes: zod's own message (never contains the value itself for these codes)
  return issue.message;
}

export function invalidResponseError(ctx: ErrorContext, issues: readonly z.core.$ZodIssue[]): AppError {
  const first = issues[0];
  const detail = first ? `${formatIssuePath(first.path)}: ${describeIssue(first)}` : 'unexpected shape';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const who = ctx.customerId ? ` Customer ${ctx.customerId}.` : '';
  return base(ctx, {
    kind: 'InvalidResponse',
    message: `Invalid response from ${ctx.operation}: ${detail}${more}.${who} The server's answer does not match the Evo Voice API this console expects; report it with the server address.`,
  });
}
