/* One handler per contract channel, bound to the services. The `Handlers<Channels>`
 * type makes a missing or mistyped handler a compile error. Handlers receive requests
 * already validated by the router; they throw AppError for expected failures. */
import type { Channels, AppInfo } from '../../shared/ipc/contract';
import type { ConnectivitySnapshot } from '../../shared/connectivity';
import type { SessionService } from '../session/session-service';
import type { SettingsStore } from '../settings/settings-store';
import type { Notices } from '../notices';
import type { Handlers } from './router';
import { createConsoleHandlers, type ConsoleHandlerDeps } from './console-handlers';

export interface HandlerDeps {
  appInfo: AppInfo;
  session: SessionService;
  settings: SettingsStore;
  notices: Notices;
  connectivity(): ConnectivitySnapshot;
  /** Settles when the start-up restore of the saved session has finished (see createAppServices). */
  sessionRestored(): Promise<unknown>;
  /** Signs out; with keepCache false also deletes the signed-out user's offline copy. */
  signOut(keepCache: boolean): ReturnType<SessionService['signOut']>;
  /** The console screens' channels (customers, bulk staging, runs): see console-handlers.ts. */
  console: ConsoleHandlerDeps;
}

export function createHandlers(deps: HandlerDeps): Handlers<Channels> {
  const { session, settings } = deps;
  return {
    'app:info': () => deps.appInfo,
    'app:notices': () => deps.notices.list(),
    'app:dismissNotice': ({ id }) => deps.notices.dismiss(id),

    'session:getState': async () => {
      await deps.sessionRestored();
      return session.getState();
    },
    'session:listProfiles': () => session.profiles(),
    'session:addProfile': ({ label, url }) => settings.addCustomProfile(label, url),
    'session:selectProfile': ({ profileId }) => session.selectProfile(profileId),
    'session:signIn': (request) => session.signIn(request),
    'session:selectAccount': ({ accountId }) => session.selectAccount(accountId),
    'session:cancelSignIn': () => session.cancelSignIn(),
    'session:signOut': ({ keepCache }) => deps.signOut(keepCache),

    'connectivity:getState': () => deps.connectivity(),

    ...createConsoleHandlers(deps.console),
  };
}
