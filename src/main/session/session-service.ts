/* SessionService owns who is signed in to which Evo Voice server, on which account.
 *
 * - Sign-in: email + password (+ remember me) → /auth/status for roles and accounts; the
 *   user picks the active account when there are several. The password is passed to the
 *   client and dropped: it is never stored, logged or put in the state.
 * - Remember me: the session cookies (and any token) go to the OS keychain (Keychain),
 *   account `email@origin` with the email the server reports for the user (not what was typed); otherwise they live in the client's memory only. No keychain →
 *   memory only, and the state says why in one sentence.
 * - Start: the last profile's saved session is restored and checked with /auth/status;
 *   expired → `signInRequired` with profile and email prefilled. The keychain entry is deleted
 *   only when the server clearly said "signed out" (401, a null answer, isAuthenticated false);
 *   an answer that confirms nothing (an HTML page, a redirect, no answer) keeps it.
 * - A 401 in the middle of work (EvoClient's onAuthRequired) → `signInRequired`; the
 *   interrupted requests wait on one promise that resolves when the same user signs in
 *   again on the same server (they are then replayed once by the client) and rejects on
 *   sign-out, cancel, another user or another server. The active account survives.
 * - State is a plain serialisable object (src/shared/session.ts), pushed to listeners. */
import { AppError, isErrorKind, TRANSIENT_KINDS } from '../../shared/errors';
import { CUSTOMER_ROLES, hasCustomerRole, SUPERUSER_ROLE } from '../../shared/evo/assumptions';
import type { UserInfo } from '../../shared/evo/schemas';
import type { EvoClient } from '../api/evo-client';
import { profileOrigin, type ServerProfile } from '../settings/profiles';
import type { KnownUser, SettingsStore } from '../settings/settings-store';
import type { Keychain } from './keychain';
import type { SessionAccount, SessionState, SessionUser } from '../../shared/session';

export interface ClientFactoryOptions {
  baseUrl: string;
  /** Wire into EvoClientOptions.onAuthRequired. */
  onAuthRequired: (err: AppError) => Promise<void>;
}

/** Builds the API client for a server (the composition root adds limiter, outcome and cache hooks). */
export type ClientFactory = (options: ClientFactoryOptions) => EvoClient;

export interface SessionLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface SessionServiceDeps {
  settings: SettingsStore;
  keychain: Keychain;
  createClient: ClientFactory;
  logger?: SessionLogger;
}

export interface SignInRequest {
  /** Defaults to the profile currently selected. */
  profileId?: string;
  email: string;
  password: string;
  rememberMe: boolean;
}

/** Interrupted requests waiting for the user to sign in again. */
interface Waiters {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: AppError) => void;
}

function newWaiters(): Waiters {
  let resolve!: () => void;
  let reject!: (e: AppError) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // the client awaits it; this only keeps an unawaited rejection quiet
  return { promise, resolve, reject };
}

const sameEmail = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();


function accountsOf(info: UserInfo): SessionAccount[] {
  const ids = info.accountIds ?? [];
  const names = info.accountNames ?? [];
  return ids.map((id, i) => ({ id, name: names[i] || id }));
}

function userOf(info: UserInfo, email: string): SessionUser {
  const fullName = [info.firstName, info.lastName].filter(Boolean).join(' ');
  return { email: info.emailAddress || email, name: info.name || fullName || email, roles: [...(info.roles ?? [])] };
}

export class SessionService {
  private readonly settings: SettingsStore;
  private readonly keychain: Keychain;
  private readonly createClient: ClientFactory;
  private readonly logger?: SessionLogger;
  private readonly listeners = new Set<(state: SessionState) => void>();
  private state: SessionState;
  private current?: { client: EvoClient; profileId: string };
  private waiters?: Waiters;
  /** Serialises sign-in / sign-out / restore so they never interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(deps: SessionServiceDeps) {
    this.settings = deps.settings;
    this.keychain = deps.keychain;
    this.createClient = deps.createClient;
    this.logger = deps.logger;
    this.state = {
      status: 'signedOut',
      profile: null,
      email: null,
      user: null,
      accounts: [],
      activeAccountId: null,
      suggestedAccountId: null,
      rememberMe: true,
      keychain: this.keychainState(),
      interruptedWork: false,
      verified: true,
    };
  }

  // ---- observing ----------------------------------------------------------

  /** A copy of the current state (serialisable, no secrets). */
  getState(): SessionState {
    return structuredClone(this.state);
  }

