/* One error family for every process. Errors cross IPC and the CLI as plain data
 * (AppErrorData); `AppError` is the throwable form. Messages are written for a
 * support engineer: what happened, to which customer, and what to do. */

export const ERROR_KINDS = [
  'AuthRequired',
  'Forbidden',
  'NotFound',
  'RateLimited',
  'ServerError',
  'Network',
  'Timeout',
  'InvalidResponse',
  /** The server answered a change in a way that cannot be read: it may or may not have been applied. */
  'AmbiguousResponse',
  'BadRequest',
  'Offline',
  'InsecureUrl',
  'NoKeychain',
  'Cancelled',
  'InvalidInput',
  'Conflict',
  'Unexpected',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface FieldError {
  field: string;
  message: string;
}

export interface AppErrorData {
  kind: ErrorKind;
  message: string;
  customerId?: string;
  operation?: string;
  status?: number;
  retryAfterMs?: number;
  fieldErrors?: FieldError[];
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly customerId?: string;
  readonly operation?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly fieldErrors?: FieldError[];

  constructor(data: AppErrorData, options?: { cause?: unknown }) {
    super(data.message, options);
    this.name = `AppError(${data.kind})`;
    this.kind = data.kind;
    this.customerId = data.customerId;
    this.operation = data.operation;
    this.status = data.status;
    this.retryAfterMs = data.retryAfterMs;
    this.fieldErrors = data.fieldErrors;
  }

  /** The serialisable form: no stack, no cause. */
  toData(): AppErrorData {
    const data: AppErrorData = { kind: this.kind, message: this.message };
    if (this.customerId !== undefined) data.customerId = this.customerId;
    if (this.operation !== undefined) data.operation = this.operation;
    if (this.status !== undefined) data.status = this.status;
    if (this.retryAfterMs !== undefined) data.retryAfterMs = this.retryAfterMs;
    if (this.fieldErrors !== undefined) data.fieldErrors = this.fieldErrors;
    return data;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export function isErrorKind(e: unknown, ...kinds: ErrorKind[]): e is AppError {
  return e instanceof AppError && kinds.includes(e.kind);
}

/** Anything thrown, as plain data safe to show or send. */
export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  if (e instanceof Error && e.name === 'AbortError') return { kind: 'Cancelled', message: 'Cancelled.' };
  return { kind: 'Unexpected', message: e instanceof Error ? e.message : String(e) };
}

/** Errors worth retrying for an idempotent request. */
export const TRANSIENT_KINDS: readonly ErrorKind[] = ['RateLimited', 'ServerError', 'Network', 'Timeout'];
