/* The CLI's wiring: everything comes from the app's composition root (createAppServices) —
 * settings, session, connectivity, and the signed-in account's workspace (cache +
 * CustomerService) and BulkStagingService — so the CLI and the desktop app share one
 * implementation and one data folder (sessions in the keychain, caches, journal). Only
 * --offline, which never starts a session, opens the last identity's cache itself.
 *
 * The services are most of the code: they are imported by load() (which every command that
 * uses them awaits, through connect(), CliContext.identity() or journal()), so `whoami
 * --offline`, which only reads the settings file, starts without them.
 *
 * One CLI-specific rule: a script cannot answer "sign in again", so when the server ends the
 * session mid-command (401) the CLI gives up at once (SessionService.cancelSignIn, which
 * fails the waiting requests with AuthRequired) instead of waiting for a re-sign-in. */
import { AppError } from '../shared/errors';
import { checkServerUrl } from '../shared/server-url';
import type { ServerProfile, SessionState } from '../shared/session';
import type { AppServices } from '../main/app-services';
import type { BulkStagingService } from '../main/bulk/bulk-staging-service';
import type { BulkClient } from '../main/bulk/ports';
import type { CustomerCache } from '../main/cache/customer-cache';
import type { CustomerService } from '../main/customers/customer-service';
import { SettingsStore } from '../main/settings/settings-store';
import { CLI_VERSION } from './program';

async function importServices() {
  const [app, api, bulk, cache, customers] = await Promise.all([
    import('../main/app-services'),
    import('../main/api/evo-client'),
    import('../main/bulk/bulk-staging-service'),
    import('../main/cache/customer-cache'),
    import('../main/customers/customer-service'),
  ]);
  return { createAppServices: app.createAppServices, EvoClient: api.EvoClient, BulkStagingService: bulk.BulkStagingService, CustomerCache: cache.CustomerCache, CustomerService: customers.CustomerService };
}
type ServiceModules = Awaited<ReturnType<typeof importServices>>;

/** Who the command acts as: from the live session, or (--offline) from the settings file. */
export interface CliIdentity {
  profile: ServerProfile;
  email: string;
  userName: string | null;
  accountId: string;
  accountName: string | null;
  /** False when the session was resumed without the server answering, or --offline. */
  verified: boolean;
  offline: boolean;
}

/** The keychain's reason without the app's "sign in again after restarting" (the CLI cannot keep a session at all). */
export function keychainReason(message: string | undefined): string {
  return (message ?? 'No OS keychain is available.').replace(/,?\s*so you will need to sign in again after restarting\.?\s*$/i, '.');
}

const notSignedIn = (profile: ServerProfile | null | undefined) =>
  new AppError({
    kind: 'AuthRequired',
    message: profile?.url ? `Not signed in to ${profile.url}. Run: evo-console login --user EMAIL` : 'Not signed in. Run: evo-console login --server URL --user EMAIL',
  });

/** --offline bulk service: plans come from the cache; a server call would be a bug, refused as Offline. */
function offlineBulkClient(): BulkClient {
  const refuse = () => Promise.reject(new AppError({ kind: 'Offline', message: '--offline: this needs the server. Run it again without --offline.' }));
  return {
    customerPages: () => ({
      [Symbol.asyncIterator]() {
        return this;
      },
      next: refuse,
      return: refuse,
      throw: refuse,
    }) as unknown as ReturnType<BulkClient['customerPages']>,
    getCustomers: refuse,
    getCustomer: refuse,
    setStaging: refuse,
    authStatus: refuse,
  };
}

export class CliServices {
  private modules?: ServiceModules;
  private app?: AppServices;
  private ownSettings?: SettingsStore;
  private cache?: CustomerCache;
  private offlineCustomers?: CustomerService;
  private offlineBulk?: BulkStagingService;
  private sessionEndedListeners = new Set<(state: SessionState) => void>();
  private gaveUp = false;

  constructor(
    readonly dataDir: string,
    /** --server / EVO_CONSOLE_SERVER, unchecked. */
    private readonly serverOption: string | undefined,
    /** Tells the user what happened outside any call (a damaged file set aside and rebuilt). */
    private readonly notify: (message: string) => void,
  ) {}

  /** Imports the services; every command that uses them awaits this first. */
  async load(): Promise<void> {
    this.modules ??= await importServices();
  }

  private get loaded(): ServiceModules {
    if (!this.modules) throw new Error('CliServices.load() was not awaited before using the services.');
    return this.modules;
  }

  /** The app's services (after load()). */
  get appServices(): AppServices {
    if (!this.app) {
      this.app = this.loaded.createAppServices({
        dataDir: this.dataDir,
        host: 'cli',
        appVersion: CLI_VERSION,
        // The CLI serves no IPC: nobody may call its router.
        checkSender: () => 'the command-line tool has no IPC callers',
      });
      for (const notice of this.app.notices.list()) this.notify(notice.message);
      this.app.notices.onAdd((notice) => this.notify(notice.message));
    }
    return this.app;
  }

  /** The settings file: the app's store once the services are loaded, else one of its own (same file, read on every call). */
  private get settings(): SettingsStore {
    if (this.app) return this.app.settings;
    this.ownSettings ??= new SettingsStore({ dir: this.dataDir });
    return this.ownSettings;
  }

  /** The journal of runs and plans (needs no sign-in). */
  async journal(): Promise<BulkStagingService> {
    await this.load();
    return this.bulk();
  }

