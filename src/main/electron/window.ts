/* The one app window: secure webPreferences, remembered bounds, shown once painted. */
import type { BrowserWindow as BrowserWindowType, Rectangle } from 'electron';
import { createCrashPolicy, crashPageUrl } from './crash-policy';
import { secureWebPreferences } from './hardening';
import { restoreWindowState, type Rect, type WindowState, type WindowStateStore } from './window-state';

export interface MainWindowDeps {
  BrowserWindow: typeof BrowserWindowType;
  /** Packaged builds get no DevTools. */
  isPackaged: boolean;
  workAreas(): Rect[];
  store: WindowStateStore;
  preloadPath: string;
}

export function createMainWindow({ BrowserWindow, isPackaged, workAreas, store, preloadPath }: MainWindowDeps): BrowserWindowType {
  const state = restoreWindowState(store.windowState(), workAreas());
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Evo Voice Console',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath, { devTools: !isPackaged }),
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  // A crashed or killed renderer leaves a blank window: reload it (the session, cache and any
  // running bulk job live in main and carry on; the page re-reads them), but not forever.
  const onCrash = createCrashPolicy();
  let crashCount = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    console.warn('[shell] renderer gone', { reason: details.reason, exitCode: details.exitCode });
    const action = onCrash(details.reason);
    if (action === 'ignore' || win.isDestroyed()) return;
    crashCount++;
    if (action === 'reload') win.webContents.reload();
    else void win.loadURL(crashPageUrl(crashCount));
  });

  // Save on close (not on every move): the normal bounds, so un-maximising later
  // restores a sensible size.
  win.on('close', () => {
    const b: Rectangle = win.getNormalBounds();
    const next: WindowState = { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
    try {
      store.setWindowState(next);
    } catch {
      // Losing the window position is not worth blocking the close.
    }
  });
  return win;
}

/** Bring an existing window to the front (second instance started). */
export function focusWindow(win: Pick<BrowserWindowType, 'isMinimized' | 'restore' | 'focus' | 'show'> | null): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
