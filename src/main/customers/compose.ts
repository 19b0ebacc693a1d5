/* Wiring of the offline-aware customer stack: the API client writes every customer it reads
 * into the profile's cache and reports every request outcome to Connectivity; the
 * CustomerService reads through both. The app's composition root, the CLI and the tests use
 * these helpers so the wiring exists once. */
import type { Customer } from '../../shared/evo/schemas';
import { EvoClient, type EvoClientOptions, type RequestOutcome } from '../api/evo-client';
import { CustomerCache } from '../cache/customer-cache';
import type { CacheProfile, CacheRecovery } from '../cache/database';
import { Connectivity, type ConnectivityOptions } from '../connectivity/connectivity';
import { httpProbe } from '../connectivity/http-probe';
import { CustomerService } from './customer-service';

/** The client's onCustomers hook: every customer read or written lands in the cache (on the
 * next event-loop turn, so writing never delays the client's next request; any cache read
 * writes pending copies first). */
export function attachWriteThrough(cache: CustomerCache): (customers: Customer[]) => void {
  return (customers) => cache.upsertCustomersSoon(customers);
}

/** The client hooks for one profile: write-through plus connectivity (plus an extra outcome listener). */
export function cacheClientHooks(
  cache: CustomerCache,
  connectivity: Connectivity,
  alsoOnOutcome?: (outcome: RequestOutcome) => void,
): Required<Pick<EvoClientOptions, 'onCustomers' | 'onOutcome'>> {
  return {
    onCustomers: attachWriteThrough(cache),
    onOutcome: (outcome) => {
      connectivity.onOutcome(outcome);
      alsoOnOutcome?.(outcome);
    },
  };
}

export interface OfflineCustomerStackOptions {
  appDataDir: string;
  profile: CacheProfile;
  /** Client options (baseUrl = profile.server unless given); the cache/connectivity hooks are added. */
  client?: Omit<EvoClientOptions, 'baseUrl' | 'onCustomers'> & { baseUrl?: string };
  /** better-sqlite3 binary (native-binding.ts); undefined = Node build. */
  nativeBinding?: string;
  connectivity?: Partial<ConnectivityOptions>;
  rootsMaxAgeMs?: number;
  now?: () => number;
}

export interface OfflineCustomerStack {
  client: EvoClient;
  cache: CustomerCache;
  connectivity: Connectivity;
  customers: CustomerService;
  /** Set when the cache file was unreadable and has been rebuilt: tell the user. */
  cacheRecovered?: CacheRecovery;
  /** Stops probing and closes the cache. Idempotent. */
  close(): void;
}

/** Builds client + cache + connectivity + service for one profile (server, user, account). */
export function openOfflineCustomerStack(options: OfflineCustomerStackOptions): OfflineCustomerStack {
  const baseUrl = options.client?.baseUrl ?? options.profile.server;
  const opened = CustomerCache.open({
    appDataDir: options.appDataDir,
    profile: options.profile,
    nativeBinding: options.nativeBinding,
    ...(options.now ? { now: options.now } : {}),
  });
  const cache = opened.cache;
  const connectivity = new Connectivity({ probe: httpProbe(baseUrl), ...options.connectivity });
  const client = new EvoClient({ ...options.client, baseUrl, ...cacheClientHooks(cache, connectivity, options.client?.onOutcome) });
  const customers = new CustomerService({
    client,
    cache,
    connectivity,
    accountId: options.profile.accountId,
    serverUrl: client.baseUrl,
    clientWritesThrough: true,
    ...(options.rootsMaxAgeMs === undefined ? {} : { rootsMaxAgeMs: options.rootsMaxAgeMs }),
    ...(options.now ? { now: options.now } : {}),
  });
  let closed = false;
  const stack: OfflineCustomerStack = {
    client,
    cache,
    connectivity,
    customers,
    close() {
      if (closed) return;
      closed = true;
      connectivity.dispose();
      cache.close();
    },
  };
  if (opened.recovered) stack.cacheRecovered = opened.recovered;
  return stack;
}
