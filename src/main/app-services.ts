/* THE composition root: builds every main-process service for one app-data folder and the
 * IPC router bound to them. Used by the Electron shell, the end-to-end harness (with a
 * Playwright transport instead of ipcMain), the CLI, the service tests and the benchmarks.
 * Only the transport (and a few test seams) differ: services, wiring, handlers and events are
 * exactly the same.
 *
 * Wiring: one RequestLimiter per server (ServerLimiters: adaptive rate, the person's ceiling);
 * the session builds an EvoClient per server whose
 * request outcomes feed Connectivity (which probes the same server while offline), whose
 * customers are written through to the active account's cache (ConsoleWorkspaces), and whose
 * set-aside items become notices (printed by the CLI on stderr); session and connectivity
 * changes are emitted as IPC events. */
import path from 'node:path';
import { CHANNELS, EVENTS } from '../shared/ipc/contract';
import type { AppInfo, Channels, Events } from '../shared/ipc/contract';
import type { SetAsideItem } from '../shared/evo/tolerant';
import { EvoClient, type EvoClientOptions } from './api/evo-client';
import { ServerLimiters } from './api/server-limiters';
import { PRODUCT_NAME } from './app-paths';
import { Connectivity, type ConnectivityOptions } from './connectivity/connectivity';
import { httpProbe } from './connectivity/http-probe';
import { ConsoleWorkspaces } from './console-workspaces';
import { Notices } from './notices';
import { createHandlers } from './ipc/handlers';
import { createRouter, type Router, type RouterLog } from './ipc/router';
import type { SenderCheck } from './ipc/sender';
import { Keychain, type KeytarLike } from './session/keychain';
import { SessionService } from './session/session-service';
import type { SessionState } from '../shared/session';
import { SettingsStore } from './settings/settings-store';

export interface AppServicesOptions {
  /** The app-data folder (settings, caches, journal). */
  dataDir: string;
  host: AppInfo['host'];
  appVersion: string;
  /** Who may call the router (depends on the transport). */
  checkSender: SenderCheck;
  /** URL of a running local sandbox (npm run demo, e2e): becomes the "Local sandbox" profile,
   * selected for the next start unless the user already chose another server. */
  sandboxUrl?: string;
  /** npm run demo only: with no saved session, sign in to the local sandbox as this demo user at start. */
  demoSignIn?: { email: string; password: string };
  /** Test seam only (e.g. a keychain that is deliberately missing). Default: the OS keychain. */
  keytar?: KeytarLike | (() => Promise<KeytarLike>);
  /** Test and bench seams: API client tuning (retries, timeouts, limits, a limiter of its own). */
  client?: Pick<EvoClientOptions, 'retry' | 'retryDeps' | 'timeoutMs' | 'maxResponseBytes' | 'retryAfterCapMs' | 'limiter'>;
  /** Test seam: probe timing. */
  connectivity?: Omit<Partial<ConnectivityOptions>, 'probe'>;
  /** Test seam: how long a downloaded account listing answers "roots". */
  rootsMaxAgeMs?: number;
  log?: RouterLog;
}

export interface AppServices {
  router: Router<Channels, Events>;
  settings: SettingsStore;
  session: SessionService;
  connectivity: Connectivity;
  /** Customers, offline cache and bulk staging of the signed-in account (also used directly by the CLI). */
  workspaces: ConsoleWorkspaces;
  /** What the user must be told outside any call (damaged files rebuilt). */
  notices: Notices;
  /** The request limiter of each server and the person's request-rate ceiling. */
  limiters: ServerLimiters;
  /** Restores the saved session (and for npm run demo signs in to the sandbox). The Electron shell
   * and the e2e harness call it once at start; later calls return the same promise. Never
   * rejects: a failure is logged and told in a notice, and the state is answered as it is. */
  restoreSession(): Promise<SessionState>;
  /** Signs out; with keepCache false also deletes the signed-out user's offline copy. */
  signOut(keepCache: boolean): Promise<SessionState>;
  /** Ends requests still running, stops timers and closes databases. Idempotent. */
  close(): void;
}

const logger = {
  info: (message: string, fields?: Record<string, unknown>) => console.info(`[main] ${message}`, fields ?? ''),
  warn: (message: string, fields?: Record<string, unknown>) => console.warn(`[main] ${message}`, fields ?? ''),
};

