/* Everything that can go wrong on a call to Evo Voice, turned into one AppError: transport
 * failures of fetch (a TypeError with a cause code), our own timeout and the caller's cancel,
 * HTTP errors with or without ServiceStack's ResponseStatus body, redirects, answers too large
 * or unreadable, and answers that do not fit the schema.
 *
 * Messages are for a support engineer: what was being done (in plain words, never an internal
 * name), for which customer, the cause, and what to do. They never include stack traces, server
 * stack traces, cookies or request bodies; the server's own text is shown as one short line.
 * `operation` (the endpoint's name) is kept as data for logs only. */
import type { z } from 'zod';
import { AppError, type AppErrorData, type FieldError } from '../../shared/errors';
import { CUSTOMER_ROLES, EVO_ASSUMPTIONS, SUPERUSER_ROLE } from '../../shared/evo/assumptions';
import { describeIssue, formatPath } from '../../shared/evo/tolerant';

export interface ErrorContext {
  /** Endpoint name (data only, e.g. for logs). */
  operation: string;
  /** What was being done, in plain words: "reading customer c1". */
  doing: string;
  customerId?: string;
  /** Server origin, for "could not reach ..." messages. */
  server?: string;
  /** The call changes state: an answer that cannot be read may hide an applied change. */
  changesState?: boolean;
  timeoutMs?: number;
  /** Wall clock for HTTP-date Retry-After values (ms since epoch). */
  nowMs?: number;
  /** Longest Retry-After honoured (ms). */
  retryAfterCapMs?: number;
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
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Server-supplied text in a message: one printable line, bounded. */
const oneLine = (s: string, max = 200) => {
  const line = (s.split(/\r?\n/)[0] as string).replace(/[^\x20-\x7E\u00A0-\uFFFF]/g, '');
  return line.length > max ? `${line.slice(0, max)}…` : line;
};

/** Retry-After as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.ceil(Number(raw) * 1000);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

const serverName = (ctx: ErrorContext) => ctx.server ?? 'the Evo Voice server';
/** The server as the first words of a sentence (a URL keeps its case). */
const serverFirst = (ctx: ErrorContext) => ctx.server ?? 'The Evo Voice server';

function base(ctx: ErrorContext, data: Omit<AppErrorData, 'operation'>): AppError {
  const full: AppErrorData = { ...data, operation: ctx.operation };
  if (ctx.customerId !== undefined) full.customerId = ctx.customerId;
  return new AppError(full);
}

/** Errors of a 429 whose Retry-After was longer than the cap: not worth retrying. */
const overCap = new WeakSet<AppError>();
export const isOverCapRateLimit = (error: unknown): boolean => error instanceof AppError && overCap.has(error);

export function timeoutError(ctx: ErrorContext): AppError {
  const ms = ctx.timeoutMs;
  const within = ms === undefined ? '' : ms < 1000 ? ` within ${ms} ms` : ` within ${Math.round(ms / 1000)} s`;
  return base(ctx, {
    kind: 'Timeout',
    message: `${serverFirst(ctx)} did not answer${within} while ${ctx.doing}. The server may be overloaded or the network slow; try again, and check the server status if it keeps happening.`,
  });
}

export function cancelledError(ctx: ErrorContext): AppError {
  return base(ctx, { kind: 'Cancelled', message: `Cancelled ${ctx.doing}.` });
}

function networkError(ctx: ErrorContext, code: string | undefined): AppError {
  const why = code ? ` (${NETWORK_CODES[code] ?? code})` : '';
  return base(ctx, {
    kind: 'Network',
    message: `Could not reach ${serverName(ctx)} while ${ctx.doing}${why}. Check the network connection and the server address; the server may be down.`,
  });
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

/** A failure before or while the answer arrived: fetch's TypeError, an abort, a body that broke off. */
export function transportError(error: unknown, ctx: ErrorContext, how: { timedOut: boolean; cancelled: boolean }): AppError {
  if (error instanceof AppError) return error;
  // Our own signals decide first: fetch rethrows the abort as an AbortError either way.
  if (how.cancelled) return cancelledError(ctx);
  if (how.timedOut) return timeoutError(ctx);
  const name = isObject(error) ? text(error['name']) : undefined;
  if (name === 'AbortError') return cancelledError(ctx);
  if (name === 'TimeoutError') return timeoutError(ctx);
  const code = findCauseCode(error);
  if (code && TIMEOUT_CODES.has(code)) return timeoutError(ctx);
  const message = error instanceof Error ? error.message : '';
  if (code || (error instanceof TypeError && /fetch failed|network|socket|terminated/i.test(message))) return networkError(ctx, code);
  return base(ctx, {
    kind: 'Unexpected',
    message: `${capitalise(ctx.doing)} failed unexpectedly${error instanceof Error ? ` (${error.name})` : ''}. Try again; report it if it repeats.`,
  });
}

/** A server message as one short line (no stack, no dumps), or "". */
function serverSays(body: unknown): string {
  const status = responseStatusOf(body);
  const said = text(status?.['message']) ?? text(status?.['errorCode']);
  if (!said || /^\d{3}$/.test(said)) return '';
  return ` Server said: "${oneLine(said)}".`;
}

function responseStatusOf(body: unknown): Record<string, unknown> | undefined {
  if (!isObject(body)) return undefined;
  const rs = body['responseStatus'] ?? body['ResponseStatus'];
  return isObject(rs) ? rs : undefined;
}

export function fieldErrorsOf(body: unknown): FieldError[] {
  const errors = responseStatusOf(body)?.['errors'];
  if (!Array.isArray(errors)) return [];
  return errors.filter(isObject).map((e) => ({
    field: text(e['fieldName']) ?? '(request)',
    message: oneLine(text(e['message']) ?? text(e['errorCode']) ?? 'invalid value'),
  }));
}

/** Does a 400 name this request field (e.g. "CountPerPage")? ServiceStack names fields in PascalCase. */
export function namesField(error: unknown, field: string): boolean {
  if (!(error instanceof AppError) || error.kind !== 'BadRequest') return false;
  const wanted = field.toLowerCase();
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  return (error.fieldErrors ?? []).some((f) => squash(f.field) === wanted) || squash(error.message).includes(wanted);
}

export interface HttpAnswer {
  status: number;
  statusText?: string;
  headers?: { get(name: string): string | null };
  /** The body, parsed as JSON when it was JSON. */
  body?: unknown;
}

export function httpError(ctx: ErrorContext, answer: HttpAnswer): AppError {
  const { status, body } = answer;
  const said = serverSays(body);
  const http = ` (HTTP ${status})`;
  const server = serverName(ctx);
  if (status === 401) {
    if (ctx.operation === 'signIn') {
      return base(ctx, { kind: 'AuthRequired', status, message: `Sign-in to ${server} failed: the email or password was not accepted. Check both and try again.` });
    }
    return base(ctx, { kind: 'AuthRequired', status, message: `Not signed in to ${server}, or the session has expired (while ${ctx.doing}). Sign in again to continue.` });
  }
  if (status === 403) {
    const rs = responseStatusOf(body);
    const hints = [text(rs?.['message']), text(rs?.['errorCode']), answer.statusText].join(' ').toLowerCase();
    if (hints.includes('invalid role') || hints.includes('invalid permission')) {
      return base(ctx, {
        kind: 'Forbidden',
        status,
        message: `Your Evo Voice user lacks the role needed for ${ctx.doing}: it needs one of ${CUSTOMER_ROLES.join(', ')} (or ${SUPERUSER_ROLE}). Ask an Evo Voice administrator to grant the role, then sign in again.`,
      });
    }
    const what = ctx.customerId ? `Customer ${ctx.customerId} is not in your account(s)` : `The requested item is not in your account(s)`;
    return base(ctx, { kind: 'Forbidden', status, message: `${what}: your user may not use it (while ${ctx.doing}). Check that the right account is selected, or ask an administrator for access.` });
  }
  if (status === 404) {
    const what = ctx.customerId ? `Customer ${ctx.customerId} was not found` : 'Not found';
    return base(ctx, { kind: 'NotFound', status, message: `${what} on ${server} (while ${ctx.doing}). It may have been deleted, or the id is wrong.` });
  }
  if (status === 429) return rateLimitedError(ctx, answer.headers?.get('retry-after'));
  if (status === 409) {
    return base(ctx, { kind: 'Conflict', status, message: `${capitalise(ctx.doing)} conflicted with another change${http}. Refresh and try again.${said}` });
  }
  if (status >= 500) {
    return base(ctx, {
      kind: 'ServerError',
      status,
      message: `${serverFirst(ctx)} failed while ${ctx.doing}${http}. Try again later; if it persists, report it to Evo Voice with the time it happened.${said}`,
    });
  }
  if (status >= 400) {
    const fieldErrors = fieldErrorsOf(body);
    const fields = fieldErrors.length > 0 ? ` Fields: ${fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ')}.` : '';
    return base(ctx, {
      kind: 'BadRequest',
      status,
      fieldErrors,
      message: `${serverFirst(ctx)} rejected ${ctx.doing}${http}.${fields}${fields ? '' : said} This is likely a console bug or an API change; report it.`,
    });
  }
  return base(ctx, { kind: 'Unexpected', status, message: `${capitalise(ctx.doing)} failed with an unexpected answer from ${server}${http}.${said}` });
}

function rateLimitedError(ctx: ErrorContext, header: string | null | undefined): AppError {
  const cap = ctx.retryAfterCapMs ?? EVO_ASSUMPTIONS.retryAfterCapMs;
  const asked = parseRetryAfter(header, ctx.nowMs);
  const server = serverFirst(ctx);
  const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;
  if (asked !== undefined && asked > cap) {
    const error = base(ctx, {
      kind: 'RateLimited',
      status: 429,
      retryAfterMs: cap,
      message: `${server} is limiting the request rate (while ${ctx.doing}) and asked to wait "${oneLine(header ?? '', 60)}", longer than the ${seconds(cap)} this console waits. Requests to this server pause for ${seconds(cap)} and this one was not retried; try again later.`,
    });
    overCap.add(error);
    return error;
  }
  const wait = asked !== undefined ? ` It asked to wait ${seconds(asked)}.` : '';
  const data: Omit<AppErrorData, 'operation'> = {
    kind: 'RateLimited',
    status: 429,
    message: `${server} is limiting the request rate (while ${ctx.doing}).${wait} Wait and try again, or lower the console's request rate.`,
  };
  if (asked !== undefined) data.retryAfterMs = asked;
  return base(ctx, data);
}

/** What to say when an answer cannot be used: for a change, it may have been applied anyway. */
function unusable(ctx: ErrorContext, problem: string): AppError {
  if (ctx.changesState) {
    return base(ctx, {
      kind: 'AmbiguousResponse',
      message: `${serverFirst(ctx)} answered ${ctx.doing} with ${problem}, so the console cannot tell whether the change was applied. Read the customer again before retrying.`,
    });
  }
  return base(ctx, {
    kind: 'InvalidResponse',
    message: `${serverFirst(ctx)} answered ${ctx.doing} with ${problem}. The server address may point at something other than the Evo Voice API (a proxy or login page); report it with the server address if it persists.`,
  });
}

/** 3xx: never followed (the password or session would go to wherever it points). */
export function redirectError(ctx: ErrorContext, status: number, location: string | null): AppError {
  let target = 'an address it did not give';
  if (location) {
    try {
      const url = new URL(location, ctx.server);
      target = `${url.origin}${url.pathname}`;
    } catch {
      target = `"${oneLine(location, 100)}"`;
    }
  }
  return unusable(ctx, `a redirect to ${target} (HTTP ${status}); the console does not follow redirects for API calls`);
}

export function tooLargeError(ctx: ErrorContext, bytes: number | undefined, limit: number): AppError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
  return unusable(ctx, `an answer larger than the ${mb(limit)} this console reads${bytes !== undefined ? ` (${mb(bytes)})` : ''}`);
}

export function notJsonError(ctx: ErrorContext, contentType: string | null): AppError {
  const kind = contentType?.split(';')[0]?.trim();
  return unusable(ctx, kind === 'text/html' ? 'an HTML page instead of JSON' : `something that is not JSON${kind ? ` (${oneLine(kind, 60)})` : ''}`);
}

/** An answer whose shape does not fit (outside any list: a list item would have been set aside). */
export function invalidAnswerError(ctx: ErrorContext, issues: readonly z.core.$ZodIssue[]): AppError {
  const first = issues[0];
  const detail = first ? `${formatPath(first.path)}: ${describeIssue(first)}` : 'an unexpected shape';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return unusable(ctx, `an answer the console cannot read (${detail}${more})`);
}
