/* The one request pipeline: every call to Evo Voice goes through `call(endpoint, request)`,
 * with the endpoint's declaration (src/shared/evo/endpoints.ts) deciding the rest.
 *
 *   request checked → limiter (shared, in-flight + rate + Retry-After hold) → fetch over HTTPS
 *   with our cookie jar, `redirect: 'manual'` and a per-attempt timeout → body read up to a size
 *   limit → HTTP errors normalised → JSON read item by item (tolerant.ts) → answer.
 *   Around that: retries with full-jitter backoff for idempotent endpoints (never past the
 *   Retry-After cap), one replay after a re-sign-in for endpoints that allow it, and a final
 *   redaction of every session secret and password from errors.
 *
 * Plain fetch rather than @servicestack/client: the console calls documented routes only, and
 * needs what that library does not give (no redirects, a size limit, its own cookie jar that
 * survives restarts, errors with one shape). See docs/ARCHITECTURE.md. */
import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import { EVO_ASSUMPTIONS } from '../../shared/evo/assumptions';
import { ENDPOINTS, type Endpoint, type EndpointName } from '../../shared/evo/endpoints';
import { formatPath, parseTolerant, rawItemIds, setAsideItems, type SetAsideItem } from '../../shared/evo/tolerant';
import { RequestLimiter } from './limiter';
import {
  cancelledError,
  httpError,
  invalidAnswerError,
  isOverCapRateLimit,
  notJsonError,
  redirectError,
  tooLargeError,
  transportError,
  type ErrorContext,
} from './normalise-error';
import { readBody } from './read-body';
import { DEFAULT_RETRY_POLICY, isTransient, withRetry, type RetryDeps, type RetryPolicy } from './retry';
import { redact, SessionJar } from './session-jar';

export interface CallOptions {
  signal?: AbortSignal;
  /** Per-attempt timeout (ms); default from PipelineOptions.timeoutMs. */
  timeoutMs?: number;
  /** false = one attempt only, even for idempotent calls (bulk runs count attempts per item themselves);
   *  a policy object overrides the retry policy for this call; true/undefined = the pipeline's policy. */
  retry?: boolean | Partial<RetryPolicy>;
}

export interface RequestOutcome {
  ok: boolean;
  /** The server could not be reached (connection refused/reset, DNS, ...). */
  networkFailure: boolean;
  /** Failure kind, when !ok. */
  kind?: AppError['kind'];
  /** Endpoint name. */
  operation: string;
}

export interface PipelineOptions {
  baseUrl: string;
  /** Share one limiter between every client of a server; a private one is made otherwise. */
  limiter?: RequestLimiter;
  /** Per-attempt timeout (ms). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Test seam for the retry policy's clock and randomness. */
  retryDeps?: Partial<RetryDeps>;
  /** Largest answer read (bytes); default EVO_ASSUMPTIONS.maxResponseBytes. */
  maxResponseBytes?: number;
  /** Longest Retry-After honoured (ms); default EVO_ASSUMPTIONS.retryAfterCapMs. */
  retryAfterCapMs?: number;
  /** Resolve = the user signed in again → the request is replayed once; reject = give up with AuthRequired. */
  onAuthRequired?: (err: AppError) => Promise<void>;
  /** Every attempt's outcome (connectivity detection). */
  onOutcome?: (o: RequestOutcome) => void;
  /** Items of an answer that could not be read and were left out (notices, CLI warnings). */
  onSetAside?: (items: SetAsideItem[]) => void;
}

/** A read answer: the data, what was set aside, and how many list items the server sent. */
export interface Answer<T> {
  data: T;
  setAside: SetAsideItem[];
  /** For list answers: items the server sent, the set-aside ones included (paging arithmetic). */
  itemsSent: number;
  /** For list answers: positions (in what the server sent) of the items left out entirely. */
  itemsLeftOut: number[];
}

export const DEFAULT_TIMEOUT_MS = 15_000;

type AnyEndpoint = Endpoint<z.ZodType, z.ZodType>;
export type RequestOf<N extends EndpointName> = z.input<(typeof ENDPOINTS)[N]['request']>;
export type AnswerOf<N extends EndpointName> = z.output<(typeof ENDPOINTS)[N]['response']>;

interface Prepared {
  endpoint: AnyEndpoint;
  request: unknown;
  ctx: ErrorContext;
  secrets: string[];
}

export class Pipeline {
  readonly baseUrl: string;
  readonly jar = new SessionJar();
  private readonly limiter: RequestLimiter;
  private readonly timeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly maxBytes: number;
  private readonly retryAfterCapMs: number;
  /** One re-sign-in at a time: concurrent 401s wait for the same one. */
  private reauth: Promise<void> | undefined;
  /** Aborted by close(): every request still queued or in flight ends as Cancelled. */
  private readonly closing = new AbortController();

