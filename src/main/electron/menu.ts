/* The application menu. A packaged build has no way into DevTools and no reload (a reload loses
 * what the page holds; DevTools would let anyone at the keyboard script the signed-in window):
 * only editing (copy/paste in text fields), window handling and quit. Development keeps
 * Electron's default menu. */
import type { MenuItemConstructorOptions } from 'electron';

export function applicationMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const, submenu: [{ role: 'about' as const }, { type: 'separator' as const }, { role: 'hide' as const }, { role: 'hideOthers' as const }, { role: 'unhide' as const }, { type: 'separator' as const }, { role: 'quit' as const }] }] : []),
    ...(mac ? [] : [{ label: 'File', submenu: [{ role: 'quit' as const }] }]),
    { role: 'editMenu' },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, ...(mac ? [{ role: 'front' as const }] : [{ role: 'close' as const }])] },
  ];
}

/** Roles that must never be in a packaged build's menu. */
export const DEVELOPER_ROLES = ['reload', 'forceReload', 'toggleDevTools'] as const;
