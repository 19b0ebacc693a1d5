/* The session as every process sees it: plain, serialisable, no secrets (no cookies,
 * tokens or passwords ever appear here). Lives in src/shared because it crosses IPC
 * (src/shared/ipc/contract.ts); src/main/settings/profiles.ts re-exports the profile types
 * next to the profile logic. */

export type ProfileKind = 'production' | 'sandbox' | 'custom';

/** A server the console can talk to. Non-secret; stored in the settings file. */
export interface ServerProfile {
  id: string;
  label: string;
  /** Origin-like base URL without a trailing slash; '' for the sandbox until it runs. */
  url: string;
  kind: ProfileKind;
}

export type SessionStatus = 'signedOut' | 'chooseAccount' | 'signedIn' | 'signInRequired';

export interface SessionUser {
  email: string;
  name: string;
  roles: string[];
}

export interface SessionAccount {
  id: string;
  name: string;
}

export interface SessionState {
  status: SessionStatus;
  /** The server profile in use (or selected for the next sign-in). */
  profile: ServerProfile | null;
  /** Prefill for the sign-in form: the user whose session ended, else the last user on this profile. */
  email: string | null;
  user: SessionUser | null;
  accounts: SessionAccount[];
  activeAccountId: string | null;
  /** Last account this user used on this profile (preselect it in the account picker). */
  suggestedAccountId: string | null;
  /** Whether the session is kept in the OS keychain across restarts (remember me). */
  rememberMe: boolean;
  keychain: { available: boolean; message?: string };
  /** Requests interrupted by an ended session are waiting for the re-sign-in. */
  interruptedWork: boolean;
  /** False when a saved session was resumed without the server answering (offline start). */
  verified: boolean;
  /** One sentence for the user about the current state (why sign-in is needed, offline start, ...). */
  message?: string;
}
