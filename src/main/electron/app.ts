/* The Electron shell: wires Electron's objects to the plain services. Everything that
 * matters is a call into a tested module; this file only orders them. The electron
 * module is passed in (not imported) so the unit tests can hand in a mock. */
import type * as Electron from 'electron';
import { createAppServices, type AppServices } from '../app-services';
import { appDataDir } from '../app-paths';
import { createSenderCheck } from '../ipc/sender';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import { denyAllPermissions, hardenApp } from './hardening';
import { bindRouterToIpc, webContentsSink } from './ipc-adapter';
import { applicationMenuTemplate } from './menu';
import { devRendererOrigin } from './navigation';
import { createMainWindow, focusWindow } from './window';

export type ElectronModule = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'Menu' | 'ipcMain' | 'protocol' | 'session' | 'shell' | 'screen'>;

export interface ShellPaths {
  preload: string;
  rendererRoot: string;
}

export interface ShellEnv {
  /** electron-vite dev's renderer URL (loopback only; ignored when packaged). */
  ELECTRON_RENDERER_URL?: string;
  /** Preselect the local sandbox at this URL (npm run demo). */
  EVO_SANDBOX_URL?: string;
  /** npm run demo: the demo user to sign in to that sandbox as. */
  EVO_DEMO_USER?: string;
  EVO_DEMO_PASSWORD?: string;
}

const log = {
  warn: (message: string, fields: Record<string, unknown>) => console.warn(`[shell] ${message}`, fields),
};

/** Returns false when another instance owns the lock (this one quits). */
export function startShell(electron: ElectronModule, paths: ShellPaths, env: ShellEnv): boolean {
  const { app, BrowserWindow, Menu, ipcMain, protocol, session, shell, screen } = electron;

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  // Every renderer sandboxed, whatever a window's options say (must precede ready).
  app.enableSandbox();
  // App and CLI share one data folder (settings, caches, journal).
  app.setPath('userData', appDataDir());
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
  hardenApp(app, shell, log);

  const devOrigin = app.isPackaged ? null : devRendererOrigin(env.ELECTRON_RENDERER_URL);
  let win: Electron.BrowserWindow | null = null;
  let services: AppServices | null = null;

  app.on('second-instance', () => focusWindow(win));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    services?.close();
    services = null;
  });

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    if (app.isPackaged) Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform)));
    protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererRoot));

    const windowIds = new Set<number>();
    services = createAppServices({
      dataDir: app.getPath('userData'),
      host: 'electron',
      appVersion: app.getVersion(),
      // Development/demo aid only: a packaged app never takes a server address from the environment.
      sandboxUrl: app.isPackaged ? undefined : env.EVO_SANDBOX_URL,
      demoSignIn: !app.isPackaged && env.EVO_SANDBOX_URL && env.EVO_DEMO_USER && env.EVO_DEMO_PASSWORD ? { email: env.EVO_DEMO_USER, password: env.EVO_DEMO_PASSWORD } : undefined,
      checkSender: createSenderCheck({
        allowedOrigins: devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN],
        isOurContents: (id) => windowIds.has(id),
      }),
    });
    bindRouterToIpc(ipcMain, services.router);
    // The saved session is restored while the window loads; the renderer reads the result.
    void services.restoreSession();

    win = createMainWindow({
      BrowserWindow,
      isPackaged: app.isPackaged,
      workAreas: () => screen.getAllDisplays().map((d) => d.workArea),
      store: services.settings,
      preloadPath: paths.preload,
    });
    const contentsId = win.webContents.id;
    windowIds.add(contentsId);
    const removeSink = services.router.addSink(webContentsSink(win.webContents));
    win.on('closed', () => {
      windowIds.delete(contentsId);
      removeSink();
      win = null;
    });
    void win.loadURL(devOrigin && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : APP_ENTRY_URL);
  });
  return true;
}
