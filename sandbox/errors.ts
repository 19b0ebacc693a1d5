/* ServiceStack-shaped errors (REFERENCE §1.6): handlers throw SandboxHttpError, the server's error
 * handler turns it into `{responseStatus:{errorCode,message,errors}}` with the status. */
import { ERROR_CODES } from './behaviour';
import type { ResponseError, ResponseStatus } from './wire';
import { newResponseStatus } from './wire';

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

  body(): { responseStatus: ResponseStatus } {
    return { responseStatus: newResponseStatus({ errorCode: this.errorCode, message: this.message, errors: this.errors }) };
  }
}

export const unauthenticated = (message = 'Not Authenticated'): SandboxHttpError =>
  new SandboxHttpError(401, ERROR_CODES.unauthenticated, message);
export const invalidRole = (): SandboxHttpError => new SandboxHttpError(403, ERROR_CODES.invalidRole, 'Invalid Role');
export const notFound = (what: string): SandboxHttpError => new SandboxHttpError(404, ERROR_CODES.notFound, `${what} not found`);
export const otherAccount = (what: string, status: 403 | 404): SandboxHttpError =>
  status === 403 ? new SandboxHttpError(403, ERROR_CODES.otherAccount, `You do not have access to this ${what}`) : notFound(what);

export const brokenRecord = (customerId: string): SandboxHttpError =>
  new SandboxHttpError(500, ERROR_CODES.serverError, `Customer ${customerId} could not be loaded or saved (injected fault: broken record)`);

/** A 400 with one error per field, the first error's code as the overall code (ServiceStack's ValidationException shape;
 *  field names are the C# property names, e.g. "IsStaging"). */
export function validationFailed(fieldErrors: { field: string; code: string; message: string }[]): SandboxHttpError {
  const errors = fieldErrors.map((e) => ({ errorCode: e.code, fieldName: e.field, message: e.message }));
  const first = fieldErrors[0];
  return new SandboxHttpError(400, first?.code ?? ERROR_CODES.validation, first?.message ?? 'Validation failed', errors);
}

/** ServiceStack could not bind a request member (e.g. an unknown enum name): 400 SerializationException naming the member. */
export function bindingFailed(requestName: string, field: string, value: unknown): SandboxHttpError {
  const message = `'${typeof value === 'object' ? JSON.stringify(value) : String(value)}' is an Invalid value for '${field}'`;
  return new SandboxHttpError(400, ERROR_CODES.serialization, `Unable to bind to request '${requestName}'`, [{ errorCode: ERROR_CODES.serialization, fieldName: field, message }]);
}
