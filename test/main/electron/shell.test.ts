/* src/main/index.ts + electron/app.ts with the `electron` module mocked: the order of
 * setup, single instance, userData, the privileged scheme, permissions, the window's
 * webPreferences and URL, IPC registration and the sender check on real channels. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as electronModule from 'electron';
import { appDataDir } from '../../../src/main/app-paths';
import { CHANNELS } from '../../../src/shared/ipc/contract';
import { FakeBrowserWindow, type FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

const electron = electronModule as unknown as FakeElectron;
const paths = { preload: '/app/out/preload/index.cjs', rendererRoot: '/app/out/renderer' };

beforeEach(() => {
  // Each test gets a fresh app-data folder (the shell sets userData to it).
  process.env.EVO_CONSOLE_HOME = mkdtempSync(path.join(tmpdir(), 'evo-shell-'));
  FakeBrowserWindow.instances.length = 0;
  vi.clearAllMocks();
  electron.app.removeAllListeners();
  electron.app.gotLock = true;
  electron.app.isPackaged = false;
  electron.ipcMain.handlers.clear();
});
afterEach(() => {
  delete process.env.EVO_CONSOLE_HOME;
});

async function start(env: Record<string, string> = {}) {
  const { startShell } = await import('../../../src/main/electron/app');
  const started = startShell(electron as never, paths, env);
  electron.app.fireReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances.length).toBe(started ? 1 : 0));
  return { started, win: FakeBrowserWindow.instances[0] };
}

describe('Electron shell', () => {
  it('index.ts starts the shell with the built preload and renderer paths', async () => {
    await import('../../../src/main/index');
    electron.app.fireReady();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    const prefs = FakeBrowserWindow.instances[0]!.options.webPreferences as { preload: string };
    expect(prefs.preload).toMatch(/out[\\/]preload[\\/]index\.cjs$|src[\\/]preload[\\/]index\.cjs$/);
  });

  it('takes the single-instance lock, shares the data folder, registers app:// as privileged before ready', async () => {
    const { win } = await start();
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', appDataDir());
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(win!.loadedUrl).toBe('app://console/index.html');
  });

  it('opens one window with the secure webPreferences', async () => {
    const { win } = await start();
    expect(win!.options.webPreferences).toMatchObject({
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('denies permissions and hardens every webContents (navigation, new windows)', async () => {
    const { win } = await start();
    const { defaultSession } = electron.session;
    const callback = vi.fn();
    defaultSession.setPermissionRequestHandler.mock.calls[0]![0]({}, 'geolocation', callback);
    expect(callback).toHaveBeenCalledWith(false);
    const prevent = vi.fn();
    win!.webContents.emit('will-navigate', { preventDefault: prevent }, 'https://evil.example/');
    expect(prevent).toHaveBeenCalled();
    expect(win!.webContents.windowOpenHandler!({ url: 'http://evovoice.io/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('registers every contract channel and answers only our window’s main frame at app://console', async () => {
    const { win } = await start();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(Object.keys(CHANNELS).sort());
    const info = electron.ipcMain.handlers.get('app:info')!;
    const ok = await info({ sender: win!.webContents, senderFrame: { url: 'app://console/index.html', parent: null } }, undefined);
    expect(ok).toEqual({ ok: true, value: { name: 'Evo Voice Console', version: '0.1.0-test', host: 'electron' } });
    const foreign = await info({ sender: win!.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, undefined);
    expect(foreign).toMatchObject({ ok: false, error: { kind: 'Forbidden' } });
    const sub = await info({ sender: win!.webContents, senderFrame: { url: 'app://console/index.html', parent: {} } }, undefined);
    expect(sub).toMatchObject({ ok: false, error: { kind: 'Forbidden' } });
  });

  it('in dev allows only a loopback ELECTRON_RENDERER_URL, never a remote one', async () => {
    const dev = await start({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' });
    expect(dev.win!.loadedUrl).toBe('http://localhost:5173/');
    FakeBrowserWindow.instances.length = 0;
    electron.app.removeAllListeners();
    const remote = await start({ ELECTRON_RENDERER_URL: 'https://evil.example/' });
    expect(remote.win!.loadedUrl).toBe('app://console/index.html');
  });

  it('quits when another instance holds the lock, and focuses the window on a second launch', async () => {
    electron.app.gotLock = false;
    const { started } = await start();
    expect(started).toBe(false);
    expect(electron.app.quit).toHaveBeenCalled();

    electron.app.gotLock = true;
    const { win } = await start();
    win!.minimized = true;
    electron.app.emit('second-instance');
    expect(win!.minimized).toBe(false);
    expect(win!.focused).toBe(1);
  });

  it('remembers the window bounds through the settings store', async () => {
    const first = await start();
    first.win!.maximized = true;
    first.win!.emit('close');
    FakeBrowserWindow.instances.length = 0;
    electron.app.removeAllListeners();
    const second = await start();
    expect(second.win!.options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700 });
    expect(second.win!.maximized).toBe(true);
  });

  it('npm run demo: EVO_SANDBOX_URL becomes the preselected Local sandbox, but never in a packaged app', async () => {
    await start({ EVO_SANDBOX_URL: 'http://127.0.0.1:4010' });
    const { SettingsStore } = await import('../../../src/main/settings/settings-store');
    const settings = new SettingsStore({ dir: process.env.EVO_CONSOLE_HOME! });
    expect(settings.profile('sandbox')?.url).toBe('http://127.0.0.1:4010');
    expect(settings.lastProfileId()).toBe('sandbox');

    process.env.EVO_CONSOLE_HOME = mkdtempSync(path.join(tmpdir(), 'evo-shell-'));
    FakeBrowserWindow.instances.length = 0;
    electron.app.removeAllListeners();
    electron.app.isPackaged = true;
    await start({ EVO_SANDBOX_URL: 'https://evil.example' });
    const packaged = new SettingsStore({ dir: process.env.EVO_CONSOLE_HOME });
    expect(packaged.profile('sandbox')?.url).toBe('');
  });

  it('reloads the page after a renderer crash, not after a clean exit', async () => {
    const { win } = await start();
    win!.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    win!.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(win!.webContents.reloads).toBe(1);
  });

  it('a page that keeps crashing is reloaded at most three times, then an error page says what to do', async () => {
    const { win } = await start();
    const entry = win!.loadedUrl;
    for (let i = 0; i < 5; i++) win!.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(win!.webContents.reloads).toBe(3);
    expect(win!.loadedUrl).not.toBe(entry);
    const page = decodeURIComponent((win!.loadedUrl ?? '').replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(page).toContain('The console window stopped working');
    expect(page).toContain('Quit the app and start it again');
    expect(page).not.toContain('<script');
  });

  it('a packaged build has no DevTools and no reload or DevTools menu items; development keeps the default menu', async () => {
    electron.app.isPackaged = true;
    const packaged = await start();
    expect(packaged.win!.options.webPreferences).toMatchObject({ devTools: false });
    const menu = JSON.stringify(electron.Menu.applied);
    expect(menu).toContain('editMenu');
    for (const role of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) expect(menu).not.toContain(`"${role}"`);
    electron.app.isPackaged = false;
    FakeBrowserWindow.instances.length = 0;
    electron.Menu.applied = undefined;
    const dev = await start();
    expect(dev.win!.options.webPreferences).toMatchObject({ devTools: true });
    expect(electron.Menu.applied).toBeUndefined();
  });
});
