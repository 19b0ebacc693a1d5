/* Electron security settings, in one place so unit tests (with `electron` mocked) can
 * assert every one of them. See docs/SECURITY.md. */
import type { App, Session, Shell, WebContents, WebPreferences } from 'electron';
import { isSafeExternalUrl } from './navigation';

/** The renderer runs as an untrusted web page: isolated, sandboxed, no Node. */
export function secureWebPreferences(preloadPath: string, { devTools = true }: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    // A packaged build has no DevTools (nor the menu items that open them, see menu.ts).
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Deny every permission (camera, notifications, geolocation, …): the console needs none. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export interface HardeningLog {
  warn(message: string, fields: Record<string, unknown>): void;
}

/** Navigation, new windows and <webview> for one webContents: the app is a single page
 * that never navigates; links open in the user's browser only when they are https. */
export function hardenWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>, log: HardeningLog): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log.warn('navigation denied', { url: String(url).slice(0, 200) });
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    log.warn('redirect denied', { url: String(url).slice(0, 200) });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview denied', {});
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      void shell.openExternal(url).catch((e: unknown) => log.warn('openExternal failed', { message: e instanceof Error ? e.message : String(e) }));
    } else {
      log.warn('window.open denied', { url: String(url).slice(0, 200) });
    }
    return { action: 'deny' };
  });
}

/** Applies hardenWebContents to every webContents the app ever creates (windows, and
 * anything a compromised page might spawn). */
export function hardenApp(app: Pick<App, 'on'>, shell: Pick<Shell, 'openExternal'>, log: HardeningLog): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell, log));
}
