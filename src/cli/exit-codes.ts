/* Exit codes of evo-console and how an error becomes one. Scripts depend on these
 * numbers: they are documented in `--help` and docs/CLI.md, never renumbered. */
import { AppError, type ErrorKind } from '../shared/errors';

export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  signInRequired: 3,
  forbidden: 4,
  notFound: 5,
  partialFailure: 6,
  cancelled: 7,
  offline: 8,
  confirmation: 9,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table printed at the end of `--help`. */
export const EXIT_CODES_HELP = `Exit codes:
  0  ok
  1  unexpected error
  2  usage (bad option, argument or server address; a run or plan prefix too short or matching several; request that contradicts the current state)
  3  sign-in required (not signed in, session expired, wrong password, no OS keychain)
  4  forbidden (no access to the account or customer)
  5  not found (unknown customer, run, plan, account or tag)
  6  partial failure (some items failed)
  7  cancelled (Ctrl-C)
  8  offline / server unreachable
  9  confirmation refused or required (use --yes without a terminal)`;

const BY_KIND: Record<ErrorKind, ExitCode> = {
  AuthRequired: EXIT.signInRequired,
  NoKeychain: EXIT.signInRequired,
  Forbidden: EXIT.forbidden,
  NotFound: EXIT.notFound,
  Network: EXIT.offline,
  Timeout: EXIT.offline,
  Offline: EXIT.offline,
  Cancelled: EXIT.cancelled,
  InvalidInput: EXIT.usage,
  InsecureUrl: EXIT.usage,
  BadRequest: EXIT.usage,
  Conflict: EXIT.usage,
  RateLimited: EXIT.unexpected,
  ServerError: EXIT.unexpected,
  InvalidResponse: EXIT.unexpected,
  AmbiguousResponse: EXIT.unexpected,
  Unexpected: EXIT.unexpected,
};

export function exitCodeForKind(kind: ErrorKind): ExitCode {
  return BY_KIND[kind];
}

/** An error the CLI itself raises, with its exit code and the one line to print. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Extra data for --json error documents (e.g. the run id of a cancelled run). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface ErrorReport {
  exitCode: ExitCode;
  message: string;
  kind: ErrorKind | 'Usage' | 'Confirmation' | 'PartialFailure';
  details?: Record<string, unknown>;
}

/** Any thrown value → exit code and the one line to show. */
export function describeError(error: unknown): ErrorReport {
  if (error instanceof CliError) {
    const kind = error.exitCode === EXIT.confirmation ? 'Confirmation' : error.exitCode === EXIT.usage ? 'Usage' : error.exitCode === EXIT.partialFailure ? 'PartialFailure' : kindForExit(error.exitCode);
    return { exitCode: error.exitCode, message: error.message, kind, ...(error.details ? { details: error.details } : {}) };
  }
  if (error instanceof AppError) return { exitCode: exitCodeForKind(error.kind), message: oneLine(error.message), kind: error.kind };
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: EXIT.unexpected, message: `Unexpected error: ${oneLine(message)}`, kind: 'Unexpected' };
}

function kindForExit(code: ExitCode): ErrorKind {
  const found = (Object.entries(BY_KIND) as [ErrorKind, ExitCode][]).find(([, c]) => c === code);
  return found ? found[0] : 'Unexpected';
}

export const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();
