/* The app-data folder shared by the desktop app and the CLI (settings, caches, journal).
 * It equals Electron's default `userData` for productName "Evo Voice Console", so the
 * Electron main only has to call app.setPath('userData', appDataDir()) to make both agree
 * (and so a user who moves the folder with EVO_CONSOLE_HOME moves it for both). */
import { homedir } from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Evo Voice Console';
/** Overrides the folder completely (tests, portable installs, several identities). */
export const APP_HOME_ENV = 'EVO_CONSOLE_HOME';

export interface AppPathsInput {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homedir: string;
}

/** Pure: the app-data folder for an environment, platform and home folder. */
export function resolveAppDataDir({ env, platform, homedir: home }: AppPathsInput): string {
  const override = env[APP_HOME_ENV]?.trim();
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (override) return p.resolve(override);
  switch (platform) {
    case 'win32':
      // Electron's appData on Windows is %APPDATA% (Roaming).
      return p.join(env.APPDATA || p.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return p.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default: {
      // Electron (via Chromium's base::nix) honours XDG_CONFIG_HOME only when it is absolute.
      const xdg = env.XDG_CONFIG_HOME;
      return p.join(xdg && p.isAbsolute(xdg) ? xdg : p.join(home, '.config'), PRODUCT_NAME);
    }
  }
}

/** The app-data folder of this process. */
export function appDataDir(): string {
  return resolveAppDataDir({ env: process.env, platform: process.platform, homedir: homedir() });
}
