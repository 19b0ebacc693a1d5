/* Fault injection and load accounting for API routes (never /__sandbox/):
 * latency, 5xx, per-session token-bucket rate limit with Retry-After, resets, hangs,
 * the in-flight maximum, status counts and Retry-After violations. */
import type { AnswerOverride, FaultSettings, SandboxMetrics } from './types';
import { NO_FAULTS } from './types';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Requests this soon after a 429 was sent count as already in flight, not as ignoring it. */
export const RETRY_AFTER_GRACE_MS = 250;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class FaultController {
  settings: FaultSettings;
  private metricsState: SandboxMetrics = emptyMetrics();
  private buckets = new Map<string, Bucket>();
  private retryAfterUntil = new Map<string, { from: number; until: number }>();

  constructor(
    initial: Partial<FaultSettings> = {},
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
    /** What clear() returns to: no faults, or what the server always does (--drift's page cap). */
    private readonly baseline: FaultSettings = NO_FAULTS,
  ) {
    this.settings = validateFaults({ ...baseline, ...initial });
  }

  update(partial: Partial<FaultSettings>): FaultSettings {
    this.settings = validateFaults({ ...this.settings, ...partial });
    this.buckets.clear();
    return this.settings;
  }

  clear(): FaultSettings {
    return this.update(this.baseline);
  }

  delayMs(): number {
    const { latencyMs, jitterMs } = this.settings;
    return latencyMs + (jitterMs > 0 ? Math.floor(this.random() * (jitterMs + 1)) : 0);
  }

  roll(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }

  /** Call when a request arrives: counts it as a violation if it ignored the last Retry-After. */
  noteArrival(key: string): void {
    const window = this.retryAfterUntil.get(key);
    const now = this.now();
    if (window !== undefined && now >= window.from && now < window.until) this.metricsState.retryAfterViolations++;
  }

  /** Call when a 429 has been written. Requests arriving within RETRY_AFTER_GRACE_MS of it were
   * already on their way before the client could have read it, so they are not violations. */
  retryAfterSent(key: string, retryAfterSeconds: number): void {
    const sentAt = this.now();
    this.retryAfterUntil.set(key, { from: sentAt + RETRY_AFTER_GRACE_MS, until: sentAt + retryAfterSeconds * 1000 });
  }

  takeToken(key: string): RateDecision {
    const { rateLimitPerSecond: rate } = this.settings;
    if (rate <= 0) return { allowed: true };
    const burst = Math.max(1, this.settings.rateLimitBurst || Math.ceil(rate));
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: burst, updatedAt: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
    this.metricsState.rateLimited++;
    return { allowed: false, retryAfterSeconds };
  }

  /** The override that replaces this request's answer, if any (rolled once per request). */
  overrideFor(method: string, url: string): AnswerOverride | undefined {
    return this.settings.answerOverrides.find(
      (o) => (o.method === undefined || o.method === method.toUpperCase()) && new RegExp(o.path).test(url) && this.roll(o.rate ?? 1),
    );
  }

  requestStarted(): void {
    const m = this.metricsState;
    m.inFlight++;
    if (m.inFlight > m.maxInFlight) m.maxInFlight = m.inFlight;
  }

  requestEnded(outcome: string): void {
    const m = this.metricsState;
    m.inFlight--;
    m.requestsByStatus[outcome] = (m.requestsByStatus[outcome] ?? 0) + 1;
  }

  metrics(): SandboxMetrics {
    return { ...this.metricsState, requestsByStatus: { ...this.metricsState.requestsByStatus } };
  }

  /** Zero the counters and the maximum (requests still in flight stay counted). */
  resetMetrics(): void {
    const inFlight = this.metricsState.inFlight;
    this.metricsState = { ...emptyMetrics(), inFlight, maxInFlight: inFlight };
    this.retryAfterUntil.clear();
  }
}

function emptyMetrics(): SandboxMetrics {
  return { inFlight: 0, maxInFlight: 0, requestsByStatus: {}, rateLimited: 0, retryAfterViolations: 0 };
}

export function validateFaults(settings: FaultSettings): FaultSettings {
  for (const key of ['errorRate', 'resetRate', 'hangRate'] as const) {
    const value = settings[key];
    if (!(value >= 0 && value <= 1)) throw new RangeError(`${key} must be between 0 and 1, got ${value}`);
  }
  if (!Array.isArray(settings.brokenCustomerIds) || !settings.brokenCustomerIds.every((id) => typeof id === 'string')) {
    throw new RangeError('brokenCustomerIds must be a list of customer ids');
  }
  if (!Array.isArray(settings.answerOverrides)) throw new RangeError('answerOverrides must be a list');
  for (const o of settings.answerOverrides) {
    if (typeof o?.path !== 'string') throw new RangeError('every answer override needs a path (a regular expression)');
    new RegExp(o.path); // throws SyntaxError on a bad pattern
    if (o.rate !== undefined && !(o.rate >= 0 && o.rate <= 1)) throw new RangeError(`answer override rate must be between 0 and 1, got ${o.rate}`);
    if (o.status !== undefined && !(Number.isInteger(o.status) && o.status >= 100 && o.status <= 599)) throw new RangeError(`answer override status must be an HTTP status, got ${o.status}`);
  }
  if (!['cap', 'reject'].includes(settings.countPerPageOverMax)) throw new RangeError("countPerPageOverMax must be 'cap' or 'reject'");
  if (!['honoured', 'ignored', 'rejected'].includes(settings.sortFieldSupport)) throw new RangeError("sortFieldSupport must be 'honoured', 'ignored' or 'rejected'");
  for (const key of ['latencyMs', 'jitterMs', 'rateLimitPerSecond', 'rateLimitBurst', 'maxCountPerPage'] as const) {
    const value = settings[key];
    if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${key} must be a number ≥ 0, got ${value}`);
  }
  return settings;
}

/** The body an override sends: its text, or padded JSON of about `bodyBytes` bytes. */
export function overrideBody(o: AnswerOverride): string {
  if (o.bodyBytes !== undefined) return `{"items":[],"pad":"${'x'.repeat(Math.max(0, o.bodyBytes - 21))}"}`;
  return o.body ?? '';
}

export function overrideHeaders(o: AnswerOverride): Record<string, string> {
  const contentType = o.bodyBytes !== undefined ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8';
  const headers: Record<string, string> = { 'content-type': contentType };
  for (const [name, value] of Object.entries(o.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}