  /** The profile named by --server (found, or added as a custom server), else the last used one. */
  profile(): ServerProfile | undefined {
    const settings = this.settings;
    if (this.serverOption !== undefined) {
      const checked = checkServerUrl(this.serverOption);
      if (!checked.ok) throw new AppError(checked.error);
      return settings.profiles().find((p) => p.url === checked.url) ?? settings.addCustomProfile(checked.url, checked.url);
    }
    const last = settings.lastProfileId();
    return last ? settings.profile(last) : undefined;
  }

  /** Selects the profile and resumes its saved session (checked against the server). With no
   * --server and no server used before there is nothing to resume: the built-in production
   * profile is not assumed for someone who never used it. */
  async connect(): Promise<SessionState> {
    const profile = this.profile();
    await this.load();
    const { session, settings } = this.appServices;
    if (!profile) throw notSignedIn(null);
    const state = profile.id !== settings.lastProfileId() ? await session.selectProfile(profile.id) : await session.restoreSession();
    session.onStateChange((s) => this.onSessionState(s));
    return state;
  }

  /** Called when the server ended the session in the middle of this command. */
  onSessionEnded(listener: (state: SessionState) => void): () => void {
    this.sessionEndedListeners.add(listener);
    return () => this.sessionEndedListeners.delete(listener);
  }

  sessionEnded(): boolean {
    return this.gaveUp;
  }

  /** The signed-in identity, or AuthRequired (with the session's own reason when it has one). */
  identityFrom(state: SessionState): CliIdentity {
    if (state.status === 'chooseAccount') {
      throw new AppError({ kind: 'AuthRequired', message: 'Signed in, but no account is chosen. Run: evo-console accounts, then evo-console use-account ID' });
    }
    if (state.status !== 'signedIn' || !state.profile || !state.user || !state.activeAccountId) {
      if (!state.keychain.available && state.keychain.message) {
        throw new AppError({
          kind: 'NoKeychain',
          message: `${keychainReason(state.keychain.message)} evo-console keeps its session only in the OS keychain; set one up (e.g. GNOME Keyring / Secret Service) and run evo-console login.`,
        });
      }
      if (state.message) throw new AppError({ kind: 'AuthRequired', message: `${state.message} Run: evo-console login` });
      throw notSignedIn(state.profile);
    }
    const account = state.accounts.find((a) => a.id === state.activeAccountId);
    return {
      profile: state.profile,
      email: state.user.email,
      userName: state.user.name,
      accountId: state.activeAccountId,
      accountName: account?.name ?? null,
      verified: state.verified,
      offline: false,
    };
  }

  /** --offline: who and which account from the settings file, without asking any server. */
  offlineIdentity(): CliIdentity {
    const settings = this.settings;
    const profile = this.profile();
    const email = profile ? settings.profileUse(profile.id).lastEmail : undefined;
    const accountId = profile && email ? settings.lastAccountId(profile.id, email) : undefined;
    if (!profile || !profile.url || !email || !accountId) {
      throw new AppError({ kind: 'AuthRequired', message: 'No earlier sign-in to read an offline cache for. Run evo-console login once while online.' });
    }
    const known = settings.knownUser(profile.id, email);
    return {
      profile,
      email,
      userName: known?.name ?? null,
      accountId,
      accountName: known?.accounts.find((a) => a.id === accountId)?.name ?? null,
      verified: false,
      offline: true,
    };
  }

  /** Customers of the account: the app's workspace when signed in; with --offline a cache-only service. */
  customers(identity: CliIdentity): CustomerService {
    if (!identity.offline) return this.appServices.workspaces.current().customers;
    const { CustomerService, EvoClient } = this.loaded;
    this.offlineCustomers ??= new CustomerService({
      // Never called: every read is answered from the cache and writes are refused.
      client: new EvoClient({ baseUrl: identity.profile.url }),
      cache: this.offlineCache(identity),
      connectivity: { isOffline: true },
      accountId: identity.accountId,
      serverUrl: identity.profile.url,
    });
    return this.offlineCustomers;
  }

  /**
   * Bulk staging over the shared journal: the app's service (it needs no sign-in for journal
   * reads such as runs ls/show/export). With --offline: a service over the same journal whose
   * plans come from the last identity's cache (the app's one reads the signed-in account's).
   */
  bulk(identity?: CliIdentity): BulkStagingService {
    if (!identity?.offline) return this.appServices.workspaces.bulk;
    this.offlineBulk ??= this.loaded.BulkStagingService.open({
      appDataDir: this.dataDir,
      client: offlineBulkClient(),
      cache: this.offlineCache(identity),
      // The journal's runs of this account (staging now / due) are found by it.
      identity: () => ({ userEmail: identity.email, serverUrl: identity.profile.url, accountId: identity.accountId, accountName: identity.accountName }),
    });
    return this.offlineBulk;
  }

  /** --offline: the cache file of the last identity (one SQLite file per server, user and account). */
  private offlineCache(identity: CliIdentity): CustomerCache {
    if (!this.cache) {
      const opened = this.loaded.CustomerCache.open({
        appDataDir: this.dataDir,
        profile: { server: identity.profile.url, user: identity.email, accountId: identity.accountId },
      });
      if (opened.recovered) this.notify(`The offline cache was unreadable and has been rebuilt empty (the damaged file was kept as ${opened.recovered.movedTo}).`);
      this.cache = opened.cache;
    }
    return this.cache;
  }

  close(): void {
    this.cache?.close();
    this.app?.close();
  }

  private onSessionState(state: SessionState): void {
    if (state.status !== 'signInRequired' || !state.interruptedWork || this.gaveUp) return;
    this.gaveUp = true;
    for (const listener of [...this.sessionEndedListeners]) listener(state);
    // Fail the requests waiting for a re-sign-in: nobody is there to sign in.
    void this.appServices.session.cancelSignIn();
  }
}