export function createAppServices(options: AppServicesOptions): AppServices {
  const { dataDir } = options;
  const notices = new Notices();
  const settings = new SettingsStore({
    dir: dataDir,
    logger,
    onRecovery: ({ movedTo }) =>
      notices.add(`Your settings file was unreadable, so defaults are in use (server list and last account). The damaged file was kept as ${movedTo}.`),
  });
  if (options.sandboxUrl) {
    settings.setSandboxUrl(options.sandboxUrl);
    if (!settings.lastProfileId()) settings.setLastProfileId('sandbox');
  }
  const keychain = new Keychain({ logger, ...(options.keytar ? { keytar: options.keytar } : {}) });
  const limiters = new ServerLimiters(settings, options.client?.limiter);

  // Probes whichever server the session currently talks to.
  let currentBaseUrl: string | null = null;
  const connectivity = new Connectivity({
    ...options.connectivity,
    probe: (signal) => (currentBaseUrl ? httpProbe(currentBaseUrl)(signal) : Promise.resolve()),
  });

  const reportSetAside = setAsideReporter(notices);
  const session = new SessionService({
    settings,
    keychain,
    logger,
    createClient: ({ baseUrl, onAuthRequired }) => {
      currentBaseUrl = baseUrl;
      return new EvoClient({
        ...options.client,
        baseUrl,
        limiter: limiters.for(baseUrl),
        onAuthRequired,
        onOutcome: (o) => connectivity.onOutcome(o),
        // `workspaces` is built below; the client's hooks only fire once someone is signed in.
        onCustomers: (customers) => workspaces.writeThrough(customers),
        onSetAside: reportSetAside,
      });
    },
  });

  /** Says why the start-up restore (or the demo sign-in) did not work; the state stays as it is. */
  const tellStartFailure = (what: string, error: unknown): SessionState => {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn(`${what}.`, { message });
    notices.add(`${what} (${message}). Sign in to continue.`);
    return session.getState();
  };
  /** At start: the saved session; for npm run demo, a sign-in to the sandbox when there is none. */
  const restoreAndDemoSignIn = async (): Promise<SessionState> => {
    let state: SessionState;
    try {
      state = await session.restoreSession();
    } catch (error) {
      return tellStartFailure('Your saved session could not be restored', error);
    }
    const demo = options.demoSignIn;
    if (!demo || state.profile?.kind !== 'sandbox' || (state.status !== 'signedOut' && state.status !== 'signInRequired')) return state;
    try {
      return await session.signIn({ profileId: state.profile.id, email: demo.email, password: demo.password, rememberMe: true });
    } catch (error) {
      return tellStartFailure('The demo sign-in to the local sandbox failed', error);
    }
  };
  let restoring: Promise<SessionState> | undefined;
  const restoreSession = () => (restoring ??= restoreAndDemoSignIn());

  const signOut = async (keepCache: boolean) => {
    const before = session.getState();
    const state = await session.signOut();
    if (!keepCache && before.profile?.url && before.user && before.activeAccountId) {
      workspaces.deleteOfflineCopy({ server: before.profile.url, user: before.user.email, accountId: before.activeAccountId });
    }
    return state;
  };

  // Customers, offline cache and bulk staging of the signed-in account (console screens).
  const workspaces = new ConsoleWorkspaces({
    dataDir,
    session,
    connectivity,
    notices,
    requestRate: () => limiters.rate(currentBaseUrl),
    ...(options.rootsMaxAgeMs === undefined ? {} : { rootsMaxAgeMs: options.rootsMaxAgeMs }),
  });
  // Events from handlers go through the router, which exists only after the handlers.
  let emit: Router<Channels, Events>['emit'] = () => {};

  const handlers = createHandlers({
    appInfo: { name: PRODUCT_NAME, version: options.appVersion, host: options.host },
    session,
    settings,
    notices,
    connectivity: () => connectivity.snapshot(),
    sessionRestored: () => restoring ?? Promise.resolve(),
    signOut,
    console: {
      workspaces,
      isOffline: () => connectivity.isOffline,
      rateCeiling: { get: () => limiters.ceiling(), set: (perSecond) => limiters.setCeiling(perSecond, true) },
      exportsDir: path.join(dataDir, 'exports'),
      emit: (event, payload) => emit(event, payload),
    },
  });
  const router = createRouter({ channels: CHANNELS, events: EVENTS, handlers, checkSender: options.checkSender, log: options.log });
  emit = (event, payload) => router.emit(event, payload);

  const unsubscribe = [
    session.onStateChange((state) => router.emit('session:state', state)),
    connectivity.onChange((snapshot) => router.emit('connectivity:state', snapshot)),
    notices.onAdd((notice) => router.emit('app:notice', notice)),
  ];

  let closed = false;
  return {
    router,
    settings,
    session,
    connectivity,
    workspaces,
    notices,
    limiters,
    restoreSession,
    signOut,
    close() {
      if (closed) return;
      closed = true;
      for (const off of unsubscribe) off();
      // First: requests still running (a download, a plan) end now, before their files close.
      session.close();
      connectivity.dispose();
      workspaces.close();
    },
  };
}

/** How many set-aside items one notice names; the rest are counted. */
const NAMED_PER_NOTICE = 5;

/** Items the server sent that could not be read become a notice (once per customer and field
 * per app session, so a sync of a big account does not repeat itself). */
function setAsideReporter(notices: Notices): (items: SetAsideItem[]) => void {
  const reported = new Set<string>();
  return (items) => {
    const fresh = items.filter((i) => {
      const key = `${i.customerId ?? ''}\u0000${i.part}\u0000${i.field}`;
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    });
    if (fresh.length === 0) return;
    const named = fresh.slice(0, NAMED_PER_NOTICE).map(describeSetAside);
    const more = fresh.length > NAMED_PER_NOTICE ? `; and ${fresh.length - NAMED_PER_NOTICE} more` : '';
    notices.add(
      `While ${fresh[0]?.during ?? 'reading from the server'}, ${fresh.length === 1 ? 'one item' : `${fresh.length} items`} could not be read and ${fresh.length === 1 ? 'was' : 'were'} set aside (the rest was read as usual): ${named.join('; ')}${more}.`,
    );
  };
}

function describeSetAside(item: SetAsideItem): string {
  const who = item.customerId ? `customer ${item.customerId}` : 'an item without a readable id';
  const what = item.part === '' ? who : `${item.part} of ${who}`;
  // "tags[3] of customer c1 (expected object …)": the field is named once when it is the part left out.
  return `${what} (${item.field === item.part ? '' : `${item.field}: `}${item.problem})`;
}