  constructor(private readonly options: PipelineOptions & { baseUrl: string }) {
    this.baseUrl = options.baseUrl;
    this.limiter = options.limiter ?? new RequestLimiter();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.maxBytes = options.maxResponseBytes ?? EVO_ASSUMPTIONS.maxResponseBytes;
    this.retryAfterCapMs = options.retryAfterCapMs ?? EVO_ASSUMPTIONS.retryAfterCapMs;
  }

  /** Ends every request still queued or in flight (Cancelled) and refuses new ones: the app is closing. */
  close(): void {
    this.closing.abort();
  }

  /** Sends one call of the endpoint `name`. Errors leave as AppError, with secrets redacted. */
  async call<N extends EndpointName>(name: N, request: RequestOf<N>, callOpts: CallOptions = {}): Promise<Answer<AnswerOf<N>>> {
    const opts: CallOptions = { ...callOpts, signal: callOpts.signal ? AbortSignal.any([callOpts.signal, this.closing.signal]) : this.closing.signal };
    const endpoint = ENDPOINTS[name] as unknown as AnyEndpoint;
    const prepared = this.prepare(name, endpoint, request);
    try {
      const generation = this.jar.generation;
      try {
        return (await this.withRetries(prepared, opts)) as Answer<AnswerOf<N>>;
      } catch (error) {
        if (!(error instanceof AppError && error.kind === 'AuthRequired' && endpoint.replaysAfterSignIn)) throw error;
        // A re-sign-in already running (another call's 401) or finished since this request was
        // sent: wait for it / just replay, instead of asking the user twice.
        if (this.reauth || this.jar.generation === generation) await this.reauthenticate(error, prepared.ctx, opts.signal);
        return (await this.withRetries(prepared, opts)) as Answer<AnswerOf<N>>;
      }
    } catch (error) {
      throw this.redacted(error, prepared);
    }
  }

