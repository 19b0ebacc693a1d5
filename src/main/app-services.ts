/* The composition root: builds every main-process service for one app-data folder and
 * the IPC router bound to them. Used by the Electron shell, the end-to-end harness (with
 * a Playwright transport instead of ipcMain) and later the CLI. Only the transport
 * differs between them: services, handlers and events are exactly the same. */
import { CHANNELS, EVENTS } from '../shared/ipc/contract';
import type { AppInfo, Channels, Events } from '../shared/ipc/contract';
import { PRODUCT_NAME } from './app-paths';
import { createHandlers } from './ipc/handlers';
import { createRouter, type Router, type RouterLog } from './ipc/router';
import type { SenderCheck } from './ipc/sender';
import { SettingsStore } from './settings/settings-store';

export interface AppServicesOptions {
  /** The app-data folder (settings, caches, journal). */
  dataDir: string;
  host: AppInfo['host'];
  appVersion: string;
  /** Who may call the router (depends on the transport). */
  checkSender: SenderCheck;
  /** URL of a running local sandbox (npm run demo, e2e): becomes the "Local sandbox" profile. */
  sandboxUrl?: string;
  log?: RouterLog;
}

export interface AppServices {
  router: Router<Channels, Events>;
  settings: SettingsStore;
  /** Stops timers and closes databases. Idempotent. */
  close(): void;
}

export function createAppServices(options: AppServicesOptions): AppServices {
  const settings = new SettingsStore({ dir: options.dataDir });
  const handlers = createHandlers({
    appInfo: { name: PRODUCT_NAME, version: options.appVersion, host: options.host },
  });
  const router = createRouter({ channels: CHANNELS, events: EVENTS, handlers, checkSender: options.checkSender, log: options.log });
  let closed = false;
  return {
    router,
    settings,
    close() {
      if (closed) return;
      closed = true;
    },
  };
}
