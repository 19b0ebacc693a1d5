/* Sign-in failures in the user's words. Main already writes a specific sentence (wrong
 * password, no role, unreachable server, no keychain); the title says which kind it is. */
import type { AppErrorData } from '../../../shared/errors';

const TITLES: Partial<Record<AppErrorData['kind'], string>> = {
  AuthRequired: 'Sign-in failed',
  Forbidden: 'No access',
  Network: 'Server unreachable',
  Timeout: 'Server unreachable',
  Offline: 'Server unreachable',
  InsecureUrl: 'Insecure server address',
  InvalidInput: 'Check the form',
  NoKeychain: 'No OS keychain',
  RateLimited: 'Too many attempts',
  ServerError: 'Server error',
};

export function signInErrorTitle(error: AppErrorData): string {
  return TITLES[error.kind] ?? 'Sign-in failed';
}
