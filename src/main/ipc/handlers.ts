/* One handler per contract channel, bound to the services. The `Handlers<Channels>`
 * type makes a missing or mistyped handler a compile error. Handlers receive requests
 * already validated by the router; they throw AppError for expected failures. */
import type { Channels, AppInfo } from '../../shared/ipc/contract';
import type { Handlers } from './router';

export interface HandlerDeps {
  appInfo: AppInfo;
}

export function createHandlers(deps: HandlerDeps): Handlers<Channels> {
  return {
    'app:info': () => deps.appInfo,
  };
}
