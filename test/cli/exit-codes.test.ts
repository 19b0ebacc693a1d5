/* The exit-code contract scripts rely on: every error kind maps to its documented code,
 * and the help text lists exactly the codes the CLI uses. */
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_KINDS } from '../../src/shared/errors';
import { CliError, describeError, EXIT, EXIT_CODES_HELP, exitCodeForKind } from '../../src/cli/exit-codes';

describe('exit codes', () => {
  it('maps each error kind to the documented code', () => {
    expect(Object.fromEntries(ERROR_KINDS.map((k) => [k, exitCodeForKind(k)]))).toEqual({
      AuthRequired: 3,
      NoKeychain: 3,
      Forbidden: 4,
      NotFound: 5,
      Network: 8,
      Timeout: 8,
      Offline: 8,
      Cancelled: 7,
      InvalidInput: 2,
      InsecureUrl: 2,
      BadRequest: 2,
      Conflict: 2,
      RateLimited: 1,
      ServerError: 1,
      InvalidResponse: 1,
      AmbiguousResponse: 1,
      Unexpected: 1,
    });
  });

  it('documents every code 0–9 in --help', () => {
    for (const code of Object.values(EXIT)) expect(EXIT_CODES_HELP).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
  });

  it('turns anything thrown into one line and a code', () => {
    expect(describeError(new AppError({ kind: 'Forbidden', message: 'No access.\n  Ask an admin.' }))).toEqual({ exitCode: 4, kind: 'Forbidden', message: 'No access. Ask an admin.' });
    expect(describeError(new CliError('Not confirmed.', EXIT.confirmation))).toMatchObject({ exitCode: 9, kind: 'Confirmation' });
    expect(describeError(new CliError('Partly failed.', EXIT.partialFailure, { runId: 'r1' }))).toEqual({ exitCode: 6, kind: 'PartialFailure', message: 'Partly failed.', details: { runId: 'r1' } });
    expect(describeError(new TypeError('boom'))).toEqual({ exitCode: 1, kind: 'Unexpected', message: 'Unexpected error: boom' });
  });
});
