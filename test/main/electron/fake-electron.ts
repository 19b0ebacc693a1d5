/* The ONE allowed mock: a stand-in for the `electron` module (the binary cannot run
 * here). It records what the shell configures so tests assert the settings themselves.
 * Used as `vi.mock('electron', () => import('./fake-electron').then((m) => m.createFakeElectron()))`. */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: [string, unknown][] = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return this.destroyed;
  }
  reloads = 0;
  reload() {
    this.reloads++;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  minimized = false;
  maximized = false;
  focused = 0;
  shown = 0;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    fake?.app.emit('web-contents-created', {}, this.webContents);
  }
  isDestroyed() {
    return false;
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  focus() {
    this.focused++;
  }
  show() {
    this.shown++;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1000, height: 700 };
  }
}

export function createFakeElectron() {
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => (resolveReady = r));
  const userData = mkdtempSync(path.join(tmpdir(), 'evo-fake-userdata-'));
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    gotLock: true,
    paths: new Map<string, string>([['userData', userData]]),
    requestSingleInstanceLock: vi.fn(() => app.gotLock),
    quit: vi.fn(),
    enableSandbox: vi.fn(),
    setPath: vi.fn((name: string, value: string) => app.paths.set(name, value)),
    getPath: vi.fn((name: string) => app.paths.get(name) ?? ''),
    getVersion: vi.fn(() => '0.1.0-test'),
    whenReady: vi.fn(() => ready),
    fireReady: () => resolveReady(),
  });
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handlers,
    handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn(),
  };
  const shell = { openExternal: vi.fn(async () => {}) };
  const Menu = {
    applied: undefined as unknown,
    buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
    setApplicationMenu: vi.fn((menu: unknown) => {
      Menu.applied = menu;
    }),
  };
  const screen = { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]) };
  const contextBridge = { exposeInMainWorld: vi.fn() };
  const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn(async () => ({ ok: true, value: null })) });
  const electron = { app, ipcMain, session: { defaultSession }, protocol, shell, screen, Menu, BrowserWindow: FakeBrowserWindow, contextBridge, ipcRenderer };
  fake = electron;
  return electron;
}

/** The current fake, so a new window can announce its webContents like Electron's app does. */
let fake: { app: EventEmitter } | undefined;
export type FakeElectron = ReturnType<typeof createFakeElectron>;
