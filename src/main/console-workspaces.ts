/* The customer stack, built once for every host (app, e2e harness, CLI, tests, bench) by
 * createAppServices: for the signed-in (server, user, account), the offline customer cache and
 * the CustomerService reading through it, plus one app-wide BulkStagingService (its journal is
 * per app-data folder). Both always talk through the session's current API client, so a
 * re-sign-in or server switch needs no rewiring.
 *
 * The cache is filled in one way only: the API client hands every customer it reads or writes
 * (browsing, syncs, plans, bulk writes) to `writeThrough`, which stores those of the active
 * account in its cache. Workspaces are kept per (server, user, account) until the app closes,
 * so switching back and forth does not reopen files and a run keeps its cache. */
import { AppError } from '../shared/errors';
import type { Customer } from '../shared/evo/schemas';
import type { EvoClient } from './api/evo-client';
import { CustomerCache } from './cache/customer-cache';
import { cacheFilePath, type CacheProfile } from './cache/database';
import { deleteDatabaseIfUnused } from './sqlite/delete-database';
import { currentNativeBindingEnv, nativeBindingOption } from './sqlite/native-binding';
import type { Connectivity } from './connectivity/connectivity';
import { CustomerService } from './customers/customer-service';
import { BulkStagingService } from './bulk/bulk-staging-service';
import type { SessionService } from './session/session-service';
import type { Notices } from './notices';
import type { RequestRate } from '../shared/request-rate';

export interface Workspace {
  key: string;
  accountId: string;
  cache: CustomerCache;
  customers: CustomerService;
  client: EvoClient;
}

export interface ConsoleWorkspacesOptions {
  dataDir: string;
  session: SessionService;
  connectivity: Connectivity;
  /** Where a rebuilt (damaged) offline copy is reported to the user. */
  notices: Notices;
  /** better-sqlite3 binary (default: chosen for the running process, see native-binding.ts). */
  nativeBinding?: string;
  /** How long a downloaded account listing answers "roots" (CustomerService). */
  rootsMaxAgeMs?: number;
  /** The request rate to the current server (bulk progress shows it). */
  requestRate?: () => RequestRate | null;
}

const workspaceKey = (profile: CacheProfile) => JSON.stringify([profile.server, profile.user, profile.accountId]);

/** The session's API client, looked up on every call (it changes with the server). */
function currentClient(session: SessionService): EvoClient {
  return new Proxy({} as EvoClient, {
    get(_target, prop) {
      const client = session.client() as unknown as Record<PropertyKey, unknown>;
      const value = client[prop];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(client) : value;
    },
  });
}

export class ConsoleWorkspaces {
  private readonly open = new Map<string, Workspace>();
  private readonly client: EvoClient;
  private bulkService: BulkStagingService | undefined;

  constructor(private readonly options: ConsoleWorkspacesOptions) {
    this.client = currentClient(options.session);
    // Signed out: the offline copy may be deleted (sign-out without keeping it), so let go of it.
    options.session.onStateChange((state) => {
      if (state.status === 'signedOut') this.close();
    });
  }

  /** Opened on first use, so a missing native binary is reported to the screen that needs it
   * instead of stopping the app at start. */
  get bulk(): BulkStagingService {
    this.bulkService ??= BulkStagingService.open({
      appDataDir: this.options.dataDir,
      nativeBinding: this.nativeBinding(),
      client: this.client,
      session: this.options.session,
      ...(this.options.requestRate ? { requestRate: this.options.requestRate } : {}),
      // Offline plans read the current account's cache.
      cache: {
        get: (id) => this.current().cache.get(id),
        descendants: (id) => this.current().cache.descendants(id),
      },
    });
    return this.bulkService;
  }

  private nativeBinding(): string | undefined {
    return this.options.nativeBinding ?? nativeBindingOption(currentNativeBindingEnv());
  }

  /** The API client's write-through hook: customers of the active account land in its cache
   * (on the next event-loop turn, so writing never delays the client's next request). */
  writeThrough(customers: Customer[]): void {
    let workspace: Workspace;
    try {
      workspace = this.current();
    } catch {
      return; // nobody signed in (e.g. the sign-in itself): nothing to cache into
    }
    // Another account's customer (an administrator reading by id) never lands in this cache.
    const own = customers.filter((c) => !c.accountId || c.accountId === workspace.accountId);
    if (own.length > 0) workspace.cache.upsertCustomersSoon(own);
  }

  /** The workspace of the signed-in account; AuthRequired when nobody is signed in. */
  current(): Workspace {
    const state = this.options.session.getState();
    const server = state.profile?.url;
    const user = state.user?.email;
    const accountId = state.activeAccountId;
    if (!server || !user || !accountId || (state.status !== 'signedIn' && state.status !== 'signInRequired')) {
      throw new AppError({ kind: 'AuthRequired', message: 'Sign in and choose an account first.' });
    }
    const key = workspaceKey({ server, user, accountId });
    const existing = this.open.get(key);
    if (existing) return existing;
    const { cache, recovered } = CustomerCache.open({ appDataDir: this.options.dataDir, profile: { server, user, accountId }, nativeBinding: this.nativeBinding() });
    if (recovered) {
      const account = state.accounts.find((a) => a.id === accountId)?.name ?? accountId;
      this.options.notices.add(
        `The offline copy of ${account} on ${server} was unreadable and has been rebuilt empty; customers are cached again as you browse. The damaged file was kept as ${recovered.movedTo}.`,
      );
    }
    const customers = new CustomerService({
      client: this.client,
      cache,
      connectivity: this.options.connectivity,
      accountId,
      serverUrl: server,
      ...(this.options.rootsMaxAgeMs === undefined ? {} : { rootsMaxAgeMs: this.options.rootsMaxAgeMs }),
    });
    const workspace: Workspace = { key, accountId, cache, customers, client: this.client };
    this.open.set(key, workspace);
    return workspace;
  }

  /** Deletes a profile's offline copy ("sign out and delete the offline copy", `logout
   * --clear-cache`). This process lets go of it first. When another process (the desktop app,
   * another evo-console) still has the file open, deleting it (or its -wal/-shm) under that
   * connection would lose that process's writes, so the copy is emptied through SQLite instead:
   * the customer data is gone all the same, and the other process simply sees an empty cache. */
  deleteOfflineCopy(profile: CacheProfile): 'deleted' | 'emptied' | 'absent' {
    const key = workspaceKey(profile);
    this.open.get(key)?.cache.close();
    this.open.delete(key);
    const nativeBinding = this.nativeBinding();
    const outcome = deleteDatabaseIfUnused(cacheFilePath(this.options.dataDir, profile), nativeBinding);
    if (outcome !== 'inUse') return outcome;
    const { cache } = CustomerCache.open({ appDataDir: this.options.dataDir, profile, nativeBinding });
    try {
      cache.clear();
    } finally {
      cache.close();
    }
    return 'emptied';
  }

  close(): void {
    for (const w of this.open.values()) w.cache.close();
    this.open.clear();
  }
}
