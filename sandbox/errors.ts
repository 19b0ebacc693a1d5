/* ServiceStack-shaped errors: handlers throw SandboxHttpError, the server's error
 * handler turns it into `{responseStatus:{errorCode,message,errors}}` with the status. */
import type { ResponseError } from './wire';
import { EVO_ASSUMPTIONS } from '../src/shared/evo/assumptions';

const CODES = EVO_ASSUMPTIONS.errorCodes;

export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly errors: ResponseError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { responseStatus: { errorCode: string; message: string; errors: ResponseError[] } } {
    return { responseStatus: { errorCode: this.errorCode, message: this.message, errors: this.errors } };
  }
}

export const unauthenticated = (message = 'Not Authenticated'): SandboxHttpError =>
  new SandboxHttpError(401, CODES.unauthenticated, message);
export const invalidRole = (): SandboxHttpError => new SandboxHttpError(403, CODES.invalidRole, 'Invalid Role');
export const notFound = (what: string): SandboxHttpError => new SandboxHttpError(404, CODES.notFound, `${what} not found`);
export const otherAccount = (what: string): SandboxHttpError =>
  EVO_ASSUMPTIONS.otherAccountStatus === 403
    ? new SandboxHttpError(403, CODES.otherAccount, `You do not have access to this ${what}`)
    : notFound(what);

export const brokenRecord = (customerId: string): SandboxHttpError =>
  new SandboxHttpError(500, CODES.serverError, `Customer ${customerId} could not be loaded or saved (injected fault: broken record)`);

/** A 400 with one error per field, the first error's code as the overall code (ServiceStack's ValidationException shape). */
export function validationFailed(fieldErrors: { field: string; code: string; message: string }[]): SandboxHttpError {
  const errors = fieldErrors.map((e) => ({ errorCode: e.code, fieldName: e.field, message: e.message, meta: {} }));
  const first = fieldErrors[0];
  return new SandboxHttpError(400, first?.code ?? CODES.validation, first?.message ?? 'Validation failed', errors);
}
