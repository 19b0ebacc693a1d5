/* Light or dark: follows the operating system unless the user chose one (a preference of this
 * computer). Chakra's dark tokens apply under `.dark` on <html>; `color-scheme` makes native
 * controls and scroll bars match. */
import { useEffect, useSyncExternalStore } from 'react';
import { create } from 'zustand';
import { oneOf, PREFERENCE_KEYS, readPreference, writePreference } from './preferences';

export type ColorModePreference = 'system' | 'light' | 'dark';
export type ColorMode = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

interface ColorModeState {
  preference: ColorModePreference;
  setPreference(preference: ColorModePreference): void;
}

export const useColorModeStore = create<ColorModeState>()((set) => ({
  preference: readPreference<ColorModePreference>(PREFERENCE_KEYS.colorMode, oneOf('system', 'light', 'dark'), 'system'),
  setPreference: (preference) => {
    writePreference(PREFERENCE_KEYS.colorMode, preference);
    set({ preference });
  },
}));

function systemIsDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

function subscribeToSystem(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const query = matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

export function resolveColorMode(preference: ColorModePreference, systemDark: boolean): ColorMode {
  return preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;
}

export function applyColorMode(mode: ColorMode, root: HTMLElement = document.documentElement): void {
  root.classList.toggle('dark', mode === 'dark');
  root.classList.toggle('light', mode === 'light');
  root.style.colorScheme = mode;
}

/** The mode in force; mounted once by the app, which also applies it to the page. */
export function useColorMode(): ColorMode {
  const preference = useColorModeStore((s) => s.preference);
  const systemDark = useSyncExternalStore(subscribeToSystem, systemIsDark, () => false);
  const mode = resolveColorMode(preference, systemDark);
  useEffect(() => applyColorMode(mode), [mode]);
  return mode;
}
