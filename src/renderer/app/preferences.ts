/* Preferences of this computer, not of the work: colour mode, the list/detail split, column
 * widths. Kept in the renderer's localStorage (the app:// origin is fixed, so they survive
 * restarts; nothing secret or user-specific goes here), and they survive sign-out on purpose.
 * A missing, damaged or out-of-range value reads as the default. */
import type { z } from 'zod';

export const PREFERENCE_KEYS = {
  colorMode: 'evo.colorMode',
  columnSizes: 'evo.columnSizes',
  /** react-resizable-panels stores the split under this id (prefixed by the library). */
  consoleSplit: 'evo.consoleSplit',
} as const;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: preferences last for this window only
  }
}

export function readPreference<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = storage()?.getItem(key);
  if (raw === null || raw === undefined) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export function writePreference(key: string, value: unknown): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: the preference lasts for this window only.
  }
}

/** For react-resizable-panels' useDefaultLayout (its own JSON); null when storage is unavailable. */
export function layoutStorage(): Pick<Storage, 'getItem' | 'setItem'> | undefined {
  return storage() ?? undefined;
}