  onStateChange(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The API client of the signed-in session. Ask for it per operation (it changes with the server). */
  client(): EvoClient {
    if (!this.current || this.state.status === 'signedOut') {
      throw new AppError({ kind: 'AuthRequired', message: 'Not signed in. Sign in to an Evo Voice server first.' });
    }
    return this.current.client;
  }

  /** The account every call is scoped to. */
  activeAccountId(): string {
    const id = this.state.activeAccountId;
    if (!id) {
      const message =
        this.state.status === 'chooseAccount' ? 'Choose the account to work on first.' : 'Not signed in. Sign in to an Evo Voice server first.';
      throw new AppError({ kind: 'AuthRequired', message });
    }
    return id;
  }

  profiles(): ServerProfile[] {
    return this.settings.profiles();
  }

  /** Adds a server the user typed (https, or http on loopback; InsecureUrl/InvalidInput otherwise). */
  addProfile(label: string, url: string): ServerProfile {
    return this.settings.addCustomProfile(label, url);
  }

  // ---- lifecycle ----------------------------------------------------------

  /** At start: select the last profile and resume its saved session if there is one. */
  restoreSession(): Promise<SessionState> {
    return this.serial(async () => {
      await this.keychain.probe();
      const profile = this.settings.profile(this.settings.lastProfileId() ?? '') ?? this.settings.profiles()[0]!;
      await this.enterProfile(profile);
      return this.getState();
    });
  }

  /** Switch server (not while signed in: sign out first). Resumes that server's saved session if any. */
  selectProfile(profileId: string): Promise<SessionState> {
    return this.serial(async () => {
      const profile = this.requireProfile(profileId);
      if (this.state.profile?.id === profileId && this.state.status !== 'signedOut') return this.getState();
      if (this.state.status === 'signedIn' || this.state.status === 'chooseAccount') {
        throw new AppError({ kind: 'Conflict', message: `Sign out of ${this.state.profile?.label} before switching to ${profile.label}.` });
      }
      this.rejectWaiters(`Switched to ${profile.label}, so the interrupted request was not sent again.`);
      this.settings.setLastProfileId(profile.id);
      await this.enterProfile(profile);
      return this.getState();
    });
  }

  signIn(request: SignInRequest): Promise<SessionState> {
    return this.serial(() => this.doSignIn(request));
  }

  /** Pick the active account (after sign-in with several accounts, or to switch). */
  selectAccount(accountId: string): SessionState {
    const { status, accounts, profile, user } = this.state;
    if ((status !== 'chooseAccount' && status !== 'signedIn') || !profile || !user) {
      throw new AppError({ kind: 'AuthRequired', message: 'Sign in before choosing an account.' });
    }
    if (!accounts.some((a) => a.id === accountId)) {
      throw new AppError({ kind: 'InvalidInput', message: `Account ${accountId} is not one of the accounts ${user.email} can use.` });
    }
    this.settings.setLastAccountId(profile.id, user.email, accountId);
    this.update({ status: 'signedIn', activeAccountId: accountId, suggestedAccountId: accountId });
    return this.getState();
  }

  /** /auth/logout, forget the session here and in the keychain. Interrupted requests give up. */
  signOut(): Promise<SessionState> {
    return this.serial(async () => {
      this.rejectWaiters('Signed out, so the interrupted request was not sent again.');
      const { profile, email } = this.state;
      const client = this.current?.client;
      if (client) {
        try {
          await client.signOut();
        } catch (e) {
          // The server may be unreachable: the local session is forgotten anyway.
          this.logger?.warn('Sign-out request failed; the session was forgotten locally.', { kind: (e as AppError).kind });
          client.clearSession();
        }
      }
      if (profile?.url && email) await this.keychain.remove(email, profileOrigin(profile));
      this.logger?.info('Signed out.', { profile: profile?.id });
      this.toSignedOut();
      return this.getState();
    });
  }

  /** The user gives up on "sign in again": interrupted requests fail, the session is forgotten. */
  cancelSignIn(): Promise<SessionState> {
    return this.serial(async () => {
      if (this.state.status !== 'signInRequired') return this.getState();
      this.rejectWaiters('Sign-in was cancelled, so the interrupted request was not sent again.');
      this.current?.client.clearSession();
      const { profile, email } = this.state;
      if (profile?.url && email) await this.keychain.remove(email, profileOrigin(profile));
      this.toSignedOut();
      return this.getState();
    });
  }

  /** The app is closing: requests still running end as Cancelled, and nothing they meet (a 401)
   * may change the saved session any more. */
  close(): void {
    this.closed = true;
    this.current?.client.close();
    const waiters = this.waiters;
    this.waiters = undefined;
    waiters?.reject(new AppError({ kind: 'Cancelled', message: 'The app is closing.' }));
  }

  // ---- internals ----------------------------------------------------------

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private requireProfile(profileId: string): ServerProfile {
    const profile = this.settings.profile(profileId);
    if (!profile) throw new AppError({ kind: 'InvalidInput', message: `Unknown server profile "${profileId}".` });
    if (!profile.url) {
      throw new AppError({ kind: 'InvalidInput', message: `${profile.label} has no address yet (start it with npm run sandbox or npm run demo).` });
    }
    return profile;
  }

  /** A client bound to this service's re-sign-in hook, reused while the server stays the same. */
  private clientFor(profile: ServerProfile): EvoClient {
    if (this.current?.profileId === profile.id && this.current.client.baseUrl === profile.url) return this.current.client;
    this.current?.client.clearSession();
    const client = this.createClient({ baseUrl: profile.url, onAuthRequired: (err) => this.onAuthRequired(client, err) });
    this.current = { client, profileId: profile.id };
    return client;
  }

  /** Shows a profile signed out (email prefilled), then resumes its saved session if there is one. */
  private async enterProfile(profile: ServerProfile): Promise<void> {
    const email = this.settings.profileUse(profile.id).lastEmail ?? null;
    this.current?.client.clearSession();
    this.current = undefined;
    this.update({ ...this.signedOutFields(), profile, email });
    if (!profile.url || !email) return;

    const origin = profileOrigin(profile);
    const stored = await this.keychain.load(email, origin);
    this.update({ keychain: this.keychainState() });
    if (!stored) return;

    const client = this.clientFor(profile);
    client.restoreSession(stored.cookies);
    let info: UserInfo;
    try {
      info = await client.authStatus();
    } catch (e) {
      if (isErrorKind(e, ...TRANSIENT_KINDS)) return this.resumeUnchecked(profile, email, `${profile.label} did not answer (${(e as Error).message})`);
      // Only a clear "signed out" from the server ends the saved session.
      if (!isErrorKind(e, 'AuthRequired')) {
        this.logger?.info('Saved session could not be confirmed; kept.', { profile: profile.id, kind: (e as AppError).kind });
        return this.resumeUnchecked(profile, email, `${profile.label} did not confirm the saved session (${(e as Error).message})`);
      }
      client.clearSession();
      await this.keychain.remove(email, origin);
      this.logger?.info('Saved session has expired.', { profile: profile.id });
      this.update({
        status: 'signInRequired',
        keychain: this.keychainState(),
        message: `Your saved session on ${profile.label} has expired. Sign in again to continue.`,
      });
      return;
    }
    if (!hasCustomerRole(info.roles ?? [])) {
      await this.endSession(client, email, origin);
      this.update({ message: this.noRoleError(info.emailAddress || email).message });
      return;
    }
    const user = userOf(info, email);
    // The server may have refreshed cookies on the check: keep the keychain current, under the
    // one key (the server's email; an entry from an older version may be under what was typed).
    await this.keychain.save(user.email, origin, { cookies: client.sessionCookies() });
    if (!sameEmail(user.email, email)) {
      await this.keychain.remove(email, origin);
      this.settings.setLastEmail(profile.id, user.email);
    }
    this.applySignedIn(profile, user, accountsOf(info), { rememberMe: true, keepAccountId: null, restoring: true });
    this.logger?.info('Resumed saved session.', { profile: profile.id });
  }

  /** The check did not settle it (no answer, or an answer that confirms nothing): keep the saved
   * session (in the keychain too) and the last known user, unverified. `why` starts a sentence. */
  private resumeUnchecked(profile: ServerProfile, email: string, why: string): void {
    const known = this.settings.knownUser(profile.id, email);
    if (!known) {
      this.current?.client.clearSession();
      this.update({ status: 'signInRequired', message: `${why}; sign in when it is reachable. The saved session was kept.` });
      return;
    }
    this.applySignedIn(profile, { email, name: known.name, roles: known.roles }, known.accounts, { rememberMe: true, keepAccountId: null, restoring: true });
    this.update({ verified: false, message: `${why}, so the saved session was resumed without checking it.` });
  }

  private async doSignIn(request: SignInRequest): Promise<SessionState> {
    const profile = this.requireProfile(request.profileId ?? this.state.profile?.id ?? '');
    const email = request.email.trim();
    if (!email || !request.password) {
      throw new AppError({ kind: 'InvalidInput', message: 'Enter your Evo Voice email address and password.' });
    }
    const previous = this.state;
    const signedInElsewhere = (previous.status === 'signedIn' || previous.status === 'chooseAccount') && previous.profile?.id !== profile.id;
    if (signedInElsewhere) {
      throw new AppError({ kind: 'Conflict', message: `Sign out of ${previous.profile?.label} before signing in to ${profile.label}.` });
    }
    const resuming = previous.status === 'signInRequired' && previous.profile?.id === profile.id;
    if (!resuming) this.rejectWaiters(`Signed in to ${profile.label} instead, so the interrupted request was not sent again.`);

    const client = this.clientFor(profile);
    const origin = profileOrigin(profile);
    // Failures (wrong password, server down) leave the state as it was: waiting requests keep waiting.
    await client.signIn(email, request.password, request.rememberMe);
    let info: UserInfo;
    try {
      info = await client.authStatus();
    } catch (e) {
      client.clearSession();
      throw e;
    }
    const user = userOf(info, email);

    if (!hasCustomerRole(user.roles)) {
      this.rejectWaiters(`${user.email} cannot use the console, so the interrupted request was not sent again.`);
      await this.endSession(client, user.email, origin);
      this.update({ ...this.signedOutFields(), profile, email });
      throw this.noRoleError(user.email);
    }
    const accounts = accountsOf(info);
    if (accounts.length === 0) {
      this.rejectWaiters(`${user.email} has no accounts, so the interrupted request was not sent again.`);
      await this.endSession(client, user.email, origin);
      this.update({ ...this.signedOutFields(), profile, email });
      throw new AppError({ kind: 'Forbidden', message: `${user.email} has no Evo Voice accounts to work on. Ask an Evo Voice administrator for access.` });
    }

    const sameUser = resuming && sameEmail(previous.user?.email ?? previous.email, user.email);
    if (resuming && !sameUser) {
      this.rejectWaiters(`Signed in as ${user.email} instead of ${previous.user?.email ?? previous.email}, so the interrupted request was not sent again.`);
    }

    // One keychain key per user: the server's email, which the state, sign-out and the next
    // start use too (what was typed may differ from it, e.g. an alias or another spelling).
    if (request.rememberMe) {
      await this.keychain.save(user.email, origin, { cookies: client.sessionCookies() });
    } else {
      // Opting out also forgets a session remembered earlier.
      await this.keychain.remove(user.email, origin);
    }
    this.settings.setLastProfileId(profile.id);
    this.settings.setLastEmail(profile.id, user.email);
    this.applySignedIn(profile, user, accounts, {
      rememberMe: request.rememberMe,
      keepAccountId: sameUser ? previous.activeAccountId : null,
    });
    this.logger?.info('Signed in.', { profile: profile.id, accounts: accounts.length, resumedWork: sameUser && !!this.waiters });
    if (sameUser) this.resolveWaiters();
    return this.getState();
  }

  /** Fills the signed-in state. Active account: the one kept across a re-sign-in, else the only one,
   * else (resuming a saved session) the last used; otherwise the user chooses (`chooseAccount`). */
  private applySignedIn(
    profile: ServerProfile,
    user: SessionUser,
    accounts: SessionAccount[],
    options: { rememberMe: boolean; keepAccountId: string | null; restoring?: boolean },
  ): void {
    const ids = new Set(accounts.map((a) => a.id));
    const last = this.settings.lastAccountId(profile.id, user.email);
    const suggested = last && ids.has(last) ? last : null;
    let active: string | null = null;
    if (options.keepAccountId && ids.has(options.keepAccountId)) active = options.keepAccountId;
    else if (accounts.length === 1) active = accounts[0]!.id;
    else if (options.restoring && suggested) active = suggested;
    const known: KnownUser = { name: user.name, roles: user.roles, accounts };
    this.settings.setKnownUser(profile.id, user.email, known);
    if (active) this.settings.setLastAccountId(profile.id, user.email, active);
    this.update({
      status: active ? 'signedIn' : 'chooseAccount',
      profile,
      email: user.email,
      user,
      accounts,
      activeAccountId: active,
      suggestedAccountId: active ?? suggested,
      rememberMe: options.rememberMe,
      keychain: this.keychainState(),
      interruptedWork: this.state.interruptedWork && !!this.waiters,
      verified: true,
      message: undefined,
    });
  }

  /** EvoClient hook: a request got 401. Resolve = signed in again (replay once); reject = give up. */
  private onAuthRequired(client: EvoClient, err: AppError): Promise<void> {
    if (this.closed || this.current?.client !== client) return Promise.reject(err);
    const { status, profile } = this.state;
    if (status === 'signedOut') return Promise.reject(err);
    if (!this.waiters) this.waiters = newWaiters();
    if (status === 'signedIn' || status === 'chooseAccount') {
      const email = this.state.user?.email ?? this.state.email;
      this.logger?.info('Session ended mid-work; waiting for sign-in.', { profile: profile?.id });
      this.update({
        status: 'signInRequired',
        interruptedWork: true,
        message: `Your session on ${profile?.label ?? 'the server'} has ended. Sign in again as ${email} to continue; the interrupted work will resume.`,
      });
      // The stored session is dead: do not offer it again at the next start.
      if (profile?.url && email) {
        const origin = profileOrigin(profile);
        void this.serial(() => (this.state.status === 'signInRequired' ? this.keychain.remove(email, origin) : Promise.resolve(false)));
      }
    } else {
      this.update({ interruptedWork: true });
    }
    return this.waiters.promise;
  }

  private resolveWaiters(): void {
    const waiters = this.waiters;
    this.waiters = undefined;
    waiters?.resolve();
    if (this.state.interruptedWork) this.update({ interruptedWork: false });
  }

  private rejectWaiters(message: string): void {
    const waiters = this.waiters;
    this.waiters = undefined;
    waiters?.reject(new AppError({ kind: 'AuthRequired', message }));
    if (this.state.interruptedWork) this.update({ interruptedWork: false });
  }

  /** Ends a session that must not be used (no role): server logout, local forget, keychain forget. */
  private async endSession(client: EvoClient, email: string, origin: string): Promise<void> {
    try {
      await client.signOut();
    } catch {
      client.clearSession();
    }
    await this.keychain.remove(email, origin);
  }

  private noRoleError(email: string): AppError {
    return new AppError({
      kind: 'Forbidden',
      message: `${email} has none of the roles the console needs (${CUSTOMER_ROLES.join(', ')}, or ${SUPERUSER_ROLE}). Ask an Evo Voice administrator to grant one.`,
    });
  }

  private signedOutFields(): Partial<SessionState> {
    return {
      status: 'signedOut',
      user: null,
      accounts: [],
      activeAccountId: null,
      suggestedAccountId: null,
      interruptedWork: false,
      verified: true,
      message: undefined,
      keychain: this.keychainState(),
    };
  }

  private toSignedOut(): void {
    this.update({ ...this.signedOutFields(), email: this.state.user?.email ?? this.state.email });
  }

  private keychainState(): SessionState['keychain'] {
    const status = this.keychain.status();
    return status.available ? { available: true } : { available: false, message: status.message };
  }

  private update(patch: Partial<SessionState>): void {
    const next: SessionState = { ...this.state, ...patch };
    if (next.message === undefined) delete next.message;
    this.state = next;
    const snapshot = this.getState();
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot);
      } catch (e) {
        this.logger?.warn('A session state listener failed.', { error: (e as Error).message });
      }
    }
  }
}
