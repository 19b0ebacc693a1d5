import type { ServerProfile, SessionState } from '../../../src/shared/session';

export const PRODUCTION: ServerProfile = { id: 'production', label: 'Evo Voice production', url: 'https://evovoice.io', kind: 'production' };
export const SANDBOX: ServerProfile = { id: 'sandbox', label: 'Local sandbox', url: 'http://127.0.0.1:4010', kind: 'sandbox' };
export const CUSTOM: ServerProfile = { id: 'custom-1', label: 'Staging', url: 'https://staging.example', kind: 'custom' };

export function sessionState(overrides: Partial<SessionState> = {}): SessionState {
  return {
    status: 'signedOut',
    profile: SANDBOX,
    email: null,
    user: null,
    accounts: [],
    activeAccountId: null,
    suggestedAccountId: null,
    rememberMe: true,
    keychain: { available: true },
    interruptedWork: false,
    verified: true,
    ...overrides,
  };
}

export const SIGNED_IN = sessionState({
  status: 'signedIn',
  email: 'max@evo.test',
  user: { email: 'max@evo.test', name: 'Max Manager', roles: ['Manager'] },
  accounts: [{ id: 'a1', name: 'Acme Support' }],
  activeAccountId: 'a1',
});