  private prepare(name: EndpointName, endpoint: AnyEndpoint, input: unknown): Prepared {
    const checked = endpoint.request.safeParse(input);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new AppError({ kind: 'InvalidInput', message: `The console made an invalid request: ${issue ? `${formatPath(issue.path)} ${issue.message}` : 'unexpected shape'}.` });
    }
    const request = checked.data;
    const ctx: ErrorContext = {
      operation: name,
      doing: endpoint.doing(request),
      server: this.baseUrl,
      changesState: endpoint.changesState,
      retryAfterCapMs: this.retryAfterCapMs,
    };
    const customerId = endpoint.customerId?.(request);
    if (customerId !== undefined) ctx.customerId = customerId;
    return { endpoint, request, ctx, secrets: endpoint.secrets?.(request) ?? [] };
  }

  /** Waits for the (shared) re-sign-in; the caller's signal stops the wait, not the sign-in. */
  private async reauthenticate(error: AppError, ctx: ErrorContext, signal?: AbortSignal): Promise<void> {
    const hook = this.options.onAuthRequired;
    if (!hook || this.closing.signal.aborted) throw error;
    this.reauth ??= hook(error).finally(() => {
      this.reauth = undefined;
    });
    const pending = this.reauth;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted');
      if (signal?.aborted) resolve('aborted');
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const outcome = await Promise.race([pending.then(() => 'signedIn' as const), aborted]);
      if (outcome === 'aborted') throw cancelledError(ctx);
    } catch (reason) {
      if (reason instanceof AppError && reason.kind === 'Cancelled') throw reason;
      throw error;
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  private withRetries(p: Prepared, opts: CallOptions): Promise<Answer<unknown>> {
    const once = () => this.queued(p, opts);
    if (!p.endpoint.idempotent || opts.retry === false) return once();
    return withRetry(once, {
      policy: typeof opts.retry === 'object' ? { ...this.retryPolicy, ...opts.retry } : this.retryPolicy,
      signal: opts.signal,
      // A Retry-After past the cap is not waited out by retrying.
      shouldRetry: (error) => isTransient(error) && !isOverCapRateLimit(error),
      ...(this.options.retryDeps ? { deps: this.options.retryDeps } : {}),
    }).catch((error: unknown) => {
      // An abort during the backoff wait rejects with the signal's reason.
      throw opts.signal?.aborted && !(error instanceof AppError) ? cancelledError(p.ctx) : error;
    });
  }

  /** One attempt through the limiter; leaving its queue on the caller's abort is a cancel. */
  private async queued(p: Prepared, opts: CallOptions): Promise<Answer<unknown>> {
    try {
      return await this.limiter.run(() => this.attempt(p, opts), opts.signal);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw transportError(error, p.ctx, { timedOut: false, cancelled: opts.signal?.aborted === true });
    }
  }

  /** One HTTP exchange: timeout, abort, cookies, no redirects, size limit, errors, reading. */
  private async attempt(p: Prepared, opts: CallOptions): Promise<Answer<unknown>> {
    const { endpoint, request } = p;
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const ctx: ErrorContext = { ...p.ctx, timeoutMs, nowMs: Date.now() };
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort();
    opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const how = () => ({ timedOut, cancelled: opts.signal?.aborted === true });
    try {
      if (opts.signal?.aborted) throw cancelledError(ctx);
      const answer = await this.exchange(endpoint, request, ctx, controller.signal).catch((error: unknown) => {
        throw transportError(error, ctx, how());
      });
      this.outcome({ ok: true, networkFailure: false, operation: ctx.operation });
      return answer;
    } catch (error) {
      const appError = transportError(error, ctx, how());
      // Rate limits apply to the whole session: nobody may call before the server said so (up to the cap).
      if (appError.kind === 'RateLimited' && appError.retryAfterMs !== undefined) this.limiter.holdFor(appError.retryAfterMs);
      if (appError.kind !== 'Cancelled') this.outcome({ ok: false, networkFailure: appError.kind === 'Network', kind: appError.kind, operation: ctx.operation });
      throw appError;
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private async exchange(endpoint: AnyEndpoint, request: unknown, ctx: ErrorContext, signal: AbortSignal): Promise<Answer<unknown>> {
    const url = new URL(endpoint.path(request), `${this.baseUrl}/`);
    for (const [key, value] of Object.entries(endpoint.query?.(request) ?? {})) url.searchParams.set(key, value);
    const headers = new Headers({ Accept: 'application/json' });
    const cookie = this.jar.cookieHeader();
    if (cookie) headers.set('Cookie', cookie);
    const bearer = this.jar.bearerToken();
    if (bearer) headers.set('Authorization', `Bearer ${bearer}`);
    let body: string | undefined;
    if (endpoint.body) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(endpoint.body(request));
    }
    const response = await fetch(url, { method: endpoint.method, headers, body, redirect: 'manual', signal });

    if (response.status >= 300 && response.status < 400) {
      // Neither followed nor believed: no cookie of it is kept, nothing is sent where it points.
      await response.body?.cancel().catch(() => {});
      throw redirectError(ctx, response.status, response.headers.get('location'));
    }
    this.jar.absorb(response.headers.getSetCookie());
    const read = await readBody(response, this.maxBytes);
    if (!read.ok) throw tooLargeError(ctx, read.bytes, this.maxBytes);
    const text = read.text.trim();
    let raw: unknown = null;
    let isJson = text === '';
    if (!isJson) {
      try {
        raw = JSON.parse(text);
        isJson = true;
      } catch {
        // not JSON: an HTML page from a proxy, a bare status line, ...
      }
    }
    if (!response.ok) throw httpError(ctx, { status: response.status, statusText: response.statusText, headers: response.headers, body: isJson ? raw : undefined });
    if (!isJson) throw notJsonError(ctx, response.headers.get('content-type'));

    const itemIds = endpoint.records === 'items' ? rawItemIds(raw) : undefined;
    const itemsSent = itemIds?.length ?? 0;
    const parsed = parseTolerant(endpoint.response, raw);
    if (!parsed.success) throw invalidAnswerError(ctx, parsed.issues);
    const setAside = setAsideItems(parsed.setAside, { ...(itemIds ? { itemIds } : {}), ...(ctx.customerId !== undefined ? { customerId: ctx.customerId } : {}) }, ctx.doing);
    if (setAside.length > 0) {
      try {
        this.options.onSetAside?.(setAside);
      } catch {
        // Reporting must never break a read.
      }
    }
    const itemsLeftOut = parsed.setAside.flatMap((s) => (s.at.length === 2 && s.at[0] === 'items' && typeof s.at[1] === 'number' ? [s.at[1]] : []));
    return { data: parsed.data, setAside, itemsSent, itemsLeftOut };
  }

  private outcome(outcome: RequestOutcome): void {
    try {
      this.options.onOutcome?.(outcome);
    } catch {
      // Diagnostics must never break a request.
    }
  }

  /** Final guard: no session secret (nor the password) may leave in an error's message or field errors. */
  private redacted(error: unknown, p: Prepared): AppError {
    const appError = error instanceof AppError ? error : transportError(error, p.ctx, { timedOut: false, cancelled: false });
    const sessionSecrets = this.jar.secrets();
    // A password may be short; still never echo it (4+ characters, so "a" is not blanked out everywhere).
    const clean = (text: string) => redact(redact(text, sessionSecrets), p.secrets, 4);
    const data = appError.toData();
    const message = clean(data.message);
    const fieldErrors = data.fieldErrors?.map((f) => ({ field: clean(f.field), message: clean(f.message) }));
    if (message === data.message && JSON.stringify(fieldErrors) === JSON.stringify(data.fieldErrors)) return appError;
    return new AppError({ ...data, message, ...(fieldErrors ? { fieldErrors } : {}) });
  }
}
